#pragma once

#include "common/error.h"
#include "common/expected.h"
#include "common/policy.h"
#include "config/applier.h"

#include <QString>

#include <optional>

namespace SandboxDoctor {

// Writes into a per-task home stay inside it. A task can plant a link in its
// own home (config.toml -> ~/.bashrc); prepare, Repair and Apply must never
// write through it. (The user's own CODEX_HOME is different: a config.toml
// linked from a dotfiles repository is written through on purpose, by apply.)

// Where a write to <home>/config.toml would land is fine: nothing there yet, a
// regular file, or a link whose final target stays inside the home. Refused
// (Kind::Refused, naming the target and what to do): a link that leaves the
// home (a dangling one included: the write would create its target), a loop,
// a folder, a FIFO or a device.
//
// What is left: a task that swaps config.toml for a link between this check
// and the engine's rename wins the race; closing it needs the engine to write
// relative to an opened home folder (openat), which it does not do yet.
std::optional<Error> checkConfigWriteTarget(const QString &home);

// The managed block, written (or, with options.dryRun, proposed) only after
// checkConfigWriteTarget agrees: the one way the Homes page and prepare touch
// a per-task config.toml.
Expected<ApplyResult> applyHomeBlock(const QString &home, const SandboxPolicy &policy, const ApplyOptions &options);

// A folder inside the home that writes may go into: `relative` ("plugins",
// "skills", "prompts/sub") made of real folders only, created when missing
// (unless dryRun). A link or a file on the way is refused: mkdir -p would
// follow it out of the home.
std::optional<Error> ensureFolderInHome(const QString &home, const QString &relative, bool dryRun);

} // namespace SandboxDoctor
