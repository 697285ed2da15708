#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace SandboxDoctor {

// The platforms whose sandboxes behave differently. Anything that is neither
// macOS nor Windows sandboxes like Linux (Landlock/seccomp, bubblewrap).
enum class Platform { MacOS, Linux, Windows };

struct PlatformInfo final
{
    Platform platform = Platform::Linux;
    QString name;   // "macos", "linux", "windows": the contract's spelling
    QString os;     // "macOS 15.1", "Debian GNU/Linux 12 (bookworm)"
    QString arch;   // "arm64", "x86_64"
    bool simulated = false;  // chosen with --platform, not this machine
};

// "macos" (alias "darwin"), "linux", "windows"; case-insensitive.
std::optional<Platform> parsePlatformName(QStringView name);
QString platformName(Platform platform);
Platform hostPlatform();

// This machine, or another platform previewed from here: a simulated platform
// keeps this machine's architecture but cannot know the other OS's version.
PlatformInfo describePlatform(std::optional<Platform> override = std::nullopt);

} // namespace SandboxDoctor
