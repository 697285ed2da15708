#pragma once

#include "common/sandboxmode.h"

#include <QString>
#include <QStringList>

namespace SandboxDoctor {

// The settings that decide which sandbox Codex gives the agent: a permission
// profile (root `default_permissions`, which Codex 0.171 obeys over
// sandbox_mode), or else `sandbox_mode` and, under workspace-write,
// `sandbox_workspace_write.network_access`. What a config resolves to, and what
// `codex sandbox` must be told to run a command in that same sandbox: 0.171's
// `codex sandbox` ignores sandbox_mode and [sandbox_workspace_write] from
// config.toml, but obeys `-c` overrides and `-P <profile>`.
struct SandboxSettings final
{
    QString permissionProfile;  // ":read-only", ":workspace", ":danger-full-access" or a
                                // [permissions.<name>]; empty: sandbox_mode decides
    SandboxMode mode = SandboxMode::WorkspaceWrite;  // when permissionProfile is empty
    bool networkAccess = false;                      // workspace-write only

    bool usesProfile() const { return !permissionProfile.isEmpty(); }
    // No sandbox at all: danger-full-access, by mode or by the built-in profile.
    bool isFullAccess() const;

    // `default_permissions = ":workspace"`, or `sandbox_mode = "workspace-write",
    // sandbox_workspace_write.network_access = true`: what a report names.
    QString describe() const;

    // The `codex sandbox` options (0.150+) that select exactly this sandbox:
    // {"-P", profile} or {"-c", "sandbox_mode=\"…\"", "-c", "sandbox_workspace_write.network_access=…"}.
    QStringList codexSandboxOptions() const;

    // Under a permission profile, mode and networkAccess are unused: equal
    // profiles are the same sandbox whatever those fields hold.
    friend bool operator==(const SandboxSettings &a, const SandboxSettings &b)
    {
        if (a.usesProfile() || b.usesProfile())
            return a.permissionProfile == b.permissionProfile;
        return a.mode == b.mode && a.networkAccess == b.networkAccess;
    }
    friend bool operator!=(const SandboxSettings &a, const SandboxSettings &b) { return !(a == b); }
};

} // namespace SandboxDoctor
