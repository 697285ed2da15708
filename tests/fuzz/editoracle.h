#pragma once

// The oracle the config targets share (fuzz_editplan, fuzz_analysis): what
// proposeEdit and analyzeConfig promise for one input and one policy.
// - An accepted input gives output that toml++ parses, that sets the policy,
//   and that keeps every input value except the documented removals (the tests'
//   own rules in tests/config/tomlcheck.h, the same the property test uses,
//   the keys a misplaced sandbox block's own lines set in a table, and the
//   repair of an old block that opened a table header of its own).
// - A second proposeEdit on the output gives identical bytes (apply is idempotent).
// - A refusal says what is wrong with the input; one that blames the engine
//   ("a bug in the edit engine": its own check of the result failed) is a finding.
// - analyzeConfig says "current" (block current, config valid) exactly when the
//   diff is empty, i.e. when proposeEdit accepts the input and changes nothing.
//   A valid block above an invalid rest is not current: diff and apply refuse.

#include "config/configanalysis.h"
#include "config/configdocument.h"
#include "config/editplanner.h"

#include "fuzzcheck.h"
#include "tomlcheck.h"

namespace FuzzCheck {

inline QByteArray policyName(const SandboxDoctor::SandboxPolicy &policy)
{
    return SandboxDoctor::sandboxModeName(policy.mode).toUtf8() + (policy.networkAccess ? "+network" : "");
}

// The input with the sandbox block's own lines blanked: what the user wrote.
// A block that stands under a table header ([profiles.dev]) sets its keys in
// that table; they are the daemon's, and apply moves them to the root.
inline QByteArray withoutSandboxBlockLines(const QByteArray &input)
{
    QList<QByteArray> lines = input.split('\n');
    bool inside = false;
    for (QByteArray &line : lines) {
        const QByteArray bare = line.endsWith('\r') ? line.chopped(1) : line;
        const bool begin = bare.startsWith("# BEGIN multica-managed (");
        const bool end = bare == "# END multica-managed";
        if (begin)
            inside = true;
        if (inside)
            line.clear();
        if (end)
            inside = false;
    }
    return lines.join('\n');
}

// `from` merged into `into`, tables recursively; nullopt when a key is set on both sides.
inline std::optional<QVariantMap> merged(QVariantMap into, const QVariantMap &from)
{
    for (auto it = from.begin(); it != from.end(); ++it) {
        if (!into.contains(it.key())) {
            into.insert(it.key(), it.value());
            continue;
        }
        const QVariant &mine = into[it.key()];
        if (mine.typeId() != QMetaType::QVariantMap || it.value().typeId() != QMetaType::QVariantMap)
            return std::nullopt;
        const auto inner = merged(mine.toMap(), it.value().toMap());
        if (!inner)
            return std::nullopt;
        into.insert(it.key(), *inner);
    }
    return into;
}

// The input as the repair of an old block reads it (issue 14.2): a table header
// the block opened goes, each key under it inside the block becomes a key of that
// table (a root dotted key), and the lines after the block stay in the table
// before it. A daemon's named block inside keeps its keys at the root, where the
// daemon writes them (apply puts the named blocks first). Blocks as
// withoutSandboxBlockLines finds them; nullopt when that reading is not valid
// TOML, or a named block inside opens a table of its own.
inline std::optional<QVariantMap> withOldBlockTablesMoved(const QByteArray &input)
{
    const auto loaded = SandboxDoctor::loadConfigDocument(input);
    if (!loaded)
        return std::nullopt;
    using Kind = SandboxDoctor::ConfigLine::Kind;
    const SandboxDoctor::ConfigDocument &doc = *loaded;
    QByteArray rest;
    QVariantMap moved;
    bool inside = false;
    bool named = false;  // inside a named block within the old block
    int namedEnd = -1;   // ... whose END is this line
    QStringList table;   // the block's own table the keys below go to; empty: none
    // Takes the key-value at `line` out of `rest` (its lines left empty); with
    // `under` set, adds it to `moved` in that table (empty: the root).
    const auto takeOut = [&](int &i, const std::optional<QStringList> &under) {
        const SandboxDoctor::ConfigLine &line = doc.lines[i];
        for (int k = i; k <= line.lastLine; ++k)
            rest += '\n';
        i = line.lastLine;
        if (!under)
            return true;
        const auto statement = TomlCheck::parse(doc.body.mid(line.keyStart, line.valueEnd - line.keyStart));
        if (!statement)
            return false;
        QVariant nested = *statement;
        for (qsizetype k = under->size() - 1; k >= 0; --k)
            nested = QVariantMap{{under->at(k), nested}};
        const auto into = merged(moved, nested.toMap());
        if (into)
            moved = *into;
        return into.has_value();
    };
    for (int i = 0; i < doc.lines.size(); ++i) {
        const SandboxDoctor::ConfigLine &line = doc.lines[i];
        const QByteArray text = doc.text(line).toByteArray();
        if (text == "# BEGIN multica-managed (do not edit; regenerated by daemon)") {
            inside = true;
            table.clear();
        } else if (const QByteArray namedBegin = "# BEGIN multica-managed ";
                   inside && !named && text.startsWith(namedBegin)) {
            // A named block: its name up to a space, closed by its own END line
            // before the sandbox block's END (else it is no block).
            const QByteArray name = text.mid(namedBegin.size()).split(' ').constFirst();
            for (int k = i + 1; k < doc.lines.size() && !name.isEmpty(); ++k) {
                const QByteArray later = doc.text(doc.lines[k]).toByteArray();
                if (later == "# END multica-managed")
                    break;
                if (later == "# END multica-managed " + name) {
                    named = true;
                    namedEnd = k;
                    break;
                }
            }
        }
        if (named && (line.kind == Kind::Table || line.kind == Kind::ArrayTable))
            return std::nullopt;
        if (named && line.kind == Kind::KeyValue) {
            if (!takeOut(i, QStringList()))
                return std::nullopt;
            continue;
        }
        // The block's own settings go: they would clash with the same keys a
        // line after the block sets once the block's header is gone.
        if (inside && table.isEmpty() && line.kind == Kind::KeyValue
            && (line.path == QStringList{QStringLiteral("sandbox_mode")}
                || line.path == QStringList{QStringLiteral("sandbox_workspace_write"), QStringLiteral("network_access")})) {
            takeOut(i, std::nullopt);
            continue;
        }
        if (inside && line.kind == Kind::Table) {
            table = line.path;
            rest += '\n';
            continue;
        }
        if (inside && line.kind == Kind::ArrayTable)
            table.clear();  // an array of tables stays with its keys
        if (inside && !table.isEmpty() && line.kind == Kind::KeyValue) {
            if (!takeOut(i, table))
                return std::nullopt;
            continue;
        }
        rest += text + '\n';
        if (named && i == namedEnd)
            named = false;
        if (text == "# END multica-managed")
            inside = false;
    }
    const auto kept = TomlCheck::parse(rest);
    return kept ? merged(*kept, moved) : std::nullopt;
}

// The input without what apply documents as moved or commented out, where the
// output shows it did so: a root default_permissions that defeated the policy
// (commented out in place), and a legacy root `profile = "<name>"` with its
// [profiles.<name>] table (moved to <name>.config.toml).
inline QVariantMap withoutResolvedSettings(QVariantMap in, const QVariantMap &out)
{
    const QString permissions = QStringLiteral("default_permissions");
    if (in.contains(permissions) && !out.contains(permissions))
        in.remove(permissions);
    const QString profile = QStringLiteral("profile");
    if (in.contains(profile) && !out.contains(profile)) {
        QString name = in.value(profile).toString();
        if (name.startsWith(QLatin1String("s:")))
            name = name.mid(2);  // TomlCheck tags strings with their type
        in.remove(profile);
        QVariantMap profiles = in.value(QStringLiteral("profiles")).toMap();
        profiles.remove(name);
        if (in.contains(QStringLiteral("profiles")))
            in.insert(QStringLiteral("profiles"), profiles);
    }
    return in;
}

inline void checkAnalysisAgrees(const QByteArray &input, const SandboxDoctor::SandboxPolicy &policy,
                                const SandboxDoctor::Expected<SandboxDoctor::ProposedEdit> &edit)
{
    using namespace SandboxDoctor;
    const ConfigAnalysis analysis = analyzeConfig(input, true, policy);
    const bool current = analysis.block == BlockState::Current && !analysis.invalid;
    const bool diffEmpty = edit && !edit->changed;
    if (current != diffEmpty) {
        const QByteArray applies = edit ? QByteArray(edit->changed ? "changes the file" : "changes nothing")
                                        : QByteArray("refuses: " + edit.error().toText().toUtf8());
        const QByteArray detail = "policy " + policyName(policy) + ": status says block '"
            + blockStateName(analysis.block).toUtf8() + "'" + (analysis.invalid ? " (config invalid)" : "")
            + ", apply " + applies;
        fail("status says current exactly when the diff is empty", input, edit ? edit->after : QByteArray(),
             detail);
    }
}

inline void checkEdit(const QByteArray &input, const SandboxDoctor::SandboxPolicy &policy,
                      const SandboxDoctor::Expected<SandboxDoctor::ProposedEdit> &edit)
{
    using namespace SandboxDoctor;
    if (!edit) {
        const QString text = edit.error().toText();
        if (edit.error().kind != Error::Kind::Refused)
            fail("a refused edit is an Error of kind Refused", input, QByteArray(), text.toUtf8());
        // The engine blames itself only when its own check of the result failed:
        // its plan was wrong for an input it should have described or handled.
        if (text.contains(QLatin1String("bug"), Qt::CaseInsensitive))
            fail("a refusal names the input's problem, never a bug in the engine", input, QByteArray(),
                 text.toUtf8());
        return;
    }
    const QByteArray policyText = "policy " + policyName(policy);
    const QByteArray &after = edit->after;
    if (edit->before != input || edit->changed != (after != input))
        fail("before is the input and changed says whether after differs", input, after, policyText);

    QString error;
    const auto out = TomlCheck::parse(after, &error);
    if (!out)
        fail("an accepted input gives output that toml++ parses", input, after,
             policyText + ": " + error.toUtf8());
    if (const auto in = TomlCheck::parse(input)) {
        const QVariantMap kept = TomlCheck::withoutManagedKeys(*out);
        if (TomlCheck::withoutManagedKeys(withoutResolvedSettings(*in, *out)) != kept) {
            // The other documented removal: a misplaced block's own lines.
            // Or the repair of an old block that opened a table of its own.
            const auto user = TomlCheck::parse(withoutSandboxBlockLines(input));
            const auto repaired = withOldBlockTablesMoved(input);
            const auto keeps = [&](const std::optional<QVariantMap> &reading) {
                return reading && TomlCheck::withoutManagedKeys(withoutResolvedSettings(*reading, *out)) == kept;
            };
            if (!keeps(user) && !keeps(repaired))
                fail("every input value is kept except the documented removals", input, after, policyText);
        }
    }
    const QVariant mode = out->value(QStringLiteral("sandbox_mode"));
    const QVariant network = out->value(QStringLiteral("sandbox_workspace_write")).toMap()
                                 .value(QStringLiteral("network_access"));
    if (mode != QVariant(QStringLiteral("s:") + sandboxModeName(policy.mode))
        || (policy.mode == SandboxMode::WorkspaceWrite && network != QVariant(policy.networkAccess)))
        fail("the output sets the policy", input, after, policyText);

    const auto again = proposeEdit(after, policy);
    if (!again || again->changed || again->after != after)
        fail("a second apply gives identical bytes", input, again ? again->after : after,
             again ? policyText : QByteArray(policyText + ": the second apply refuses: "
                                                 + again.error().toText().toUtf8()));
}

} // namespace FuzzCheck
