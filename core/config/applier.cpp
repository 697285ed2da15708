#include "config/applier.h"

#include "common/logging.h"
#include "config/atomicwrite.h"
#include "config/backups.h"
#include "config/configpaths.h"

#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace SandboxDoctor {

namespace {

bool isSha256Hex(const QByteArray &hex)
{
    if (hex.size() != 64)
        return false;
    for (const char c : hex) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    }
    return true;
}

// A read-only file or folder is a person's decision, even when we run as
// root and the kernel would let us write: refuse rather than override it.
bool lockedByMode(const QFileInfo &info)
{
#ifdef Q_OS_UNIX
    if (info.ownerId() == ::geteuid() && !(info.permissions() & QFileDevice::WriteOwner))
        return true;
#endif
    return !info.isWritable();
}

std::optional<Error> checkWritable(const QString &writePath, bool exists)
{
    const QFileInfo file(writePath);
    const QFileInfo folder(file.absolutePath());
    if (!folder.isDir())
        return refusedError(QStringLiteral("The folder config.toml points into does not exist."), folder.filePath(),
                       QStringLiteral("Fix the symbolic link or create the folder, then run again."));
    if (exists && lockedByMode(file))
        return refusedError(QStringLiteral("config.toml is read-only."), writePath,
                       QStringLiteral("Nothing was changed. If you do want it edited, make it writable "
                                      "(chmod u+w) and run again."));
    if (lockedByMode(folder))
        return refusedError(QStringLiteral("The folder that holds config.toml is read-only, so it cannot be replaced "
                                      "safely."),
                       folder.filePath(),
                       QStringLiteral("Nothing was changed. Make the folder writable (chmod u+w) and run again."));
    return std::nullopt;
}

Expected<QByteArray> readBackup(const BackupInfo &backup)
{
    QFile file(backup.path);
    if (QFileInfo(backup.path).size() > MaxConfigBytes)
        return refusedError(QStringLiteral("The backup is larger than a config.toml may be."), backup.path,
                       QStringLiteral("Look at it by hand; it is not a config this tool wrote."));
    if (!file.open(QIODevice::ReadOnly))
        return Error{Error::Kind::Io, QStringLiteral("Cannot read the backup: %1.").arg(file.errorString()),
                     backup.path, 0, 0, QStringLiteral("Nothing was changed. Check its permissions.")};
    return file.readAll();
}

bool stillTheSame(const ConfigSnapshot &before)
{
    QFile file(before.writePath);
    if (!file.exists())
        return !before.exists;
    if (!before.exists || file.size() != before.bytes.size() || !file.open(QIODevice::ReadOnly))
        return false;
    return file.read(MaxConfigBytes + 1) == before.bytes;
}

} // namespace

Expected<ApplyResult> applyManagedBlock(const QString &codexHome, const SandboxPolicy &policy,
                                        const ApplyOptions &options)
{
    if (!options.expectSha256.isEmpty() && !isSha256Hex(options.expectSha256))
        return Error{Error::Kind::Usage,
                     QStringLiteral("'%1' is not a SHA-256 hash.").arg(QString::fromLatin1(options.expectSha256)),
                     {}, 0, 0,
                     QStringLiteral("Give the 64 hexadecimal digits that status --json reports as config.sha256.")};

    Expected<ConfigSnapshot> snapshot = readConfig(codexHome);
    if (!snapshot)
        return snapshot.error();
    ApplyResult result;
    result.before = std::move(snapshot).value();
    const ConfigSnapshot &before = result.before;

    if (!options.expectSha256.isEmpty() && options.expectSha256.toLower() != before.sha256Hex())
        return refusedError(QStringLiteral("config.toml changed since the preview (expected sha256 %1, found %2).")
                           .arg(QString::fromLatin1(options.expectSha256.toLower()),
                                QString::fromLatin1(before.sha256Hex())),
                       before.path,
                       QStringLiteral("Nothing was written. Look at the diff again, then apply with the new hash."));

    Expected<ProposedEdit> edit = proposeEdit(before.bytes, policy);
    if (!edit) {
        Error error = edit.error();
        if (error.path.isEmpty())
            error.path = before.path;
        return error;
    }
    result.edit = std::move(edit).value();
    if (!result.edit.changed || options.dryRun)
        return result;  // a current file is not touched at all: its mtime stays

    if (const auto locked = checkWritable(before.writePath, before.exists))
        return *locked;

    if (before.exists && options.backup) {
        // The write below replaces the file by rename, so the old inode can be the backup.
        const Expected<QString> backup = writeBackup(before.writePath, before.bytes,
                                                     QFile::permissions(before.writePath), BackupMethod::LinkOriginal);
        if (!backup)
            return backup.error();
        result.backupPath = backup.value();
    }
    auto dropBackup = [&result] {
        if (!result.backupPath.isEmpty())
            QFile::remove(result.backupPath);
        result.backupPath.clear();
    };

    // Someone may have saved the file while we were planning; their bytes win.
    // (Compared byte for byte: hashing 1 MiB again costs more than the compare.)
    if (!stillTheSame(before)) {
        dropBackup();
        return refusedError(QStringLiteral("config.toml changed while the edit was being prepared."), before.path,
                       QStringLiteral("Nothing was written. Run the command again."));
    }

    const Expected<Done> written = writeFileAtomically(before.writePath, result.edit.after);
    if (!written) {
        dropBackup();  // the original is intact, so its copy is not needed
        return written.error();
    }
    result.written = true;
    if (options.backup)
        pruneBackups(before.writePath, options.keepBackups);
    qCInfo(lcApply) << "applied the managed block to" << before.writePath;
    return result;
}

Expected<QList<BackupInfo>> listBackups(const QString &codexHome)
{
    const Expected<ConfigPaths> paths = resolveConfigPaths(codexHome);
    if (!paths)
        return paths.error();
    return findBackups(paths->writePath);
}

Expected<BackupInfo> restoreNewestBackup(const QString &codexHome)
{
    const Expected<ConfigSnapshot> current = readConfig(codexHome);
    if (!current)
        return current.error();
    const QList<BackupInfo> backups = findBackups(current->writePath);
    if (backups.isEmpty())
        return refusedError(QStringLiteral("There is no backup of config.toml to restore."), current->writePath,
                       QStringLiteral("Backups (config.toml.bak-<time>) are made by apply unless --no-backup "
                                      "was given."));
    const BackupInfo newest = backups.first();
    const Expected<QByteArray> bytes = readBackup(newest);
    if (!bytes)
        return bytes.error();
    if (current->exists && current->bytes == bytes.value())
        return newest;  // already the backup's bytes: nothing to write, nothing to undo

    if (const auto locked = checkWritable(current->writePath, current->exists))
        return *locked;
    // The file being replaced becomes the newest backup, so a second restore undoes this one.
    QString undoPath;
    if (current->exists) {
        const Expected<QString> undo = writeBackup(current->writePath, current->bytes,
                                                   QFile::permissions(current->writePath), BackupMethod::LinkOriginal);
        if (!undo)
            return undo.error();
        undoPath = undo.value();
    }
    const Expected<Done> written = writeFileAtomically(current->writePath, bytes.value());
    if (!written) {
        if (!undoPath.isEmpty())
            QFile::remove(undoPath);
        return written.error();
    }
    qCInfo(lcApply) << "restored" << newest.path << "to" << current->writePath;
    return newest;
}

} // namespace SandboxDoctor
