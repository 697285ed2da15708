#pragma once

#include <QStringList>

namespace SandboxDoctor {

// What a key named `sandbox_mode` is in the table `table` (its path, without the
// key), as the real Codex 0.171 treats each kind of table. Only a displaced
// sandbox setting, one that Codex refuses or ignores, is the edit's to remove; in
// a profile or a free-form map the key is the user's data and stays.
enum class SandboxModePlace {
    UserData,  // kept: a profile's own setting, or an entry of a map whose keys the user names
    Refused,   // displaced: Codex 0.171 refuses to load the file
    Ignored,   // displaced: Codex 0.171 loads the file and does not read the key
};

SandboxModePlace sandboxModePlace(const QStringList &table);

// The table path as a person reads it: `mcp_servers.m.env`.
QString tableText(const QStringList &table);

} // namespace SandboxDoctor
