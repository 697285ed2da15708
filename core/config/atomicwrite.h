#pragma once

#include "common/expected.h"
#include "config/filestamp.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

namespace SandboxDoctor {

// What a replace expects to find at the target: the file a change was planned
// from (its stamp and bytes), or nothing at all (a new file).
struct ExpectedTarget final
{
    bool exists = true;
    FileStamp stamp;   // when exists
    QByteArray bytes;  // when exists
};

struct AtomicWriteOptions final
{
    // Called with the temporary file's path once it holds every byte, just
    // before the final check and the replace; returning false abandons the
    // write (the target stays as it was). Tests use it to watch the write
    // half-way, or to save the file "from an editor" at that moment.
    std::function<bool(const QString &tempPath)> beforeReplace;
    // Test hook: runs after the final check, immediately before the rename —
    // the last moment another program's save can land.
    std::function<void()> afterFinalCheck;
    // When set, the target is replaced only while it is still this file (same
    // inode, size, modification time and bytes); else Kind::Refused, nothing
    // written. Unset: whatever is there is replaced (tests, first writes).
    std::optional<ExpectedTarget> expect;
    // Permission bits for a target that does not exist yet; unset: the usual
    // mode for a new file (umask applies). An existing target's mode and owner
    // are always kept.
    std::optional<quint32> newFileMode;
};

// Writes `bytes` to `path` so that a reader sees either the old file or the
// whole new one, never a mix: a temporary file ".<name>.sdtmp-<8 hex digits>"
// in the same folder, flushed to disk, given the old file's permissions (and,
// when allowed, its owner), then renamed over the target. `path` must not be a
// symlink (resolve it first). Returns the stamp of the file now in place.
//
// With `expect`, see stagedfile.h for the final check and what it can and
// cannot catch.
Expected<FileStamp> writeFileAtomically(const QString &path, const QByteArray &bytes,
                                        const AtomicWriteOptions &options = {});

// The temporary-file name pattern above, for `targetName` (cleanup and status).
bool isTemporaryFileName(const QString &fileName, const QString &targetName);
QString temporaryFileName(const QString &targetName, quint32 random);

} // namespace SandboxDoctor
