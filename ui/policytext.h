#pragma once

#include "common/policy.h"

#include <QString>

namespace SandboxDoctor::Ui {

// "workspace-write, network on" / "danger-full-access": a policy in one line.
QString policySummary(const SandboxPolicy &policy);

} // namespace SandboxDoctor::Ui
