#pragma once

#include "homes/homeinspector.h"
#include "homes/homereport.h"

#include <QList>
#include <QProcessEnvironment>
#include <QString>

#include <atomic>
#include <functional>

namespace SandboxDoctor {

struct HomeScan final
{
    SandboxPolicy policy;        // the policy for the shared home's config (the report's top-level policy)
    bool presetChosen = false;   // policy.preset was chosen by the user (else the seed's, by default)
    QList<HomeReport> homes;     // sorted by path
    ScanSummary summary;
};

// The workspaces root: MULTICA_WORKSPACES_ROOT, else ~/multica_workspaces.
QString defaultWorkspacesRoot(const QProcessEnvironment &environment);

// The top-level policy of a scan: options.policyInputs, with (on Windows)
// `[windows] sandbox` from the shared home's config.toml.
SandboxPolicy scanPolicy(const SharedHome &shared, const InspectOptions &options);

// What a caller wants to hear while a scan runs.
struct ScanCallbacks final
{
    std::function<void(const HomeReport &)> onReport;  // each report as it is made
    // While the tree is walked: (homes found so far, -1); then (inspected, total).
    std::function<void(int done, int total)> onProgress;
    bool keepReports = true;  // false: HomeScan::homes stays empty (a streaming caller keeps its own)
};

// Synchronous: the CLI, tests and HomeScanner's thread. `path` is a root (every
// codex-home up to four levels below) or one CODEX_HOME (looksLikeCodexHome).
// A missing or unreadable path gives summary.failure; `cancel` stops between homes.
HomeScan scanHomes(const QString &path, const InspectOptions &options,
                   const std::atomic_bool *cancel = nullptr, const ScanCallbacks &callbacks = {});

} // namespace SandboxDoctor
