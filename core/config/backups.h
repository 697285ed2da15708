#pragma once

#include "common/expected.h"
#include "config/applier.h"

#include <QByteArray>
#include <QDateTime>
#include <QFileDevice>
#include <QList>
#include <QString>

namespace SandboxDoctor {

// "<file name>.bak-20261127T071500Z", with "-2", "-3", ... when that second is taken.
QString backupFileName(const QString &fileName, const QDateTime &utc, int sequence = 1);

enum class BackupMethod {
    Copy,          // write `bytes` into a new file
    LinkOriginal,  // hard-link the file at writtenPath (its bytes must be `bytes`); copy where links fail
};

// Makes a new backup beside `writtenPath`; never overwrites one. Returns its path.
// LinkOriginal suits a file about to be replaced by rename: the old inode,
// which nothing will write to again, becomes the backup at no cost, with its
// bytes, mode and owner; on file systems without hard links it copies.
Expected<QString> writeBackup(const QString &writtenPath, const QByteArray &bytes,
                              QFileDevice::Permissions permissions, BackupMethod method = BackupMethod::Copy);

// Backups of `writtenPath`, newest first (by the time in their names).
QList<BackupInfo> findBackups(const QString &writtenPath);

// Removes all but the `keep` newest backups; keep <= 0 keeps all.
void pruneBackups(const QString &writtenPath, int keep);

} // namespace SandboxDoctor
