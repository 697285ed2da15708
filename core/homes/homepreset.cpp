#include "homes/homepreset.h"

#include "homes/namedblocks.h"

namespace SandboxDoctor {

QString presetSourceName(PresetSource source)
{
    switch (source) {
    case PresetSource::Chosen: return QStringLiteral("chosen");
    case PresetSource::NamedBlocks: return QStringLiteral("named-blocks");
    case PresetSource::Default: return QStringLiteral("default");
    }
    return QStringLiteral("default");
}

HomePreset presetForHome(const std::optional<PolicyChoice> &chosen, const QByteArray &configBytes)
{
    return presetForHome(chosen, !chosen && carriesDaemonNamedBlock(configBytes));
}

HomePreset presetForHome(const std::optional<PolicyChoice> &chosen, bool carriesNamedBlock)
{
    HomePreset preset;
    if (chosen) {
        preset.choice = *chosen;
        preset.source = PresetSource::Chosen;
    } else if (carriesNamedBlock) {
        preset.choice.preset = PolicyPreset::MulticaToday;
        preset.source = PresetSource::NamedBlocks;
    }
    return preset;
}

} // namespace SandboxDoctor
