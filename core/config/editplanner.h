#pragma once

#include "common/expected.h"
#include "common/finding.h"
#include "common/policy.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace SandboxDoctor {

// A legacy root `profile = "<name>"` moved to $CODEX_HOME/<name>.config.toml
// (Codex 0.150 and newer refuse the line; `codex --profile <name>` reads the file).
struct ProfileMigration final
{
    QString profile;      // "work"
    QString fileName;     // "work.config.toml", beside config.toml
    QByteArray content;   // what that file must hold: [profiles.<name>]'s values
    int profileLine = 0;  // the `profile` line in config.toml (1-based)
};

// What `apply` would write, computed without touching the disk.
struct ProposedEdit final
{
    QByteArray before;
    QByteArray after;
    bool changed = false;       // after != before
    QList<Finding> notes;       // what the edit does beyond the block: legacy lines moved,
                                // trapped keys removed, a damaged block repaired, daemon warnings
    // The second file apply writes, when it migrates a legacy profile; what that
    // file holds now is the caller's to read (otherfiles.h).
    std::optional<ProfileMigration> migration;
};

// The managed block for `policy` exactly as the daemon renders it, with LF.
QByteArray renderManagedBlock(const SandboxPolicy &policy);

// The whole edit engine: the block on top, legacy directives moved into it,
// trapped keys removed, damage repaired, every user value kept, BOM and line
// endings kept. The result is parsed again and value-checked; when the input
// is invalid, or the output would not be valid or would lose a value, an
// Error of Kind::Refused names the line (and column).
Expected<ProposedEdit> proposeEdit(const QByteArray &original, const SandboxPolicy &policy);

} // namespace SandboxDoctor
