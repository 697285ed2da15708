#pragma once

#include "common/expected.h"
#include "common/policy.h"
#include "config/configfile.h"
#include "config/editplanner.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace SandboxDoctor {

struct ApplyOptions final
{
    bool dryRun = false;
    bool backup = true;
    QByteArray expectSha256;  // hex; refuse (Kind::Refused) when the file's hash differs
    int keepBackups = 0;      // prune older backups beyond this many; 0 keeps all
};

struct ApplyResult final
{
    ConfigSnapshot before;
    ProposedEdit edit;
    bool written = false;     // false for a no-op or a dry run
    QString backupPath;       // empty when no backup was made
};

// Reads, proposes, checks and writes atomically (temporary file + rename in the
// target's folder, permissions kept, through a symlinked config.toml to its
// target). A current file is not touched: its modification time stays.
Expected<ApplyResult> applyManagedBlock(const QString &codexHome, const SandboxPolicy &policy,
                                        const ApplyOptions &options = {});

struct BackupInfo final
{
    QString path;
    QDateTime createdUtc;
    qint64 size = 0;
};

// Backups `config.toml.bak-<UTC time>` beside the file that was written, newest first.
Expected<QList<BackupInfo>> listBackups(const QString &codexHome);

// Puts the newest backup back atomically; returns the backup that was restored.
// The file it replaces is itself backed up first, so restore can be undone.
Expected<BackupInfo> restoreNewestBackup(const QString &codexHome);

} // namespace SandboxDoctor
