#pragma once

#include "report/diagnosis.h"

#include <QJsonObject>
#include <QString>

namespace SandboxDoctor {

// `status --json` exactly as cli-contract.md shapes it (codex, platform,
// policy, config), plus config.sha256 for `apply --expect-sha256` and
// config.error when the file could not be read or edited.
QJsonObject statusToJson(const Diagnosis &diagnosis);

// Its `config` object: path, exists, block, findings, named_blocks, sha256,
// error, restore_backup. `verify --json` prints the same object.
QJsonObject statusConfigToJson(const Diagnosis &diagnosis);

// The same report for a person at a terminal.
QString statusToText(const Diagnosis &diagnosis);

// The policy's next step as status and the overview show it: the policy's own
// hint, except that "Nothing to do" never stands beside an error in the config's
// findings (a config Codex refuses to load, a setting that overrides the policy).
QString policyNextStep(const Diagnosis &diagnosis);

// The config.toml path a diagnosis is about, also when reading it failed.
QString diagnosedConfigPath(const Diagnosis &diagnosis);

} // namespace SandboxDoctor
