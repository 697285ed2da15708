#pragma once

#include "common/platform.h"
#include "common/policy.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace SandboxDoctor {

// How this Codex runs a command in its sandbox (codex-facts.md):
//   Profile:       codex sandbox -P <profile> -C DIR -- CMD...   (0.145+, platform chosen automatically)
//   LegacyMacos:   codex sandbox macos [--full-auto] -- CMD...  (older, macOS)
//   LegacyLinux:   codex sandbox linux [--full-auto] -- CMD...  (older, Linux)
//   DebugSeatbelt: codex debug seatbelt [--full-auto] -- CMD... (oldest, macOS)
enum class SandboxStyle { Profile, LegacyMacos, LegacyLinux, DebugSeatbelt };
QString sandboxStyleName(SandboxStyle style);  // "profile", "sandbox-macos", "sandbox-linux", "debug-seatbelt"

// Reads `codex sandbox --help` (and, when that failed, `codex debug --help`)
// and says which form this Codex accepts on `platform`; nullopt when neither
// names a way to run a command in a sandbox.
std::optional<SandboxStyle> detectSandboxStyle(const QString &sandboxHelp, const QString &debugHelp,
                                               Platform platform);

// Codex's permission profile for a policy: ":danger-full-access" or ":workspace"
// (":read-only" for read-only). The probe's purpose is workspace-write.
QString permissionProfileFor(const SandboxPolicy &policy);

// The arguments after the Codex program for running `command` in its sandbox
// with working directory `workDir` (ignored by the legacy forms).
QStringList sandboxArguments(SandboxStyle style, const QString &profile, const QString &workDir,
                             const QStringList &command);

} // namespace SandboxDoctor
