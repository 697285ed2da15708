#include "verify/sandboxinvocation.h"

#include "config/effectivesandbox.h"

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
    // 0.150+: one `codex sandbox` for every platform, driven by a permission profile or -c overrides.
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

bool offersLogDenials(const QString &help)
{
    return help.contains(QLatin1String("--log-denials"));
}

SandboxSettings probeSettingsFor(const QByteArray &configBytes, bool exists,
                                 const std::optional<Version> &codexVersion)
{
    return computeEffectiveSandbox(configBytes, exists, codexVersion).settings;
}

SandboxInvocation sandboxInvocation(SandboxStyle style, const SandboxSettings &settings, bool logDenials,
                                    const QString &workDir, const QStringList &command)
{
    SandboxInvocation invocation;
    if (style == SandboxStyle::Profile) {
        invocation.arguments = QStringList{QStringLiteral("sandbox")} + settings.codexSandboxOptions();
        if (logDenials)
            invocation.arguments << QStringLiteral("--log-denials");
        // 0.171 accepts -C (--cd) only beside -P ("the following required
        // arguments were not provided: --permission-profile"); without a
        // profile the process's own working folder (the scratch home) serves.
        if (settings.usesProfile())
            invocation.arguments << QStringLiteral("-C") << workDir;
        invocation.arguments << QStringLiteral("--");
        invocation.arguments += command;
        invocation.ranWith = settings.describe();
        return invocation;
    }

    // The legacy forms know only read-only and --full-auto (workspace-write,
    // with network_access as config.toml sets it); they cannot be handed
    // the settings, so the report says what they ran instead.
    const bool readOnly = settings.usesProfile() ? settings.permissionProfile == QLatin1String(":read-only")
                                                 : settings.mode == SandboxMode::ReadOnly;
    QString form;
    switch (style) {
    case SandboxStyle::LegacyMacos: form = QStringLiteral("sandbox macos"); break;
    case SandboxStyle::LegacyLinux: form = QStringLiteral("sandbox linux"); break;
    case SandboxStyle::DebugSeatbelt: form = QStringLiteral("debug seatbelt"); break;
    case SandboxStyle::Profile: break;
    }
    invocation.arguments = form.split(QLatin1Char(' '));
    if (!readOnly)
        invocation.arguments << QStringLiteral("--full-auto");
    if (logDenials)
        invocation.arguments << QStringLiteral("--log-denials");
    invocation.arguments << QStringLiteral("--");
    invocation.arguments += command;
    invocation.ranWith = readOnly ? QStringLiteral("`codex %1`: read-only (this older form cannot be given %2)")
                                        .arg(form, settings.describe())
                                  : QStringLiteral("`codex %1 --full-auto`: workspace-write with network_access as "
                                                   "config.toml sets it (this older form cannot be given %2)")
                                        .arg(form, settings.describe());
    return invocation;
}

QStringList parseDenials(const QString &standardError)
{
    QStringList denials;
    bool inSection = false;
    const QStringList lines = standardError.split(QLatin1Char('\n'));
    for (const QString &raw : lines) {
        const QString line = raw.trimmed();
        if (line == QLatin1String("=== Sandbox denials ===")) {
            inSection = true;
            denials.clear();  // the last section is the run's
            continue;
        }
        if (inSection && !line.isEmpty() && line != QLatin1String("None found."))
            denials << line;
    }
    return denials;
}

} // namespace SandboxDoctor
