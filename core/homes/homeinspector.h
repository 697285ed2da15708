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
    PolicyInputs policyInputs;  // platform and versions; windowsSandbox is read per home on Windows;
                                // `choice` is set per home from chosenPreset (homepreset.h)
    // The preset the user chose (--policy, Settings): every home is judged against it.
    // Unset: each home is judged against the preset of the daemon that wrote it.
    std::optional<PolicyChoice> chosenPreset;
    bool compareCopies = true;  // copy-diverged / copy-truncated (size first, bytes only when that tells)
    // The policies for every home when the platform is not Windows (where each home's own
    // `[windows] sandbox` decides): `policy` for the chosen preset (or the seed's when none
    // is chosen), `todayPolicy` for homes today's daemon wrote while none is chosen. scanHomes
    // sets them once so 10,000 homes share one copy; when unset, inspectHome chooses.
    std::optional<SandboxPolicy> policy;
    std::optional<SandboxPolicy> todayPolicy;
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

// Inspects one home: entries (lstat/readlink), config.toml read once (a
// regular file only, capped) and analysed, findings. Never fails: a home that
// cannot be read is a report with `error` set. `policy` comes from the preset
// (presetForHome), options.policyInputs and, on Windows, the home's own
// `[windows] sandbox`.
HomeReport inspectHome(const QString &homePath, const SharedHome &shared, const InspectOptions &options);

} // namespace SandboxDoctor
