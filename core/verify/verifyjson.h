#pragma once

#include "verify/sandboxprobe.h"
#include "verify/verifytypes.h"

#include <QJsonObject>

namespace SandboxDoctor {

// `verify --json` (cli-contract.md): {"verify": {...}, "probe": {...}}. Both
// the CLI and the GUI's "copy report" use these, so the keys stay in one place.
QJsonObject verifyResultToJson(const VerifyResult &result);
QJsonObject probeReportToJson(const SandboxProbeReport &report);
// {"describe", "permission_profile", "sandbox_mode", "network_access", "full_access", "options"}
QJsonObject sandboxSettingsToJson(const SandboxSettings &settings);

} // namespace SandboxDoctor
