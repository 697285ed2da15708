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

// Writes `bytes` as a new backup beside `writtenPath`; never overwrites one.
// Returns the backup's path.
Expected<QString> writeBackup(const QString &writtenPath, const QByteArray &bytes,
                              QFileDevice::Permissions permissions);

// Backups of `writtenPath`, newest first (by the time in their names).
QList<BackupInfo> findBackups(const QString &writtenPath);

// Removes all but the `keep` newest backups; keep <= 0 keeps all.
void pruneBackups(const QString &writtenPath, int keep);

} // namespace SandboxDoctor
