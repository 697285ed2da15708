#include "verify/verifytypes.h"

namespace SandboxDoctor {

SandboxReport expectedSandbox(const SandboxPolicy &policy)
{
    // Observed on Codex 0.171.0 with `codex doctor --json` (checks["sandbox.helpers"]).
    switch (policy.mode) {
    case SandboxMode::DangerFullAccess:
        return {QStringLiteral("unrestricted"), QStringLiteral("enabled")};
    case SandboxMode::WorkspaceWrite:
        return {QStringLiteral("restricted"),
                policy.networkAccess ? QStringLiteral("enabled") : QStringLiteral("restricted")};
    case SandboxMode::ReadOnly:
        return {QStringLiteral("restricted"), QStringLiteral("restricted")};
    }
    return {};
}

QString policyMatchName(PolicyMatch match)
{
    switch (match) {
    case PolicyMatch::Matches: return QStringLiteral("matches");
    case PolicyMatch::Differs: return QStringLiteral("differs");
    case PolicyMatch::Unknown: return QStringLiteral("unknown");
    }
    return QStringLiteral("unknown");
}

QString outcomeName(VerifyResult::Outcome outcome)
{
    switch (outcome) {
    case VerifyResult::Outcome::Answered: return QStringLiteral("answered");
    case VerifyResult::Outcome::NoDoctor: return QStringLiteral("no-doctor");
    case VerifyResult::Outcome::Failed: return QStringLiteral("failed");
    }
    return QStringLiteral("failed");
}

Severity VerifyResult::severity() const
{
    switch (outcome) {
    case Outcome::Failed:
        return Severity::Error;
    case Outcome::NoDoctor:
        if (!fallback)
            return Severity::Warning;
        return fallback->invalid ? Severity::Error : worstSeverity(fallback->findings);
    case Outcome::Answered:
        if (configLoads == std::optional<bool>(false) || match == PolicyMatch::Differs)
            return Severity::Error;
        return match == PolicyMatch::Matches ? Severity::Info : Severity::Warning;
    }
    return Severity::Error;
}

} // namespace SandboxDoctor
