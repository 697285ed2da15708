#include "config/applier.h"

#include "common/logging.h"
#include "config/changeset.h"
#include "config/leftovers.h"

namespace SandboxDoctor {

namespace {

const QString ConfigName = QStringLiteral("config.toml");

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

Expected<ProposedEdit> planFor(const ConfigSnapshot &snapshot, const SandboxPolicy &policy)
{
    Expected<ProposedEdit> edit = proposeEdit(snapshot.bytes, policy);
    if (!edit) {
        Error error = edit.error();
        if (error.path.isEmpty())
            error.path = snapshot.path;
        return error;
    }
    return edit;
}

Error changedSincePreview(const QByteArray &expected, const ConfigSnapshot &now)
{
    return refusedError(QStringLiteral("config.toml changed since the preview (expected sha256 %1, found %2).")
                            .arg(QString::fromLatin1(expected.toLower()), QString::fromLatin1(now.sha256Hex())),
                        now.path,
                        QStringLiteral("Nothing was written. Look at the diff again, then apply with the new hash."));
}

} // namespace

Expected<ApplyResult> applyManagedBlock(const QString &codexHome, const SandboxPolicy &policy,
                                        const ApplyOptions &options, const ApplyHooks &hooks)
{
    if (!options.expectSha256.isEmpty() && !isSha256Hex(options.expectSha256))
        return Error{Error::Kind::Usage,
                     QStringLiteral("'%1' is not a SHA-256 hash.").arg(QString::fromLatin1(options.expectSha256)),
                     {}, 0, 0,
                     QStringLiteral("Give the 64 hexadecimal digits that status --json reports as config.sha256.")};

    // Planned without the lock: a current file or a dry run takes no lock and
    // writes nothing at all (not even a lock file in a read-only folder).
    Expected<ConfigSnapshot> snapshot = readConfig(codexHome);
    if (!snapshot)
        return snapshot.error();
    ApplyResult result;
    result.before = std::move(snapshot).value();
    if (!options.expectSha256.isEmpty() && options.expectSha256.toLower() != result.before.sha256Hex())
        return changedSincePreview(options.expectSha256, result.before);
    Expected<ProposedEdit> edit = planFor(result.before, policy);
    if (!edit)
        return edit.error();
    result.edit = std::move(edit).value();
    if (result.edit.changed) {
        // The preview of the other files, and a refusal before anything is locked.
        Expected<QList<OtherFileEdit>> others = otherFileEdits(result.before.codexHome, result.edit);
        if (!others)
            return others.error();
        result.otherFiles = std::move(others).value();
    }
    if (!result.edit.changed || options.dryRun) {
        if (!options.dryRun)
            removeStaleLeftovers(result.before.codexHome, result.before.writePath);
        return result;  // a current file is not touched at all: its mtime stays
    }

    QStringList names{ConfigName};
    if (result.edit.migration)
        names.append(result.edit.migration->fileName);
    Expected<ChangeWriter> writer = ChangeWriter::begin(codexHome, names);
    if (!writer)
        return writer.error();
    const ConfigSnapshot &now = *writer->current(ConfigName);
    if (now.exists != result.before.exists || now.bytes != result.before.bytes) {
        // Saved since it was read (another run of this tool, an editor): with
        // a previewed hash that is a refusal; without, plan again from the
        // file as it is now, so that save is kept.
        if (!options.expectSha256.isEmpty())
            return changedSincePreview(options.expectSha256, now);
        qCInfo(lcApply) << "config.toml changed while the edit was planned; planning again from the new file";
        Expected<ProposedEdit> again = planFor(now, policy);
        if (!again)
            return again.error();
        result.edit = std::move(again).value();
    }
    result.before = now;
    if (!result.edit.changed)
        return result;

    // Every file of the change, checked again under the locks: a profile file
    // saved in the meantime is never overwritten.
    QList<FileAfter> files{FileAfter{ConfigName, result.edit.after, {}}};
    result.otherFiles.clear();
    if (const std::optional<ProfileMigration> &migration = result.edit.migration) {
        const ConfigSnapshot *target = writer->current(migration->fileName);
        if (!target)
            return refusedError(QStringLiteral("%1 was not locked for the change.").arg(migration->fileName),
                                result.before.path, QStringLiteral("Nothing was written. Run apply again."));
        if (std::optional<Error> conflict = migrationConflict(*migration, *target))
            return *conflict;
        result.otherFiles.append(
            {migration->fileName, target->path, target->exists, target->bytes, migration->content});
        if (!target->exists)
            files.append(FileAfter{migration->fileName, migration->content, {}});
    }

    ChangeOptions change;
    change.backup = options.backup;
    change.recordNewConfig = false;  // a first config.toml has nothing to go back to
    change.keepBackups = options.keepBackups;
    if (hooks.beforeReplace)
        change.beforeReplace = [&hooks](const QString &, const QString &temp) { return hooks.beforeReplace(temp); };
    if (hooks.afterFinalCheck)
        change.afterFinalCheck = [&hooks](const QString &) { hooks.afterFinalCheck(); };
    const Expected<ChangeResult> written = writer->commit(files, change);
    if (!written)
        return written.error();
    result.written = written->written;
    result.backupPath = written->backupPath;
    result.backupName = written->backupName;
    qCInfo(lcApply) << "applied the managed block to" << result.before.writePath;
    return result;
}

} // namespace SandboxDoctor
