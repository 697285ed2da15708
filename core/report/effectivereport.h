#pragma once

#include "common/policy.h"
#include "config/configanalysis.h"

#include <QJsonObject>
#include <QStringList>

namespace SandboxDoctor {

// `status --json`'s `effective` object (cli-contract.md): the sandbox Codex
// will enforce for the config, what decided it, and whether it is the policy's.
QJsonObject effectiveToJson(const ConfigAnalysis &analysis);
// The same object for an effective sandbox held apart from its analysis (a
// per-task home keeps only these two: inspect --json's per-home `effective`).
QJsonObject effectiveToJson(const EffectiveSandbox &effective, bool matchesPolicy);

// The lines `status` prints beside the policy: "Codex will run: …", whether
// that is the policy's sandbox, and the version note when the rules may differ.
QStringList effectiveToText(const ConfigAnalysis &analysis);
QStringList effectiveToText(const EffectiveSandbox &effective, bool matchesPolicy);

} // namespace SandboxDoctor
