#pragma once

#include "common/policy.h"
#include "config/configanalysis.h"

#include <QJsonObject>
#include <QStringList>

namespace SandboxDoctor {

// `status --json`'s `effective` object (cli-contract.md): the sandbox Codex
// will enforce for the config, what decided it, and whether it is the policy's.
QJsonObject effectiveToJson(const ConfigAnalysis &analysis);

// The lines `status` prints beside the policy: "Codex will run: …", whether
// that is the policy's sandbox, and the version note when the rules may differ.
QStringList effectiveToText(const ConfigAnalysis &analysis);

} // namespace SandboxDoctor
