#pragma once

#include <QString>

namespace SandboxDoctor {
struct BackupInfo;
}

namespace SandboxDoctor::Ui {

// The texts of one row of the Backups view, so the table and its tests read
// the same words.
struct BackupRowText final
{
    QString time;         // local time, with seconds (two entries may share a minute)
    QString timeToolTip;  // the entry's name and its time in UTC, as the name holds it
    QString size;         // of every file the entry keeps
    QString sizeToolTip;  // per file
    QString files;        // "config.toml, work.config.toml (new)"
    QString filesToolTip;
    QString parses;       // "Yes", "No: config.toml", "Not checked"
    bool future = false;  // dated after now
    bool parsesOk = true;
};

BackupRowText backupRowText(const BackupInfo &backup);

// What Restore would do to the files of `backup` besides config.toml, in a
// sentence; empty for an entry of config.toml alone.
QString otherFilesText(const BackupInfo &backup);

} // namespace SandboxDoctor::Ui
