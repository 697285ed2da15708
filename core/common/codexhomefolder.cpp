#include "common/codexhomefolder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace SandboxDoctor {

bool codexHomeExists(const QString &codexHome)
{
    return !codexHome.trimmed().isEmpty() && QFileInfo(codexHome).isDir();
}

Expected<QString> createCodexHome(const QString &codexHome)
{
    if (codexHome.trimmed().isEmpty())
        return Error{Error::Kind::Usage, QStringLiteral("No CODEX_HOME was given."), {}, 0, 0,
                     QStringLiteral("Choose the folder to create.")};
    const QString path = QDir::cleanPath(QFileInfo(codexHome).absoluteFilePath());
    const QFileInfo info(path);
    if (info.exists() && !info.isDir())
        return refusedError(QStringLiteral("A file, not a folder, is in the way of CODEX_HOME."), path,
                            QStringLiteral("Move the file away, or choose another CODEX_HOME."));
    if (info.isDir())
        return path;
    if (!QDir().mkpath(path))
        return ioError(QStringLiteral("Could not create the CODEX_HOME folder."), path,
                       QStringLiteral("Check that the parent folder exists and that you may write to it."));
#ifdef Q_OS_UNIX
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
#endif
    return path;
}

} // namespace SandboxDoctor
