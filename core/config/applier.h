#pragma once

#include "common/expected.h"
#include "common/policy.h"
#include "config/backups.h"
#include "config/configfile.h"
#include "config/editplanner.h"
#include "config/otherfiles.h"
#include "config/restore.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace SandboxDoctor {

struct ApplyOptions final
{
    bool dryRun = false;
    bool backup = true;
    QByteArray expectSha256;  // hex; refuse (Kind::Refused) when the file's hash differs
    int keepBackups = 0;      // prune older backups beyond this many; 0 keeps all
};

// Test hooks (AtomicWriteOptions): the moment the new file is complete, and
// the moment after the final check, right before the replace. Apart from
// ApplyOptions, whose four fields callers initialise as an aggregate.
struct ApplyHooks final
{
    std::function<bool(const QString &tempPath)> beforeReplace;
    std::function<void()> afterFinalCheck;
};

struct ApplyResult final
{
    ConfigSnapshot before;
    ProposedEdit edit;
    // The other files the edit writes (a legacy profile's <name>.config.toml),
    // as they were and as they are to be; written and undone with config.toml.
    QList<OtherFileEdit> otherFiles;
    bool written = false;     // false for a no-op or a dry run
    QString backupPath;       // empty when no backup was made
    QString backupName;       // its entry name, for `restore --backup NAME`
};

// Reads, proposes, checks and writes atomically (temporary file + rename in the
// target's folder, permissions kept, through a symlinked config.toml to its
// target). A current file is not touched: its modification time stays.
//
// Two runs never interleave (WriteLock); a save by another program is never
// lost: one that lands before the lock is planned from (or, with
// expectSha256, refused), one that lands while the file is being replaced is
// refused (Kind::Refused, nothing written, the backup removed; see
// StagedFile::commit for the one window a plain rename leaves). Temporary
// files a killed run left beside config.toml are removed.
Expected<ApplyResult> applyManagedBlock(const QString &codexHome, const SandboxPolicy &policy,
                                        const ApplyOptions &options = {}, const ApplyHooks &hooks = {});

} // namespace SandboxDoctor
