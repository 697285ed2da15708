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

// The same for another file of the home this app may write: "config.toml" or
// a profile's "<name>.config.toml" (what `codex --profile <name>` reads since
// Codex 0.150). Kind::Usage for any other name.
Expected<ConfigPaths> resolveHomeFile(const QString &codexHome, const QString &fileName);

// "config.toml", or "<name>.config.toml" where name is letters, digits, '_',
// '-' and '.', not starting with '.': never a path, never a hidden file.
bool isHomeConfigFileName(const QString &fileName);

} // namespace SandboxDoctor
