#pragma once

#include "common/error.h"
#include "common/expected.h"
#include "config/editplanner.h"
#include "homes/homeinspector.h"
#include "homes/homepreparer.h"
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
    bool ok = false;              // the write went through (or had nothing to do)
    bool changed = false;         // something in the home was written
    QString summary;              // one line for a person: what was done or why not
    std::optional<Error> error;
    HomeReport report;            // the home as it is afterwards (filled by HomeBatch)
};

// One home of a batch, as the table judged it.
struct HomeJobTarget final
{
    QString path;
    SandboxPolicy policy;                  // the policy the home was judged against
    HomeLayout layout = HomeLayout::Seed;  // Repair keeps the layout the home has
};

// What a Repair batch may do beyond the daemon's defaults, as the person answered.
struct RepairChoices final
{
    bool relinkAuth = true;      // an auth.json link to another file is made again
    bool replaceLinks = false;   // a config.toml link that leaves the home is replaced by a copy
};

// prepare (links, copies, then the block) in the home's own layout, like the
// daemon does for a task; the preset as inspect judged it.
HomeJobOutcome repairHome(const HomeJobTarget &target, const InspectOptions &options, const RepairChoices &choices);

// The managed block only, through the engine (backup first), never through a
// config.toml link that leaves the home.
HomeJobOutcome applyBlock(const HomeJobTarget &target);

// What Repair would do to one home: each step and the block's edit, nothing written.
Expected<PrepareResult> planRepair(const HomeJobTarget &target, const InspectOptions &options);

} // namespace SandboxDoctor::Ui
