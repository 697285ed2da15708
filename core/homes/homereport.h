#pragma once

#include "common/error.h"
#include "common/finding.h"
#include "common/policy.h"
#include "config/configanalysis.h"
#include "homes/homeentry.h"
#include "homes/homelayout.h"
#include "homes/homepreset.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace SandboxDoctor {

// Everything inspect knows about one per-task CODEX_HOME: one row of the
// "Per-task homes" table and one element of `inspect --json`'s `homes`.
struct HomeReport final
{
    QString path;                    // the codex-home folder, absolute and clean
    QString workspace;               // <root>/<workspace>/<task>/codex-home; empty when unknown
    QString task;
    BlockState block = BlockState::Absent;
    bool blockKnown = true;          // false when config.toml could not be read or parsed: then
                                     // `block` says nothing and reports name it "unknown"
    bool configExists = false;
    SandboxPolicy policy;            // the policy this home was judged against (policy.preset: its table)
    PresetSource presetSource = PresetSource::Default;  // why that preset
    HomeLayout layout = HomeLayout::Seed;               // the layout its entries show
    QList<HomeEntry> entries;        // one per homeEntryNames(), in that order, then what today's
                                     // daemon adds (todayentries.h), each only when present
    QList<Finding> findings;         // contract codes; config findings carry their line
    // The sandbox Codex will run in this home, by its config.toml alone (from the
    // home's analysis, which parsed the file once for everything): unset when
    // config.toml could not be read. matchesPolicy: it is `policy`'s sandbox.
    std::optional<EffectiveSandbox> effective;
    bool effectiveMatchesPolicy = false;
    std::optional<Error> error;      // the home could not be read at all (then one finding says so too)

    // Worst severity among the findings; info counts as ok (Severity::Info).
    Severity status() const;
    QString statusName() const;      // "ok", "warning", "error"
    QString blockName() const;       // blockStateName(block), or "unknown" when !blockKnown
    const HomeEntry *entry(QLatin1String name) const;  // null when not listed
};

// Totals for `summary` and the scanner's finished() signal.
struct ScanSummary final
{
    QString root;                    // what was scanned (a root or one CODEX_HOME), absolute
    bool singleHome = false;         // root is itself a CODEX_HOME
    int homes = 0;
    int ok = 0;
    int warning = 0;
    int error = 0;
    bool cancelled = false;
    std::optional<Error> failure;    // the root could not be scanned (missing, unreadable)
    qint64 elapsedMs = 0;

    void count(const HomeReport &report);
};

} // namespace SandboxDoctor

Q_DECLARE_METATYPE(SandboxDoctor::HomeReport)
Q_DECLARE_METATYPE(SandboxDoctor::ScanSummary)
