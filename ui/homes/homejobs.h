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

// The page's writes, as plain functions the page runs on Qt Concurrent's pool:
// each calls the core (which alone touches the disk) and inspects the home
// again so the table shows what is there now.
struct HomeJobOutcome final
{
    QString path;
    bool ok = false;
    QString summary;              // one line for a person: what was done or why not
    std::optional<Error> error;
    HomeReport report;            // the home as it is afterwards
};

struct HomeJobTarget final
{
    QString path;
    SandboxPolicy policy;         // the policy the home was judged against
};

// prepare (links, copies, then the block), like the daemon does for a task.
QList<HomeJobOutcome> repairHomes(const QStringList &paths, const InspectOptions &options);

// The managed block only, through the engine (backup first).
QList<HomeJobOutcome> applyBlocks(const QList<HomeJobTarget> &targets, const InspectOptions &options);

// What applyBlocks would write to one home, without writing.
Expected<ProposedEdit> proposeBlock(const HomeJobTarget &target);

} // namespace SandboxDoctor::Ui
