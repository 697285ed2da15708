#include "config/backups.h"

#include "common/logging.h"
#include "config/configfile.h"
#include "config/filestamp.h"
#include "config/oserror.h"
#include "config/tomltree_p.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <unistd.h>
#endif

namespace SandboxDoctor {

namespace {

const QString TimeFormat = QStringLiteral("yyyyMMdd'T'HHmmss'Z'");

} // namespace

QString backupSuffix(const QDateTime &utc, int sequence)
{
    QString suffix = QStringLiteral("bak-") + utc.toUTC().toString(TimeFormat);
    if (sequence > 1)
        suffix += QLatin1Char('-') + QString::number(sequence);
    return suffix;
}

QString backupFileName(const QString &fileName, const QDateTime &utc, int sequence)
{
    return fileName + QLatin1Char('.') + backupSuffix(utc, sequence);
}

int firstFreeBackupSequence(const QString &folder, const QString &fileName, const QDateTime &utc)
{
    // Past every name of this second, even pruned gaps and change records.
    int first = 1;
    const QString stem = backupFileName(fileName, utc);
    const QStringList names =
        QDir(folder).entryList({stem + QLatin1Char('*')}, QDir::AllEntries | QDir::Hidden | QDir::System);
    for (const QString &name : names) {
        if (name == stem || name.startsWith(stem + QLatin1Char('.'))) {
            first = std::max(first, 2);
        } else if (name.startsWith(stem + QLatin1Char('-'))) {
            const QString rest = name.mid(stem.size() + 1);
            const qsizetype dot = rest.indexOf(QLatin1Char('.'));
            first = std::max(first, (dot < 0 ? rest : rest.left(dot)).toInt() + 1);
        }
    }
    return first;
}

Expected<QByteArray> readBackupFile(const QString &path)
{
    Expected<StampedBytes> read = readStamped(path, MaxConfigBytes, QStringLiteral("The backup"), Links::DoNotFollow);
    if (!read)
        return read.error();
    return std::move(read->bytes);
}

bool parsesAsToml(const QByteArray &bytes)
{
    static const QByteArray bom = QByteArrayLiteral("\xEF\xBB\xBF");
    return parseToml(bytes.startsWith(bom) ? bytes.mid(bom.size()) : bytes).hasValue();
}

Expected<QString> writeBackup(const QString &writtenPath, const QByteArray &bytes,
                              QFileDevice::Permissions permissions, BackupMethod method)
{
    const QFileInfo written(writtenPath);
    const QString folder = written.absolutePath();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString kept = QStringLiteral("Nothing was changed.");
    const int first = firstFreeBackupSequence(folder, written.fileName(), now);
    // New names only (link(2) and NewOnly fail on an existing one), so another
    // run in the same second never overwrites this one.
    for (int sequence = first; sequence < first + 1000; ++sequence) {
        const QString path = QDir(folder).filePath(backupFileName(written.fileName(), now, sequence));
#ifdef Q_OS_UNIX
        if (method == BackupMethod::LinkOriginal) {
            if (::link(QFile::encodeName(writtenPath).constData(), QFile::encodeName(path).constData()) == 0) {
                qCDebug(lcApply) << "backup (hard link)" << path;
                return path;
            }
            if (errno == EEXIST)
                continue;
            method = BackupMethod::Copy;  // no hard links here (or too many): copy instead
        }
#else
        Q_UNUSED(method)  // hard-link backups are a POSIX fast path; Windows always copies
#endif
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, permissions)) {
            const int error = lastSystemError();
            if (QFileInfo::exists(path))
                continue;
            return systemIoError(QStringLiteral("Creating the backup"), path, error,
                                 kept);
        }
        // open() applied the umask; the copy gets exactly the original's mode.
        if (!file.setPermissions(permissions) || file.write(bytes) != bytes.size() || !file.flush()) {
            const int error = lastSystemError();
            file.close();
            QFile::remove(path);
            return systemIoError(QStringLiteral("Writing the backup"), path, error, kept);
        }
        file.close();
        qCDebug(lcApply) << "backup" << path;
        return path;
    }
    return ioError(QStringLiteral("Too many backups were made this second."), writtenPath,
                   QStringLiteral("Nothing was changed. Wait a second and try again."));
}

} // namespace SandboxDoctor
