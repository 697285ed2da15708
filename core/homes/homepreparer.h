#pragma once

#include "common/expected.h"
#include "common/policy.h"
#include "config/applier.h"
#include "homes/homelayout.h"
#include "homes/homepreset.h"

#include <QList>
#include <QString>

#include <optional>

namespace SandboxDoctor {

// What prepare did to one entry of the per-task home.
enum class PrepareAction {
    Created,     // a link (or a copy) was made where nothing was
    Replaced,    // a wrong or broken link was removed and made again
    Kept,        // already right, or a regular file/folder the daemon never replaces
    Skipped,     // the shared original is missing (auth.json, a copied file)
    Failed,      // see error
};
QString prepareActionName(PrepareAction action);  // "created", "replaced", "kept", "skipped", "failed"

enum class LinkMethod { None, Symlink, Junction, Copy };  // how a link was made (Windows falls back)
QString linkMethodName(LinkMethod method);  // "", "symlink", "junction", "copy"

struct PrepareStep final
{
    QString name;            // auth.json, sessions, config.json, config.toml, instructions.md
    PrepareAction action = PrepareAction::Kept;
    LinkMethod method = LinkMethod::None;
    QString detail;          // why, for a person ("regular file kept: the daemon never replaces one")
    QString warning;         // kept, but not right: a copy cut short, a planted link left in place
    std::optional<Error> error;
};

// A step with its name, action and the reason a person reads.
PrepareStep prepareStep(const QString &name, PrepareAction action, QString detail);

struct PrepareOptions final
{
    QString sharedHome;          // absolute
    PolicyInputs policyInputs;   // windowsSandbox is read from the home's config.toml after the copy;
                                 // `choice` comes from chosenPreset (presetForHome)
    // The preset the user chose (--policy, Settings); unset: the preset of the
    // daemon that wrote the home (its config.toml after the copy), as inspect judges it.
    std::optional<PolicyChoice> chosenPreset;
    HomeLayout layout = HomeLayout::Seed;  // which daemon's layout to make (--layout)
    bool backup = true;          // for the block write (applyManagedBlock)
    bool dryRun = false;         // plan only: every step says what it would do; nothing is written
    // A config.toml link that leaves the home is removed and a copy of the
    // shared config.toml put in its place; without this it is left alone and
    // the block is refused (nothing is ever written through it).
    bool replaceLinks = false;
    // An auth.json link to somewhere else than the shared auth.json is made
    // again (the daemon does); false keeps it (the GUI asks first, naming both).
    bool relinkAuth = true;
};

struct PrepareResult final
{
    QString codexHome;
    bool dryRun = false;                 // a plan: "created" means "would create"
    HomeLayout layout = HomeLayout::Seed;
    PresetSource presetSource = PresetSource::Default;  // why policy.preset
    bool createdHome = false;
    bool createdSharedSessions = false;
    QList<PrepareStep> steps;            // sessions, auth.json, config.json, config.toml, instructions.md
    SandboxPolicy policy;
    std::optional<ApplyResult> block;    // what the engine did (or, in a dry run, would do) to config.toml
    std::optional<Error> blockError;     // the engine refused or failed; the links/copies stand

    bool ok() const;                     // no step failed and the block was written or current
};

// Creates or repairs a per-task CODEX_HOME as the multica daemon does, in the
// seed's layout (codex_home.go at b5de04da59) or today's (v0.4.32, see
// homelayout.h), then writes the managed block through the engine. In both
// layouts the files config.toml names relative to CODEX_HOME are copied too
// (Codex 0.171 does not start without them). What is
// already there is kept: a regular file is never replaced by a link, a copy is
// never overwritten (one cut short is reported), and nothing is written
// through a link that leaves the home. Every copy is atomic (a temporary file,
// then a rename that never replaces). Fails (Kind::Io/Refused) only when the
// home folder itself cannot be made; per-entry trouble is a Failed step, as
// the daemon logs and carries on.
Expected<PrepareResult> prepareHome(const QString &codexHome, const PrepareOptions &options);

} // namespace SandboxDoctor
