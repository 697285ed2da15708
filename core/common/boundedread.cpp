#include "common/boundedread.h"

#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace SandboxDoctor {

namespace {

QString sizeText(qint64 bytes)
{
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
        return QStringLiteral("%1 MiB").arg(bytes / (1024 * 1024));
    return QStringLiteral("%1 bytes").arg(bytes);
}

Error tooLarge(const QString &path, qint64 maxBytes, const QString &what)
{
    return refusedError(QStringLiteral("%1 is larger than the %2 this tool reads.").arg(what, sizeText(maxBytes)),
                        path, QStringLiteral("Nothing was read or changed. Check what filled the file."));
}

Error notRegular(const QString &path, const QString &what, const QString &kind)
{
    return refusedError(QStringLiteral("%1 is %2, not a regular file.").arg(what, kind), path,
                        QStringLiteral("Nothing was read or changed. Replace it with a regular file (or a link to "
                                       "one), then try again."));
}

} // namespace

#ifdef Q_OS_UNIX
Expected<QByteArray> readRegularFile(const QString &path, qint64 maxBytes, const QString &what)
{
    const QByteArray native = QFile::encodeName(path);
    // O_NONBLOCK: opening a FIFO with no writer must not wait. The type is
    // checked on the opened descriptor, so a swap after a stat() cannot fool it.
    const int fd = ::open(native.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        const int error = errno;
        if (error == ENOENT || error == ENOTDIR)
            return fileError(Error::Kind::NotFound, QStringLiteral("%1 does not exist.").arg(what), path, {});
        return ioError(QStringLiteral("Cannot open %1: %2.").arg(what, QString::fromLocal8Bit(std::strerror(error))),
                       path, QStringLiteral("Check that your user may read the file and its folder."));
    }
    struct Closer final
    {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};

    struct stat info {};
    if (::fstat(fd, &info) != 0)
        return ioError(QStringLiteral("Cannot read %1: %2.").arg(what, QString::fromLocal8Bit(std::strerror(errno))),
                       path, QStringLiteral("Check the disk and try again."));
    if (S_ISDIR(info.st_mode))
        return notRegular(path, what, QStringLiteral("a folder"));
    if (S_ISFIFO(info.st_mode))
        return notRegular(path, what, QStringLiteral("a named pipe (FIFO)"));
    if (S_ISCHR(info.st_mode) || S_ISBLK(info.st_mode))
        return notRegular(path, what, QStringLiteral("a device"));
    if (S_ISSOCK(info.st_mode))
        return notRegular(path, what, QStringLiteral("a socket"));
    if (!S_ISREG(info.st_mode))
        return notRegular(path, what, QStringLiteral("not a file"));
    if (info.st_size > maxBytes)
        return tooLarge(path, maxBytes, what);

    // A regular file never blocks; back to blocking reads for plain semantics.
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    QByteArray bytes;
    bytes.reserve(qsizetype(info.st_size));
    char buffer[64 * 1024];
    while (true) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return ioError(
                QStringLiteral("Reading %1 failed: %2.").arg(what, QString::fromLocal8Bit(std::strerror(errno))), path,
                QStringLiteral("Check the disk and try again."));
        }
        if (n == 0)
            break;
        // One byte past the cap tells a file that grew since fstat() from one that fits.
        if (bytes.size() + n > maxBytes)
            return tooLarge(path, maxBytes, what);
        bytes.append(buffer, n);
    }
    return bytes;
}
#else
Expected<QByteArray> readRegularFile(const QString &path, qint64 maxBytes, const QString &what)
{
    const QFileInfo info(path);
    if (!info.exists())
        return fileError(Error::Kind::NotFound, QStringLiteral("%1 does not exist.").arg(what), path, {});
    if (info.isDir())
        return notRegular(path, what, QStringLiteral("a folder"));
    if (!info.isFile())
        return notRegular(path, what, QStringLiteral("not a file"));
    if (info.size() > maxBytes)
        return tooLarge(path, maxBytes, what);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ioError(QStringLiteral("Cannot open %1: %2.").arg(what, file.errorString()), path,
                       QStringLiteral("Check that your user may read the file and its folder."));
    QByteArray bytes = file.read(maxBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return ioError(QStringLiteral("Reading %1 failed: %2.").arg(what, file.errorString()), path,
                       QStringLiteral("Check the disk and try again."));
    if (bytes.size() > maxBytes)
        return tooLarge(path, maxBytes, what);
    return bytes;
}
#endif

} // namespace SandboxDoctor
