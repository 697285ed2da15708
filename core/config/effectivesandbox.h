#pragma once

#include "common/policy.h"
#include "common/sandboxmode.h"
#include "common/sandboxsettings.h"
#include "common/version.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace SandboxDoctor {

// What `codex doctor --json` reports as checks["sandbox.helpers"].details
// ["filesystem sandbox"] and ["network sandbox"]; the contract's spelling.
enum class FilesystemSandbox { Restricted, Unrestricted };
enum class NetworkSandbox { Restricted, Enabled };
QString filesystemSandboxName(FilesystemSandbox access);  // "restricted", "unrestricted"
QString networkSandboxName(NetworkSandbox access);        // "restricted", "enabled"

// One key of config.toml: its dotted path, its value as TOML text, its 1-based
// line (0 when the key is not in the file).
struct ConfigSetting final
{
    QString key;    // "sandbox_mode", "default_permissions", "permissions.work.network.enabled"
    QString value;  // "\"workspace-write\"", "true"
    int line = 0;

    bool isSet() const { return !key.isEmpty(); }
    QString describe() const;  // "sandbox_mode = \"read-only\" (line 2)"
};

// Which rule chose the sandbox (Codex 0.171's order: default_permissions first,
// then sandbox_mode, then Codex's default).
enum class SandboxDecider {
    CodexDefault,       // nothing chose: read-only (see EffectiveSandbox::projectDependent)
    SandboxMode,        // root sandbox_mode
    BuiltInProfile,     // default_permissions = ":read-only" | ":workspace" | ":danger-full-access"
    PermissionProfile,  // default_permissions = "<name>", a [permissions.<name>] table
};
QString sandboxDeciderName(SandboxDecider decider);  // "codex-default", "sandbox_mode", ...

// One [permissions.<name>] table on the way from default_permissions to a built-in.
struct PermissionProfileLink final
{
    QString name;
    int line = 0;              // the table's header (or first key) line
    ConfigSetting extends;     // unset when the profile extends nothing
    ConfigSetting network;     // its own network.enabled, unset when it leaves it to its parent
};

// A setting that is in the file but does not decide anything, and why.
struct IgnoredSetting final
{
    ConfigSetting setting;
    QString reason;
};

// "Codex will refuse this file": Codex's own words when `codexWording`
// (checked against the real 0.171.0), with the key Codex names ("in `…`").
struct CodexRefusal final
{
    QString message;  // e.g. "unknown variant `yes`, expected one of `read-only`, ..."
    QString key;      // what Codex names ("in `sandbox_mode`"); empty when it names none
    int line = 0;     // 1-based; 0 when not about a line
    bool codexWording = true;  // false: not TOML at all, the parser's words (Codex's differ)
    QString about;    // the dotted key at fault ("profile", "permissions.work.extends"); empty
                      // for a file that does not parse

    QString describe() const;  // message, then "(in `key`)" as Codex prints it
};

// The sandbox Codex will enforce for a config.toml, by Codex 0.171.0's rules,
// with the setting that decided it. Everything here is what the file says on
// its own: a `-c` override or `--sandbox` on Codex's command line beats it.
struct EffectiveSandbox final
{
    bool exists = false;  // false: no config.toml (Codex's defaults)
    // Codex will not start with this file: the first reason in Codex's order,
    // then any others (each with Codex's wording).
    std::optional<CodexRefusal> refusal;
    QList<CodexRefusal> otherRefusals;

    FilesystemSandbox filesystem = FilesystemSandbox::Restricted;
    NetworkSandbox network = NetworkSandbox::Restricted;
    // The built-in mode this amounts to (a permission profile: the built-in its
    // chain extends; none: read-only, as Codex keeps the filesystem restricted).
    SandboxMode mode = SandboxMode::ReadOnly;

    SandboxDecider decider = SandboxDecider::CodexDefault;
    ConfigSetting decidedBy;             // default_permissions or sandbox_mode; unset for the default
    ConfigSetting networkSetting;        // network_access (workspace-write) or the profile chain's
                                         // network.enabled that decided the network; unset: default off
    QList<PermissionProfileLink> profileChain;  // from default_permissions' profile to its root
    QList<IgnoredSetting> ignored;       // present, not deciding (e.g. sandbox_mode under default_permissions)
    QList<QString> warnings;             // what Codex 0.171 warns about at start-up for these keys
    // No sandbox_mode and no default_permissions, but config.toml records a trust
    // decision for a project: inside that project Codex 0.171 defaults to
    // workspace-write (and then reads network_access), elsewhere to read-only.
    bool projectDependent = false;

    SandboxSettings settings;  // what `codex sandbox` must be told to run in this sandbox

    Version rulesVersion;      // the Codex release these rules were checked against (0.171.0)
    bool mayDiffer = false;    // the Codex in question is another release (or unknown)
    QString versionNote;       // why it may differ, for a person; empty when it does not

    bool runs() const { return !refusal.has_value(); }
    // "filesystem restricted, network enabled", or "nothing: Codex refuses config.toml".
    QString summary() const;
    // "sandbox_mode (line 2) and sandbox_workspace_write.network_access (line 3)",
    // "default_permissions = \"work\" (line 1): [permissions.work] (line 3) extends \":workspace\" ...",
    // "Codex's default (no sandbox setting)".
    QString decidedByText() const;
    // The whole sentence a report shows beside the policy.
    QString sentence() const;
};

// Codex 0.171.0, whose rules computeEffectiveSandbox follows.
Version effectiveRulesVersion();

// The sandbox Codex will enforce for `configBytes` (the whole file, BOM and all;
// `exists` false: no file). `codexVersion` only decides the version note.
EffectiveSandbox computeEffectiveSandbox(const QByteArray &configBytes, bool exists,
                                         const std::optional<Version> &codexVersion);

// The policy's sandbox, in the same terms, for comparing.
FilesystemSandbox policyFilesystem(const SandboxPolicy &policy);
NetworkSandbox policyNetwork(const SandboxPolicy &policy);

// True when Codex will run exactly the policy's sandbox: it loads the file, the
// built-in mode is the policy's, and the network is on exactly when the policy's is.
bool matchesPolicy(const EffectiveSandbox &effective, const SandboxPolicy &policy);

// What keeps the policy from taking effect, for a finding and for apply (which
// comments the line out in place): the setting and why. Unset when it matches,
// when Codex refuses the file, or when nothing in the file decided (Codex's default).
struct PolicyDefeat final
{
    ConfigSetting setting;  // the line that decides against the policy
    QString reason;         // "default_permissions wins over sandbox_mode in Codex 0.171", ...
};
std::optional<PolicyDefeat> policyDefeat(const EffectiveSandbox &effective, const SandboxPolicy &policy);

} // namespace SandboxDoctor
