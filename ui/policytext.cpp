#include "policytext.h"

#include <QObject>

namespace SandboxDoctor::Ui {

QString policySummary(const SandboxPolicy &policy)
{
    QString text = sandboxModeName(policy.mode);
    if (policy.mode == SandboxMode::WorkspaceWrite)
        text += policy.networkAccess ? QObject::tr(", network on") : QObject::tr(", network off");
    return text;
}

QString platformDisplayName(Platform platform)
{
    switch (platform) {
    case Platform::MacOS: return QStringLiteral("macOS");
    case Platform::Linux: return QStringLiteral("Linux");
    case Platform::Windows: return QStringLiteral("Windows");
    }
    return platformName(platform);
}

} // namespace SandboxDoctor::Ui
