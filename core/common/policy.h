#pragma once

#include "common/platform.h"
#include "common/version.h"

#include <QString>

#include <optional>

namespace SandboxDoctor {

enum class SandboxMode { ReadOnly, WorkspaceWrite, DangerFullAccess };

QString sandboxModeName(SandboxMode mode);  // "read-only", "workspace-write", "danger-full-access"
std::optional<SandboxMode> parseSandboxMode(QStringView name);

// What `[windows] sandbox` holds in the config being edited. Codex accepts
// exactly "elevated" or "unelevated"; anything else stops it from loading.
enum class WindowsSandboxSetting { Absent, Elevated, Unelevated, Invalid, Unreadable };

struct PolicyInputs final
{
    Platform platform = Platform::Linux;
    std::optional<Version> codexVersion;        // nullopt: unknown or not found
    std::optional<Version> darwinFixedVersion;  // nullopt: no fixed release known (default)
    WindowsSandboxSetting windowsSandbox = WindowsSandboxSetting::Absent;
};

// The sandbox the managed block asks for, with why and what a person can do.
struct SandboxPolicy final
{
    SandboxMode mode = SandboxMode::WorkspaceWrite;
    bool networkAccess = true;  // meaningful only in workspace-write
    QString reason;
    QString hint;

    friend bool operator==(const SandboxPolicy &a, const SandboxPolicy &b)
    {
        return a.mode == b.mode && a.networkAccess == b.networkAccess;
    }
    friend bool operator!=(const SandboxPolicy &a, const SandboxPolicy &b) { return !(a == b); }
};

// The policy table of codex-facts.md ("Policy").
SandboxPolicy choosePolicy(const PolicyInputs &inputs);

} // namespace SandboxDoctor
