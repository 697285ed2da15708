#include "config/writelock.h"

#include "common/logging.h"
#include "config/oserror.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <utility>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#else
#include <QLockFile>
#endif

namespace SandboxDoctor {

namespace {

Error busyError(const QString &lockPath, const QString &targetPath)
{
    return refusedError(QStringLiteral("Another run of this tool is changing %1 right now and did not finish in time.")
                            .arg(QFileInfo(targetPath).fileName()),
                        lockPath,
                        QStringLiteral("Nothing was changed. Wait for it to finish (or end it), then run again; a "
                                       "lock left by a run that has ended is taken over automatically."));
}

} // namespace

QString WriteLock::lockPathFor(const QString &targetPath)
{
    const QFileInfo target(targetPath);
    return QDir(target.absolutePath()).filePath(QLatin1Char('.') + target.fileName() + QStringLiteral(".sdlock"));
}

WriteLock::WriteLock(WriteLock &&other) noexcept
    : m_path(std::move(other.m_path)),
#ifdef Q_OS_UNIX
      m_fd(std::exchange(other.m_fd, -1))
#else
      m_lock(std::move(other.m_lock))
#endif
{
    other.m_path.clear();
}

WriteLock &WriteLock::operator=(WriteLock &&other) noexcept
{
    if (this != &other) {
        release();
        m_path = std::exchange(other.m_path, QString());
#ifdef Q_OS_UNIX
        m_fd = std::exchange(other.m_fd, -1);
#else
        m_lock = std::move(other.m_lock);
#endif
    }
    return *this;
}

WriteLock::~WriteLock()
{
    release();
}

#ifdef Q_OS_UNIX
Expected<WriteLock> WriteLock::acquire(const QString &targetPath, std::chrono::milliseconds wait)
{
    WriteLock lock;
    lock.m_path = lockPathFor(targetPath);
    const QByteArray native = QFile::encodeName(lock.m_path);
    const QDeadlineTimer deadline(wait);
    while (true) {
        // O_NOFOLLOW: a link planted under the lock's name is not written through.
        const int fd = ::open(native.constData(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY, 0600);
        if (fd < 0) {
            const int error = errno;
            if (error == ELOOP)
                return refusedError(QStringLiteral("The lock file is a symbolic link, which this tool never makes."),
                                    lock.m_path, QStringLiteral("Nothing was changed. Remove that link, then run again."));
            return systemIoError(QStringLiteral("Creating the lock file"), lock.m_path, error,
                                 QStringLiteral("Nothing was changed."));
        }
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
            // The holder before us removes the file while it still holds it, so
            // the lock we got may be on a file no longer at that name: then it
            // locks nothing, and we start over with the file that is there now.
            struct stat held {}, named {};
            if (::fstat(fd, &held) == 0 && ::lstat(native.constData(), &named) == 0 && held.st_dev == named.st_dev
                && held.st_ino == named.st_ino && S_ISREG(named.st_mode)) {
                lock.m_fd = fd;
                return lock;
            }
            ::close(fd);
            continue;
        }
        const int error = errno;
        ::close(fd);
        if (error != EWOULDBLOCK && error != EINTR)
            return systemIoError(QStringLiteral("Locking"), lock.m_path, error, QStringLiteral("Nothing was changed."));
        if (deadline.hasExpired())
            return busyError(lock.m_path, targetPath);
        QThread::msleep(5);
    }
}

bool WriteLock::isHeld(const QString &targetPath)
{
    const int fd = ::open(QFile::encodeName(lockPathFor(targetPath)).constData(),
                          O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return false;
    const bool held = ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    ::close(fd);
    return held;
}

void WriteLock::release()
{
    if (m_fd < 0)
        return;
    // Removed while still held, so a waiter that opened it sees it is gone
    // (the check in acquire) instead of locking a dead file beside a new one.
    ::unlink(QFile::encodeName(m_path).constData());
    ::close(m_fd);
    m_fd = -1;
}
#else
Expected<WriteLock> WriteLock::acquire(const QString &targetPath, std::chrono::milliseconds wait)
{
    WriteLock lock;
    lock.m_path = lockPathFor(targetPath);
    lock.m_lock = std::make_unique<QLockFile>(lock.m_path);
    lock.m_lock->setStaleLockTime(0);  // stale only when its process is gone, never by age
    if (lock.m_lock->tryLock(int(wait.count())))
        return lock;
    const QLockFile::LockError error = lock.m_lock->error();
    lock.m_lock.reset();
    if (error == QLockFile::LockFailedError)
        return busyError(lock.m_path, targetPath);
    return ioError(QStringLiteral("Cannot create the lock file."), lock.m_path,
                   QStringLiteral("Nothing was changed. Check that the folder is writable and the disk is not full, "
                                  "then run again."));
}

bool WriteLock::isHeld(const QString &targetPath)
{
    QLockFile probe(lockPathFor(targetPath));
    qint64 pid = 0;
    QString host, application;
    // A lock file that names a process is held, as far as one can tell without taking it.
    return probe.getLockInfo(&pid, &host, &application) && pid > 0;
}

void WriteLock::release()
{
    if (m_lock)
        m_lock->unlock();
    m_lock.reset();
}
#endif

} // namespace SandboxDoctor
