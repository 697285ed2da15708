#include "config/stagedfile.h"

#include "common/boundedread.h"
#include "common/logging.h"
#include "config/backups.h"
#include "config/configfile.h"
#include "config/oserror.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <utility>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif
#ifdef Q_OS_LINUX
#include <sys/syscall.h>
#endif
#ifdef Q_OS_WIN
#include <windows.h>
#endif

namespace SandboxDoctor {

namespace {

QString nameOf(const QString &path)
{
    return QFileInfo(path).fileName();
}

QString folderOf(const QString &path)
{
    return QFileInfo(path).absolutePath();
}

QString untouched(const QString &target)
{
    return QStringLiteral("%1 is untouched.").arg(nameOf(target));
}

Error changedError(const QString &target)
{
    return refusedError(
        QStringLiteral("%1 changed while the edit was being written (another program saved it).").arg(nameOf(target)),
        target,
        QStringLiteral("Nothing was written: the file as the other program left it was kept. Look at it, then run "
                       "the command again."));
}

QString newTempPath(const QString &target)
{
    return QDir(folderOf(target)).filePath(temporaryFileName(nameOf(target), QRandomGenerator::global()->generate()));
}

// Is the file at `path` (not followed) exactly the expected one?
bool holdsExpected(const QString &path, const ExpectedTarget &expected)
{
    const Expected<FileStamp> stamp = stampOf(path, Links::DoNotFollow);
    if (!stamp || stamp->type != FileStamp::Type::Regular || !stamp->unchangedSince(expected.stamp))
        return false;
    const Expected<QByteArray> bytes = readRegularFile(path, expected.bytes.size(), QStringLiteral("the file"));
    return bytes && bytes.value() == expected.bytes;
}

std::optional<Error> checkExpected(const QString &target, const ExpectedTarget &expected)
{
    const Expected<FileStamp> now = stampOf(target, Links::DoNotFollow);
    if (!now)
        return now.error();
    if (!expected.exists)
        return now->exists() ? std::optional<Error>(changedError(target)) : std::nullopt;
    if (!holdsExpected(target, expected))
        return changedError(target);
    return std::nullopt;
}

#ifdef Q_OS_UNIX
QByteArray native(const QString &path)
{
    return QFile::encodeName(path);
}

// Linux's renameat2(RENAME_EXCHANGE): both names stay, their files trade
// places in one step. -1 with errno ENOSYS where there is no such call.
int exchangeNames(const QString &a, const QString &b)
{
#if defined(Q_OS_LINUX) && defined(SYS_renameat2)
    constexpr unsigned ExchangeFlag = 1u << 1;  // RENAME_EXCHANGE in <linux/fs.h>
    return int(::syscall(SYS_renameat2, AT_FDCWD, native(a).constData(), AT_FDCWD, native(b).constData(),
                         ExchangeFlag));
#else
    Q_UNUSED(a)
    Q_UNUSED(b)
    errno = ENOSYS;
    return -1;
#endif
}

bool exchangeUnsupported(int error)
{
    return error == ENOSYS || error == EINVAL || error == ENOTSUP || error == EOPNOTSUPP;
}
#endif

// Gives a file that is nobody's temporary file a backup's name, so that it is
// listed and can be restored, and no cleanup ever takes it for a leftover.
QString keepAside(const QString &path, const QString &target)
{
#ifdef Q_OS_UNIX
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int sequence = 1; sequence < 1000; ++sequence) {
        const QString kept = QDir(folderOf(target)).filePath(backupFileName(nameOf(target), now, sequence));
        if (::link(native(path).constData(), native(kept).constData()) == 0) {
            ::unlink(native(path).constData());
            return kept;
        }
        if (errno != EEXIST)
            break;
    }
#else
    Q_UNUSED(target)
#endif
    return path;
}

// Writes a new temporary file beside `target`; mode, owner: see StagedFile::write.
Expected<QString> writeTemp(const QString &target, const QByteArray &bytes, const AtomicWriteOptions &options)
{
    const QString folder = folderOf(target);
    if (!QFileInfo(folder).isDir())
        return ioError(QStringLiteral("The folder to write into does not exist."), folder,
                       QStringLiteral("Create it, or fix the link that points into it."));

    // Whose mode and owner the new file gets.
    std::optional<FileStamp> keep;
    if (options.expect) {
        if (options.expect->exists)
            keep = options.expect->stamp;
    } else if (const Expected<FileStamp> now = stampOf(target, Links::Follow);
               now && now->type == FileStamp::Type::Regular) {
        keep = now.value();
    }

#ifdef Q_OS_UNIX
    // A replacement starts owner-only and gets the old mode before the rename,
    // so nothing leaks meanwhile; a new file gets the usual mode (umask applies).
    const mode_t createMode = keep ? 0600 : 0666;
    QString temp;
    int fd = -1;
    for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
        temp = newTempPath(target);
        fd = ::open(native(temp).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY,
                    createMode);
        if (fd < 0 && errno != EEXIST)
            return systemIoError(QStringLiteral("Creating a temporary file beside %1").arg(nameOf(target)), target,
                                 errno, untouched(target));
    }
    if (fd < 0)
        return ioError(QStringLiteral("Cannot find a free temporary file name."), folder, untouched(target));

    auto fail = [&](const QString &doing, int error) {
        ::close(fd);
        ::unlink(native(temp).constData());
        return systemIoError(doing, target, error, untouched(target));
    };
    const QString writing = QStringLiteral("Writing the new %1").arg(nameOf(target));
    for (qsizetype done = 0; done < bytes.size();) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return fail(writing, n < 0 ? errno : ENOSPC);
        done += n;
    }
    if (keep) {
        // Keep the owner when we may (root editing a user's file); keep the mode always.
        if ((keep->owner != ::geteuid() || keep->group != ::getegid())
            && ::fchown(fd, uid_t(keep->owner), gid_t(keep->group)) != 0)
            qCDebug(lcApply) << "could not keep the owner of" << target << ":" << systemErrorText(errno);
        if (::fchmod(fd, mode_t(keep->mode)) != 0)
            return fail(QStringLiteral("Giving the new file the old permissions"), errno);
    } else if (options.newFileMode && ::fchmod(fd, mode_t(*options.newFileMode)) != 0) {
        return fail(QStringLiteral("Setting the new file's permissions"), errno);
    }
    if (::fsync(fd) != 0)
        return fail(QStringLiteral("Flushing the new %1 to disk").arg(nameOf(target)), errno);
    // Some file systems (NFS) report a full disk only when the file is closed.
    if (::close(fd) != 0) {
        const int error = errno;
        ::unlink(native(temp).constData());
        return systemIoError(writing, target, error, untouched(target));
    }
    return temp;
#else
    QFile file;
    QString temp;
    for (int attempt = 0; attempt < 16 && !file.isOpen(); ++attempt) {
        temp = newTempPath(target);
        file.setFileName(temp);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly) && !QFileInfo::exists(temp))
            return ioError(QStringLiteral("Cannot create a temporary file beside %1: %2.")
                               .arg(nameOf(target), file.errorString()),
                           folder,
                           untouched(target) + QStringLiteral(" Check that the folder is writable and the disk is "
                                                              "not full, then run again."));
    }
    if (!file.isOpen())
        return ioError(QStringLiteral("Cannot find a free temporary file name."), folder, untouched(target));
    auto fail = [&](const QString &doing) {
        const int error = lastSystemError();
        const QString reason = file.errorString();
        file.close();
        QFile::remove(temp);
        if (isDiskFull(error))
            return systemIoError(doing, target, error, untouched(target));
        return ioError(QStringLiteral("%1 failed: %2.").arg(doing, reason), target,
                       untouched(target) + QStringLiteral(" Check that the folder is writable and the disk is not "
                                                          "full, then run again."));
    };
    if (file.write(bytes) != bytes.size() || !file.flush())
        return fail(QStringLiteral("Writing the new %1").arg(nameOf(target)));
    if (keep && !file.setPermissions(QFile::permissions(target)))
        return fail(QStringLiteral("Giving the new file the old permissions"));
    file.close();
    return temp;
#endif
}

// Replaces `target` by `source` in one step (rename(2) / MoveFileEx).
bool replaceFile(const QString &source, const QString &target)
{
#ifdef Q_OS_WIN
    return MoveFileExW(reinterpret_cast<const wchar_t *>(QDir::toNativeSeparators(source).utf16()),
                       reinterpret_cast<const wchar_t *>(QDir::toNativeSeparators(target).utf16()),
                       MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH) != 0;
#else
    return ::rename(native(source).constData(), native(target).constData()) == 0;
#endif
}

// Gives `source` the name `target` only if nothing has that name: link(2)
// fails on an existing name, where rename(2) would replace it. 1 done, 0 the
// name is taken, -1 not possible here (no hard links): the caller renames.
int createOnly(const QString &source, const QString &target)
{
#ifdef Q_OS_WIN
    if (MoveFileExW(reinterpret_cast<const wchar_t *>(QDir::toNativeSeparators(source).utf16()),
                    reinterpret_cast<const wchar_t *>(QDir::toNativeSeparators(target).utf16()),
                    MOVEFILE_WRITE_THROUGH))
        return 1;
    const DWORD error = GetLastError();
    return error == ERROR_ALREADY_EXISTS || error == ERROR_FILE_EXISTS ? 0 : -1;
#else
    if (::link(native(source).constData(), native(target).constData()) == 0) {
        ::unlink(native(source).constData());
        return 1;
    }
    return errno == EEXIST ? 0 : -1;
#endif
}

} // namespace

StagedFile::StagedFile(StagedFile &&other) noexcept
    : m_target(std::exchange(other.m_target, QString())),
      m_temp(std::exchange(other.m_temp, QString())),
      m_staged(other.m_staged)
{
}

StagedFile &StagedFile::operator=(StagedFile &&other) noexcept
{
    if (this != &other) {
        discard();
        m_target = std::exchange(other.m_target, QString());
        m_temp = std::exchange(other.m_temp, QString());
        m_staged = other.m_staged;
    }
    return *this;
}

StagedFile::~StagedFile()
{
    discard();
}

void StagedFile::discard()
{
    if (!m_temp.isEmpty())
        QFile::remove(m_temp);
    m_temp.clear();
}

Expected<StagedFile> StagedFile::write(const QString &target, const QByteArray &bytes,
                                       const AtomicWriteOptions &options)
{
    Expected<QString> temp = writeTemp(target, bytes, options);
    if (!temp)
        return temp.error();
    StagedFile staged;
    staged.m_target = target;
    staged.m_temp = std::move(temp).value();
    if (const Expected<FileStamp> stamp = stampOf(staged.m_temp, Links::DoNotFollow))
        staged.m_staged = stamp.value();
    return staged;
}

Expected<StagedFile> StagedFile::link(const QString &target, const QString &source)
{
#ifdef Q_OS_UNIX
    for (int attempt = 0; attempt < 16; ++attempt) {
        const QString temp = newTempPath(target);
        if (::link(native(source).constData(), native(temp).constData()) == 0) {
            StagedFile staged;
            staged.m_target = target;
            staged.m_temp = temp;
            if (const Expected<FileStamp> stamp = stampOf(temp, Links::DoNotFollow))
                staged.m_staged = stamp.value();
            return staged;
        }
        if (errno != EEXIST)
            break;  // no hard links here: copy
    }
#endif
    const Expected<StampedBytes> copy = readStamped(source, MaxConfigBytes, QStringLiteral("The backup"),
                                                    Links::DoNotFollow);
    if (!copy)
        return copy.error();
    AtomicWriteOptions options;
    options.expect = ExpectedTarget{false, {}, {}};
    options.newFileMode = copy->stamp.mode;
    return write(target, copy->bytes, options);
}

#ifdef Q_OS_UNIX
Expected<bool> StagedFile::exchangeChecked(const ExpectedTarget &expected)
{
    if (exchangeNames(m_temp, m_target) != 0) {
        const int error = errno;
        if (exchangeUnsupported(error))
            return false;  // the caller renames
        discard();
        return systemIoError(QStringLiteral("Replacing %1").arg(nameOf(m_target)), m_target, error,
                             untouched(m_target));
    }
    // m_temp now names the file that was taken out of place.
    if (holdsExpected(m_temp, expected)) {
        ::unlink(native(m_temp).constData());
        m_temp.clear();
        return true;
    }
    // Another program saved in the instant between the check and the
    // exchange: swap back, so its save is in place again.
    qCWarning(lcApply) << "a save landed while" << m_target << "was being replaced; putting it back";
    if (exchangeNames(m_temp, m_target) != 0) {
        // The same two names traded places a moment ago, so this does not
        // happen; if it ever does, say truthfully what is where.
        const QString kept = keepAside(m_temp, m_target);
        m_temp.clear();
        return refusedError(QStringLiteral("%1 was saved by another program at the moment it was replaced, and the "
                                           "two could not be swapped back.")
                                .arg(nameOf(m_target)),
                            m_target,
                            QStringLiteral("This change is in place; the other program's save is kept as %1. "
                                           "Compare the two and keep the one you want.")
                                .arg(kept));
    }
    // m_temp is ours again, unless yet another save landed meanwhile.
    const Expected<FileStamp> back = stampOf(m_temp, Links::DoNotFollow);
    if (back && back->exists() && !back->sameFile(m_staged))
        qCWarning(lcApply) << "kept a later save as" << keepAside(m_temp, m_target);
    else
        discard();
    m_temp.clear();
    return changedError(m_target);
}
#endif

Expected<FileStamp> StagedFile::commit(const AtomicWriteOptions &options)
{
    if (m_temp.isEmpty())
        return ioError(QStringLiteral("There is nothing staged to write."), m_target, untouched(m_target));
    if (options.beforeReplace && !options.beforeReplace(m_temp)) {
        discard();
        return ioError(QStringLiteral("The write was abandoned before replacing the file."), m_target,
                       untouched(m_target));
    }
    if (options.expect) {
        if (const std::optional<Error> changed = checkExpected(m_target, *options.expect)) {
            discard();
            return *changed;
        }
    }
    if (options.afterFinalCheck)
        options.afterFinalCheck();

    const QString replacing = QStringLiteral("Replacing %1").arg(nameOf(m_target));
    if (options.expect && !options.expect->exists) {
        const int created = createOnly(m_temp, m_target);
        if (created == 0) {
            discard();
            return changedError(m_target);
        }
        if (created < 0 && !replaceFile(m_temp, m_target)) {
            const int error = lastSystemError();
            discard();
            return systemIoError(replacing, m_target, error, untouched(m_target));
        }
    } else {
        bool replaced = false;
#ifdef Q_OS_UNIX
        if (options.expect) {
            const Expected<bool> exchanged = exchangeChecked(*options.expect);
            if (!exchanged)
                return exchanged.error();
            replaced = exchanged.value();
        }
#endif
        if (!replaced && !replaceFile(m_temp, m_target)) {
            const int error = lastSystemError();
            discard();
            return systemIoError(replacing, m_target, error, untouched(m_target));
        }
    }
    m_temp.clear();
    // The rename itself must survive a crash too.
    syncFolder(folderOf(m_target));
    qCDebug(lcApply) << "replaced" << m_target;
    return stampOf(m_target, Links::DoNotFollow);
}

Expected<Done> removeExpectedFile(const QString &target, const ExpectedTarget &expected)
{
#ifdef Q_OS_UNIX
    // Moved aside in one step, so what is checked is what is removed.
    const QString aside = newTempPath(target);
    if (::rename(native(target).constData(), native(aside).constData()) != 0) {
        const int error = errno;
        if (error == ENOENT)
            return changedError(target);
        return systemIoError(QStringLiteral("Removing %1").arg(nameOf(target)), target, error, untouched(target));
    }
    if (!holdsExpected(aside, expected)) {
        if (createOnly(aside, target) <= 0)
            qCWarning(lcApply) << "kept another program's" << nameOf(target) << "as" << keepAside(aside, target);
        return changedError(target);
    }
    ::unlink(native(aside).constData());
#else
    if (const std::optional<Error> changed = checkExpected(target, expected))
        return *changed;
    if (!QFile::remove(target))
        return ioError(QStringLiteral("Cannot remove %1.").arg(nameOf(target)), target,
                       QStringLiteral("Close programs that may have it open, then run again."));
#endif
    syncFolder(folderOf(target));
    return Done{};
}

void syncFolder(const QString &folder)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(native(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
#else
    Q_UNUSED(folder)
#endif
}

} // namespace SandboxDoctor
