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
    qint64 size = -1;          // regular files only
};

EntryProbe probeEntry(const QString &path);

// True when `target` names the same place as `expected` (text first; then the
// canonical paths, which costs a realpath and happens only on a mismatch).
bool sameLocation(const QString &target, const QString &expected, const QString &expectedCanonical);

} // namespace SandboxDoctor::Detail
