#include "config/sandboxchecks_p.h"

#include "config/effectivesandbox_p.h"
#include "config/keychecks_p.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace SandboxDoctor {

namespace {

QString policyText(const SandboxPolicy &policy)
{
    QString text = sandboxModeName(policy.mode);
    if (policy.mode == SandboxMode::WorkspaceWrite)
        text += policy.networkAccess ? QStringLiteral(" with network access") : QStringLiteral(" without network access");
    return QStringLiteral("%1 (filesystem %2, network %3)")
        .arg(text, filesystemSandboxName(policyFilesystem(policy)), networkSandboxName(policyNetwork(policy)));
}

QString effectiveText(const EffectiveSandbox &e)
{
    return QStringLiteral("%1 (filesystem %2, network %3)")
        .arg(sandboxModeName(e.mode), filesystemSandboxName(e.filesystem), networkSandboxName(e.network));
}

// What the file apply would write gives, when the engine could plan it.
std::optional<EffectiveSandbox> afterApply(const SandboxCheckInput &in)
{
    if (!in.afterApply)
        return std::nullopt;
    return effectiveSandboxOf(parseConfigForRules(*in.afterApply), true, in.context.codexVersion);
}

// How to mend a value Codex refuses by hand, by the key at fault.
QString manualRefusalFix(const CodexRefusal &refusal, const QString &codexHome)
{
    const QString &about = refusal.about;
    if (about == QLatin1String("profile")) {
        const QString name = refusal.message.section(QLatin1Char('"'), 1, -2);
        return QStringLiteral("Move the values of [profiles.%1] into %2, delete the `profile` line, and start Codex "
                              "with `codex --profile %1`.")
            .arg(name, QDir(codexHome).filePath(name + QStringLiteral(".config.toml")));
    }
    if (about.endsWith(QLatin1String("sandbox_mode")))
        return QStringLiteral("Set %1 to \"read-only\", \"workspace-write\" or \"danger-full-access\".").arg(about);
    if (about.endsWith(QLatin1String("network_access")) || about.endsWith(QLatin1String("network.enabled")))
        return QStringLiteral("Set %1 to true or false, without quotes.").arg(about);
    if (about == QLatin1String("windows.sandbox"))
        return QStringLiteral("Set sandbox under [windows] to \"elevated\", \"unelevated\" or (Codex 0.160 and "
                              "newer) \"mxc\".");
    if (about == QLatin1String("default_permissions"))
        return QStringLiteral("Set default_permissions to \":read-only\", \":workspace\", \":danger-full-access\" or "
                              "the name of a [permissions.<name>] table, or remove it.");
    if (about == QLatin1String("permissions"))
        return QStringLiteral("Set default_permissions to the profile to use, or remove the [permissions] tables.");
    if (about.startsWith(QLatin1String("permissions.")))
        return QStringLiteral("Fix %1 as the message says (a profile may extend only \":read-only\", \":workspace\" "
                              "or another profile), or remove default_permissions.")
            .arg(about);
    return QStringLiteral("Fix %1 as the message says, then check again.").arg(about);
}

void addRefusals(ConfigAnalysis &analysis, const SandboxCheckInput &in, const std::optional<EffectiveSandbox> &after)
{
    const EffectiveSandbox &e = analysis.effective;
    if (!e.refusal || !e.refusal->codexWording)
        return;  // not TOML at all: the engine's config-invalid says where
    QList<CodexRefusal> all{*e.refusal};
    all += e.otherRefusals;
    const QString rules = e.rulesVersion.toString();
    for (const CodexRefusal &refusal : std::as_const(all)) {
        const bool legacy = refusal.about == QLatin1String("profile") && !refusal.message.startsWith(QLatin1String("invalid"));
        QString fix;
        if (after && after->runs() && legacy) {
            const QString name = refusal.message.section(QLatin1Char('"'), 1, -2);
            fix = QStringLiteral("Run apply: it moves the values of [profiles.%1] to %2, removes the `profile` line "
                                 "and the table (Undo puts both files back), and Codex %3 loads the file it writes "
                                 "(%4). Start Codex with `codex --profile %1` to use the profile.")
                      .arg(name, QDir(in.context.codexHome).filePath(name + QStringLiteral(".config.toml")), rules,
                           after->summary());
        } else if (after && after->runs()) {
            fix = QStringLiteral("Run apply: Codex %1 loads the file it writes (%2).").arg(rules, after->summary());
        }
        else {
            fix = manualRefusalFix(refusal, in.context.codexHome)
                  + QStringLiteral(" Apply leaves this line as it is.");
        }
        analysis.findings.append(
            {QString(legacy ? FindingCode::LegacyProfile : FindingCode::CodexRefuses), Severity::Error,
             QStringLiteral("Codex %1 refuses to load config.toml: %2.").arg(rules, refusal.describe()), refusal.line,
             fix});
    }
}

bool insideBlock(const QList<LineRange> &blocks, int line)
{
    return std::any_of(blocks.cbegin(), blocks.cend(), [line](const LineRange &r) { return r.contains(line); });
}

// Another sandbox than the policy's, decided by a line outside the managed
// block. A stale block or a missing one is block-stale's or block-absent's to
// report (apply fixes those); this is about settings that defeat the policy.
void addOverridden(ConfigAnalysis &analysis, const SandboxCheckInput &in, const std::optional<EffectiveSandbox> &after)
{
    const EffectiveSandbox &e = analysis.effective;
    const std::optional<PolicyDefeat> defeat = policyDefeat(e, in.policy);
    if (!defeat || insideBlock(in.managedBlocks, defeat->setting.line))
        return;
    QString message = QStringLiteral("Codex will run %1, not the policy's %2: %3 decides, because %4.")
                          .arg(effectiveText(e), policyText(in.policy), defeat->setting.describe(), defeat->reason);
    if (e.mayDiffer)
        message += QLatin1Char(' ') + e.versionNote;
    QString fix;
    if (after && matchesPolicy(*after, in.policy)) {
        if (e.decidedBy.key == QLatin1String("default_permissions") && after->decider == SandboxDecider::SandboxMode)
            fix = QStringLiteral("Run apply: it comments out %1 in place, with a one-line reason above it, and keeps "
                                 "every [permissions.<name>] table as it is; afterwards Codex runs the policy's "
                                 "sandbox (%2). Undo (restore) brings the line back.")
                      .arg(e.decidedBy.describe(), after->summary());
        else
            fix = QStringLiteral("Run apply: afterwards Codex runs the policy's sandbox (%1).").arg(after->summary());
    } else {
        fix = QStringLiteral("Comment out %1 (line %2) so that the managed block decides, or change it to agree "
                             "with the policy.")
                  .arg(defeat->setting.key)
                  .arg(defeat->setting.line);
        if (after && after->runs())
            fix += QStringLiteral(" Apply alone does not change this: after apply Codex still runs %1, decided by %2.")
                       .arg(after->summary(), after->decidedBy.isSet() ? after->decidedBy.key
                                                                       : QStringLiteral("Codex's default"));
    }
    analysis.findings.append({QString(FindingCode::SandboxOverridden), Severity::Error, message,
                              defeat->setting.line, fix});
    // The engine's warning that default_permissions "may" win says less than
    // this error, which knows it does and names the line: one finding, not two.
    if (e.decidedBy.key == QLatin1String("default_permissions"))
        analysis.findings.removeIf(
            [](const Finding &f) { return f.code == FindingCode::PermissionsProfileConflict; });
}

// The policy already holds through the user's own settings: moving them into
// the block is a tidy-up, not a missing policy.
void downgradeToTidyUp(ConfigAnalysis &analysis)
{
    const QString tidyUp = QStringLiteral(
        "Optional tidy-up: run apply to move these settings into the managed block. Outside it the multica daemon "
        "takes them for leftovers of an older daemon: where it finds no block, its next rewrite removes them (with "
        "the rest of a [sandbox_workspace_write] table, writable_roots included) and writes its own block.");
    const EffectiveSandbox &e = analysis.effective;
    for (Finding &finding : analysis.findings) {
        if (finding.code == FindingCode::BlockAbsent) {
            finding.severity = Severity::Info;
            finding.message = QStringLiteral("config.toml has no managed block, but Codex already runs the policy's "
                                             "sandbox (%1), decided by %2.")
                                  .arg(e.summary(), e.decidedByText());
            finding.fix = tidyUp;
        } else if (finding.code == FindingCode::LegacyDirective) {
            finding.severity = Severity::Info;
            finding.message += QStringLiteral(" Codex already runs the policy's sandbox with it.");
            finding.fix = tidyUp;
        }
    }
}

QString shellQuoted(const QString &text)
{
    static const QString safe = QStringLiteral("@%+=:,./-_");
    const bool plain = !text.isEmpty() && std::all_of(text.cbegin(), text.cend(), [](QChar c) {
        return c.isLetterOrNumber() || safe.contains(c);
    });
    if (plain)
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

void addZeroFilled(ConfigAnalysis &analysis, const SandboxCheckInput &in)
{
    const std::optional<ZeroFill> zeroFill = in.exists ? detectZeroFill(in.bytes) : std::nullopt;
    if (!zeroFill)
        return;
    analysis.findings.erase(std::remove_if(analysis.findings.begin(), analysis.findings.end(),
                                           [](const Finding &f) { return f.code == FindingCode::ConfigInvalid; }),
                            analysis.findings.end());
    const QString home = !in.context.codexHome.isEmpty() ? in.context.codexHome
                                                          : QFileInfo(in.context.configWritePath).absolutePath();
    if (!in.context.configWritePath.isEmpty())
        analysis.restoreCandidate = newestParsableBackup(home);
    QString fix;
    if (const std::optional<RestoreCandidate> &backup = analysis.restoreCandidate) {
        fix = QStringLiteral("Restore the newest backup that parses, %1 (made %2): "
                             "`codex-sandbox-doctor-cli restore --codex-home %3 --backup %4`.")
                  .arg(backup->name, backup->createdUtc.toString(Qt::ISODate), shellQuoted(home),
                       shellQuoted(backup->name));
    } else if (!in.context.configWritePath.isEmpty()) {
        fix = QStringLiteral("No backup beside it (config.toml.bak-*) parses: delete config.toml, so that Codex uses "
                             "its defaults, or write it again; then run apply.");
    } else {
        fix = QStringLiteral("Put back a backup of it (`codex-sandbox-doctor-cli backups --codex-home DIR` "
                             "lists them), or delete it so that Codex uses its defaults; then run apply.");
    }
    analysis.findings.prepend(
        {QString(FindingCode::ConfigZeroFilled), Severity::Error,
         QStringLiteral("config.toml is %1 bytes, %2 of them NUL: it was left zero-filled, as Codex has left it after "
                        "a crash (openai/codex#26421). Codex refuses it with a TOML error that does not say so "
                        "(such as \"key with no value, expected `=`\").")
             .arg(zeroFill->size)
             .arg(zeroFill->nulBytes),
         0, fix});
}

} // namespace

void applySandboxChecks(ConfigAnalysis &analysis, const SandboxCheckInput &in)
{
    ParsedConfig parsed;
    if (in.exists)
        parsed = in.parsed ? ParsedConfig{in.parsed, std::nullopt} : parseConfigForRules(in.bytes);
    analysis.effective = effectiveSandboxOf(parsed, in.exists, in.context.codexVersion);
    analysis.effectiveMatchesPolicy = matchesPolicy(analysis.effective, in.policy);

    // The file apply would write matters only when the current one falls short.
    std::optional<EffectiveSandbox> after;
    if (!analysis.effectiveMatchesPolicy)
        after = afterApply(in);

    addZeroFilled(analysis, in);
    addRefusals(analysis, in, after);
    if (analysis.effectiveMatchesPolicy)
        downgradeToTidyUp(analysis);
    else if (analysis.effective.runs())
        addOverridden(analysis, in, after);
    if (parsed.root)
        addKeyFindings(analysis.findings, *parsed.root, analysis.effective, in.policy, in.context.platform);
}

} // namespace SandboxDoctor
