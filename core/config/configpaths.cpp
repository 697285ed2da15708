#include "config/configpaths.h"

#include <QDir>
#include <QFileInfo>

namespace SandboxDoctor {

bool isHomeConfigFileName(const QString &fileName)
{
    static const QString configName = QStringLiteral("config.toml");
    static const QString profileSuffix = QStringLiteral(".config.toml");
    if (fileName == configName)
        return true;
    if (!fileName.endsWith(profileSuffix) || fileName.size() == profileSuffix.size() || fileName.size() > 200)
        return false;
    const QStringView profile = QStringView(fileName).left(fileName.size() - profileSuffix.size());
    if (profile.startsWith(QLatin1Char('.')) || profile.contains(QLatin1String("..")))
        return false;
    for (const QChar c : profile) {
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
                        || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_')
                        || c == QLatin1Char('-') || c == QLatin1Char('.');
        if (!ok)
            return false;
    }
    return true;
}

Expected<ConfigPaths> resolveHomeFile(const QString &codexHome, const QString &fileName)
{
    if (codexHome.trimmed().isEmpty())
        return Error{Error::Kind::Usage, QStringLiteral("No CODEX_HOME was given."), {}, 0, 0,
                     QStringLiteral("Pass --codex-home DIR or set CODEX_HOME.")};
    if (!isHomeConfigFileName(fileName))
        return Error{Error::Kind::Usage, QStringLiteral("'%1' is not a file this tool writes.").arg(fileName), {}, 0, 0,
                     QStringLiteral("Only config.toml and <profile>.config.toml in CODEX_HOME are written.")};

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

    paths.path = QDir(paths.codexHome).filePath(fileName);
    paths.writePath = paths.path;

    // Follow the chain by hand rather than canonicalFilePath(): a dangling link
    // still names where a new file should be created, and a loop must be refused.
    QFileInfo link(paths.path);
    int hops = 0;
    while (link.isSymbolicLink()) {  // not isSymLink(): that is also true for a Windows .lnk shortcut
        if (++hops > 40)
            return Error{Error::Kind::Refused,
                         QStringLiteral("%1 is a symbolic link that never ends (a loop).").arg(fileName), paths.path,
                         0, 0, QStringLiteral("Point the link at a real file, then run again.")};
        link.setFile(link.symLinkTarget());
    }
    paths.writePath = QDir::cleanPath(link.absoluteFilePath());
    return paths;
}

Expected<ConfigPaths> resolveConfigPaths(const QString &codexHome)
{
    return resolveHomeFile(codexHome, QStringLiteral("config.toml"));
}

} // namespace SandboxDoctor
