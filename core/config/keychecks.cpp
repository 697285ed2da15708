#include "config/keychecks_p.h"

#include "config/configrefusals_p.h"

namespace SandboxDoctor {

namespace {

QString fromStd(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// Removed in Codex 0.160; 0.171 loads the file and warns at start-up (its words below).
void privateDesktop(QList<Finding> &findings, const toml::table &root)
{
    const toml::node *node = root.at_path("windows.sandbox_private_desktop").node();
    if (!node)
        return;
    findings.append({QString(FindingCode::SettingIgnored), Severity::Info,
                     QStringLiteral("windows.sandbox_private_desktop is ignored since Codex 0.160; Codex 0.171 warns "
                                    "at start-up: \"`windows.sandbox_private_desktop` is ignored. Remove "
                                    "windows.sandbox_private_desktop; legacy Windows sandboxes always use a private "
                                    "desktop.\""),
                     nodeLine(*node), QStringLiteral("Remove the line; it changes nothing.")});
}

// `network_proxy = true`, or a [features.network_proxy] table with enabled =
// true: what `codex doctor` 0.171 reports as "managed proxy: configured".
const toml::node *networkProxyOn(const toml::table &root)
{
    const toml::node *node = root.at_path("features.network_proxy").node();
    if (!node)
        return nullptr;
    if (node->value_or(false))
        return node;
    if (const auto *table = node->as_table()) {
        const toml::node *enabled = table->get("enabled");
        if (enabled && enabled->value_or(false))
            return enabled;
    }
    return nullptr;
}

// Codex 0.171 starts its proxy only when the sandbox has the network on (doctor:
// "managed proxy: configured"); under danger-full-access there is no Seatbelt
// profile to hold commands to it.
void networkProxy(QList<Finding> &findings, const toml::table &root, const EffectiveSandbox &effective,
                  const std::optional<Platform> &platform)
{
    if (platform != Platform::MacOS || !effective.runs() || effective.network != NetworkSandbox::Enabled
        || effective.filesystem != FilesystemSandbox::Restricted)
        return;
    const toml::node *node = networkProxyOn(root);
    if (!node)
        return;
    findings.append(
        {QString(FindingCode::NetworkProxyDns), Severity::Warning,
         QStringLiteral("features.network_proxy turns on Codex's managed network proxy. In proxy mode the macOS "
                        "sandbox lets commands reach only the proxy on loopback, so direct DNS lookups fail inside "
                        "Codex (\"no such host\") even with the network \"enabled\"; only programs that use the "
                        "proxy (HTTPS_PROXY) get through."),
         nodeLine(*node),
         QStringLiteral("Turn features.network_proxy off if agents must resolve names themselves, or make sure "
                        "their tools use the proxy; run Verify with the DNS probe to see what the sandbox allows.")});
}

// [profiles.*] no longer apply in Codex 0.171 (profile files replaced them,
// openai/codex#24051); older releases applied one with --profile.
void profileModes(QList<Finding> &findings, const toml::table &root, const SandboxPolicy &policy)
{
    const auto *profiles = root.get_as<toml::table>("profiles");
    if (!profiles)
        return;
    for (const auto &[key, profile] : *profiles) {
        const auto *table = profile.as_table();
        const toml::node *node = table ? table->get("sandbox_mode") : nullptr;
        const std::optional<SandboxMode> mode =
            node ? parseSandboxMode(fromStd(node->value_or(std::string_view()))) : std::nullopt;
        if (!mode || *mode == policy.mode)
            continue;
        const QString name = fromStd(key.str());
        findings.append(
            {QString(FindingCode::ProfileSandboxMode), Severity::Info,
             QStringLiteral("[profiles.%1] sets sandbox_mode = \"%2\", not the policy's \"%3\". Older Codex "
                            "releases applied it only when that profile was chosen (`codex --profile %1`); Codex 0.171 "
                            "does not read [profiles.*] at all: `--profile %1` reads %1.config.toml instead, and "
                            "refuses to start while [profiles.%1] is in config.toml.")
                 .arg(name, sandboxModeName(*mode), sandboxModeName(policy.mode)),
             nodeLine(*node),
             QStringLiteral("Nothing, unless you run Codex with --profile %1: then move that table's settings into "
                            "%1.config.toml beside config.toml and delete the table.")
                 .arg(name)});
    }
}

} // namespace

void addKeyFindings(QList<Finding> &findings, const toml::table &root, const EffectiveSandbox &effective,
                    const SandboxPolicy &policy, const std::optional<Platform> &platform)
{
    privateDesktop(findings, root);
    networkProxy(findings, root, effective, platform);
    profileModes(findings, root, policy);
}

} // namespace SandboxDoctor
