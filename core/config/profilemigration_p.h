#pragma once

// Private to core/config: apply's migration of a legacy root `profile = "<name>"`,
// which Codex 0.150 and newer refuse to start with. Codex 0.171 reads a profile
// from $CODEX_HOME/<name>.config.toml, layered on config.toml by
// `codex --profile <name>`, and refuses that flag while config.toml still holds
// `[profiles.<name>]` (checked against the real 0.171 in
// test_profilemigration_realcodex; docs/codex-behaviour.md, "Keys that decide
// the sandbox, and which one wins in 0.171", on the refused line). So the edit removes the
// `profile` line and every `[profiles.<name>]` / `[profiles.<name>.*]` table
// from config.toml, and the table's values become <name>.config.toml: its keys
// at the root, its subtables as tables of their own, comments kept.

#include "config/configdocument.h"
#include "config/editplanner.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace SandboxDoctor {

struct MigrationPlan final
{
    QByteArray after;          // the planned result without the profile line and tables
    QList<int> resultSource;   // its per-line map to the input
    ProfileMigration migration;
};

// `planned` is the planner's whole result (BOM included), `resultSource` its
// per-line map, `blockLastLine` the last line (1-based, body) of the blocks it
// wrote. nullopt when there is no legacy `profile` line, or when its table is
// written in a form this migration does not move (a dotted key or an inline
// table): the result is checked by parsing both files, and a migration that
// would not carry every value over exactly is not made. `plannedDoc`, when the
// caller has lexed `planned` already, spares a second lex.
std::optional<MigrationPlan> migrateLegacyProfile(const QByteArray &planned, const QList<int> &resultSource,
                                                  int blockLastLine, const ConfigDocument *plannedDoc = nullptr);

} // namespace SandboxDoctor
