#pragma once

#include "verify/sandboxprobe.h"
#include "verify/verifytypes.h"

#include <QJsonObject>

namespace SandboxDoctor {

// `verify --json` (cli-contract.md): {"verify": {...}, "probe": {...}}. Both
// the CLI and the GUI's "copy report" use these, so the keys stay in one place.
QJsonObject verifyResultToJson(const VerifyResult &result);
QJsonObject probeReportToJson(const SandboxProbeReport &report);

} // namespace SandboxDoctor
