#pragma once

// Private to core/config: the step analyzeConfig runs after the edit engine.

#include "config/configanalysis.h"
#include "config/tomltree_p.h"

#include <QByteArray>
#include <QList>

#include <memory>
#include <optional>

namespace SandboxDoctor {

// 1-based first and last line of one managed block (its BEGIN and END markers).
struct LineRange final
{
    int first = 0;
    int last = 0;
    bool contains(int line) const { return line >= first && line <= last; }
};

struct SandboxCheckInput final
{
    QByteArray bytes;                       // config.toml as read
    bool exists = false;
    std::shared_ptr<toml::table> parsed;    // the engine's parse of `bytes`, when it has one (saves a parse)
    SandboxPolicy policy;
    AnalysisContext context;
    std::optional<QByteArray> afterApply;   // what apply would write; unset when the engine cannot plan
    QList<LineRange> managedBlocks;         // where the managed blocks stand in `bytes`
};

// The post-processing step over the engine's findings in analyzeConfig: sets
// `effective`, `effectiveMatchesPolicy` and `restoreCandidate`, and adds or
// reweighs findings by the sandbox Codex 0.171 will actually enforce:
//  - codex-refuses / legacy-profile (error): Codex will not load the file, in its words;
//  - sandbox-overridden (error): a setting outside the managed block gives another sandbox;
//  - block-absent / legacy-directive become info when the effective sandbox is already
//    the policy's (moving the settings into the block is then an optional tidy-up);
//  - config-zero-filled (error) replaces config-invalid for a file of NUL bytes;
//  - setting-ignored (info), network-proxy-dns (warning, macOS), profile-sandbox-mode (info).
void applySandboxChecks(ConfigAnalysis &analysis, const SandboxCheckInput &input);

} // namespace SandboxDoctor
