#include "report/statusreport.h"

#include "common/policycost.h"
#include "report/effectivereport.h"
#include "report/jsonshapes.h"

#include <QDir>
#include <QJsonArray>

#include <algorithm>

namespace SandboxDoctor {

namespace {

std::optional<Error> configError(const Diagnosis &d)
{
    if (!d.config)
        return d.config.error();
    if (!d.proposal)
        return d.proposal.error();
    return std::nullopt;
}

// The multica daemon's named blocks (ConfigAnalysis::namedBlocks), for `config`.
QJsonArray namedBlocksJson(const QList<NamedBlock> &blocks)
{
    QJsonArray array;
    for (const NamedBlock &block : blocks) {
        array.append(QJsonObject{{QStringLiteral("name"), block.name},
                                 {QStringLiteral("begin_line"), block.beginLine},
                                 {QStringLiteral("end_line"), block.endLine}});
    }
    return array;
}

QString policyText(const SandboxPolicy &policy)
{
    QString text = sandboxModeName(policy.mode);
    if (policy.mode == SandboxMode::WorkspaceWrite)
        text += policy.networkAccess ? QStringLiteral(" with network access") : QStringLiteral(" without network access");
    return text;
}

} // namespace

QString diagnosedConfigPath(const Diagnosis &d)
{
    if (d.config)
        return d.config->path;
    return QDir(d.codexHome).filePath(QStringLiteral("config.toml"));
}

QJsonObject statusConfigToJson(const Diagnosis &d)
{
    QJsonObject config{{QStringLiteral("path"), diagnosedConfigPath(d)},
                       {QStringLiteral("exists"), d.config && d.config->exists},
                       {QStringLiteral("block"), blockStateName(d.analysis.block)},
                       {QStringLiteral("findings"), findingsToJson(d.analysis.findings)},
                       {QStringLiteral("named_blocks"), namedBlocksJson(d.analysis.namedBlocks)},
                       {QStringLiteral("sha256"),
                        d.config ? QJsonValue(QString::fromLatin1(d.config->sha256Hex())) : QJsonValue()}};
    const std::optional<Error> error = configError(d);
    config.insert(QStringLiteral("error"), error ? QJsonValue(error->toText()) : QJsonValue());
    // config-zero-filled: the backup its fix restores.
    const std::optional<RestoreCandidate> &backup = d.analysis.restoreCandidate;
    config.insert(QStringLiteral("restore_backup"),
                  backup ? QJsonValue(QJsonObject{{QStringLiteral("name"), backup->name},
                                                  {QStringLiteral("path"), backup->path}})
                         : QJsonValue());
    return config;
}

QJsonObject statusToJson(const Diagnosis &d)
{
    QJsonObject platform{{QStringLiteral("name"), d.platform.name},
                         {QStringLiteral("os"), d.platform.os},
                         {QStringLiteral("arch"), d.platform.arch}};
    QJsonObject root{{QStringLiteral("codex"), codexToJson(d.codex, d.codexVersion)},
                     {QStringLiteral("platform"), platform},
                     {QStringLiteral("policy"), policyToJson(d.policy, d.platform.platform, d.presetChosen,
                                                             d.policyChoice.toText())},
                     {QStringLiteral("config"), statusConfigToJson(d)}};
    // What Codex will enforce: known only once config.toml was read.
    root.insert(QStringLiteral("effective"), d.config ? QJsonValue(effectiveToJson(d.analysis)) : QJsonValue());
    return root;
}

QString policyNextStep(const Diagnosis &d)
{
    const bool configErrors = std::any_of(d.analysis.findings.cbegin(), d.analysis.findings.cend(),
                                          [](const Finding &f) { return f.severity == Severity::Error; });
    if (!configErrors || !d.policy.hintSaysNothingToDo)
        return d.policy.hint;
    return QStringLiteral("The policy needs nothing more, but the errors under Findings below do: fix them first.");
}

QString statusToText(const Diagnosis &d)
{
    QString out;
    auto line = [&out](const QString &label, const QString &text) {
        out += label.leftJustified(10) + text + QLatin1Char('\n');
    };
    const QString indent(10, QLatin1Char(' '));

    if (d.codex.chosen) {
        const CodexInstall &c = *d.codex.chosen;
        QString text = c.path.isEmpty() ? QStringLiteral("(not run)") : c.path;
        text += QStringLiteral(" — ") + (d.codexVersion ? d.codexVersion->toString() : QStringLiteral("version unknown"));
        text += QStringLiteral(" (") + codexSourceName(c.source) + QLatin1Char(')');
        line(QStringLiteral("Codex"), text);
    } else {
        line(QStringLiteral("Codex"), QStringLiteral("not found"));
    }
    if (const QString error = codexErrorText(d.codex); !error.isEmpty())
        out += indent + error + QLatin1Char('\n');
    for (qsizetype i = 1; i < d.codex.installs.size(); ++i) {
        const CodexInstall &other = d.codex.installs[i];
        out += indent + QStringLiteral("also: %1 — %2 (%3)\n")
                            .arg(other.path,
                                 other.version ? other.version->toString() : QStringLiteral("version unknown"),
                                 codexSourceName(other.source));
    }
    if (d.codex.versionsDisagree())
        out += indent + QStringLiteral("The installs report different versions: the daemon may run another one.\n");

    line(QStringLiteral("Platform"), QStringLiteral("%1 (%2, %3)%4")
                                         .arg(d.platform.name, d.platform.os, d.platform.arch,
                                              d.platform.simulated ? QStringLiteral(", simulated") : QString()));
    line(QStringLiteral("Policy"), policyText(d.policy));
    out += indent + QStringLiteral("preset: %1 (%2)\n")
                        .arg(d.policy.preset == PolicyPreset::Custom ? d.policyChoice.toText()
                                                                      : policyPresetName(d.policy.preset),
                             d.presetChosen ? QStringLiteral("chosen")
                                            : QStringLiteral("default; --policy or Settings chooses another"));
    if (!d.policy.reason.isEmpty())
        out += indent + QStringLiteral("why: ") + d.policy.reason + QLatin1Char('\n');
    if (!d.policy.hint.isEmpty())
        out += indent + QStringLiteral("next: ") + policyNextStep(d) + QLatin1Char('\n');
    if (const QString cost = policyCost(d.policy, d.platform.platform); !cost.isEmpty())
        out += indent + QStringLiteral("cost: ") + cost + QLatin1Char('\n');
    if (d.config) {
        for (const QString &text : effectiveToText(d.analysis))
            out += indent + text + QLatin1Char('\n');
    }

    line(QStringLiteral("Config"), diagnosedConfigPath(d));
    if (d.config) {
        out += indent + (d.config->exists ? QStringLiteral("block: ") + blockStateName(d.analysis.block)
                                          : QStringLiteral("no config.toml yet (apply creates it)"))
               + QLatin1Char('\n');
        if (!d.analysis.namedBlocks.isEmpty()) {
            QStringList blocks;
            for (const NamedBlock &block : d.analysis.namedBlocks)
                blocks << QStringLiteral("%1 (lines %2-%3)").arg(block.name).arg(block.beginLine).arg(block.endLine);
            out += indent + QStringLiteral("daemon blocks: ") + blocks.join(QStringLiteral(", ")) + QLatin1Char('\n');
        }
        if (d.proposal && d.config->exists)
            out += indent + (d.proposal->changed ? QStringLiteral("apply would change it (see diff)")
                                                 : QStringLiteral("already as apply would write it"))
                   + QLatin1Char('\n');
    }
    if (const std::optional<Error> error = configError(d))
        out += indent + QStringLiteral("error: ") + error->toText().replace(QLatin1Char('\n'), QLatin1Char('\n') + indent)
               + QLatin1Char('\n');

    if (!d.analysis.findings.isEmpty()) {
        out += QStringLiteral("Findings\n");
        for (const Finding &f : d.analysis.findings) {
            out += QStringLiteral("  %1 %2").arg(severityName(f.severity), f.code);
            if (f.line > 0)
                out += QStringLiteral(" (line %1)").arg(f.line);
            out += QStringLiteral(": ") + f.message + QLatin1Char('\n');
            if (!f.fix.isEmpty())
                out += QStringLiteral("      fix: ") + f.fix + QLatin1Char('\n');
        }
    }
    return out;
}

} // namespace SandboxDoctor
