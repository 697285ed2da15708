#pragma once

#include "common/finding.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace SandboxDoctor {

// A temporary file a killed apply left behind: ".<name>.sdtmp-<8 hex digits>"
// (atomicwrite.h) beside the file it was going to replace.
struct Leftover final
{
    QString path;
    QString targetName;  // the file it was for: "config.toml", "work.config.toml", a linked config's target
    qint64 size = 0;
    QDateTime modifiedUtc;
};

// The leftovers beside `writePath` (config.toml's write target) and in
// `codexHome` (the profile files'): regular files with exactly our name
// pattern; links, folders and other names are never ours.
QList<Leftover> findLeftovers(const QString &codexHome, const QString &writePath);

// Removes the stale leftovers among findLeftovers(): those beside a file
// whose lock the caller holds (`heldByUs`: then no run of this tool is writing
// it), and those whose file's lock nobody holds (listed before the lock is
// looked at, so a run that starts meanwhile has other names); and the lock
// file a killed run left beside `writePath`. Returns how many were removed.
int removeStaleLeftovers(const QString &codexHome, const QString &writePath, const QStringList &heldByUs = {});

// For status: one finding (FindingCode::TempFileLeft) per leftover that is
// stale — older than a few seconds, or its file's lock is not held (a run
// still writing it holds the lock).
QList<Finding> leftoverFindings(const QString &codexHome, const QString &writePath);

} // namespace SandboxDoctor
