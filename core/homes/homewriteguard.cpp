#include "homes/homewriteguard.h"

#include "config/configpaths.h"
#include "homes/entryprobe.h"

#include <QDir>
#include <QFileInfo>

namespace SandboxDoctor {

namespace {

Error refused(const QString &message, const QString &path, const QString &home)
{
    return refusedError(message, path,
                        QStringLiteral("Nothing was written. If it was not made on purpose, run "
                                       "`codex-sandbox-doctor-cli prepare --codex-home %1 --replace-links` (Repair "
                                       "in the app asks) to put a copy of the shared file in its place.")
                            .arg(home));
}

} // namespace

std::optional<Error> checkConfigWriteTarget(const QString &home)
{
    const QString clean = QDir::cleanPath(QFileInfo(home).absoluteFilePath());
    const QString path = clean + QLatin1String("/config.toml");
    const Detail::EntryProbe probe = Detail::probeEntry(path);
    switch (probe.kind) {
    case EntryKind::Missing:
    case EntryKind::File: return std::nullopt;
    case EntryKind::Dir:
        return refusedError(QStringLiteral("config.toml is a folder, not a file; nothing was written."), path,
                            QStringLiteral("Move that folder out of the home, then try again."));
    case EntryKind::Other:
        return refusedError(QStringLiteral("config.toml is %1, not a file; nothing was read or written.")
                                .arg(probe.special),
                            path, QStringLiteral("Move it out of the home, then try again."));
    case EntryKind::Symlink:
    case EntryKind::Junction: break;
    }
    if (probe.targetExists && !probe.targetIsFile)
        return refusedError(QStringLiteral("config.toml links to %1, which is %2, not a file; nothing was read or "
                                           "written.")
                                .arg(probe.target, probe.targetIsDir ? QStringLiteral("a folder") : probe.special),
                            path, QStringLiteral("Remove the link, then try again."));
    // The same resolution the engine's write uses, so the place checked is the place written.
    const Expected<ConfigPaths> paths = resolveConfigPaths(clean);
    if (!paths)
        return paths.error();
    const QString homeCanonical = QFileInfo(clean).canonicalFilePath();
    const QString targetFolder = QFileInfo(QFileInfo(paths->writePath).absolutePath()).canonicalFilePath();
    const bool inside = !homeCanonical.isEmpty() && !targetFolder.isEmpty()
                        && (targetFolder == homeCanonical || targetFolder.startsWith(homeCanonical + QLatin1Char('/')));
    if (!inside)
        return refused(QStringLiteral("config.toml is a link to %1, outside this home: it is not written through.")
                           .arg(paths->writePath),
                       path, clean);
    return std::nullopt;
}

Expected<ApplyResult> applyHomeBlock(const QString &home, const SandboxPolicy &policy, const ApplyOptions &options)
{
    if (auto error = checkConfigWriteTarget(home))
        return *error;
    return applyManagedBlock(home, policy, options);
}

std::optional<Error> ensureFolderInHome(const QString &home, const QString &relative, bool dryRun)
{
    QString path = QDir::cleanPath(home);
    const QStringList parts = QDir::cleanPath(relative).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        if (part == QLatin1String("..") || part == QLatin1String("."))
            return refusedError(QStringLiteral("'%1' leaves the home.").arg(relative), home,
                                QStringLiteral("Name a path inside the home."));
        path += QLatin1Char('/') + part;
        const Detail::EntryProbe probe = Detail::probeEntry(path);
        if (probe.kind == EntryKind::Dir)
            continue;
        if (probe.kind != EntryKind::Missing)
            return refusedError(QStringLiteral("%1 is %2, not a folder of the home's own: nothing is written "
                                               "through it.")
                                    .arg(path, Detail::isLink(probe.kind) ? QStringLiteral("a link") : QStringLiteral("not a folder")),
                                path, QStringLiteral("Move it out of the home, then run prepare again."));
        if (dryRun)
            return std::nullopt;  // the rest of the path does not exist either
        if (!QDir().mkdir(path))
            return ioError(QStringLiteral("Could not create the folder."), path,
                           QStringLiteral("Check that the home is writable, then run prepare again."));
    }
    return std::nullopt;
}

} // namespace SandboxDoctor
