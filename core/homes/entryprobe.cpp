#include "homes/entryprobe.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace SandboxDoctor::Detail {

namespace {

#ifdef Q_OS_UNIX
// What a file that is neither regular nor a folder is, in words; empty for those two.
QString specialKind(mode_t mode)
{
    if (S_ISFIFO(mode))
        return QStringLiteral("a named pipe (FIFO)");
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return QStringLiteral("a device");
    if (S_ISSOCK(mode))
        return QStringLiteral("a socket");
    if (S_ISREG(mode) || S_ISDIR(mode) || S_ISLNK(mode))
        return {};
    return QStringLiteral("not a file or folder");
}
#endif

} // namespace

EntryProbe probeEntry(const QString &path)
{
    EntryProbe probe;
    const QFileInfo info(path);
#ifdef Q_OS_WIN
    if (info.isJunction()) {
        probe.kind = EntryKind::Junction;
        probe.target = QDir::cleanPath(info.junctionTarget());
        probe.targetExists = info.exists();
        probe.targetIsDir = info.isDir();
        return probe;
    }
#endif
#ifdef Q_OS_UNIX
    // lstat and stat directly: QFileInfo cannot tell a FIFO or a device from a
    // missing file, and those are exactly what must never be opened.
    const QByteArray native = QFile::encodeName(path);
    struct stat own {};
    if (::lstat(native.constData(), &own) != 0)
        return probe;
    if (S_ISLNK(own.st_mode)) {
        probe.kind = EntryKind::Symlink;
        probe.target = QDir::cleanPath(info.symLinkTarget());
        struct stat target {};
        if (::stat(native.constData(), &target) == 0) {
            probe.targetExists = true;
            probe.targetIsDir = S_ISDIR(target.st_mode);
            probe.targetIsFile = S_ISREG(target.st_mode);
            probe.special = specialKind(target.st_mode);
        }
        return probe;
    }
    if (S_ISDIR(own.st_mode)) {
        probe.kind = EntryKind::Dir;
    } else if (S_ISREG(own.st_mode)) {
        probe.kind = EntryKind::File;
        probe.size = qint64(own.st_size);
    } else {
        probe.kind = EntryKind::Other;
        probe.special = specialKind(own.st_mode);
    }
    return probe;
#else
    if (info.isSymbolicLink()) {
        probe.kind = EntryKind::Symlink;
        probe.target = QDir::cleanPath(info.symLinkTarget());
        probe.targetExists = info.exists();
        probe.targetIsDir = probe.targetExists && info.isDir();
        probe.targetIsFile = probe.targetExists && info.isFile();
        if (probe.targetExists && !probe.targetIsDir && !probe.targetIsFile)
            probe.special = QStringLiteral("not a file or folder");
        return probe;
    }
    if (!info.exists())
        return probe;
    if (info.isDir()) {
        probe.kind = EntryKind::Dir;
    } else if (info.isFile()) {
        probe.kind = EntryKind::File;
        probe.size = info.size();
    } else {
        probe.kind = EntryKind::Other;
        probe.special = QStringLiteral("not a file or folder");
    }
    return probe;
#endif
}

bool sameLocation(const QString &target, const QString &expected, const QString &expectedCanonical)
{
    if (target == expected)
        return true;
    if (expectedCanonical.isEmpty())
        return false;
    const QString canonical = QFileInfo(target).canonicalFilePath();
    return !canonical.isEmpty() && canonical == expectedCanonical;
}

bool isInside(const QString &path, const QString &folder, const QString &folderCanonical)
{
    if (path.startsWith(folder + QLatin1Char('/')))
        return true;
    if (folderCanonical.isEmpty())
        return false;
    const QString canonical = QFileInfo(path).canonicalFilePath();
    return !canonical.isEmpty() && canonical.startsWith(folderCanonical + QLatin1Char('/'));
}

} // namespace SandboxDoctor::Detail
