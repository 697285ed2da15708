#pragma once

#include "common/platform.h"
#include "common/policy.h"

#include <QString>

namespace SandboxDoctor::Ui {

// "workspace-write, network on" / "danger-full-access": a policy in one line.
QString policySummary(const SandboxPolicy &policy);

// "macOS", "Linux", "Windows": a platform as a person writes it.
QString platformDisplayName(Platform platform);

} // namespace SandboxDoctor::Ui
