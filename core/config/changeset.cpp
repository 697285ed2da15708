#include "config/changeset.h"

#include "common/logging.h"
#include "config/backuprecord.h"
#include "config/backups.h"
#include "config/configpaths.h"
#include "config/leftovers.h"
#include "config/stagedfile.h"

#include <QFileInfo>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace SandboxDoctor {

namespace {

const QString ConfigName = QStringLiteral("config.toml");

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

std::optional<Error> checkWritable(const QString &name, const QString &writePath, bool exists)
{
    const QFileInfo file(writePath);
    const QFileInfo folder(file.absolutePath());
    if (!folder.isDir())
        return refusedError(QStringLiteral("The folder %1 points into does not exist.").arg(name), folder.filePath(),
                            QStringLiteral("Fix the symbolic link or create the folder, then run again."));
    if (exists && lockedByMode(file))
        return refusedError(QStringLiteral("%1 is read-only.").arg(name), writePath,
                            QStringLiteral("Nothing was changed. If you do want it edited, make it writable "
                                           "(chmod u+w) and run again."));
    if (lockedByMode(folder))
        return refusedError(
            QStringLiteral("The folder that holds %1 is read-only, so it cannot be replaced safely.").arg(name),
            folder.filePath(), QStringLiteral("Nothing was changed. Make the folder writable (chmod u+w) and run again."));
    return std::nullopt;
}

ExpectedTarget expectedOf(const ConfigSnapshot &snapshot)
{
    return ExpectedTarget{snapshot.exists, snapshot.stamp, snapshot.bytes};
}

struct Step final
{
    const ConfigSnapshot *before = nullptr;
    FileAfter after;
    std::optional<StagedFile> staged;
    FileStamp placed;  // what this change put in place
    bool done = false;
};

// Puts one done step back as it was; the backup holds the original inode.
std::optional<Error> undoStep(const Step &step, const BackupRecord &record)
{
    const QString &target = step.before->writePath;
    const ExpectedTarget ours{step.after.bytes.has_value(), step.placed, step.after.bytes.value_or(QByteArray())};
    if (!step.before->exists) {
        const Expected<Done> removed = removeExpectedFile(target, ours);
        return removed ? std::nullopt : std::optional<Error>(removed.error());
    }
    Expected<StagedFile> original = StagedFile::link(target, record.backupOf.value(step.after.name));
    if (!original)
        return original.error();
    AtomicWriteOptions options;
    options.expect = ours;
    const Expected<FileStamp> back = original->commit(options);
    return back ? std::nullopt : std::optional<Error>(back.error());
}

} // namespace

Expected<ChangeWriter> ChangeWriter::begin(const QString &codexHome, const QStringList &names)
{
    ChangeWriter writer;
    QStringList targets;
    for (const QString &name : names) {
        const Expected<ConfigPaths> paths = resolveHomeFile(codexHome, name);
        if (!paths)
            return paths.error();
        writer.m_codexHome = paths->codexHome;
        if (!targets.contains(paths->writePath))
            targets.append(paths->writePath);
    }
    // One order for every run, so two changes of overlapping files never wait on each other in a circle.
    std::sort(targets.begin(), targets.end());
    for (const QString &target : std::as_const(targets)) {
        Expected<WriteLock> lock = WriteLock::acquire(target);
        if (!lock)
            return lock.error();
        writer.m_locks.push_back(std::move(lock).value());
    }
    // No run of this tool writes these files while we hold their locks, so
    // every temporary file beside them is a killed run's.
    if (const Expected<ConfigPaths> config = resolveConfigPaths(codexHome))
        removeStaleLeftovers(config->codexHome, config->writePath, targets);
    for (const QString &name : names) {
        if (writer.current(name))
            continue;
        Expected<ConfigSnapshot> snapshot = readHomeFile(codexHome, name);
        if (!snapshot)
            return snapshot.error();
        if (!targets.contains(snapshot->writePath))
            return refusedError(QStringLiteral("%1 was relinked while it was being locked.").arg(name), snapshot->path,
                                QStringLiteral("Nothing was changed. Run the command again."));
        writer.m_files.append(std::move(snapshot).value());
    }
    return writer;
}

const ConfigSnapshot *ChangeWriter::current(const QString &name) const
{
    for (const ConfigSnapshot &file : m_files) {
        if (QFileInfo(file.path).fileName() == name)
            return &file;
    }
    return nullptr;
}

Expected<ChangeResult> ChangeWriter::commit(const QList<FileAfter> &files, const ChangeOptions &options)
{
    ChangeResult result;
    std::vector<Step> steps;
    for (const FileAfter &after : files) {
        const ConfigSnapshot *before = current(after.name);
        if (!before)
            return Error{Error::Kind::Usage, QStringLiteral("%1 is not part of this change.").arg(after.name), {}, 0, 0,
                         QStringLiteral("Name every file in ChangeWriter::begin().")};
        const bool same = after.bytes ? before->exists && before->bytes == *after.bytes : !before->exists;
        if (!same)
            steps.push_back(Step{before, after, std::nullopt, {}, false});
    }
    if (steps.empty())
        return result;  // every file already holds what was asked: nothing is touched

    for (const Step &step : steps) {
        if (const auto locked = checkWritable(step.after.name, step.before->writePath, step.before->exists))
            return *locked;
    }

    // The backups: one entry for the whole change. A lone config.toml that
    // existed gets a plain backup, as every earlier version made; anything
    // else needs the record, and a change of several files needs the backups
    // to roll back even when none is to be kept.
    const bool single = steps.size() == 1;
    const Step &firstStep = steps.front();
    bool needRecord = options.backup || !single;
    if (single && !firstStep.before->exists && firstStep.after.name == ConfigName && !options.recordNewConfig)
        needRecord = false;
    const bool withRecord = needRecord
                            && !(single && firstStep.after.name == ConfigName && firstStep.before->exists);
    BackupRecord record;
    if (needRecord) {
        QList<RecordedFile> recorded;
        for (const Step &step : steps)
            recorded.append({step.after.name, step.before->writePath, step.before->exists, step.before->stamp,
                             step.before->bytes});
        const ConfigSnapshot *config = current(ConfigName);
        const Expected<ConfigPaths> configPaths = resolveConfigPaths(m_codexHome);
        if (!config && !configPaths)
            return configPaths.error();
        const QString configWritePath = config ? config->writePath : configPaths->writePath;
        Expected<BackupRecord> made = createBackupRecord(m_codexHome, configWritePath, recorded, withRecord);
        if (!made)
            return made.error();
        record = std::move(made).value();
    }
    auto dropRecord = [&record] {
        removeBackupRecord(record);
        record = BackupRecord{};
    };

    // Every new version on disk before anything is replaced: a full disk stops the change here.
    for (Step &step : steps) {
        if (!step.after.bytes)
            continue;
        AtomicWriteOptions staging;
        staging.expect = expectedOf(*step.before);
        staging.newFileMode = step.after.newFileMode;
        Expected<StagedFile> staged = StagedFile::write(step.before->writePath, *step.after.bytes, staging);
        if (!staged) {
            dropRecord();
            return staged.error();
        }
        step.staged = std::move(staged).value();
    }

    for (std::size_t i = 0; i < steps.size(); ++i) {
        Step &step = steps[i];
        const QString name = step.after.name;
        AtomicWriteOptions commitOptions;
        commitOptions.expect = expectedOf(*step.before);
        if (options.beforeReplace)
            commitOptions.beforeReplace = [&](const QString &temp) { return options.beforeReplace(name, temp); };
        if (options.afterFinalCheck)
            commitOptions.afterFinalCheck = [&] { options.afterFinalCheck(name); };
        std::optional<Error> failed;
        if (step.staged) {
            const Expected<FileStamp> placed = step.staged->commit(commitOptions);
            if (placed)
                step.placed = placed.value();
            else
                failed = placed.error();
        } else {
            if (options.beforeReplace && !options.beforeReplace(name, QString()))
                failed = ioError(QStringLiteral("The change was abandoned before removing the file."),
                                 step.before->writePath, QStringLiteral("Nothing was changed."));
            else if (const Expected<Done> removed = removeExpectedFile(step.before->writePath, *commitOptions.expect);
                     !removed)
                failed = removed.error();
        }
        if (!failed) {
            step.done = true;
            continue;
        }

        // Put back what this change already replaced, newest first.
        Error error = *failed;
        QStringList notBack;
        for (std::size_t j = i; j-- > 0;) {
            if (const std::optional<Error> undone = undoStep(steps[j], record)) {
                notBack.append(steps[j].after.name);
                qCWarning(lcApply) << "could not put back" << steps[j].before->writePath << ":" << undone->toText();
            }
        }
        for (Step &rest : steps)
            rest.staged.reset();
        if (notBack.isEmpty()) {
            dropRecord();
            if (i > 0)
                error.hint += QStringLiteral(" The files already written were put back as they were.");
        } else {
            error.hint += QStringLiteral(" %1 could not be put back; the backup %2 holds every file as it was "
                                         "before: restore it (restore --backup %2).")
                              .arg(notBack.join(QLatin1String(", ")), record.name);
        }
        return error;
    }

    result.written = true;
    QStringList synced;
    for (const Step &step : steps) {
        (step.after.bytes ? result.writtenPaths : result.removedPaths).append(step.before->writePath);
        synced.append(QFileInfo(step.before->writePath).absolutePath());
    }
    // Each replace flushed its folder, and with it the backups beside it; a
    // record in a folder none of them is in (config.toml not in the change) too.
    if (withRecord && !synced.contains(QFileInfo(record.path).absolutePath()))
        syncFolder(QFileInfo(record.path).absolutePath());
    if (!options.backup) {
        dropRecord();
    } else if (needRecord) {
        result.backupName = record.name;
        result.backupPath = record.path;
        pruneBackups(m_codexHome, options.keepBackups);
    }
    qCInfo(lcApply) << "changed" << result.writtenPaths << result.removedPaths << "backup" << result.backupName;
    return result;
}

} // namespace SandboxDoctor
