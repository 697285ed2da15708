#pragma once

#include "common/platform.h"
#include "common/policy.h"

#include <QString>

namespace SandboxDoctor {

// What the chosen policy costs beyond its reason, in one or two sentences the
// overview and `status` show beside it; empty when there is nothing to add.
// danger-full-access lifts the filesystem sandbox together with the network
// one, which the reasons (all about the network) do not say.
QString policyCost(const SandboxPolicy &policy, Platform platform);

} // namespace SandboxDoctor
