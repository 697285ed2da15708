#include "config/otherfiles.h"

#include "config/textdiff.h"

namespace SandboxDoctor {

std::optional<Error> migrationConflict(const ProfileMigration &migration, const ConfigSnapshot &current)
{
    if (!current.exists || current.bytes == migration.content)
        return std::nullopt;
    Error error;
    error.kind = Error::Kind::Refused;
    error.message = QStringLiteral("%1 already exists with other settings: moving the legacy profile \"%2\" out of "
                                   "config.toml would overwrite them.")
                        .arg(migration.fileName, migration.profile);
    error.path = current.path;
    error.hint = QStringLiteral("Nothing was written. Merge the values of [profiles.%1] (config.toml) into %2 by hand, "
                                "delete the `profile` line (line %3) and the [profiles.%1] table, then run apply "
                                "again; or move %2 aside and run apply.")
                     .arg(migration.profile, current.path)
                     .arg(migration.profileLine);
    return error;
}

Expected<QList<OtherFileEdit>> otherFileEdits(const QString &codexHome, const ProposedEdit &edit)
{
    QList<OtherFileEdit> files;
    if (!edit.migration)
        return files;
    const ProfileMigration &migration = *edit.migration;
    Expected<ConfigSnapshot> current = readHomeFile(codexHome, migration.fileName);
    if (!current)
        return current.error();
    if (std::optional<Error> conflict = migrationConflict(migration, *current))
        return *conflict;
    files.append({migration.fileName, current->path, current->exists, current->bytes, migration.content});
    return files;
}

QString otherFileDiff(const OtherFileEdit &file)
{
    return unifiedDiff(file.before, file.after,
                       file.exists ? QStringLiteral("a/") + file.name : QStringLiteral("/dev/null"),
                       QStringLiteral("b/") + file.name);
}

} // namespace SandboxDoctor
