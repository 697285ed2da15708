#pragma once

#include "common/expected.h"

#include <QByteArray>
#include <QDateTime>
#include <QFileDevice>
#include <QList>
#include <QString>
#include <QStringList>

namespace SandboxDoctor {

// One file of a backed-up change.
struct BackupFile final
{
    QString name;          // in CODEX_HOME: "config.toml", "work.config.toml"
    bool existed = true;   // false: the change created it, so restoring removes it
    QString path;          // its backup (empty when !existed)
    qint64 size = 0;
    QByteArray sha256;     // hex, from the change record (empty for a plain backup)
    bool parses = false;   // valid TOML; filled only by a listing that checks
};

// One entry of a CODEX_HOME's backup history: a plain config.toml backup, or
// a change of several files (changerecord.h). Restoring it puts every file
// back as it was before that change.
struct BackupInfo final
{
    QString path;          // config.toml's backup, or the change record when config.toml did not exist
    QString recordPath;    // the change record (changerecord.h); empty for a plain backup
    QString name;          // "config.toml.bak-<UTC time>[-N]": what `restore --backup` takes
    QDateTime createdUtc;  // the time in the name
    qint64 size = 0;       // of config.toml's backup (0 when it did not exist)
    bool future = false;   // dated after now: listed, never taken for the newest
    bool parses = false;   // config.toml's backup is valid TOML; only when parseChecked
    bool parseChecked = false;
    QList<BackupFile> files;  // every file of the change, config.toml first
};

// An entry with a backup's name that is not offered, and why.
struct SkippedBackup final
{
    QString path;
    QString reason;  // "a symbolic link", "a named pipe (FIFO)", "its change record is damaged: …"
};

struct BackupHistory final
{
    QString codexHome;
    QString writePath;            // config.toml's write target, beside which the backups lie
    QList<BackupInfo> backups;    // newest first, by the time in the name, then the -N sequence
    QList<SkippedBackup> skipped;

    // The newest entry not dated in the future; nullptr when there is none.
    const BackupInfo *newest() const;
    // By name ("config.toml.bak-…") or by its path; nullptr when not offered.
    const BackupInfo *find(const QString &nameOrPath) const;
};

enum class ParseCheck { Skip, Check };

// The backups of a CODEX_HOME's config.toml. Only regular files named exactly
// "<config name>.bak-<YYYYMMDD>T<HHMMSS>Z[-N]" (the names this app makes), and
// change records whose every file checks out, are offered; a link, a pipe, a
// device, a folder or a damaged record under such a name is skipped and
// reported, never opened. With ParseCheck::Check every offered backup is read
// (bounded) and parsed.
Expected<BackupHistory> listBackupHistory(const QString &codexHome, ParseCheck parse = ParseCheck::Skip);

// Reads one backup file through readRegularFile (at most 8 MiB), without
// following a link.
Expected<QByteArray> readBackupFile(const QString &path);

// Valid TOML (a UTF-8 BOM allowed)?
bool parsesAsToml(const QByteArray &bytes);

// Deletes the named entries (every file of a change), all or nothing: an
// unknown name refuses the whole call. Returns the paths removed.
Expected<QStringList> deleteBackups(const QString &codexHome, const QStringList &names);

// Removes all but the `keep` newest entries (never one dated in the future);
// keep <= 0 keeps all.
void pruneBackups(const QString &codexHome, int keep);

// "<file name>.bak-20261127T071500Z", with "-2", "-3", ... when that second is taken.
QString backupFileName(const QString &fileName, const QDateTime &utc, int sequence = 1);

enum class BackupMethod {
    Copy,          // write `bytes` into a new file
    LinkOriginal,  // hard-link the file at writtenPath (its bytes must be `bytes`); copy where links fail
};

// Makes a new single-file backup beside `writtenPath`; never overwrites one.
// Returns its path. (Changes go through changeset.h, which records them.)
Expected<QString> writeBackup(const QString &writtenPath, const QByteArray &bytes,
                              QFileDevice::Permissions permissions, BackupMethod method = BackupMethod::Copy);

// The "bak-<UTC time>[-N]" part of every name of one entry.
QString backupSuffix(const QDateTime &utc, int sequence);
// The first sequence number (1 = no "-N") after every name in `folder` that
// starts with "<fileName>.bak-<that second>", so names keep sorting by age.
int firstFreeBackupSequence(const QString &folder, const QString &fileName, const QDateTime &utc);

} // namespace SandboxDoctor
