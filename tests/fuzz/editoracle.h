#pragma once

// The oracle the config targets share (fuzz_editplan, fuzz_analysis): what
// proposeEdit and analyzeConfig promise for one input and one policy.
// - An accepted input gives output that toml++ parses, that sets the policy,
//   and that keeps every input value except the documented removals (the tests'
//   own rules in tests/config/tomlcheck.h, the same the property test uses,
//   and the keys a misplaced sandbox block's own lines set in a table).
// - A second proposeEdit on the output gives identical bytes (apply is idempotent).
// - A refusal says what is wrong with the input; one that blames the engine
//   ("a bug in the edit engine": its own check of the result failed) is a finding.
// - analyzeConfig says "current" (block current, config valid) exactly when the
//   diff is empty, i.e. when proposeEdit accepts the input and changes nothing.
//   A valid block above an invalid rest is not current: diff and apply refuse.

#include "config/configanalysis.h"
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
            const auto user = TomlCheck::parse(withoutSandboxBlockLines(input));
            if (!user || TomlCheck::withoutManagedKeys(withoutResolvedSettings(*user, *out)) != kept)
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
