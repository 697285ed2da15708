#include "homes/homefinder.h"

#include "common/logging.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <dirent.h>
#include <sys/stat.h>
#endif

namespace SandboxDoctor {

namespace {

const QLatin1String HomeName{"codex-home"};

struct Walk final
{
    int maxDepth = MaxHomeDepth;
    const std::atomic_bool *cancel = nullptr;
    const std::function<void(const QString &)> *onFound = nullptr;
    QStringList found;

    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }

    void foundHome(const QString &path)
    {
        found += path;
        if (onFound && *onFound)
            (*onFound)(path);
    }

    // `dir` sits at `depth` (the root is 0); its subfolders are at depth + 1.
    void visit(const QString &dir, int depth)
    {
        if (cancelled())
            return;
        const QStringList children = subfolders(dir);
        for (const QString &name : children) {
            const QString path = dir + QLatin1Char('/') + name;
            if (name == HomeName)
                foundHome(path);  // a home holds no further homes
            else if (depth + 1 < maxDepth)
                visit(path, depth + 1);
        }
    }

    // Real subfolders only: a symlinked folder (a sessions link, a linked
    // workdir) may lead anywhere, even back up the tree.
    static QStringList subfolders(const QString &dir)
    {
        QStringList names;
#ifdef Q_OS_UNIX
        // readdir's d_type spares a stat per entry; the tree holds mostly files.
        const QByteArray encoded = QFile::encodeName(dir);
        DIR *handle = ::opendir(encoded.constData());
        if (!handle) {
            qCDebug(lcHomes) << "cannot list" << dir;
            return names;
        }
        while (const dirent *entry = ::readdir(handle)) {
            const char *name = entry->d_name;
            if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0')))
                continue;
            bool isDir = false;
            if (entry->d_type == DT_DIR) {
                isDir = true;
            } else if (entry->d_type == DT_UNKNOWN) {
                struct stat st;
                const QByteArray child = encoded + '/' + name;
                isDir = ::lstat(child.constData(), &st) == 0 && S_ISDIR(st.st_mode);
            }
            if (isDir)
                names += QFile::decodeName(name);
        }
        ::closedir(handle);
#else
        QDirIterator it(dir, QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System | QDir::NoSymLinks);
        while (it.hasNext()) {
            it.next();
            names += it.fileName();
        }
#endif
        return names;
    }
};

} // namespace

Expected<QStringList> findCodexHomes(const QString &root, int maxDepth, const std::atomic_bool *cancel,
                                     const std::function<void(const QString &)> &onFound)
{
    const QString clean = QDir::cleanPath(QFileInfo(root).absoluteFilePath());
    const QFileInfo info(clean);
    if (!info.exists())
        return Error{Error::Kind::NotFound, QStringLiteral("The folder does not exist."), clean, 0, 0,
                     QStringLiteral("Give a workspaces root (MULTICA_WORKSPACES_ROOT) or a CODEX_HOME.")};
    if (!info.isDir())
        return Error{Error::Kind::Usage, QStringLiteral("This is not a folder."), clean, 0, 0,
                     QStringLiteral("Give a workspaces root (MULTICA_WORKSPACES_ROOT) or a CODEX_HOME.")};
    if (!QDir(clean).isReadable())
        return Error{Error::Kind::Io, QStringLiteral("The folder cannot be listed."), clean, 0, 0,
                     QStringLiteral("Check its permissions.")};

    Walk walk;
    walk.maxDepth = maxDepth;
    walk.cancel = cancel;
    walk.onFound = &onFound;
    walk.visit(clean, 0);
    std::sort(walk.found.begin(), walk.found.end());
    return walk.found;
}

} // namespace SandboxDoctor
