#pragma once

#include "common/expected.h"
#include "config/configfile.h"
#include "config/editplanner.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace SandboxDoctor {

// A file of CODEX_HOME besides config.toml that an edit writes (today: the
// <name>.config.toml a legacy profile moves to), as it is and as it will be.
struct OtherFileEdit final
{
    QString name;       // "work.config.toml"
    QString path;       // <codexHome>/work.config.toml
    bool exists = false;
    QByteArray before;  // empty when it does not exist
    QByteArray after;

    bool changed() const { return !exists || before != after; }
};

// Kind::Refused, naming the file, when `current` (the migration's target as it
// is now) exists and holds something else than the migration writes: apply
// never overwrites a profile file the user already has. nullopt when apply may
// write it (absent) or need not (it already holds exactly that).
std::optional<Error> migrationConflict(const ProfileMigration &migration, const ConfigSnapshot &current);

// The other files `edit` writes in `codexHome`, read as they are now (for the
// preview: diff, the GUI). Fails as readHomeFile does, or with
// migrationConflict's refusal.
Expected<QList<OtherFileEdit>> otherFileEdits(const QString &codexHome, const ProposedEdit &edit);

// The file's unified diff, from /dev/null when it does not exist yet.
QString otherFileDiff(const OtherFileEdit &file);

} // namespace SandboxDoctor
