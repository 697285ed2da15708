#include "config/oserror.h"

#include <QDir>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#endif
#ifdef Q_OS_WIN
#include <windows.h>
#endif

namespace SandboxDoctor {

int lastSystemError()
{
#ifdef Q_OS_WIN
    return static_cast<int>(GetLastError());
#else
    return errno;
#endif
}

bool isDiskFull(int errorNumber)
{
#ifdef Q_OS_WIN
    return errorNumber == ERROR_DISK_FULL || errorNumber == ERROR_HANDLE_DISK_FULL;
#else
    return errorNumber == ENOSPC || errorNumber == EDQUOT;
#endif
}

QString systemErrorText(int errorNumber)
{
#ifdef Q_OS_WIN
    switch (errorNumber) {
    case ERROR_DISK_FULL:
    case ERROR_HANDLE_DISK_FULL: return QStringLiteral("the disk is full");
    case ERROR_ACCESS_DENIED: return QStringLiteral("permission denied");
    case ERROR_SHARING_VIOLATION:
    case ERROR_LOCK_VIOLATION: return QStringLiteral("another program has the file open");
    case ERROR_WRITE_PROTECT: return QStringLiteral("the disk is write-protected");
    default: break;
    }
    const QString text = qt_error_string(errorNumber).trimmed();
#else
    switch (errorNumber) {
    case ENOSPC: return QStringLiteral("the disk is full (no free space or no free inodes left)");
    case EDQUOT: return QStringLiteral("the disk is full for your user (the disk quota is used up)");
    case EROFS: return QStringLiteral("the file system is mounted read-only");
    case EACCES:
    case EPERM: return QStringLiteral("permission denied");
    case EIO: return QStringLiteral("the disk reported an input/output error");
    case EMFILE:
    case ENFILE: return QStringLiteral("too many files are open");
    case ENOENT: return QStringLiteral("the file or its folder is gone");
    default: break;
    }
    const QString text = QString::fromLocal8Bit(std::strerror(errorNumber)).trimmed();
#endif
    if (text.isEmpty() || text.startsWith(QLatin1String("Unknown error")))
        return QStringLiteral("system error %1").arg(errorNumber);
    return text.at(0).toLower() + text.mid(1);
}

QString systemErrorHint(int errorNumber, const QString &folder, const QString &kept)
{
    const QString where = QDir::toNativeSeparators(folder);
    QString todo;
    if (isDiskFull(errorNumber)) {
        todo = QStringLiteral("Free some space on the disk that holds %1, then run again.").arg(where);
    } else {
#ifdef Q_OS_WIN
        if (errorNumber == ERROR_SHARING_VIOLATION || errorNumber == ERROR_LOCK_VIOLATION)
            todo = QStringLiteral("Close the program that has it open (an editor, a sync tool), then run again.");
        else if (errorNumber == ERROR_ACCESS_DENIED)
            todo = QStringLiteral("Check that your user may write to %1, then run again.").arg(where);
#else
        if (errorNumber == EROFS)
            todo = QStringLiteral("Remount the file system read-write, or use a CODEX_HOME on a writable disk.");
        else if (errorNumber == EACCES || errorNumber == EPERM)
            todo = QStringLiteral("Check that your user may write to %1 (chmod u+w), then run again.").arg(where);
        else if (errorNumber == EIO)
            todo = QStringLiteral("Check the disk (the system log names the device) before trying again.");
#endif
        else
            todo = QStringLiteral("Check that %1 is writable and the disk is healthy, then run again.").arg(where);
    }
    return kept.isEmpty() ? todo : kept + QLatin1Char(' ') + todo;
}

Error systemIoError(const QString &doing, const QString &path, int errorNumber, const QString &kept)
{
    return ioError(QStringLiteral("%1 failed: %2.").arg(doing, systemErrorText(errorNumber)), path,
                   systemErrorHint(errorNumber, QFileInfo(path).absolutePath(), kept));
}

} // namespace SandboxDoctor
