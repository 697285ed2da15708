#pragma once

#include "common/expected.h"
#include "config/configfile.h"
#include "config/writelock.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace SandboxDoctor {

// What one file of a change must hold afterwards.
struct FileAfter final
{
    QString name;                       // in CODEX_HOME: "config.toml" or "<profile>.config.toml"
    std::optional<QByteArray> bytes;    // nullopt: the file goes (backed up first)
    std::optional<quint32> newFileMode; // permission bits if the file does not exist now
};

struct ChangeOptions final
{
    // Keep the backups of the change (the entry that undoes it). A change of
    // several files is always recorded while it is written, to be rolled back.
    bool backup = true;
    // Record a change that only creates config.toml (restore: yes, so that it
    // can be undone; apply's first write: no, as before — nothing to go back to).
    bool recordNewConfig = true;
    int keepBackups = 0;  // prune older entries beyond this many; 0 keeps all
    // Test hooks, per file: see AtomicWriteOptions.
    std::function<bool(const QString &name, const QString &tempPath)> beforeReplace;
    std::function<void(const QString &name)> afterFinalCheck;
};

struct ChangeResult final
{
    bool written = false;  // false when every file already held what was asked
    QString backupName;    // the entry that undoes this change; empty when none was kept
    QString backupPath;    // its path (config.toml's backup, or the change record)
    QStringList writtenPaths;  // write targets replaced or created
    QStringList removedPaths;  // write targets removed
};

// One change of one or more files of a CODEX_HOME, made safely:
//  1. begin() takes every file's WriteLock (in one order, so two changes never
//     deadlock), removes the temporary files killed runs left beside them,
//     and reads each file as it is now (bounded, regular files only). The
//     caller plans from these contents.
//  2. commit() backs up every existing file (hard links, one time stamp,
//     recorded as one entry when more than config.toml is involved), writes
//     every new version to a temporary file first, then puts them in place
//     one by one, each replace checked against what begin() read (see
//     StagedFile::commit). If any step fails, the files already replaced are
//     put back and the backups removed: nothing is written, nothing is lost.
// A crash between two replaces leaves the record, whose restore brings back
// every file as it was.
class ChangeWriter final
{
public:
    ChangeWriter(ChangeWriter &&) noexcept = default;
    ChangeWriter &operator=(ChangeWriter &&) noexcept = default;

    static Expected<ChangeWriter> begin(const QString &codexHome, const QStringList &names);

    // The file as it is now, under the lock; nullptr for a name not begun.
    const ConfigSnapshot *current(const QString &name) const;
    const QString &codexHome() const { return m_codexHome; }

    // Files not named keep what they hold. Kind::Refused when a file changed
    // since begin() (another program saved it), Kind::Io on a write failure.
    Expected<ChangeResult> commit(const QList<FileAfter> &files, const ChangeOptions &options = {});

private:
    ChangeWriter() = default;

    QString m_codexHome;
    QList<ConfigSnapshot> m_files;
    std::vector<WriteLock> m_locks;
};

} // namespace SandboxDoctor
