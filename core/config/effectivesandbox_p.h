#pragma once

// Private to core/config: the effective sandbox from a file parsed once, so
// that the sandbox checks read a large config.toml a single time.

#include "config/effectivesandbox.h"
#include "config/tomltree_p.h"

#include <memory>
#include <optional>

namespace SandboxDoctor {

// toml++'s view of config.toml, or why there is none (not UTF-8, not TOML:
// Codex refuses such a file too, in its parser's words, not these).
struct ParsedConfig final
{
    std::shared_ptr<toml::table> root;
    std::optional<CodexRefusal> refusal;
};
ParsedConfig parseConfigForRules(const QByteArray &configBytes);

EffectiveSandbox effectiveSandboxOf(const ParsedConfig &parsed, bool exists, const std::optional<Version> &codexVersion);

} // namespace SandboxDoctor
