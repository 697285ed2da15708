#include "config/backups.h"

#include "common/logging.h"
#include "config/changerecord.h"
#include "config/configpaths.h"
#include "config/filestamp.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>
#include <optional>

namespace SandboxDoctor {

namespace {

constexpr qint64 MaxRecordBytes = 64 * 1024;

struct Member final
{
    QString path;
    FileStamp stamp;
};

// Every name of one "bak-<time>[-N]" suffix in config.toml's folder.
struct Group final
{
    QString suffix;
    QDateTime time;
    int sequence = 1;
    std::optional<Member> config;
    std::optional<Member> record;
};

QDateTime utcFromName(const QString &text)
{
    const QDateTime parsed = QDateTime::fromString(text, QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    if (!parsed.isValid())
        return {};
    // The name holds UTC. setTimeSpec() is deprecated from Qt 6.9, and 6.4's
    // QTimeZone::utc() would report a Qt::TimeZone spec rather than Qt::UTC.
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return QDateTime(parsed.date(), parsed.time(), QTimeZone::UTC);
#else
    return QDateTime(parsed.date(), parsed.time(), Qt::UTC);
#endif
}

// Fills the entry's files from its change record; a reason when it does not check out.
std::optional<QString> readRecord(const QString &codexHome, const Group &group, const QString &configName,
                                  BackupInfo &info)
{
    const Expected<StampedBytes> bytes =
        readStamped(group.record->path, MaxRecordBytes, QStringLiteral("The change record"), Links::DoNotFollow);
    if (!bytes)
        return bytes.error().message;
    const Expected<ChangeRecord> record = changeRecordFromJson(bytes->bytes, group.record->path);
    if (!record)
        return record.error().message;
    if (QDir::cleanPath(record->codexHome) != codexHome)
        return QStringLiteral("the change was made in another CODEX_HOME (%1), which shares this config.toml")
            .arg(record->codexHome);

    bool sawConfig = false;
    for (const ChangeRecord::File &file : record->files) {
        BackupFile backup;
        backup.name = file.name;
        backup.existed = file.existed;
        backup.sha256 = file.sha256;
        if (file.name == configName) {
            sawConfig = true;
            if (file.existed != group.config.has_value())
                return file.existed ? QStringLiteral("the backup of config.toml is missing")
                                    : QStringLiteral("it says config.toml did not exist, yet has a backup of it");
            if (file.existed) {
                backup.path = group.config->path;
                backup.size = group.config->stamp.size;
            }
        } else if (file.existed) {
            const Expected<ConfigPaths> paths = resolveHomeFile(codexHome, file.name);
            if (!paths)
                return paths.error().message;
            const QFileInfo target(paths->writePath);
            backup.path = QDir(target.absolutePath()).filePath(target.fileName() + QLatin1Char('.') + group.suffix);
            const Expected<FileStamp> stamp = stampOf(backup.path, Links::DoNotFollow);
            if (!stamp || stamp->type != FileStamp::Type::Regular)
                return QStringLiteral("the backup of %1 (%2) is %3").arg(file.name, backup.path,
                                                                         stamp ? fileTypeText(stamp->type)
                                                                               : QStringLiteral("unreadable"));
            backup.size = stamp->size;
        }
        if (file.name == configName)
            info.files.prepend(backup);
        else
            info.files.append(backup);
    }
    if (!sawConfig && group.config)
        return QStringLiteral("it does not list config.toml, yet has a backup of it");
    return std::nullopt;
}

} // namespace

const BackupInfo *BackupHistory::newest() const
{
    for (const BackupInfo &backup : backups) {
        if (!backup.future)
            return &backup;
    }
    return nullptr;
}

const BackupInfo *BackupHistory::find(const QString &nameOrPath) const
{
    const QString asPath = QDir::cleanPath(QFileInfo(nameOrPath).absoluteFilePath());
    for (const BackupInfo &backup : backups) {
        if (backup.name == nameOrPath || backup.path == asPath || backup.recordPath == asPath)
            return &backup;
    }
    return nullptr;
}

Expected<BackupHistory> listBackupHistory(const QString &codexHome, ParseCheck parse)
{
    const Expected<ConfigPaths> paths = resolveConfigPaths(codexHome);
    if (!paths)
        return paths.error();
    BackupHistory history;
    history.codexHome = paths->codexHome;
    history.writePath = paths->writePath;
    const QFileInfo written(paths->writePath);
    const QString folder = written.absolutePath();
    const QString base = written.fileName();
    // Names config.toml has is "config.toml"; a linked one's backups carry its target's name.
    const QString configName = QStringLiteral("config.toml");

    static const QRegularExpression pattern(
        QStringLiteral("^bak-(\\d{8}T\\d{6}Z)(?:-([1-9]\\d{0,5}))?(\\.change\\.json)?$"));
    QHash<QString, Group> groups;
    const QStringList names = QDir(folder).entryList({base + QStringLiteral(".bak-*")},
                                                     QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                                                     QDir::Name);
    for (const QString &name : names) {
        const QRegularExpressionMatch match = pattern.match(name.mid(base.size() + 1));
        if (!name.startsWith(base + QLatin1Char('.')) || !match.hasMatch())
            continue;  // not a name this app makes: not ours to offer or to judge
        const QString path = QDir(folder).filePath(name);
        const QDateTime time = utcFromName(match.captured(1));
        if (!time.isValid()) {
            history.skipped.append({path, QStringLiteral("the time in its name is not a date")});
            continue;
        }
        const Expected<FileStamp> stamp = stampOf(path, Links::DoNotFollow);
        if (!stamp) {
            history.skipped.append({path, stamp.error().message});
            continue;
        }
        if (stamp->type != FileStamp::Type::Regular) {
            history.skipped.append({path, fileTypeText(stamp->type)});
            continue;
        }
        const QString suffix = name.mid(base.size() + 1, match.capturedEnd(2) < 0 ? match.capturedEnd(1)
                                                                                   : match.capturedEnd(2));
        Group &group = groups[suffix];
        group.suffix = suffix;
        group.time = time;
        group.sequence = match.captured(2).isEmpty() ? 1 : match.captured(2).toInt();
        (match.captured(3).isEmpty() ? group.config : group.record) = Member{path, stamp.value()};
    }

    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<std::pair<int, BackupInfo>> found;
    for (const Group &group : std::as_const(groups)) {
        BackupInfo info;
        info.name = base + QLatin1Char('.') + group.suffix;
        info.createdUtc = group.time;
        info.future = group.time > now;
        if (group.config) {
            info.path = group.config->path;
            info.size = group.config->stamp.size;
        }
        if (group.record) {
            info.recordPath = group.record->path;
            if (!group.config)
                info.path = group.record->path;
            if (const std::optional<QString> reason = readRecord(history.codexHome, group, configName, info)) {
                history.skipped.append({info.path, *reason});
                continue;
            }
        } else {
            info.files.append(BackupFile{configName, true, info.path, info.size, {}, false});
        }
        found.append({group.sequence, info});
    }
    std::sort(found.begin(), found.end(), [](const auto &a, const auto &b) {
        if (a.second.createdUtc != b.second.createdUtc)
            return a.second.createdUtc > b.second.createdUtc;
        return a.first > b.first;
    });
    for (auto &[sequence, info] : found) {
        Q_UNUSED(sequence)
        if (parse == ParseCheck::Check) {
            info.parseChecked = true;
            info.parses = true;
            for (BackupFile &file : info.files) {
                if (!file.existed)
                    continue;
                const Expected<QByteArray> bytes = readBackupFile(file.path);
                file.parses = bytes && parsesAsToml(bytes.value());
                if (file.name == configName)
                    info.parses = file.parses;
            }
        }
        history.backups.append(std::move(info));
    }
    return history;
}

Expected<QStringList> deleteBackups(const QString &codexHome, const QStringList &names)
{
    const Expected<BackupHistory> history = listBackupHistory(codexHome);
    if (!history)
        return history.error();
    QList<const BackupInfo *> chosen;
    for (const QString &name : names) {
        const BackupInfo *backup = history->find(name);
        if (!backup)
            return refusedError(QStringLiteral("There is no backup named %1.").arg(name),
                                QFileInfo(history->writePath).absolutePath(),
                                QStringLiteral("Nothing was deleted. List the backups (the backups command) and "
                                               "give names from that list."));
        chosen.append(backup);
    }
    QStringList removed;
    for (const BackupInfo *backup : std::as_const(chosen)) {
        QStringList members;
        for (const BackupFile &file : backup->files) {
            if (file.existed)
                members.append(file.path);
        }
        if (!backup->recordPath.isEmpty())
            members.append(backup->recordPath);  // last: while it is there, the entry is whole or reported
        for (const QString &path : std::as_const(members)) {
            if (removed.contains(path))
                continue;
            if (!QFile::remove(path))
                return ioError(QStringLiteral("Cannot delete the backup."), path,
                               QStringLiteral("Check that the folder is writable. Deleted so far: %1.")
                                   .arg(removed.isEmpty() ? QStringLiteral("nothing") : removed.join(QLatin1String(", "))));
            removed.append(path);
        }
        qCInfo(lcApply) << "deleted backup" << backup->name;
    }
    return removed;
}

void pruneBackups(const QString &codexHome, int keep)
{
    if (keep <= 0)
        return;
    const Expected<BackupHistory> history = listBackupHistory(codexHome);
    if (!history)
        return;
    QStringList old;
    int kept = 0;
    for (const BackupInfo &backup : history->backups) {
        if (backup.future)
            continue;  // not ours to judge by age
        if (++kept > keep)
            old.append(backup.name);
    }
    if (!old.isEmpty()) {
        if (const Expected<QStringList> removed = deleteBackups(codexHome, old); !removed)
            qCWarning(lcApply) << "could not remove old backups:" << removed.error().toText();
    }
}

} // namespace SandboxDoctor
