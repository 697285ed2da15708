#include "config/effectivesandbox.h"

#include "config/configdocument.h"
#include "config/configrefusals_p.h"
#include "config/effectivesandbox_p.h"
#include "config/permissionprofiles_p.h"
#include "config/zerofilled.h"

#include <QStringList>

namespace SandboxDoctor {

namespace {

QString fromStd(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QString lineText(int line)
{
    return line > 0 ? QStringLiteral(" (line %1)").arg(line) : QString();
}

// Why the Codex in question may not follow 0.171.0's rules, or empty.
QString versionNote(const std::optional<Version> &version, bool *mayDiffer)
{
    const QString rules = effectiveRulesVersion().toString();
    *mayDiffer = true;
    if (!version)
        return QStringLiteral("The Codex version is unknown: these are Codex %1's rules.").arg(rules);
    const QString given = version->toString();
    if (version->major() == 0 && version->minor() == 171) {
        *mayDiffer = false;
        return {};
    }
    if (*version < Version(0, 114, 0))
        return QStringLiteral("Codex %1 may predate permission profiles (0.114.0 is the earliest release known to "
                              "read default_permissions, openai/codex#14765) and then ignores default_permissions "
                              "and [permissions]; these are Codex %2's rules.")
            .arg(given, rules);
    if (*version < effectiveRulesVersion())
        return QStringLiteral("Codex %1 is older than %2, whose rules these are: which of default_permissions and "
                              "sandbox_mode wins has changed between releases (Codex's documentation says "
                              "sandbox_mode; %2 obeys default_permissions).")
            .arg(given, rules);
    return QStringLiteral("Codex %1 is newer than %2: rules checked against %2 only.").arg(given, rules);
}

void setMode(EffectiveSandbox &e, SandboxMode mode, bool networkOn)
{
    e.mode = mode;
    e.filesystem = mode == SandboxMode::DangerFullAccess ? FilesystemSandbox::Unrestricted : FilesystemSandbox::Restricted;
    e.network = mode == SandboxMode::DangerFullAccess || networkOn ? NetworkSandbox::Enabled : NetworkSandbox::Restricted;
}

bool hasProjectTrustDecision(const toml::table &root)
{
    const auto *projects = root.get_as<toml::table>("projects");
    if (!projects)
        return false;
    for (const auto &[path, project] : *projects) {
        const auto *table = project.as_table();
        if (table && table->contains("trust_level"))
            return true;
    }
    return false;
}

// Everything Codex checks before it chooses a sandbox; the first refusal wins.
QList<CodexRefusal> refusalsOf(const toml::table &root)
{
    QList<CodexRefusal> refusals = valueRefusals(root);
    if (!refusals.isEmpty())
        return refusals;  // the deserializer stops at the first
    if (std::optional<CodexRefusal> legacy = legacyProfileRefusal(root))
        return {*legacy};
    if (const toml::node *node = root.get("default_permissions")) {
        const QString name = fromStd(node->value_or(std::string_view()));
        if (name.startsWith(QLatin1Char(':'))) {
            if (!builtInProfileMode(name))
                return {CodexRefusal{
                    QStringLiteral("default_permissions refers to unknown built-in profile `%1`").arg(name), QString(),
                    nodeLine(*node), true, QStringLiteral("default_permissions")}};
        } else if (std::optional<CodexRefusal> refusal =
                       resolvePermissionProfile(root, name, nodeLine(*node)).refusal) {
            return {*refusal};
        }
    } else if (std::optional<CodexRefusal> refusal = permissionsWithoutDefaultRefusal(root)) {
        return {*refusal};
    }
    return {};
}

void ignore(EffectiveSandbox &e, const toml::node *node, const QString &key, const QString &reason)
{
    if (node)
        e.ignored.append({settingAt(*node, key), reason});
}

void decideByPermissions(EffectiveSandbox &e, const toml::table &root, const toml::node &defaultPermissions)
{
    const QString name = fromStd(defaultPermissions.value_or(std::string_view()));
    e.decidedBy = settingAt(defaultPermissions, QStringLiteral("default_permissions"));
    e.settings.permissionProfile = name;
    const QString wins = QStringLiteral("default_permissions%1 decides: Codex 0.171 obeys it over sandbox_mode")
                             .arg(lineText(e.decidedBy.line));
    ignore(e, root.get("sandbox_mode"), QStringLiteral("sandbox_mode"), wins);
    ignore(e, root.at_path("sandbox_workspace_write.network_access").node(),
           QStringLiteral("sandbox_workspace_write.network_access"),
           wins + QStringLiteral(", and network_access is read only under sandbox_mode = \"workspace-write\""));

    if (const std::optional<SandboxMode> builtIn = builtInProfileMode(name)) {
        e.decider = SandboxDecider::BuiltInProfile;
        setMode(e, *builtIn, false);
        return;
    }
    const ProfileResolution resolved = resolvePermissionProfile(root, name, e.decidedBy.line);
    e.decider = SandboxDecider::PermissionProfile;
    e.profileChain = resolved.chain;
    e.networkSetting = resolved.network;
    if (!resolved.warning.isEmpty())
        e.warnings.append(resolved.warning);
    // A profile never lifts the filesystem sandbox: :danger-full-access cannot be extended.
    setMode(e, resolved.base.value_or(SandboxMode::ReadOnly), resolved.networkEnabled);
}

void decideBySandboxMode(EffectiveSandbox &e, const toml::table &root, const toml::node &modeNode)
{
    const SandboxMode mode = parseSandboxMode(fromStd(modeNode.value_or(std::string_view())))
                                 .value_or(SandboxMode::ReadOnly);
    e.decider = SandboxDecider::SandboxMode;
    e.decidedBy = settingAt(modeNode, QStringLiteral("sandbox_mode"));
    const toml::node *network = root.at_path("sandbox_workspace_write.network_access").node();
    bool networkOn = false;
    if (mode == SandboxMode::WorkspaceWrite && network) {
        e.networkSetting = settingAt(*network, QStringLiteral("sandbox_workspace_write.network_access"));
        networkOn = network->value_or(false);
    } else {
        ignore(e, network, QStringLiteral("sandbox_workspace_write.network_access"),
               QStringLiteral("read only under sandbox_mode = \"workspace-write\"; sandbox_mode%1 is \"%2\"")
                   .arg(lineText(e.decidedBy.line), sandboxModeName(mode)));
    }
    setMode(e, mode, networkOn);
    e.settings.mode = mode;
    e.settings.networkAccess = mode == SandboxMode::WorkspaceWrite && networkOn;
}

void decideByDefault(EffectiveSandbox &e, const toml::table &root)
{
    e.projectDependent = hasProjectTrustDecision(root);
    ignore(e, root.at_path("sandbox_workspace_write.network_access").node(),
           QStringLiteral("sandbox_workspace_write.network_access"),
           e.projectDependent
               ? QStringLiteral("no sandbox_mode is set, so Codex defaults to read-only, which does not read it; "
                                "only inside a project for which config.toml records a trust decision does Codex "
                                "default to workspace-write and read it")
               : QStringLiteral("no sandbox_mode is set, so Codex defaults to read-only, which does not read it"));
}

} // namespace

QString filesystemSandboxName(FilesystemSandbox access)
{
    return access == FilesystemSandbox::Unrestricted ? QStringLiteral("unrestricted") : QStringLiteral("restricted");
}

QString networkSandboxName(NetworkSandbox access)
{
    return access == NetworkSandbox::Enabled ? QStringLiteral("enabled") : QStringLiteral("restricted");
}

QString sandboxDeciderName(SandboxDecider decider)
{
    switch (decider) {
    case SandboxDecider::CodexDefault: return QStringLiteral("codex-default");
    case SandboxDecider::SandboxMode: return QStringLiteral("sandbox_mode");
    case SandboxDecider::BuiltInProfile: return QStringLiteral("default_permissions");
    case SandboxDecider::PermissionProfile: return QStringLiteral("permission-profile");
    }
    return QStringLiteral("codex-default");
}

QString ConfigSetting::describe() const
{
    return QStringLiteral("%1 = %2%3").arg(key, value, lineText(line));
}

QString CodexRefusal::describe() const
{
    return key.isEmpty() ? message : QStringLiteral("%1 (in `%2`)").arg(message, key);
}

Version effectiveRulesVersion()
{
    return Version(0, 171, 0);
}

QString EffectiveSandbox::summary() const
{
    if (refusal)
        return QStringLiteral("nothing: Codex refuses config.toml");
    return QStringLiteral("filesystem %1, network %2").arg(filesystemSandboxName(filesystem), networkSandboxName(network));
}

QString EffectiveSandbox::decidedByText() const
{
    switch (decider) {
    case SandboxDecider::CodexDefault:
        return exists ? QStringLiteral("Codex's default (no sandbox_mode or default_permissions)")
                      : QStringLiteral("Codex's default (there is no config.toml)");
    case SandboxDecider::SandboxMode: {
        QString text = QStringLiteral("sandbox_mode%1").arg(lineText(decidedBy.line));
        if (networkSetting.isSet())
            text += QStringLiteral(" and sandbox_workspace_write.network_access%1").arg(lineText(networkSetting.line));
        return text;
    }
    case SandboxDecider::BuiltInProfile:
        return decidedBy.describe();
    case SandboxDecider::PermissionProfile: {
        QString text = decidedBy.describe();
        for (const PermissionProfileLink &link : profileChain) {
            text += QStringLiteral(", [permissions.%1]%2").arg(link.name, lineText(link.line));
            if (link.extends.isSet())
                text += QStringLiteral(" extends %1").arg(link.extends.value);
        }
        text += networkSetting.isSet() ? QStringLiteral(", %1").arg(networkSetting.describe())
                                       : QStringLiteral(", no network.enabled (off)");
        return text;
    }
    }
    return {};
}

QString EffectiveSandbox::sentence() const
{
    if (refusal)
        return QStringLiteral("Codex will refuse config.toml%1: %2").arg(lineText(refusal->line), refusal->describe());
    return QStringLiteral("Codex will run: %1 — decided by %2").arg(summary(), decidedByText());
}

ParsedConfig parseConfigForRules(const QByteArray &configBytes)
{
    ParsedConfig parsed;
    if (const std::optional<ZeroFill> zeroFill = detectZeroFill(configBytes)) {
        parsed.refusal = CodexRefusal{QStringLiteral("config.toml is zero-filled: %1 of its %2 bytes are NUL")
                                          .arg(zeroFill->nulBytes)
                                          .arg(zeroFill->size),
                                      QString(), 1, false, QString()};
        return parsed;
    }
    const QByteArray body = configBytes.startsWith(Utf8Bom) ? configBytes.mid(3) : configBytes;
    if (const TextPosition bad = findInvalidUtf8(body); bad.line > 0) {
        parsed.refusal = CodexRefusal{QStringLiteral("config.toml is not valid UTF-8 (column %1)").arg(bad.column),
                                      QString(), bad.line, false, QString()};
        return parsed;
    }
    auto root = parseToml(body);
    if (!root)
        parsed.refusal = CodexRefusal{root.error().message, QString(), root.error().line, false, QString()};
    else
        parsed.root = root.value();
    return parsed;
}

EffectiveSandbox effectiveSandboxOf(const ParsedConfig &parsed, bool exists, const std::optional<Version> &codexVersion)
{
    EffectiveSandbox e;
    e.exists = exists;
    e.rulesVersion = effectiveRulesVersion();
    e.versionNote = versionNote(codexVersion, &e.mayDiffer);
    e.settings.mode = SandboxMode::ReadOnly;  // Codex's default, until a setting says otherwise
    setMode(e, SandboxMode::ReadOnly, false);
    if (!exists)
        return e;
    if (!parsed.root) {
        e.refusal = parsed.refusal;
        return e;
    }
    const toml::table &root = *parsed.root;

    const QList<CodexRefusal> refusals = refusalsOf(root);
    if (!refusals.isEmpty()) {
        e.refusal = refusals.constFirst();
        e.otherRefusals = refusals.mid(1);
        return e;
    }

    if (const toml::node *permissions = root.get("default_permissions"))
        decideByPermissions(e, root, *permissions);
    else if (const toml::node *mode = root.get("sandbox_mode"))
        decideBySandboxMode(e, root, *mode);
    else
        decideByDefault(e, root);

    if (const auto *profiles = root.get_as<toml::table>("profiles")) {
        for (const auto &[name, profile] : *profiles) {
            const auto *table = profile.as_table();
            ignore(e, table ? table->get("sandbox_mode") : nullptr,
                   QStringLiteral("profiles.%1.sandbox_mode").arg(fromStd(name.str())),
                   QStringLiteral("Codex 0.171 does not read [profiles.*] tables: `--profile %1` reads "
                                  "%1.config.toml instead")
                       .arg(fromStd(name.str())));
        }
    }
    return e;
}

EffectiveSandbox computeEffectiveSandbox(const QByteArray &configBytes, bool exists,
                                         const std::optional<Version> &codexVersion)
{
    return effectiveSandboxOf(exists ? parseConfigForRules(configBytes) : ParsedConfig{}, exists, codexVersion);
}

FilesystemSandbox policyFilesystem(const SandboxPolicy &policy)
{
    return policy.mode == SandboxMode::DangerFullAccess ? FilesystemSandbox::Unrestricted : FilesystemSandbox::Restricted;
}

NetworkSandbox policyNetwork(const SandboxPolicy &policy)
{
    return policy.mode == SandboxMode::DangerFullAccess
                   || (policy.mode == SandboxMode::WorkspaceWrite && policy.networkAccess)
               ? NetworkSandbox::Enabled
               : NetworkSandbox::Restricted;
}

bool matchesPolicy(const EffectiveSandbox &effective, const SandboxPolicy &policy)
{
    return effective.runs() && effective.mode == policy.mode && effective.network == policyNetwork(policy);
}

std::optional<PolicyDefeat> policyDefeat(const EffectiveSandbox &e, const SandboxPolicy &policy)
{
    if (!e.runs() || matchesPolicy(e, policy) || e.decider == SandboxDecider::CodexDefault)
        return std::nullopt;
    const QString wanted = sandboxModeName(policy.mode);
    switch (e.decider) {
    case SandboxDecider::BuiltInProfile:
    case SandboxDecider::PermissionProfile: {
        const QString wins = QStringLiteral("default_permissions wins over sandbox_mode in Codex 0.171");
        if (e.mode != policy.mode || !e.networkSetting.isSet())
            return PolicyDefeat{e.decidedBy,
                                e.mode != policy.mode
                                    ? QStringLiteral("%1, and it gives %2, not %3").arg(wins, sandboxModeName(e.mode), wanted)
                                    : QStringLiteral("%1, and its permission profile leaves the network %2")
                                          .arg(wins, networkSandboxName(e.network))};
        return PolicyDefeat{e.networkSetting, QStringLiteral("the permission profile that default_permissions%1 "
                                                             "chooses turns the network %2")
                                                  .arg(lineText(e.decidedBy.line),
                                                       e.network == NetworkSandbox::Enabled ? QStringLiteral("on")
                                                                                           : QStringLiteral("off"))};
    }
    case SandboxDecider::SandboxMode:
        if (e.mode != policy.mode)
            return PolicyDefeat{e.decidedBy, QStringLiteral("sandbox_mode is \"%1\", not \"%2\"")
                                                 .arg(sandboxModeName(e.mode), wanted)};
        if (e.networkSetting.isSet())
            return PolicyDefeat{e.networkSetting,
                                QStringLiteral("network_access turns the network %1")
                                    .arg(e.network == NetworkSandbox::Enabled ? QStringLiteral("on")
                                                                             : QStringLiteral("off"))};
        return PolicyDefeat{e.decidedBy, QStringLiteral("sandbox_workspace_write.network_access is not set, so "
                                                        "the network stays off")};
    case SandboxDecider::CodexDefault: break;
    }
    return std::nullopt;
}

} // namespace SandboxDoctor
