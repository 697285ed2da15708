#include "common/sandboxsettings.h"

namespace SandboxDoctor {

bool SandboxSettings::isFullAccess() const
{
    if (usesProfile())
        return permissionProfile == QLatin1String(":danger-full-access");
    return mode == SandboxMode::DangerFullAccess;
}

QString SandboxSettings::describe() const
{
    if (usesProfile())
        return QStringLiteral("default_permissions = \"%1\"").arg(permissionProfile);
    QString text = QStringLiteral("sandbox_mode = \"%1\"").arg(sandboxModeName(mode));
    if (mode == SandboxMode::WorkspaceWrite)
        text += QStringLiteral(", sandbox_workspace_write.network_access = %1")
                    .arg(networkAccess ? QStringLiteral("true") : QStringLiteral("false"));
    return text;
}

QStringList SandboxSettings::codexSandboxOptions() const
{
    if (usesProfile())
        return {QStringLiteral("-P"), permissionProfile};
    QStringList options{QStringLiteral("-c"), QStringLiteral("sandbox_mode=\"%1\"").arg(sandboxModeName(mode))};
    if (mode == SandboxMode::WorkspaceWrite)
        options << QStringLiteral("-c")
                << QStringLiteral("sandbox_workspace_write.network_access=%1")
                       .arg(networkAccess ? QStringLiteral("true") : QStringLiteral("false"));
    return options;
}

} // namespace SandboxDoctor
