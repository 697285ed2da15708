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

} // namespace SandboxDoctor::Ui
