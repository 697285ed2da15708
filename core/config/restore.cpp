#include "config/restore.h"

#include "common/logging.h"
#include "config/changeset.h"
#include "config/configfile.h"
#include "config/filestamp.h"

#include <QFileInfo>

namespace SandboxDoctor {

namespace {

Error noSuchBackup(const BackupHistory &history, const QString &name)
{
    const QString folder = QFileInfo(history.writePath).absolutePath();
    if (name.isEmpty()) {
        QString message = QStringLiteral("There is no backup of config.toml to restore.");
        if (!history.backups.isEmpty())
            message = QStringLiteral("Every backup of config.toml is dated in the future, so none is the newest.");
        return refusedError(message, folder,
                            QStringLiteral("Backups (config.toml.bak-<time>) are made by apply unless --no-backup "
                                           "was given. List them with the backups command; restore one by name "
                                           "with restore --backup NAME."));
    }
    for (const SkippedBackup &skipped : history.skipped) {
        if (QFileInfo(skipped.path).fileName() == name || skipped.path == name)
            return refusedError(QStringLiteral("%1 is not offered as a backup: %2.").arg(name, skipped.reason),
                                skipped.path,
                                QStringLiteral("Nothing was changed. This tool restores only regular files it "
                                               "named itself; look at it by hand."));
    }
    return refusedError(QStringLiteral("There is no backup named %1.").arg(name), folder,
                        QStringLiteral("Nothing was changed. List the backups with the backups command and give a "
                                       "name from that list."));
}

// What each file of the entry must hold again (nullopt: removed).
Expected<QList<FileAfter>> plannedFiles(const BackupInfo &entry)
{
    QList<FileAfter> files;
    for (const BackupFile &file : entry.files) {
        FileAfter after;
        after.name = file.name;
        if (file.existed) {
            const Expected<StampedBytes> bytes =
                readStamped(file.path, MaxConfigBytes, QStringLiteral("The backup"), Links::DoNotFollow);
            if (!bytes)
                return bytes.error();
            if (!file.sha256.isEmpty() && sha256Hex(bytes->bytes) != file.sha256)
                return refusedError(QStringLiteral("The backup of %1 was changed after it was made (its hash no "
                                                   "longer matches the change record).")
                                        .arg(file.name),
                                    file.path,
                                    QStringLiteral("Nothing was changed. Look at it by hand; restore another "
                                                   "backup."));
            after.bytes = bytes->bytes;
            after.newFileMode = bytes->stamp.mode;
        }
        files.append(after);
    }
    return files;
}

} // namespace

Expected<QList<BackupInfo>> listBackups(const QString &codexHome)
{
    Expected<BackupHistory> history = listBackupHistory(codexHome);
    if (!history)
        return history.error();
    return std::move(history->backups);
}

Expected<RestoreResult> restoreBackup(const QString &codexHome, const QString &name)
{
    const Expected<BackupHistory> history = listBackupHistory(codexHome);
    if (!history)
        return history.error();
    const BackupInfo *entry = name.isEmpty() ? history->newest() : history->find(name);
    if (!entry)
        return noSuchBackup(history.value(), name);

    const Expected<QList<FileAfter>> files = plannedFiles(*entry);
    if (!files)
        return files.error();
    QStringList names;
    for (const FileAfter &file : files.value())
        names.append(file.name);
    Expected<ChangeWriter> writer = ChangeWriter::begin(codexHome, names);
    if (!writer)
        return writer.error();

    RestoreResult result;
    result.restored = *entry;
    ChangeOptions options;
    options.backup = true;          // the replaced files become the entry that undoes this
    options.recordNewConfig = true; // even a config.toml that was gone: undo removes it again
    const Expected<ChangeResult> changed = writer->commit(files.value(), options);
    if (!changed)
        return changed.error();
    result.written = changed->written;
    result.undoName = changed->backupName;
    result.undoPath = changed->backupPath;
    if (result.written)
        qCInfo(lcApply) << "restored" << entry->name << "in" << codexHome << "; undo:" << result.undoName;
    return result;
}

Expected<BackupInfo> restoreNewestBackup(const QString &codexHome)
{
    const Expected<RestoreResult> result = restoreBackup(codexHome);
    if (!result)
        return result.error();
    return result->restored;
}

} // namespace SandboxDoctor
