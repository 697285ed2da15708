#pragma once

#include "config/backups.h"

#include <QJsonObject>
#include <QString>

namespace SandboxDoctor::Cli {

// A word for the shell: as is when it is plain, else quoted (POSIX single
// quotes; double quotes on Windows).
QString shellWord(const QString &word);

// "codex-sandbox-doctor-cli restore --backup NAME --codex-home HOME": the
// command that puts that backup entry back, with the home it needs, so it is
// true even when run from another folder or without $CODEX_HOME.
QString restoreCommandFor(const QString &backupName, const QString &codexHome);

// One entry of the backup history, as `backups --json` and `restore --json`
// show it.
QJsonObject backupToJson(const BackupInfo &backup);

} // namespace SandboxDoctor::Cli
