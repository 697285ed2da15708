#pragma once

#include "common/platform.h"
#include "common/sandboxmode.h"

#include <QString>
#include <QStringView>

#include <array>
#include <optional>

namespace SandboxDoctor {

// Which table of sandbox policies to follow. Two multica daemons are in use:
// the seed's (its commit b5de04da59: Linux workspace-write with network) and
// today's (v0.4.32: danger-full-access on Linux and macOS, multica PR #6233);
// a team may also set its own mode per platform.
enum class PolicyPreset { Seed, MulticaToday, Custom };

QString policyPresetName(PolicyPreset preset);         // "seed", "multica-today", "custom"
QString policyPresetTitle(PolicyPreset preset);        // "The seed daemon's table", ... for people

// A mode a custom preset sets for one platform.
struct CustomMode final
{
    SandboxMode mode;
    bool networkAccess = false;  // workspace-write only
};

// The preset in force and, for Custom, the mode per platform (a platform left
// unset follows the seed's table).
struct PolicyChoice final
{
    PolicyPreset preset = PolicyPreset::Seed;
    std::array<std::optional<CustomMode>, 3> custom;  // indexed by Platform

    const std::optional<CustomMode> &customFor(Platform platform) const { return custom[size_t(platform)]; }

    // "seed", "multica-today", or "custom:linux=workspace-write+network,macos=danger-full-access".
    QString toText() const;

    friend bool operator==(const PolicyChoice &a, const PolicyChoice &b);
    friend bool operator!=(const PolicyChoice &a, const PolicyChoice &b) { return !(a == b); }
};

// Parses what `--policy` and the saved setting hold: `seed`, `multica-today`, or
// `custom:PLATFORM=MODE[,PLATFORM=MODE...]` with PLATFORM one of macos (darwin),
// linux, windows and MODE one of read-only, workspace-write,
// workspace-write+network, danger-full-access. On failure `error` says what is
// wrong in words a person can act on.
std::optional<PolicyChoice> parsePolicyChoice(QStringView text, QString *error = nullptr);

// "workspace-write+network", "danger-full-access", ... (the custom syntax's spelling).
QString customModeText(const CustomMode &mode);

} // namespace SandboxDoctor
