#pragma once

#include "common/expected.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace SandboxDoctor {

struct AtomicWriteOptions final
{
    // Called with the temporary file's path once it holds every byte, just
    // before it replaces the target; returning false abandons the write (the
    // target stays as it was). Tests use it to watch the write half-way.
    std::function<bool(const QString &tempPath)> beforeReplace;
};

// Writes `bytes` to `path` so that a reader sees either the old file or the
// whole new one, never a mix: a temporary file in the same folder, flushed to
// disk, given the old file's permissions (and, when allowed, its owner), then
// renamed over the target. `path` must not be a symlink (resolve it first).
Expected<Done> writeFileAtomically(const QString &path, const QByteArray &bytes,
                                   const AtomicWriteOptions &options = {});

} // namespace SandboxDoctor
