#pragma once

#include "common/policy.h"
#include "homes/homereport.h"
#include "homes/sharedhome.h"

#include <QString>

#include <optional>

namespace SandboxDoctor {

// What every home of one scan is judged against.
struct InspectOptions final
{
    QString sharedHome;         // the shared CODEX_HOME (--shared-home, else the default home)
    PolicyInputs policyInputs;  // platform and versions; windowsSandbox is read per home on Windows
    bool compareCopies = true;  // copy-diverged for config.json / instructions.md (size first, bytes if equal)
    // The policy for every home when the platform is not Windows (where each home's own
    // `[windows] sandbox` decides). scanHomes sets it once so 10,000 homes share one copy;
    // when unset, inspectHome chooses it from policyInputs.
    std::optional<SandboxPolicy> policy;
};

// A folder is a CODEX_HOME itself (rather than a root to scan) when it is named
// `codex-home` or holds config.toml, auth.json or sessions.
bool looksLikeCodexHome(const QString &folder);

// <root>/<workspace>/<task>/codex-home -> {workspace, task}; empty parts when
// the home does not sit two levels below root.
struct TaskNames final
{
    QString workspace;
    QString task;
};
TaskNames taskNamesFor(const QString &root, const QString &homePath);

// Inspects one home: entries (lstat/readlink), config.toml read once and
// analysed, findings. Never fails: a home that cannot be read is a report
// with `error` set. `policy` is derived from options.policyInputs (and, on
// Windows, the home's own `[windows] sandbox`).
HomeReport inspectHome(const QString &homePath, const SharedHome &shared, const InspectOptions &options);

} // namespace SandboxDoctor
