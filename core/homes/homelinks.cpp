#include "homes/homelinks.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_WIN
#include <QProcess>
#endif

namespace SandboxDoctor::Detail {

namespace {

Error ioError(QString message, const QString &path, QString hint)
{
    return Error{Error::Kind::Io, std::move(message), path, 0, 0, std::move(hint)};
}

#ifdef Q_OS_WIN
// `mklink /J` needs no privilege, unlike a symlink; cmd is always present.
bool createJunction(const QString &target, const QString &link)
{
    QProcess mklink;
    mklink.start(QStringLiteral("cmd.exe"),
                 {QStringLiteral("/c"), QStringLiteral("mklink"), QStringLiteral("/J"),
                  QDir::toNativeSeparators(link), QDir::toNativeSeparators(target)});
    return mklink.waitForFinished(10000) && mklink.exitStatus() == QProcess::NormalExit && mklink.exitCode() == 0;
}
#endif

} // namespace

LinkOutcome createDirLink(const QString &target, const QString &link)
{
    LinkOutcome outcome;
    if (QFile::link(target, link)) {
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
    if (QFile::link(target, link)) {
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
