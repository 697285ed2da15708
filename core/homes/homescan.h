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
    QList<HomeReport> homes;     // sorted by path
    ScanSummary summary;
};

// The workspaces root: MULTICA_WORKSPACES_ROOT, else ~/multica_workspaces.
QString defaultWorkspacesRoot(const QProcessEnvironment &environment);

// The top-level policy of a scan: options.policyInputs, with (on Windows)
// `[windows] sandbox` from the shared home's config.toml.
SandboxPolicy scanPolicy(const SharedHome &shared, const InspectOptions &options);

// Synchronous: the CLI and tests. `path` is a root (every codex-home up to four
// levels below) or one CODEX_HOME (looksLikeCodexHome). A missing or unreadable
// path gives summary.failure. `onReport` sees each report as it is made.
HomeScan scanHomes(const QString &path, const InspectOptions &options,
                   const std::atomic_bool *cancel = nullptr,
                   const std::function<void(const HomeReport &)> &onReport = {});

} // namespace SandboxDoctor
