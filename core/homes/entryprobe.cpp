#include "homes/entryprobe.h"

#include <QDir>
#include <QFileInfo>

namespace SandboxDoctor::Detail {

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
    if (info.isSymbolicLink()) {
        probe.kind = EntryKind::Symlink;
        probe.target = QDir::cleanPath(info.symLinkTarget());
        probe.targetExists = info.exists();
        probe.targetIsDir = probe.targetExists && info.isDir();
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
    }
    return probe;
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

} // namespace SandboxDoctor::Detail
