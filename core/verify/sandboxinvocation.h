#pragma once

#include "common/platform.h"
#include "common/policy.h"
#include "common/sandboxsettings.h"
#include "common/version.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace SandboxDoctor {

// How this Codex runs a command in its sandbox, read from its own help:
//   Profile:       codex sandbox [-P <profile> -C DIR | -c sandbox_mode=… -c …network_access=…] -- CMD...
//                  (0.150+, platform chosen automatically; the settings must be given: 0.171 ignores
//                  sandbox_mode and [sandbox_workspace_write] from config.toml here)
//   LegacyMacos:   codex sandbox macos [--full-auto] -- CMD...  (older, macOS)
//   LegacyLinux:   codex sandbox linux [--full-auto] -- CMD...  (older, Linux)
//   DebugSeatbelt: codex debug seatbelt [--full-auto] -- CMD... (oldest, macOS)
// 0.171 has none of the legacy forms (it would run a program called `macos`):
// they are used only when the help lists them.
enum class SandboxStyle { Profile, LegacyMacos, LegacyLinux, DebugSeatbelt };
QString sandboxStyleName(SandboxStyle style);  // "profile", "sandbox-macos", "sandbox-linux", "debug-seatbelt"

// Reads `codex sandbox --help` (and, when that failed, `codex debug --help`)
// and says which form this Codex accepts on `platform`; nullopt when neither
// names a way to run a command in a sandbox.
std::optional<SandboxStyle> detectSandboxStyle(const QString &sandboxHelp, const QString &debugHelp,
                                               Platform platform);

// Whether a form's help lists --log-denials (macOS builds: Seatbelt's denials,
// read with `log stream` while the command runs, printed after it ends).
bool offersLogDenials(const QString &help);

// The sandbox settings the DNS probe runs with, for the CLI's `verify
// --probe-dns` and the Verify page: the ones the config under test gives the
// agent (computeEffectiveSandbox), so the probe runs the sandbox Codex would
// enforce for that file, not the one the policy asks for. A file Codex refuses
// gives Codex's defaults; the probe then reports Codex's refusal.
SandboxSettings probeSettingsFor(const QByteArray &configBytes, bool exists,
                                 const std::optional<Version> &codexVersion);

// The arguments after the Codex program for running `command` in its sandbox
// in working directory `workDir`, and what a report says it ran with.
struct SandboxInvocation final
{
    QStringList arguments;
    QString ranWith;  // `default_permissions = ":workspace"`, or what a legacy form could do instead
};
SandboxInvocation sandboxInvocation(SandboxStyle style, const SandboxSettings &settings, bool logDenials,
                                    const QString &workDir, const QStringList &command);

// The denials `--log-denials` printed on stderr after "=== Sandbox denials ===",
// one "(process) capability" line each; empty for "None found." or none.
QStringList parseDenials(const QString &standardError);

} // namespace SandboxDoctor
