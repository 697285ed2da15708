#include "markdownreport.h"

#include "common/policycost.h"

#include "config/textdiff.h"

#include <QStringList>

namespace SandboxDoctor::Ui {

namespace {

QString code(const QString &text)
{
    return QLatin1Char('`') + text + QLatin1Char('`');
}

QString installLine(const CodexInstall &install)
{
    const QString version = install.version ? install.version->toString()
                                            : (install.error ? install.error->message : QStringLiteral("unknown"));
    return QStringLiteral("%1 — %2 (%3)").arg(code(install.path), version, codexSourceName(install.source));
}

} // namespace

QString markdownReport(const Diagnosis &d, const QString &appVersion)
{
    QStringList out;
    out << QStringLiteral("## Codex Sandbox Doctor report") << QString();
    out << QStringLiteral("_codex-sandbox-doctor %1_").arg(appVersion) << QString();

    out << QStringLiteral("### Codex");
    if (d.codex.chosen) {
        out << QStringLiteral("- Chosen: %1").arg(installLine(*d.codex.chosen));
        for (const CodexInstall &install : d.codex.installs) {
            if (install.path != d.codex.chosen->path)
                out << QStringLiteral("- Also installed: %1").arg(installLine(install));
        }
        if (d.codex.versionsDisagree())
            out << QStringLiteral("- **Warning:** the installs report different versions.");
    } else {
        out << QStringLiteral("- Not found%1").arg(d.codex.error ? QStringLiteral(": ") + d.codex.error->message : QString());
    }
    out << QStringLiteral("- Version used by the policy: %1")
               .arg(d.codexVersion ? code(d.codexVersion->toString()) : QStringLiteral("unknown"));
    out << QString();

    out << QStringLiteral("### Platform");
    out << QStringLiteral("- %1 — %2, %3%4")
               .arg(code(d.platform.name), d.platform.os.isEmpty() ? QStringLiteral("unknown OS") : d.platform.os,
                    d.platform.arch, d.platform.simulated ? QStringLiteral(" (simulated)") : QString());
    out << QString();

    out << QStringLiteral("### Policy");
    out << QStringLiteral("- sandbox_mode: %1").arg(code(sandboxModeName(d.policy.mode)));
    if (d.policy.mode == SandboxMode::WorkspaceWrite)
        out << QStringLiteral("- network_access: %1").arg(code(d.policy.networkAccess ? QStringLiteral("true") : QStringLiteral("false")));
    out << QStringLiteral("- Reason: %1").arg(d.policy.reason);
    if (!d.policy.hint.isEmpty())
        out << QStringLiteral("- Hint: %1").arg(d.policy.hint);
    if (const QString cost = policyCost(d.policy, d.platform.platform); !cost.isEmpty())
        out << QStringLiteral("- Cost: %1").arg(cost);
    // What Codex will run instead of what the block asks for, as the overview says it.
    if (d.config)
        out << QStringLiteral("- %1").arg(d.analysis.effective.sentence());
    out << QString();

    out << QStringLiteral("### config.toml");
    if (d.config) {
        out << QStringLiteral("- Path: %1").arg(code(d.config->path));
        out << QStringLiteral("- Exists: %1").arg(d.config->exists ? QStringLiteral("yes") : QStringLiteral("no"));
        out << QStringLiteral("- Managed block: %1").arg(code(blockStateName(d.analysis.block)));
    } else {
        out << QStringLiteral("- Cannot be read: %1").arg(d.config.error().toText());
    }
    if (d.analysis.findings.isEmpty()) {
        out << QStringLiteral("- Findings: none");
    } else {
        out << QString() << QStringLiteral("| Severity | Code | Line | Message | Fix |")
            << QStringLiteral("|---|---|---|---|---|");
        for (const Finding &f : d.analysis.findings) {
            auto cell = [](QString text) { return text.replace(QLatin1Char('|'), QStringLiteral("\\|")).replace(QLatin1Char('\n'), QLatin1Char(' ')); };
            out << QStringLiteral("| %1 | %2 | %3 | %4 | %5 |")
                       .arg(severityName(f.severity), code(f.code), f.line > 0 ? QString::number(f.line) : QStringLiteral("—"),
                            cell(f.message), cell(f.fix));
        }
    }
    out << QString();

    out << QStringLiteral("### Proposed change");
    if (!d.proposal) {
        out << QStringLiteral("No safe change: %1").arg(d.proposal.error().toText());
    } else if (!d.proposal->changed) {
        out << QStringLiteral("None: the file is current.");
    } else {
        out << QStringLiteral("```diff") << unifiedDiff(d.proposal->before, d.proposal->after).trimmed()
            << QStringLiteral("```");
    }
    out << QString();
    return out.join(QLatin1Char('\n'));
}

} // namespace SandboxDoctor::Ui
