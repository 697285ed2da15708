#include "config/backups.h"

#include "common/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <unistd.h>
#endif

namespace SandboxDoctor {

namespace {

const QString TimeFormat = QStringLiteral("yyyyMMdd'T'HHmmss'Z'");

struct Found final
{
    BackupInfo info;
    int sequence = 1;
};

} // namespace

QString backupFileName(const QString &fileName, const QDateTime &utc, int sequence)
{
    QString name = fileName + QStringLiteral(".bak-") + utc.toUTC().toString(TimeFormat);
    if (sequence > 1)
        name += QLatin1Char('-') + QString::number(sequence);
    return name;
}

Expected<QString> writeBackup(const QString &writtenPath, const QByteArray &bytes,
                              QFileDevice::Permissions permissions, BackupMethod method)
{
    const QFileInfo written(writtenPath);
    const QDir folder = written.absoluteDir();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // Past every backup of this second, even pruned gaps, so names keep sorting by age.
    int first = 1;
    const QString stem = backupFileName(written.fileName(), now);
    for (const QString &name : folder.entryList({stem + QLatin1Char('*')}, QDir::Files | QDir::Hidden | QDir::System)) {
        if (name == stem)
            first = std::max(first, 2);
        else if (name.startsWith(stem + QLatin1Char('-')))
            first = std::max(first, name.mid(stem.size() + 1).toInt() + 1);
    }
    // NewOnly makes the name ours even if another apply runs in the same second.
    for (int sequence = first; sequence < first + 1000; ++sequence) {
        const QString path = folder.filePath(backupFileName(written.fileName(), now, sequence));
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
            if (QFileInfo::exists(path))
                continue;
            return Error{Error::Kind::Io, QStringLiteral("Cannot create the backup: %1.").arg(file.errorString()),
                         path, 0, 0,
                         QStringLiteral("Nothing was changed. Make the folder writable, or run with --no-backup "
                                        "if you do not want one.")};
        }
        // open() applied the umask; the copy gets exactly the original's mode.
        if (!file.setPermissions(permissions) || file.write(bytes) != bytes.size() || !file.flush()) {
            const QString reason = file.errorString();
            file.close();
            QFile::remove(path);
            return Error{Error::Kind::Io, QStringLiteral("Writing the backup failed: %1.").arg(reason), path, 0, 0,
                         QStringLiteral("Nothing was changed. Check the free disk space and try again.")};
        }
        file.close();
        qCDebug(lcApply) << "backup" << path;
        return path;
    }
    return Error{Error::Kind::Io, QStringLiteral("Too many backups were made this second."), writtenPath, 0, 0,
                 QStringLiteral("Nothing was changed. Wait a second and try again.")};
}

QList<BackupInfo> findBackups(const QString &writtenPath)
{
    const QFileInfo written(writtenPath);
    static const QRegularExpression pattern(QStringLiteral("^(.*)\\.bak-(\\d{8}T\\d{6}Z)(?:-(\\d+))?$"));
    QList<Found> found;
    const QFileInfoList entries = written.absoluteDir().entryInfoList(
        {written.fileName() + QStringLiteral(".bak-*")}, QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
    for (const QFileInfo &entry : entries) {
        const QRegularExpressionMatch match = pattern.match(entry.fileName());
        if (!match.hasMatch() || match.captured(1) != written.fileName())
            continue;
        const QDateTime parsed = QDateTime::fromString(match.captured(2), TimeFormat);
        if (!parsed.isValid())
            continue;
        // The name holds UTC. setTimeSpec() is deprecated from Qt 6.9, and 6.4's
        // QTimeZone::utc() would report a Qt::TimeZone spec rather than Qt::UTC.
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
        const QDateTime time(parsed.date(), parsed.time(), QTimeZone::UTC);
#else
        const QDateTime time(parsed.date(), parsed.time(), Qt::UTC);
#endif
        Found f;
        f.info.path = entry.absoluteFilePath();
        f.info.createdUtc = time;
        f.info.size = entry.size();
        f.sequence = match.captured(3).isEmpty() ? 1 : match.captured(3).toInt();
        found.append(f);
    }
    std::sort(found.begin(), found.end(), [](const Found &a, const Found &b) {
        if (a.info.createdUtc != b.info.createdUtc)
            return a.info.createdUtc > b.info.createdUtc;
        return a.sequence > b.sequence;
    });
    QList<BackupInfo> result;
    result.reserve(found.size());
    for (const Found &f : std::as_const(found))
        result.append(f.info);
    return result;
}

void pruneBackups(const QString &writtenPath, int keep)
{
    if (keep <= 0)
        return;
    const QList<BackupInfo> backups = findBackups(writtenPath);
    for (qsizetype i = keep; i < backups.size(); ++i) {
        if (!QFile::remove(backups[i].path))
            qCWarning(lcApply) << "could not remove old backup" << backups[i].path;
    }
}

} // namespace SandboxDoctor
