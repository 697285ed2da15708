#pragma once

#include "common/platform.h"
#include "common/policypreset.h"
#include "common/version.h"
#include "detect/codexlocator.h"

#include <QString>

#include <optional>

namespace SandboxDoctor::Ui {

// How the Session detects Codex and chooses the policy. Built from the saved
// settings and the command line; tests fill it directly (a fake Codex, no login
// shell, no known locations).
struct SessionOptions final
{
    DetectOptions detect;                       // explicitPath: --codex or "codex/path"
    std::optional<QString> codexVersionText;    // --codex-version: believed, nothing is run
    std::optional<Platform> platform;           // previewing another machine; this one when unset
    std::optional<Version> darwinFixedVersion;  // unset: no fixed macOS release known
    std::optional<PolicyChoice> policyChoice;   // --policy or "policy/preset"; unset: none chosen
    int keepBackups = 10;                       // 0 keeps every backup
};

// What the command line asked for; each set field wins over the saved setting.
struct StartupOptions final
{
    std::optional<QString> codexHome;
    std::optional<QString> codexPath;
    std::optional<QString> codexVersionText;
    std::optional<Platform> platform;
    std::optional<QString> darwinFixedVersion;
    std::optional<QString> policy;  // --policy, already checked by parsePolicyChoice
    DetectOptions detect;  // the base: environment, search switches, timeouts
};

} // namespace SandboxDoctor::Ui
