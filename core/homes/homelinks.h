#pragma once

#include "common/error.h"
#include "homes/homepreparer.h"

#include <QString>

#include <optional>

namespace SandboxDoctor::Detail {

// The daemon's createDirLink / createFileLink: a symlink; on Windows, when
// symlinks are not allowed (no Developer Mode, no privilege), a junction for a
// folder and a copy for a file.
struct LinkOutcome final
{
    LinkMethod method = LinkMethod::None;
    std::optional<Error> error;
};
LinkOutcome createDirLink(const QString &target, const QString &link);
LinkOutcome createFileLink(const QString &target, const QString &link);

// Removes a link (symlink or junction) without touching what it points to.
std::optional<Error> removeLink(const QString &link);

} // namespace SandboxDoctor::Detail
