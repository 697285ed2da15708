#pragma once

// Private to core/config: how Codex 0.171 resolves `default_permissions` to a
// permission profile, and the refusals it words along the way (each checked
// against the real 0.171.0).

#include "config/effectivesandbox.h"
#include "config/tomltree_p.h"

#include <optional>

namespace SandboxDoctor {

struct ProfileResolution final
{
    std::optional<CodexRefusal> refusal;
    QList<PermissionProfileLink> chain;   // default_permissions' profile first
    std::optional<SandboxMode> base;      // the built-in the chain ends in; nullopt: it extends nothing
    ConfigSetting network;                // the network.enabled nearest the chosen profile; unset: off
    bool networkEnabled = false;
    QString warning;                      // Codex's start-up warning, when it gives one
};

// Only the built-ins a profile may extend are :read-only and :workspace.
ProfileResolution resolvePermissionProfile(const toml::table &root, const QString &name, int defaultPermissionsLine);

// default_permissions = ":name": the built-in's mode, or nullopt for a name
// Codex does not know (it refuses those, e.g. ":workspace-write").
std::optional<SandboxMode> builtInProfileMode(const QString &name);

// A `[permissions]` table with profiles but no default_permissions is refused
// unless a root sandbox_mode chooses the sandbox.
std::optional<CodexRefusal> permissionsWithoutDefaultRefusal(const toml::table &root);

} // namespace SandboxDoctor
