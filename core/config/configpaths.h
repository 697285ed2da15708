#pragma once

#include "common/expected.h"

#include <QString>

namespace SandboxDoctor {

// Where a CODEX_HOME's config.toml is, and where a write to it really lands.
struct ConfigPaths final
{
    QString codexHome;  // absolute, cleaned
    QString path;       // <codexHome>/config.toml
    QString writePath;  // the final target when config.toml is a symlink (even a dangling one), else path
};

// Checks that codexHome is an existing folder (Kind::Refused otherwise) and
// follows a symlinked config.toml to its final target.
Expected<ConfigPaths> resolveConfigPaths(const QString &codexHome);

} // namespace SandboxDoctor
