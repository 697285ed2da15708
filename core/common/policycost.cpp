#include "common/policycost.h"

namespace SandboxDoctor {

QString policyCost(const SandboxPolicy &policy, Platform platform)
{
    if (policy.mode != SandboxMode::DangerFullAccess)
        return {};
    return QStringLiteral(
               "danger-full-access turns off Codex's filesystem sandbox too, not only the network one: commands "
               "the agent runs can read and write anything your user account can. To keep the filesystem sandbox "
               "and give up the network instead, choose workspace-write without network in the policy setting "
               "(Settings, or --policy custom:%1=workspace-write).")
        .arg(platformName(platform));
}

} // namespace SandboxDoctor
