#pragma once

#include "common/expected.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

namespace SandboxDoctor {

// How deep below a workspaces root a `codex-home` folder may sit
// (<root>/<workspace>/<task>/codex-home is depth 3).
inline constexpr int MaxHomeDepth = 4;

// Every directory named `codex-home` up to `maxDepth` levels below `root`,
// sorted. Symlinked folders are not followed (a sessions link would lead into
// the shared home) and a codex-home is not searched further. `cancel`, when
// set, stops the walk early (the list so far is returned). `onFound` is called
// for each home as it is found (in walk order), for streaming callers.
Expected<QStringList> findCodexHomes(const QString &root, int maxDepth = MaxHomeDepth,
                                     const std::atomic_bool *cancel = nullptr,
                                     const std::function<void(const QString &)> &onFound = {});

} // namespace SandboxDoctor
