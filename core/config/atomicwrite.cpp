#include "config/atomicwrite.h"

#include "common/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif
#ifdef Q_OS_WIN
#include <windows.h>
#endif

namespace SandboxDoctor {

namespace {

QString systemErrorText()
{
#ifdef Q_OS_UNIX
    return QString::fromLocal8Bit(std::strerror(errno));
#else
    return qt_error_string(static_cast<int>(GetLastError()));  // FormatMessage's text
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
    return ::rename(QFile::encodeName(source).constData(), QFile::encodeName(target).constData()) == 0;
#endif
}

} // namespace

Expected<Done> writeFileAtomically(const QString &path, const QByteArray &bytes, const AtomicWriteOptions &options)
{
    const QFileInfo target(path);
    const QString folder = target.absolutePath();
    const QString writeHint = QStringLiteral("The original file is untouched. Check that the folder is writable "
                                             "and the disk is not full, then try again.");
    if (!QFileInfo(folder).isDir())
        return ioError(QStringLiteral("The folder to write into does not exist."), folder,
                       QStringLiteral("Create it, or fix the link that points into it."));

#ifdef Q_OS_UNIX
    struct stat old {};
    const bool hadFile = ::stat(QFile::encodeName(path).constData(), &old) == 0;
#else
    const bool hadFile = target.exists();
#endif
    // A replacement starts owner-only and gets the old mode before the rename,
    // so nothing leaks meanwhile; a new file gets the usual mode (umask applies).
    const QFileDevice::Permissions createMode = hadFile
        ? (QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        : (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::WriteGroup
           | QFileDevice::ReadOther | QFileDevice::WriteOther);

    // Same folder as the target, so the rename never crosses a file system.
    QString tempPath;
    QFile temp;
    for (int attempt = 0; attempt < 16; ++attempt) {
        tempPath = QDir(folder).filePath(QStringLiteral(".%1.sdtmp-%2")
                                             .arg(target.fileName())
                                             .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0')));
        temp.setFileName(tempPath);
        if (temp.open(QIODevice::WriteOnly | QIODevice::NewOnly, createMode))
            break;
        if (QFileInfo::exists(tempPath))
            continue;
        return ioError(QStringLiteral("Cannot create a temporary file beside %1: %2.")
                           .arg(target.fileName(), temp.errorString()),
                       folder, writeHint);
    }
    if (!temp.isOpen())
        return ioError(QStringLiteral("Cannot find a free temporary file name."), folder, writeHint);

    auto abandon = [&](const QString &message) {
        temp.close();
        QFile::remove(tempPath);
        return ioError(message, path, writeHint);
    };

    if (temp.write(bytes) != bytes.size() || !temp.flush())
        return abandon(QStringLiteral("Writing the new file failed: %1.").arg(temp.errorString()));

#ifdef Q_OS_UNIX
    if (hadFile) {
        // Keep the owner when we may (root editing a user's file); keep the mode always.
        if ((old.st_uid != ::geteuid() || old.st_gid != ::getegid())
            && ::fchown(temp.handle(), old.st_uid, old.st_gid) != 0)
            qCDebug(lcApply) << "could not keep the owner of" << path << ":" << systemErrorText();
        if (::fchmod(temp.handle(), old.st_mode & 07777) != 0)
            return abandon(QStringLiteral("Cannot give the new file the old permissions: %1.").arg(systemErrorText()));
    }
    if (::fsync(temp.handle()) != 0)
        return abandon(QStringLiteral("Flushing the new file to disk failed: %1.").arg(systemErrorText()));
#else
    if (hadFile && !temp.setPermissions(QFile::permissions(path)))
        return abandon(QStringLiteral("Cannot give the new file the old permissions: %1.").arg(temp.errorString()));
#endif
    temp.close();

    if (options.beforeReplace && !options.beforeReplace(tempPath)) {
        QFile::remove(tempPath);
        return ioError(QStringLiteral("The write was abandoned before replacing the file."), path, writeHint);
    }

    if (!replaceFile(tempPath, path)) {
        const QString reason = systemErrorText();
        QFile::remove(tempPath);
        return ioError(QStringLiteral("Cannot replace the file: %1.").arg(reason), path, writeHint);
    }

#ifdef Q_OS_UNIX
    // The rename itself must survive a crash too.
    const int dirFd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
#endif
    qCDebug(lcApply) << "wrote" << bytes.size() << "bytes to" << path;
    return Done{};
}

} // namespace SandboxDoctor
