#include "common/policy.h"

namespace SandboxDoctor {

QString sandboxModeName(SandboxMode mode)
{
    switch (mode) {
    case SandboxMode::ReadOnly: return QStringLiteral("read-only");
    case SandboxMode::WorkspaceWrite: return QStringLiteral("workspace-write");
    case SandboxMode::DangerFullAccess: return QStringLiteral("danger-full-access");
    }
    return QStringLiteral("workspace-write");
}

std::optional<SandboxMode> parseSandboxMode(QStringView name)
{
    if (name == QLatin1String("read-only"))
        return SandboxMode::ReadOnly;
    if (name == QLatin1String("workspace-write"))
        return SandboxMode::WorkspaceWrite;
    if (name == QLatin1String("danger-full-access"))
        return SandboxMode::DangerFullAccess;
    return std::nullopt;
}

namespace {

SandboxPolicy makePolicy(SandboxMode mode, bool networkAccess, QString reason, QString hint)
{
    SandboxPolicy policy;
    policy.mode = mode;
    policy.networkAccess = mode == SandboxMode::WorkspaceWrite && networkAccess;
    policy.reason = std::move(reason);
    policy.hint = std::move(hint);
    return policy;
}

SandboxPolicy workspaceWrite(QString reason, QString hint)
{
    return makePolicy(SandboxMode::WorkspaceWrite, true, std::move(reason), std::move(hint));
}

// A policy that needs nothing from the user: the hint only says where to look
// if DNS still fails.
SandboxPolicy settled(SandboxPolicy policy)
{
    policy.hintSaysNothingToDo = true;
    return policy;
}

SandboxPolicy dangerFullAccess(QString reason, QString hint)
{
    return makePolicy(SandboxMode::DangerFullAccess, false, std::move(reason), std::move(hint));
}

SandboxPolicy macosPolicy(const PolicyInputs &in)
{
    const QString upgradeHint = QStringLiteral(
        "Upgrade Codex (`brew upgrade codex` or `npm i -g @openai/codex`) once a release that fixes "
        "openai/codex#10390 ships, then set that release as the macOS fixed version "
        "(Settings, or --darwin-fixed-version) to return to workspace-write with network access.");
    const QString bug = QStringLiteral(
        "On macOS, Codex's Seatbelt sandbox ignores sandbox_workspace_write.network_access in "
        "workspace-write mode (openai/codex#10390), so every DNS lookup inside the agent fails");

    if (!in.darwinFixedVersion) {
        return dangerFullAccess(
            bug + QStringLiteral("; no Codex release is known to fix it, so danger-full-access is the only "
                                 "mode with working network."),
            upgradeHint);
    }
    const QString fixed = in.darwinFixedVersion->toString();
    if (!in.codexVersion) {
        return dangerFullAccess(
            bug + QStringLiteral("; the Codex version is unknown, so it is assumed to predate the fix in %1.")
                      .arg(fixed),
            QStringLiteral("Point the app at your Codex executable (--codex, or Settings) so its version "
                           "can be read; if it is %1 or newer, workspace-write will be chosen.")
                .arg(fixed));
    }
    const QString version = in.codexVersion->toString();
    if (*in.codexVersion >= *in.darwinFixedVersion) {
        return settled(workspaceWrite(
            QStringLiteral("Codex %1 is at or above %2, the first release whose macOS sandbox honours "
                           "network_access, so workspace-write keeps the filesystem sandbox with network on.")
                .arg(version, fixed),
            QStringLiteral("Nothing to do: if DNS still fails inside Codex, run Verify to probe the sandbox.")));
    }
    return dangerFullAccess(
        bug + QStringLiteral("; Codex %1 is older than %2, the first release with the fix.").arg(version, fixed),
        QStringLiteral("Upgrade Codex to %1 or newer (`brew upgrade codex` or `npm i -g @openai/codex`) "
                       "to return to workspace-write with network access.")
            .arg(fixed));
}

QString windowsSandboxValue(WindowsSandboxSetting setting)
{
    switch (setting) {
    case WindowsSandboxSetting::Elevated: return QStringLiteral("elevated");
    case WindowsSandboxSetting::Unelevated: return QStringLiteral("unelevated");
    case WindowsSandboxSetting::Mxc: return QStringLiteral("mxc");
    case WindowsSandboxSetting::Absent:
    case WindowsSandboxSetting::Invalid:
    case WindowsSandboxSetting::Unreadable: break;
    }
    return {};
}

SandboxPolicy windowsPolicy(const PolicyInputs &in)
{
    switch (in.windowsSandbox) {
    case WindowsSandboxSetting::Absent:
        return dangerFullAccess(
            QStringLiteral("[windows] sandbox is not set, so Codex has no native Windows sandbox: "
                           "workspace-write cannot be enforced and Codex refuses mutating commands "
                           "\"by policy\"."),
            QStringLiteral("To keep a filesystem sandbox, add `[windows]` with `sandbox = \"unelevated\"` "
                           "(or \"elevated\") to config.toml; the policy then becomes workspace-write."));
    case WindowsSandboxSetting::Elevated:
    case WindowsSandboxSetting::Unelevated:
    case WindowsSandboxSetting::Mxc:
        return settled(workspaceWrite(
            QStringLiteral("[windows] sandbox = \"%1\" turns on Codex's native Windows sandbox%2, which "
                           "enforces workspace-write with network access.")
                .arg(windowsSandboxValue(in.windowsSandbox),
                     in.windowsSandbox == WindowsSandboxSetting::Mxc
                         ? QStringLiteral(" (mxc, Codex 0.160 and newer)")
                         : QString()),
            QStringLiteral("Nothing to do.")));
    case WindowsSandboxSetting::Invalid:
        return workspaceWrite(
            QStringLiteral("[windows] sandbox holds a value Codex does not accept, so Codex will refuse to "
                           "load config.toml; the policy fails closed to workspace-write."),
            QStringLiteral("Set `sandbox` under `[windows]` to exactly \"elevated\", \"unelevated\" or (Codex "
                           "0.160 and newer) \"mxc\"."));
    case WindowsSandboxSetting::Unreadable:
        return workspaceWrite(
            QStringLiteral("config.toml could not be read to find [windows] sandbox, so the policy fails "
                           "closed to workspace-write."),
            QStringLiteral("Fix the file's error shown below, then check again."));
    }
    return workspaceWrite({}, {});
}

SandboxPolicy linuxPolicy()
{
    return settled(workspaceWrite(
        QStringLiteral("Linux's sandbox (Landlock and seccomp) honours network_access, so workspace-write "
                       "keeps the filesystem sandbox and lets commands reach the network."),
        QStringLiteral("Nothing to do: if DNS still fails inside Codex, run Verify to probe the sandbox.")));
}

// The seed daemon's table: the product's default.
SandboxPolicy seedPolicy(const PolicyInputs &inputs)
{
    switch (inputs.platform) {
    case Platform::MacOS: return macosPolicy(inputs);
    case Platform::Windows: return windowsPolicy(inputs);
    case Platform::Linux: break;
    }
    return linuxPolicy();
}

// Today's daemon (v0.4.32): Linux by product decision (multica PR #6233), macOS
// and Windows as in the seed's table.
SandboxPolicy multicaTodayPolicy(const PolicyInputs &inputs)
{
    if (inputs.platform != Platform::Linux)
        return seedPolicy(inputs);
    return dangerFullAccess(
        QStringLiteral("The multica daemon today runs Codex on Linux with danger-full-access by product decision "
                       "(multica PR #6233): tasks use the daemon user's real home, and isolation comes from the "
                       "machine, container or user the daemon runs as."),
        QStringLiteral("To keep Codex's filesystem sandbox on Linux, choose the seed's table (workspace-write with "
                       "network) in Settings, or --policy seed."));
}

SandboxPolicy customPolicy(const PolicyInputs &inputs)
{
    const std::optional<CustomMode> &custom = inputs.choice.customFor(inputs.platform);
    if (!custom)
        return seedPolicy(inputs);
    const QString hint = QStringLiteral("This mode was chosen in the custom policy (Settings, or --policy custom:…).");
    const QString reason = QStringLiteral("The custom policy sets %1 for %2.")
                               .arg(customModeText(*custom), platformName(inputs.platform));
    return makePolicy(custom->mode, custom->networkAccess, reason, hint);
}

} // namespace

SandboxPolicy choosePolicy(const PolicyInputs &inputs)
{
    SandboxPolicy policy;
    switch (inputs.choice.preset) {
    case PolicyPreset::Seed: policy = seedPolicy(inputs); break;
    case PolicyPreset::MulticaToday: policy = multicaTodayPolicy(inputs); break;
    case PolicyPreset::Custom: policy = customPolicy(inputs); break;
    }
    policy.preset = inputs.choice.preset;
    return policy;
}

} // namespace SandboxDoctor
