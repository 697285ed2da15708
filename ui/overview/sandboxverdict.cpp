#include "sandboxverdict.h"

#include <QCoreApplication>

namespace SandboxDoctor::Ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("SandboxVerdict", text);
}

QString policySandboxText(const SandboxPolicy &policy)
{
    return tr("filesystem %1, network %2")
        .arg(filesystemSandboxName(policyFilesystem(policy)), networkSandboxName(policyNetwork(policy)));
}

} // namespace

SandboxVerdict sandboxVerdict(const ConfigAnalysis &analysis, const SandboxPolicy &policy)
{
    const EffectiveSandbox &effective = analysis.effective;
    SandboxVerdict verdict;
    verdict.sentence = effective.sentence();
    if (effective.mayDiffer)
        verdict.note = effective.versionNote;

    if (!effective.runs()) {
        verdict.kind = SandboxVerdict::Kind::Refused;
        verdict.severity = Severity::Error;
        const int line = effective.refusal->line;
        verdict.problem = line > 0 ? tr("Codex stops at start-up on line %1 of config.toml, so no sandbox runs and "
                                        "the policy cannot take effect.")
                                         .arg(line)
                                   : tr("Codex stops at start-up on this config.toml, so no sandbox runs and the "
                                        "policy cannot take effect.");
        return verdict;
    }
    if (analysis.effectiveMatchesPolicy)
        return verdict;

    const QString wanted = policySandboxText(policy);
    if (const std::optional<PolicyDefeat> defeat = policyDefeat(effective, policy)) {
        verdict.kind = SandboxVerdict::Kind::Defeated;
        verdict.severity = Severity::Error;
        verdict.problem = tr("Not the policy's sandbox (%1): %2 decides, because %3.")
                              .arg(wanted, defeat->setting.describe(), defeat->reason);
        return verdict;
    }
    if (effective.decider == SandboxDecider::CodexDefault) {
        // Nothing to blame: the block is missing, which Apply adds.
        verdict.kind = SandboxVerdict::Kind::Default;
        verdict.severity = Severity::Warning;
        verdict.problem = tr("Not the policy's sandbox (%1): nothing in config.toml chooses one, so Codex's "
                             "default applies until Apply adds the managed block.")
                              .arg(wanted);
        return verdict;
    }
    verdict.kind = SandboxVerdict::Kind::Defeated;
    verdict.severity = Severity::Error;
    verdict.problem = tr("Not the policy's sandbox (%1): decided by %2.").arg(wanted, effective.decidedByText());
    return verdict;
}

} // namespace SandboxDoctor::Ui
