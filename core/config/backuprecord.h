#pragma once

#include "common/expected.h"
#include "config/filestamp.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace SandboxDoctor {

// One file as it is before a change, to be backed up.
struct RecordedFile final
{
    QString name;       // in CODEX_HOME
    QString writePath;  // where it is (a linked file's target)
    bool existed = true;
    FileStamp stamp;    // when existed: the backup must be a link of this very file
    QByteArray bytes;   // when existed
};

// The backups one change made, all with one "bak-<UTC time>[-N]" suffix.
struct BackupRecord final
{
    QString name;                    // the entry's name: "<config name>.bak-<suffix>"
    QString path;                    // config.toml's backup, else the change record
    QStringList members;             // every file made, to remove them again
    QHash<QString, QString> backupOf;  // file name -> its backup
};

// Backs up every file that existed (a hard link to it, beside it: the very
// inode the change replaces, at no cost; a copy where links fail) and, with
// `withRecord`, writes the change record (changerecord.h) beside config.toml's
// backups first. A link that turns out not to be of `stamp`'s file (replaced
// by a save since it was read) refuses the change (Kind::Refused) and removes
// what was made. `configWritePath` names where config.toml's backups live.
Expected<BackupRecord> createBackupRecord(const QString &codexHome, const QString &configWritePath,
                                          const QList<RecordedFile> &files, bool withRecord);

// Removes every member (for a change that did not happen, or --no-backup).
void removeBackupRecord(const BackupRecord &record);

} // namespace SandboxDoctor
