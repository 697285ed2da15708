#pragma once

#include "common/expected.h"

#include <QString>

#include <chrono>
#include <memory>

#ifndef Q_OS_UNIX
class QLockFile;
#endif

namespace SandboxDoctor {

// An advisory lock on one file this app writes, so two instances (two CLI
// runs, the CLI and the window, two threads) never interleave their
// read-check-replace sequences on it. The lock is a file ".<name>.sdlock"
// beside the target, removed again on release.
//
// POSIX: flock() on that file, which the kernel releases when the holder dies,
// so a killed run never leaves a lock that blocks the next (its file stays
// behind and is taken over). Windows: QLockFile (stale when its process died).
//
// Advisory only: editors and Codex do not take it. What protects their saves
// is the final check before the replace (atomicwrite.h).
class WriteLock final
{
public:
    WriteLock(WriteLock &&other) noexcept;
    WriteLock &operator=(WriteLock &&other) noexcept;
    WriteLock(const WriteLock &) = delete;
    WriteLock &operator=(const WriteLock &) = delete;
    ~WriteLock();

    // Waits up to `wait` for another holder; Kind::Refused when it does not let
    // go, Kind::Io when the lock file cannot be made (read-only folder, full disk).
    static Expected<WriteLock> acquire(const QString &targetPath,
                                       std::chrono::milliseconds wait = std::chrono::seconds(30));

    // Is another run holding the lock right now? Creates nothing.
    static bool isHeld(const QString &targetPath);

    // ".<name>.sdlock" in the target's folder.
    static QString lockPathFor(const QString &targetPath);

    const QString &path() const { return m_path; }
    void release();

private:
    WriteLock() = default;

    QString m_path;
#ifdef Q_OS_UNIX
    int m_fd = -1;
#else
    std::unique_ptr<QLockFile> m_lock;
#endif
};

} // namespace SandboxDoctor
