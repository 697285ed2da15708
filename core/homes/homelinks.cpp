#include "homes/homelinks.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_WIN
#include <QProcess>

#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#endif

namespace SandboxDoctor::Detail {

namespace {

#ifdef Q_OS_WIN
// A real symbolic link, where Windows grants one without privilege (Developer
// Mode), as Go's os.Symlink in the daemon does. Not QFile::link: on Windows it
// writes a .lnk shortcut, which succeeds everywhere and which Codex never follows.
bool createSymlink(const QString &target, const QString &link, bool directory)
{
#ifndef SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE
    constexpr DWORD SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE = 0x2;
#endif
    DWORD flags = SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE;
    if (directory)
        flags |= SYMBOLIC_LINK_FLAG_DIRECTORY;
    const QString nativeLink = QDir::toNativeSeparators(link);
    const QString nativeTarget = QDir::toNativeSeparators(target);
    return CreateSymbolicLinkW(reinterpret_cast<const wchar_t *>(nativeLink.utf16()),
                               reinterpret_cast<const wchar_t *>(nativeTarget.utf16()), flags) != 0;
}

// `mklink /J` needs no privilege, unlike a symlink; cmd is always present.
bool createJunction(const QString &target, const QString &link)
{
    QProcess mklink;
    mklink.start(QStringLiteral("cmd.exe"),
                 {QStringLiteral("/c"), QStringLiteral("mklink"), QStringLiteral("/J"),
                  QDir::toNativeSeparators(link), QDir::toNativeSeparators(target)});
    return mklink.waitForFinished(10000) && mklink.exitStatus() == QProcess::NormalExit && mklink.exitCode() == 0;
}
#else
bool createSymlink(const QString &target, const QString &link, bool /*directory*/)
{
    return QFile::link(target, link);  // symlink(2)
}
#endif

} // namespace

LinkOutcome createDirLink(const QString &target, const QString &link)
{
    LinkOutcome outcome;
    if (createSymlink(target, link, true)) {
        outcome.method = LinkMethod::Symlink;
        return outcome;
    }
#ifdef Q_OS_WIN
    if (createJunction(target, link)) {
        outcome.method = LinkMethod::Junction;
        return outcome;
    }
#endif
    outcome.error = ioError(QStringLiteral("Could not link the folder to %1.").arg(target), link,
                            QStringLiteral("Check that the home folder is writable, then run prepare again."));
    return outcome;
}

LinkOutcome createFileLink(const QString &target, const QString &link)
{
    LinkOutcome outcome;
    if (createSymlink(target, link, false)) {
        outcome.method = LinkMethod::Symlink;
        return outcome;
    }
#ifdef Q_OS_WIN
    // The daemon copies the file when Windows refuses the symlink.
    if (QFile::copy(target, link)) {
        outcome.method = LinkMethod::Copy;
        return outcome;
    }
#endif
    outcome.error = ioError(QStringLiteral("Could not link the file to %1.").arg(target), link,
                            QStringLiteral("Check that the home folder is writable, then run prepare again."));
    return outcome;
}

std::optional<Error> removeLink(const QString &link)
{
    bool removed = false;
#ifdef Q_OS_WIN
    // A junction or a directory symlink is removed as an (empty) folder entry.
    if (QFileInfo(link).isJunction() || (QFileInfo(link).isSymbolicLink() && QFileInfo(link).isDir()))
        removed = QDir().rmdir(link);
    else
        removed = QFile::remove(link);
#else
    removed = QFile::remove(link);  // unlink(): never follows the link
#endif
    if (removed)
        return std::nullopt;
    return ioError(QStringLiteral("Could not remove the old link."), link,
                   QStringLiteral("Check that the home folder is writable, then run prepare again."));
}

} // namespace SandboxDoctor::Detail
