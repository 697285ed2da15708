#pragma once

#include "homes/homeentry.h"

#include <QString>

namespace SandboxDoctor::Detail {

// One lstat (plus a stat for links) of a name inside a home: what it is and,
// for links, where it points. Never opens the file.
struct EntryProbe final
{
    EntryKind kind = EntryKind::Missing;
    QString target;            // links only: absolute, clean
    bool targetExists = false; // links only
    bool targetIsDir = false;  // links only
    bool targetIsFile = false; // links only: a regular file
    QString special;           // Other, or a link to one: "a named pipe (FIFO)", "a device", "a socket"
    qint64 size = -1;          // regular files only
};

EntryProbe probeEntry(const QString &path);

// Neither a regular file nor a folder (a FIFO, a device, a socket), or a link to one.
inline bool isSpecial(const EntryProbe &probe)
{
    return !probe.special.isEmpty();
}

// A link, or a Windows junction.
inline bool isLink(EntryKind kind)
{
    return kind == EntryKind::Symlink || kind == EntryKind::Junction;
}

// True when `target` names the same place as `expected` (text first; then the
// canonical paths, which costs a realpath and happens only on a mismatch).
bool sameLocation(const QString &target, const QString &expected, const QString &expectedCanonical);

// True when `path` (clean, absolute) lies inside `folder` (itself excluded),
// by text or, failing that, by canonical paths.
bool isInside(const QString &path, const QString &folder, const QString &folderCanonical);

} // namespace SandboxDoctor::Detail
