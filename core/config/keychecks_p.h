#pragma once

// Private to core/config: findings about keys newer (or older) than the
// managed block, each read from the parsed file: windows.sandbox_private_desktop,
// features.network_proxy, [profiles.<name>] sandbox_mode.

#include "common/finding.h"
#include "common/platform.h"
#include "common/policy.h"
#include "config/effectivesandbox.h"
#include "config/tomltree_p.h"

#include <QList>

#include <optional>

namespace SandboxDoctor {

void addKeyFindings(QList<Finding> &findings, const toml::table &root, const EffectiveSandbox &effective,
                    const SandboxPolicy &policy, const std::optional<Platform> &platform);

} // namespace SandboxDoctor
