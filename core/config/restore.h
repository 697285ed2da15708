#pragma once

#include "common/expected.h"
#include "config/backups.h"

#include <QString>

namespace SandboxDoctor {

struct RestoreResult final
{
    BackupInfo restored;  // the entry that was put back
    bool written = false; // false when every file already held the backup's bytes
    QString undoName;     // the entry made of the files it replaced: restoring it undoes this restore
    QString undoPath;
};

// Puts one entry of the backup history back (restore.cpp): every file of it,
// as one change (changeset.h) — atomic per file, checked against outside
// saves, all or nothing. The files it replaces become a new entry first, so a
// restore is itself undoable; a file the entry did not have is removed (after
// being backed up). Each file keeps its current mode and owner; one that is
// gone gets the backup's. `name` empty: the newest entry that is not dated in
// the future. Backups are read bounded, without following links, and checked
// against the change record's hashes.
Expected<RestoreResult> restoreBackup(const QString &codexHome, const QString &name = {});

// The entries offered (listBackupHistory's backups), newest first.
Expected<QList<BackupInfo>> listBackups(const QString &codexHome);

// restoreBackup(codexHome) for callers that need only the entry restored.
Expected<BackupInfo> restoreNewestBackup(const QString &codexHome);

} // namespace SandboxDoctor
