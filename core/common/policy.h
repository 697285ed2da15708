#pragma once

#include "common/platform.h"
#include "common/policypreset.h"
#include "common/sandboxmode.h"
#include "common/version.h"

#include <QString>

#include <optional>

namespace SandboxDoctor {

// What `[windows] sandbox` holds in the config being edited. Codex accepts
// exactly "elevated", "unelevated" or (0.160+) "mxc"; anything else stops it
// from loading.
enum class WindowsSandboxSetting { Absent, Elevated, Unelevated, Mxc, Invalid, Unreadable };

struct PolicyInputs final
{
    Platform platform = Platform::Linux;
    std::optional<Version> codexVersion;        // nullopt: unknown or not found
    std::optional<Version> darwinFixedVersion;  // nullopt: no fixed release known (default)
    WindowsSandboxSetting windowsSandbox = WindowsSandboxSetting::Absent;
    PolicyChoice choice;                        // the preset (default: the seed's table)
};

// The sandbox the managed block asks for, with why and what a person can do.
struct SandboxPolicy final
{
    SandboxMode mode = SandboxMode::WorkspaceWrite;
    bool networkAccess = true;  // meaningful only in workspace-write
    QString reason;
    QString hint;
    bool hintSaysNothingToDo = false;  // the policy itself asks nothing of the user
    PolicyPreset preset = PolicyPreset::Seed;  // the table it came from, for reports

    friend bool operator==(const SandboxPolicy &a, const SandboxPolicy &b)
    {
        return a.mode == b.mode && a.networkAccess == b.networkAccess;
    }
    friend bool operator!=(const SandboxPolicy &a, const SandboxPolicy &b) { return !(a == b); }
};

// The policy for the platform, Codex version and `[windows] sandbox`, from the
// chosen preset's table.
SandboxPolicy choosePolicy(const PolicyInputs &inputs);

} // namespace SandboxDoctor
