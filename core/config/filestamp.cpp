#include "config/filestamp.h"

#include "common/boundedread.h"
#include "config/oserror.h"

#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <sys/stat.h>
#endif

namespace SandboxDoctor {

QString fileTypeText(FileStamp::Type type)
{
    switch (type) {
    case FileStamp::Type::Missing: return QStringLiteral("missing");
    case FileStamp::Type::Regular: return QStringLiteral("a regular file");
    case FileStamp::Type::Directory: return QStringLiteral("a folder");
    case FileStamp::Type::SymbolicLink: return QStringLiteral("a symbolic link");
    case FileStamp::Type::Fifo: return QStringLiteral("a named pipe (FIFO)");
    case FileStamp::Type::Device: return QStringLiteral("a device");
    case FileStamp::Type::Socket: return QStringLiteral("a socket");
    }
    return QStringLiteral("not a file");
}

#ifdef Q_OS_UNIX
Expected<FileStamp> stampOf(const QString &path, Links links)
{
    struct stat st {};
    const QByteArray native = QFile::encodeName(path);
    const int rc = links == Links::Follow ? ::stat(native.constData(), &st) : ::lstat(native.constData(), &st);
    FileStamp stamp;
    if (rc != 0) {
        const int error = errno;
        if (error == ENOENT || error == ENOTDIR)
            return stamp;
        return systemIoError(QStringLiteral("Looking at the file"), path, error,
                             QStringLiteral("Nothing was changed."));
    }
    if (S_ISREG(st.st_mode))
        stamp.type = FileStamp::Type::Regular;
    else if (S_ISDIR(st.st_mode))
        stamp.type = FileStamp::Type::Directory;
    else if (S_ISLNK(st.st_mode))
        stamp.type = FileStamp::Type::SymbolicLink;
    else if (S_ISFIFO(st.st_mode))
        stamp.type = FileStamp::Type::Fifo;
    else if (S_ISSOCK(st.st_mode))
        stamp.type = FileStamp::Type::Socket;
    else
        stamp.type = FileStamp::Type::Device;
    stamp.device = quint64(st.st_dev);
    stamp.inode = quint64(st.st_ino);
    stamp.links = quint64(st.st_nlink);
    stamp.size = qint64(st.st_size);
#if defined(Q_OS_DARWIN)
    stamp.modifiedNs = qint64(st.st_mtimespec.tv_sec) * 1'000'000'000 + qint64(st.st_mtimespec.tv_nsec);
#else
    stamp.modifiedNs = qint64(st.st_mtim.tv_sec) * 1'000'000'000 + qint64(st.st_mtim.tv_nsec);
#endif
    stamp.mode = quint32(st.st_mode & 07777);
    stamp.owner = quint32(st.st_uid);
    stamp.group = quint32(st.st_gid);
    return stamp;
}
#else
Expected<FileStamp> stampOf(const QString &path, Links links)
{
    const QFileInfo info(path);
    FileStamp stamp;
    if (links == Links::DoNotFollow && info.isSymbolicLink()) {
        stamp.type = FileStamp::Type::SymbolicLink;
        return stamp;
    }
    if (!info.exists())
        return stamp;
    stamp.type = info.isDir() ? FileStamp::Type::Directory
                 : info.isFile() ? FileStamp::Type::Regular
                                 : FileStamp::Type::Device;
    stamp.links = 1;
    stamp.size = info.size();
    stamp.modifiedNs = info.lastModified().toMSecsSinceEpoch() * 1'000'000;
    return stamp;
}
#endif

Expected<StampedBytes> readStamped(const QString &path, qint64 maxBytes, const QString &what, Links links)
{
    // A save by rename between the stamp and the read, or during it, shows as
    // a different stamp afterwards; three tries outlast any editor's save.
    for (int attempt = 0; attempt < 3; ++attempt) {
        const Expected<FileStamp> before = stampOf(path, links);
        if (!before)
            return before.error();
        if (links == Links::DoNotFollow && before->type != FileStamp::Type::Regular) {
            if (!before->exists())
                return fileError(Error::Kind::NotFound, QStringLiteral("%1 does not exist.").arg(what), path, {});
            // Not opened at all: a link is not followed, a pipe is not waited on.
            return refusedError(QStringLiteral("%1 is %2, not a regular file.").arg(what, fileTypeText(before->type)),
                                path,
                                QStringLiteral("Nothing was read or changed. This tool writes only regular files "
                                               "under that name; look at it by hand and remove it if it is not "
                                               "yours."));
        }
        Expected<QByteArray> bytes = readRegularFile(path, maxBytes, what);
        if (!bytes)
            return bytes.error();
        const Expected<FileStamp> after = stampOf(path, links);
        if (!after)
            return after.error();
        // Same inode, size and time before and after, and every byte of it read:
        // these bytes are that file's. (A link swapped in and back out within
        // the read, keeping the inode, is the one case left: closing it needs an
        // O_NOFOLLOW open, which readRegularFile does not take.)
        if (after->unchangedSince(before.value()) && after->size == bytes->size())
            return StampedBytes{std::move(bytes).value(), after.value()};
    }
    return refusedError(QStringLiteral("%1 kept changing while it was being read.").arg(what), path,
                        QStringLiteral("Nothing was changed. Wait until the program writing it has finished, then "
                                       "run again."));
}

} // namespace SandboxDoctor
