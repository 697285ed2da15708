#pragma once

#include "common/policy.h"

#include <QByteArray>

namespace SandboxDoctor {

// What the multica daemon's EnsureCodexSandboxConfig writes over `data` (its
// codex_sandbox.go, transcribed): when no `(?ms)^BEGIN.*?^END\n*` match exists,
// strip "legacy" lines (every line whose trimmed text starts with sandbox_mode,
// and a literal `[sandbox_workspace_write]` section); then drop every match, trim
// leading '\n' and put the LF-rendered block on top. Used to predict damage the
// daemon's next run will do (daemon-will-corrupt); deliberately keeps its defects.
QByteArray simulateDaemonRewrite(const QByteArray &data, const SandboxPolicy &policy);

} // namespace SandboxDoctor
