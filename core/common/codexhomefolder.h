#pragma once

#include "common/expected.h"

#include <QString>

namespace SandboxDoctor {

// Whether a CODEX_HOME folder is there at all: on a first start (Codex has not
// run on this account yet, or CODEX_HOME points elsewhere) it is not, and the
// window offers to create it instead of reporting an unreadable config.
bool codexHomeExists(const QString &codexHome);

// Makes the folder (and its parents), readable by its owner only on Unix, as
// Codex makes ~/.codex: it will hold auth.json. Returns the clean path.
Expected<QString> createCodexHome(const QString &codexHome);

} // namespace SandboxDoctor
