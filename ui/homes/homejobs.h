#pragma once

#include "common/error.h"
#include "common/expected.h"
#include "config/editplanner.h"
#include "homes/homeinspector.h"
#include "homes/homereport.h"

#include <QList>
#include <QString>

#include <optional>

namespace SandboxDoctor::Ui {

// The page's writes, one home per call, as plain functions that run on Qt
// Concurrent's pool (HomeBatch strings them together and can stop between
// two). Each calls the core, which alone touches the disk and writes each
// file atomically, with a backup.
struct HomeJobOutcome final
{
    QString path;
    bool ok = false;
    QString summary;              // one line for a person: what was done or why not
    std::optional<Error> error;
    HomeReport report;            // the home as it is afterwards (filled by HomeBatch)
};

struct HomeJobTarget final
{
    QString path;
    SandboxPolicy policy;         // the policy the home was judged against
};

// prepare (links, copies, then the block), like the daemon does for a task.
HomeJobOutcome repairHome(const QString &path, const InspectOptions &options);

// The managed block only, through the engine (backup first).
HomeJobOutcome applyBlock(const HomeJobTarget &target);

// What applyBlock would write to one home, without writing.
Expected<ProposedEdit> proposeBlock(const HomeJobTarget &target);

} // namespace SandboxDoctor::Ui
