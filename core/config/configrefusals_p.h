#pragma once

// Private to core/config: the values that stop Codex 0.171 from loading
// config.toml before any sandbox is chosen, in Codex's own words. Codex reads
// the file with serde; its messages are serde's, checked one by one against
// the real 0.171.0 (tests/config/test_effectivesandbox_realcodex.cpp).

#include "config/effectivesandbox.h"
#include "config/tomltree_p.h"

#include <QList>
#include <QString>

#include <optional>

namespace SandboxDoctor {

// A value's TOML text, for reports: "\"read-only\"", "true", "[…]", "{…}".
QString tomlValueText(const toml::node &node);

// The node's 1-based line (0 when toml++ does not know it).
int nodeLine(const toml::node &node);

// A setting as a report names it.
ConfigSetting settingAt(const toml::node &node, const QString &key);

// Every key this product reads whose value has a type or spelling Codex's
// deserializer refuses, in the order Codex meets them (document order): root
// sandbox_mode, sandbox_workspace_write(.network_access), default_permissions,
// profile, windows(.sandbox), permissions(.<name>(.extends, .network(.enabled))),
// profiles.<name>.sandbox_mode.
QList<CodexRefusal> valueRefusals(const toml::table &root);

// A root `profile = "<name>"`: refused since the profile files replaced it
// (openai/codex#24051).
std::optional<CodexRefusal> legacyProfileRefusal(const toml::table &root);

} // namespace SandboxDoctor
