#pragma once

#include "common/expected.h"
#include "common/policy.h"
#include "config/applier.h"

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
    std::optional<Error> error;
};

struct PrepareOptions final
{
    QString sharedHome;          // absolute
    PolicyInputs policyInputs;   // windowsSandbox is read from the home's config.toml after the copy
    bool backup = true;          // for the block write (applyManagedBlock)
};

struct PrepareResult final
{
    QString codexHome;
    bool createdHome = false;
    bool createdSharedSessions = false;
    QList<PrepareStep> steps;            // sessions, auth.json, config.json, config.toml, instructions.md
    SandboxPolicy policy;
    std::optional<ApplyResult> block;    // what the engine did to config.toml
    std::optional<Error> blockError;     // the engine refused or failed; the links/copies stand

    bool ok() const;                     // no step failed and the block was written or current
};

// Creates or repairs a per-task CODEX_HOME as the multica daemon does (seed
// codex_home.go), then writes the managed block through the engine. Fails
// (Kind::Io/Refused) only when the home folder itself cannot be made; per-entry
// trouble is a Failed step, as the daemon logs and carries on.
Expected<PrepareResult> prepareHome(const QString &codexHome, const PrepareOptions &options);

} // namespace SandboxDoctor
