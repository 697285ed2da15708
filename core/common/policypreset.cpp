#include "common/policypreset.h"

#include <QStringList>

namespace SandboxDoctor {

QString policyPresetName(PolicyPreset preset)
{
    switch (preset) {
    case PolicyPreset::Seed: return QStringLiteral("seed");
    case PolicyPreset::MulticaToday: return QStringLiteral("multica-today");
    case PolicyPreset::Custom: return QStringLiteral("custom");
    }
    return QStringLiteral("seed");
}

QString policyPresetTitle(PolicyPreset preset)
{
    switch (preset) {
    case PolicyPreset::Seed:
        return QStringLiteral("The seed daemon's table (Linux: workspace-write with network)");
    case PolicyPreset::MulticaToday:
        return QStringLiteral("The multica daemon today (danger-full-access on Linux and macOS)");
    case PolicyPreset::Custom: return QStringLiteral("Custom (a mode per platform)");
    }
    return {};
}

QString customModeText(const CustomMode &mode)
{
    QString text = sandboxModeName(mode.mode);
    if (mode.mode == SandboxMode::WorkspaceWrite && mode.networkAccess)
        text += QStringLiteral("+network");
    return text;
}

bool operator==(const PolicyChoice &a, const PolicyChoice &b)
{
    if (a.preset != b.preset)
        return false;
    if (a.preset != PolicyPreset::Custom)
        return true;
    for (size_t i = 0; i < a.custom.size(); ++i) {
        const auto &x = a.custom[i];
        const auto &y = b.custom[i];
        if (x.has_value() != y.has_value())
            return false;
        if (x && (x->mode != y->mode || customModeText(*x) != customModeText(*y)))
            return false;
    }
    return true;
}

QString PolicyChoice::toText() const
{
    if (preset != PolicyPreset::Custom)
        return policyPresetName(preset);
    QStringList parts;
    for (const Platform platform : {Platform::Linux, Platform::MacOS, Platform::Windows}) {
        if (const auto &mode = customFor(platform))
            parts << platformName(platform) + QLatin1Char('=') + customModeText(*mode);
    }
    return QStringLiteral("custom:") + parts.join(QLatin1Char(','));
}

namespace {

std::optional<CustomMode> parseCustomMode(QStringView text)
{
    if (text == QLatin1String("workspace-write+network"))
        return CustomMode{SandboxMode::WorkspaceWrite, true};
    if (const auto mode = parseSandboxMode(text))
        return CustomMode{*mode, false};
    return std::nullopt;
}

} // namespace

std::optional<PolicyChoice> parsePolicyChoice(QStringView text, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<PolicyChoice> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const QStringView trimmed = text.trimmed();
    PolicyChoice choice;
    if (trimmed == QLatin1String("seed"))
        return choice;
    if (trimmed == QLatin1String("multica-today")) {
        choice.preset = PolicyPreset::MulticaToday;
        return choice;
    }
    const QLatin1String customPrefix("custom:");
    if (!trimmed.startsWith(customPrefix))
        return fail(QStringLiteral("Unknown policy '%1': use seed, multica-today or "
                                   "custom:PLATFORM=MODE[,PLATFORM=MODE...].")
                        .arg(trimmed.toString()));
    choice.preset = PolicyPreset::Custom;
    const QStringView rest = trimmed.mid(customPrefix.size());
    if (rest.trimmed().isEmpty())
        return fail(QStringLiteral("custom: needs at least one PLATFORM=MODE, for example "
                                   "custom:linux=workspace-write+network."));
    for (const QStringView part : rest.split(QLatin1Char(','))) {
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        if (eq < 0)
            return fail(QStringLiteral("'%1' in the custom policy is not PLATFORM=MODE.").arg(part.toString()));
        const QStringView platformText = part.left(eq).trimmed();
        const QStringView modeText = part.mid(eq + 1).trimmed();
        const auto platform = parsePlatformName(platformText);
        if (!platform)
            return fail(QStringLiteral("Unknown platform '%1' in the custom policy: use macos, linux or windows.")
                            .arg(platformText.toString()));
        const auto mode = parseCustomMode(modeText);
        if (!mode)
            return fail(QStringLiteral("Unknown mode '%1' in the custom policy: use read-only, workspace-write, "
                                       "workspace-write+network or danger-full-access.")
                            .arg(modeText.toString()));
        if (choice.custom[size_t(*platform)])
            return fail(QStringLiteral("The custom policy sets %1 twice.").arg(platformName(*platform)));
        choice.custom[size_t(*platform)] = *mode;
    }
    return choice;
}

} // namespace SandboxDoctor
