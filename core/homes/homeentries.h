#pragma once

#include "common/finding.h"
#include "homes/entryprobe.h"
#include "homes/homeentry.h"
#include "homes/sharedhome.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace SandboxDoctor::Detail {

// The judges of inspectHome, one per entry the seed's daemon makes: each
// turns a probe (lstat/readlink, never an open of auth.json) into an entry
// with its state, and appends the findings a person should read.

Finding homeFinding(QLatin1String code, Severity severity, QString message, QString fix = {});
HomeEntry makeEntry(const QString &name, const EntryProbe &probe);
// "Run `… prepare --codex-home HOME` …": the CLI's way to link a home again.
QString prepareFix(const QString &home);

HomeEntry judgeAuth(const QString &home, const EntryProbe &probe, const SharedHome &shared, QList<Finding> &findings);
HomeEntry judgeSessions(const QString &home, const EntryProbe &probe, const SharedHome &shared,
                        QList<Finding> &findings);
// config.json and instructions.md: copies of the shared home's, compared by
// size first and by bytes only when that can tell something.
HomeEntry judgeCopy(QLatin1String name, const QString &path, const EntryProbe &probe,
                    const std::optional<QByteArray> &sharedBytes, bool compare, QList<Finding> &findings);
HomeEntry judgeSkills(const EntryProbe &probe);
// config.toml's entry; a link whose target leaves the home is reported (the
// tools never write through it).
HomeEntry judgeConfigToml(const QString &home, const QString &homeCanonical, const EntryProbe &probe,
                          QList<Finding> &findings);

// A copy that holds only the first bytes of the shared file (an empty one
// included): what a copy killed half-way leaves.
bool looksTruncated(const QByteArray &copy, const QByteArray &shared);
// The same for config.toml, whose copy may have had the managed block put on
// top since (prepare writes it right after the copy).
bool looksTruncatedConfig(const QByteArray &config, const QByteArray &shared);

} // namespace SandboxDoctor::Detail
