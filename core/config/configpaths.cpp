#include "config/configpaths.h"

#include <QDir>
#include <QFileInfo>

namespace SandboxDoctor {

Expected<ConfigPaths> resolveConfigPaths(const QString &codexHome)
{
    if (codexHome.trimmed().isEmpty())
        return Error{Error::Kind::Usage, QStringLiteral("No CODEX_HOME was given."), {}, 0, 0,
                     QStringLiteral("Pass --codex-home DIR or set CODEX_HOME.")};

    ConfigPaths paths;
    paths.codexHome = QDir::cleanPath(QFileInfo(codexHome).absoluteFilePath());
    const QFileInfo home(paths.codexHome);
    if (!home.exists())
        return Error{Error::Kind::Refused, QStringLiteral("CODEX_HOME does not exist."), paths.codexHome, 0, 0,
                     QStringLiteral("Create the folder (Codex requires it to exist) or point --codex-home at the "
                                    "right one.")};
    if (!home.isDir())
        return Error{Error::Kind::Refused, QStringLiteral("CODEX_HOME is not a folder."), paths.codexHome, 0, 0,
                     QStringLiteral("Point --codex-home (or CODEX_HOME) at the folder that holds config.toml.")};

    paths.path = QDir(paths.codexHome).filePath(QStringLiteral("config.toml"));
    paths.writePath = paths.path;

    // Follow the chain by hand rather than canonicalFilePath(): a dangling link
    // still names where a new file should be created, and a loop must be refused.
    QFileInfo link(paths.path);
    int hops = 0;
    while (link.isSymbolicLink()) {  // not isSymLink(): that is also true for a Windows .lnk shortcut
        if (++hops > 40)
            return Error{Error::Kind::Refused, QStringLiteral("config.toml is a symbolic link that never ends (a loop)."),
                         paths.path, 0, 0, QStringLiteral("Point the link at a real file, then run again.")};
        link.setFile(link.symLinkTarget());
    }
    paths.writePath = QDir::cleanPath(link.absoluteFilePath());
    return paths;
}

} // namespace SandboxDoctor
