#include "config/backuprecord.h"

#include "common/logging.h"
#include "config/backups.h"
#include "config/changerecord.h"
#include "config/configfile.h"
#include "config/oserror.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace SandboxDoctor {

namespace {

const QString Kept = QStringLiteral("Nothing was changed.");

enum class Made { Done, NameTaken, Failed };

// Creates `path` with `bytes` (never over an existing name), flushed, with `mode`.
Made createNew(const QString &path, const QByteArray &bytes, quint32 mode, Error &error)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
                          0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return Made::NameTaken;
        error = systemIoError(QStringLiteral("Creating the backup"), path, errno, Kept);
        return Made::Failed;
    }
    for (qsizetype done = 0; done < bytes.size();) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            error = systemIoError(QStringLiteral("Writing the backup"), path, n < 0 ? errno : ENOSPC, Kept);
            ::close(fd);
            ::unlink(QFile::encodeName(path).constData());
            return Made::Failed;
        }
        done += n;
    }
    const bool ok = ::fchmod(fd, mode_t(mode)) == 0 && ::fsync(fd) == 0;
    const int syncError = errno;
    if (::close(fd) != 0 || !ok) {
        error = systemIoError(QStringLiteral("Writing the backup"), path, ok ? errno : syncError, Kept);
        ::unlink(QFile::encodeName(path).constData());
        return Made::Failed;
    }
    return Made::Done;
#else
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        if (QFileInfo::exists(path))
            return Made::NameTaken;
        error = ioError(QStringLiteral("Cannot create the backup: %1.").arg(file.errorString()), path,
                        Kept + QStringLiteral(" Check that the folder is writable and the disk is not full."));
        return Made::Failed;
    }
    Q_UNUSED(mode)
    if (file.write(bytes) != bytes.size() || !file.flush()) {
        error = ioError(QStringLiteral("Writing the backup failed: %1.").arg(file.errorString()), path,
                        Kept + QStringLiteral(" Check the free disk space and try again."));
        file.close();
        QFile::remove(path);
        return Made::Failed;
    }
    return Made::Done;
#endif
}

// A backup of `file` at `path`: a hard link to the very file, else a copy.
Made backUp(const RecordedFile &file, const QString &path, Error &error)
{
#ifdef Q_OS_UNIX
    if (::link(QFile::encodeName(file.writePath).constData(), QFile::encodeName(path).constData()) == 0) {
        const Expected<FileStamp> linked = stampOf(path, Links::DoNotFollow);
        if (linked && linked->sameFile(file.stamp))
            return Made::Done;
        ::unlink(QFile::encodeName(path).constData());
        error = refusedError(QStringLiteral("%1 changed while its backup was being made (another program saved it).")
                                 .arg(file.name),
                             file.writePath,
                             QStringLiteral("Nothing was written: the file as the other program left it was kept. "
                                            "Look at it, then run the command again."));
        return Made::Failed;
    }
    if (errno == EEXIST)
        return Made::NameTaken;
    // No hard links on this file system (or too many): copy the bytes that were read.
#endif
    return createNew(path, file.bytes, file.stamp.mode, error);
}

} // namespace

void removeBackupRecord(const BackupRecord &record)
{
    // In reverse, so the record (made first) goes last: while it is there,
    // the entry is whole or reported as damaged.
    for (auto it = record.members.crbegin(); it != record.members.crend(); ++it)
        QFile::remove(*it);
}

Expected<BackupRecord> createBackupRecord(const QString &codexHome, const QString &configWritePath,
                                          const QList<RecordedFile> &files, bool withRecord)
{
    const QFileInfo config(configWritePath);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    int first = firstFreeBackupSequence(config.absolutePath(), config.fileName(), now);
    for (const RecordedFile &file : files) {
        const QFileInfo target(file.writePath);
        first = std::max(first, firstFreeBackupSequence(target.absolutePath(), target.fileName(), now));
    }

    // The hashes only go into a record (a megabyte costs a few milliseconds).
    ChangeRecord change;
    change.codexHome = QDir::cleanPath(QFileInfo(codexHome).absoluteFilePath());
    for (const RecordedFile &file : files) {
        const bool hashed = withRecord && file.existed;
        change.files.append({file.name, file.existed, hashed ? sha256Hex(file.bytes) : QByteArray()});
    }

    for (int sequence = first; sequence < first + 1000; ++sequence) {
        const QString suffix = backupSuffix(now, sequence);
        BackupRecord record;
        record.name = config.fileName() + QLatin1Char('.') + suffix;
        Error error;
        bool taken = false;
        if (withRecord) {
            // First: its name claims the suffix, and a crash from here on
            // leaves a record that restore can use.
            const QString recordPath = QDir(config.absolutePath()).filePath(record.name + changeRecordSuffix());
            const Made made = createNew(recordPath, changeRecordToJson(change), 0600, error);
            if (made == Made::NameTaken)
                continue;
            if (made == Made::Failed)
                return error;
            record.members.append(recordPath);
            record.path = recordPath;
        }
        for (const RecordedFile &file : files) {
            if (!file.existed)
                continue;
            const QFileInfo target(file.writePath);
            const QString path = QDir(target.absolutePath()).filePath(target.fileName() + QLatin1Char('.') + suffix);
            const Made made = backUp(file, path, error);
            if (made != Made::Done) {
                removeBackupRecord(record);
                if (made == Made::Failed)
                    return error;
                taken = true;
                break;
            }
            record.members.append(path);
            record.backupOf.insert(file.name, path);
            if (file.name == QLatin1String("config.toml"))
                record.path = path;
        }
        if (taken)
            continue;
        // No folder fsync here: the one after each replace (StagedFile::commit)
        // commits these earlier entries of the file system's journal with it,
        // so a replace that survives a crash has its backups beside it.
        qCDebug(lcApply) << "backed up as" << record.name;
        return record;
    }
    return ioError(QStringLiteral("Too many backups were made this second."), configWritePath,
                   QStringLiteral("Nothing was changed. Wait a second and try again."));
}

} // namespace SandboxDoctor
