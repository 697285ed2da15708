#pragma once

#include "common/error.h"
#include "common/finding.h"
#include "common/platform.h"
#include "common/policy.h"
#include "common/version.h"
#include "config/effectivesandbox.h"
#include "config/zerofilled.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace SandboxDoctor {

// The managed block's state in one config.toml (cli-contract.md).
enum class BlockState { Current, Stale, Absent, Damaged, Misplaced };
QString blockStateName(BlockState state);  // "current", "stale", ...

// A stale block that already asks for the policy: apply still changes other
// lines (a setting that defeats the block), so the block is not current, yet
// it does not ask for another sandbox. The engine says so with an info-level
// block-stale finding.
bool blockStaleOnlyElsewhere(const QList<Finding> &findings);

// One of the multica daemon's named blocks (`# BEGIN multica-managed <name> (…)`
// … `# END multica-managed <name>`): the daemon's, never the sandbox block.
struct NamedBlock final
{
    QString name;       // "multi-agent", "memory-feature", "memory-config", "shell-environment", ...
    int beginLine = 0;  // 1-based line of its BEGIN marker
    int endLine = 0;    // 1-based line of its END marker

    friend bool operator==(const NamedBlock &a, const NamedBlock &b)
    {
        return a.name == b.name && a.beginLine == b.beginLine && a.endLine == b.endLine;
    }
};

struct ConfigAnalysis final
{
    bool exists = false;
    BlockState block = BlockState::Absent;
    QList<Finding> findings;       // contract codes, with 1-based lines
    std::optional<Error> invalid;  // set when the user's content is not valid TOML / UTF-8
    QList<NamedBlock> namedBlocks; // complete named blocks, in file order

    // The sandbox Codex will enforce for this file, and whether that is the
    // policy's: true also when the settings that give it stand outside the
    // managed block (the GUI shows it in green; block-absent is then a tidy-up).
    EffectiveSandbox effective;
    bool effectiveMatchesPolicy = false;
    // config-zero-filled: the newest backup beside config.toml that parses, to
    // offer (and show as a diff) instead of the zero-filled file.
    std::optional<RestoreCandidate> restoreCandidate;
};

// What the sandbox checks need beyond the bytes; every field may stay empty.
struct AnalysisContext final
{
    std::optional<Platform> platform;     // the network-proxy warning is about macOS only
    std::optional<Version> codexVersion;  // for the effective sandbox's version note
    QString codexHome;                    // named in the restore command a finding offers
    QString configWritePath;              // where config.toml's backups live (a symlink's target);
                                          // empty: backups are not looked for
};

// `[windows] sandbox` as the policy needs it; Unreadable for invalid TOML.
WindowsSandboxSetting readWindowsSandboxSetting(const QByteArray &configBytes);

// Block state and findings of `configBytes` against `policy`. `exists` false
// means there is no file (config-missing, block absent). The engine's findings
// are then weighed against the sandbox Codex will actually enforce
// (sandboxchecks_p.h).
ConfigAnalysis analyzeConfig(const QByteArray &configBytes, bool exists, const SandboxPolicy &policy,
                             const AnalysisContext &context = {});

} // namespace SandboxDoctor
