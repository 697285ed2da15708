#pragma once

#include "common/expected.h"
#include "config/atomicwrite.h"
#include "config/filestamp.h"

#include <QByteArray>
#include <QString>

namespace SandboxDoctor {

// A complete new version of one file, written and flushed to a temporary file
// beside it, not yet in place. Several can be staged first and committed one
// after another, so that the slow and failure-prone part of a multi-file
// change (writing, a full disk) is over before any target is replaced.
// Discarded (the temporary file removed) unless committed.
class StagedFile final
{
public:
    StagedFile(StagedFile &&other) noexcept;
    StagedFile &operator=(StagedFile &&other) noexcept;
    StagedFile(const StagedFile &) = delete;
    StagedFile &operator=(const StagedFile &) = delete;
    ~StagedFile();

    // Writes `bytes` beside `target`, with the mode and owner of the file the
    // change expects there (options.expect), else of whatever is there now,
    // else options.newFileMode.
    static Expected<StagedFile> write(const QString &target, const QByteArray &bytes,
                                      const AtomicWriteOptions &options);
    // Stages an existing file's inode itself (a hard link to `source`, a copy
    // where links fail): putting a backup back keeps its bytes, mode and owner.
    static Expected<StagedFile> link(const QString &target, const QString &source);

    // Puts the staged file in place. With options.expect it is the final
    // check, made as late as the platform allows:
    //  - right before the replace, the target must still be the expected file
    //    (inode, size, modification time, and every byte) — or absent, for a
    //    new file, which is then created with link(2) so it never replaces
    //    one that appeared meanwhile;
    //  - on Linux the replace is renameat2(RENAME_EXCHANGE): the file taken
    //    out is checked to be the expected one, and if another program saved
    //    in the instant between the check and the exchange, the two are
    //    swapped back, so that save is in place again and nothing is lost.
    // Where the exchange is not available (macOS, Windows, file systems
    // without it) a plain rename follows the check, and a save landing in the
    // microseconds between them would be replaced. POSIX has no compare-and-
    // swap rename; closing that window needs the other program's cooperation
    // (taking the same lock), which editors do not give.
    // A changed target is Kind::Refused with nothing written.
    Expected<FileStamp> commit(const AtomicWriteOptions &options);

    void discard();
    const QString &tempPath() const { return m_temp; }
    const QString &target() const { return m_target; }

private:
    StagedFile() = default;
#ifdef Q_OS_UNIX
    // renameat2(RENAME_EXCHANGE) and the check of what came out; false where
    // the exchange is not supported (the caller renames).
    Expected<bool> exchangeChecked(const ExpectedTarget &expected);
#endif

    QString m_target;
    QString m_temp;
    FileStamp m_staged;  // of the temporary file, to know it again
};

// Removes `target` only while it is still the expected file: moved aside
// first (atomically), checked, then deleted; anything else found there is put
// back and the removal refused. Callers back the file up first.
Expected<Done> removeExpectedFile(const QString &target, const ExpectedTarget &expected);

// Flushes a folder's entries (a rename, a new name) to disk; best effort.
void syncFolder(const QString &folder);

} // namespace SandboxDoctor
