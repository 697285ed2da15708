#pragma once

#include "common/expected.h"
#include "common/platform.h"
#include "common/policy.h"
#include "config/configanalysis.h"
#include "config/configfile.h"
#include "config/editplanner.h"
#include "detect/codexinstall.h"

#include <QProcessEnvironment>
#include <QString>

#include <optional>

namespace SandboxDoctor {

// What status, diff, apply and the main window all start from.
struct DiagnoseRequest final
{
    QString codexHome;                          // resolved already (see defaultCodexHome)
    std::optional<Platform> platform;           // --platform; this machine when unset
    std::optional<QString> codexVersionText;    // --codex-version: used instead of asking Codex
    std::optional<Version> darwinFixedVersion;  // --darwin-fixed-version or the saved setting
    std::optional<PolicyChoice> policyChoice;   // --policy or the saved "policy/preset"; unset: the seed's table
};

struct Diagnosis final
{
    QString codexHome;                     // as requested (absolute), also when reading failed
    CodexDetection codex;
    std::optional<Version> codexVersion;   // the version the policy used
    PlatformInfo platform;
    SandboxPolicy policy;
    PolicyChoice policyChoice;             // the preset policy came from (policy.preset is its name)
    bool presetChosen = false;             // the user chose it; else the default (the seed's table)
    Expected<ConfigSnapshot> config = Error{};
    ConfigAnalysis analysis;
    Expected<ProposedEdit> proposal = Error{};

    // Worst severity over analysis findings, a config read error and a missing Codex.
    Severity worstSeverity() const;
};

// `$CODEX_HOME` when set, else ~/.codex (%USERPROFILE%\.codex on Windows).
QString defaultCodexHome(const QProcessEnvironment &environment);

// Reads the config, chooses the policy and analyses; never touches the disk
// beyond reading. `codex` comes from CodexLocator so the GUI can detect
// asynchronously first.
Diagnosis diagnose(const DiagnoseRequest &request, const CodexDetection &codex);

// Only the policy diagnose() would choose, without analysing or planning the
// edit: apply plans its own edit, and a 1 MiB config is not parsed twice for
// nothing. Reads config.toml only on Windows, where `[windows] sandbox` decides.
SandboxPolicy decidePolicy(const DiagnoseRequest &request, const CodexDetection &codex);

} // namespace SandboxDoctor
