#include "verify/sandboxinvocation.h"

#include <QRegularExpression>

namespace SandboxDoctor {

QString sandboxStyleName(SandboxStyle style)
{
    switch (style) {
    case SandboxStyle::Profile: return QStringLiteral("profile");
    case SandboxStyle::LegacyMacos: return QStringLiteral("sandbox-macos");
    case SandboxStyle::LegacyLinux: return QStringLiteral("sandbox-linux");
    case SandboxStyle::DebugSeatbelt: return QStringLiteral("debug-seatbelt");
    }
    return {};
}

namespace {

// A subcommand listed in clap's "Commands:" section: an indented line that
// starts with the name (aliases like "seatbelt" count too).
bool listsSubcommand(const QString &help, const QString &names)
{
    const QRegularExpression line(QStringLiteral("^\\s+(?:%1)\\b").arg(names),
                                  QRegularExpression::MultilineOption | QRegularExpression::CaseInsensitiveOption);
    return line.match(help).hasMatch();
}

} // namespace

std::optional<SandboxStyle> detectSandboxStyle(const QString &sandboxHelp, const QString &debugHelp, Platform platform)
{
    // 0.145+: one `codex sandbox` for every platform, driven by a permission profile.
    if (sandboxHelp.contains(QLatin1String("--permission-profile")))
        return SandboxStyle::Profile;
    if (platform == Platform::MacOS && listsSubcommand(sandboxHelp, QStringLiteral("macos|seatbelt")))
        return SandboxStyle::LegacyMacos;
    if (platform == Platform::Linux && listsSubcommand(sandboxHelp, QStringLiteral("linux|landlock")))
        return SandboxStyle::LegacyLinux;
    if (platform == Platform::MacOS && listsSubcommand(debugHelp, QStringLiteral("seatbelt")))
        return SandboxStyle::DebugSeatbelt;
    return std::nullopt;
}

QString permissionProfileFor(const SandboxPolicy &policy)
{
    switch (policy.mode) {
    case SandboxMode::DangerFullAccess: return QStringLiteral(":danger-full-access");
    case SandboxMode::ReadOnly: return QStringLiteral(":read-only");
    case SandboxMode::WorkspaceWrite: return QStringLiteral(":workspace");
    }
    return QStringLiteral(":workspace");
}

QStringList sandboxArguments(SandboxStyle style, const QString &profile, const QString &workDir,
                             const QStringList &command)
{
    // The legacy forms know only read-only and --full-auto (workspace-write,
    // network off); a full-access profile runs them without the flag.
    const bool fullAuto = profile != QLatin1String(":read-only");
    QStringList arguments;
    switch (style) {
    case SandboxStyle::Profile:
        arguments = {QStringLiteral("sandbox"), QStringLiteral("-P"), profile, QStringLiteral("-C"), workDir};
        break;
    case SandboxStyle::LegacyMacos:
        arguments = {QStringLiteral("sandbox"), QStringLiteral("macos")};
        break;
    case SandboxStyle::LegacyLinux:
        arguments = {QStringLiteral("sandbox"), QStringLiteral("linux")};
        break;
    case SandboxStyle::DebugSeatbelt:
        arguments = {QStringLiteral("debug"), QStringLiteral("seatbelt")};
        break;
    }
    if (style != SandboxStyle::Profile && fullAuto)
        arguments << QStringLiteral("--full-auto");
    arguments << QStringLiteral("--");
    return arguments + command;
}

} // namespace SandboxDoctor
