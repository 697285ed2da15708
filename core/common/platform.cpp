#include "common/platform.h"

#include <QSysInfo>

namespace SandboxDoctor {

std::optional<Platform> parsePlatformName(QStringView name)
{
    const QString lower = name.trimmed().toString().toLower();
    if (lower == QLatin1String("macos") || lower == QLatin1String("darwin") || lower == QLatin1String("mac"))
        return Platform::MacOS;
    if (lower == QLatin1String("linux"))
        return Platform::Linux;
    if (lower == QLatin1String("windows") || lower == QLatin1String("win32"))
        return Platform::Windows;
    return std::nullopt;
}

QString platformName(Platform platform)
{
    switch (platform) {
    case Platform::MacOS: return QStringLiteral("macos");
    case Platform::Linux: return QStringLiteral("linux");
    case Platform::Windows: return QStringLiteral("windows");
    }
    return QStringLiteral("linux");
}

Platform hostPlatform()
{
#if defined(Q_OS_MACOS)
    return Platform::MacOS;
#elif defined(Q_OS_WIN)
    return Platform::Windows;
#else
    return Platform::Linux;
#endif
}

PlatformInfo describePlatform(std::optional<Platform> override)
{
    PlatformInfo info;
    info.platform = override.value_or(hostPlatform());
    info.name = platformName(info.platform);
    info.arch = QSysInfo::currentCpuArchitecture();
    info.simulated = override.has_value() && *override != hostPlatform();
    if (info.simulated) {
        switch (info.platform) {
        case Platform::MacOS: info.os = QStringLiteral("macOS (previewed)"); break;
        case Platform::Linux: info.os = QStringLiteral("Linux (previewed)"); break;
        case Platform::Windows: info.os = QStringLiteral("Windows (previewed)"); break;
        }
    } else {
        info.os = QSysInfo::prettyProductName();
    }
    return info;
}

} // namespace SandboxDoctor
