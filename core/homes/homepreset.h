#pragma once

#include "common/policypreset.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace SandboxDoctor {

// Why a home is judged against the preset it is.
enum class PresetSource {
    Chosen,       // the user chose one (--policy, Settings): it applies to every home
    NamedBlocks,  // none chosen; config.toml carries today's named blocks, so today's daemon wrote it
    Default,      // none chosen and no sign of today's daemon: the seed's table
};
QString presetSourceName(PresetSource source);  // "chosen", "named-blocks", "default"

struct HomePreset final
{
    PolicyChoice choice;
    PresetSource source = PresetSource::Default;
};

// The preset a per-task home is judged (and repaired) against: the user's
// choice when there is one; else the preset of the daemon that wrote the home,
// so that "Apply to all" never fights that daemon. `configBytes` is the home's
// config.toml (empty when there is none).
HomePreset presetForHome(const std::optional<PolicyChoice> &chosen, const QByteArray &configBytes);
// The same when the caller already knows whether it carries a named block.
HomePreset presetForHome(const std::optional<PolicyChoice> &chosen, bool carriesNamedBlock);

} // namespace SandboxDoctor
