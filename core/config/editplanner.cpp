#include "config/editplanner.h"

#include "config/editplan_p.h"

namespace SandboxDoctor {

namespace {

Error refusal(QString message, int line, int column = 0)
{
    Error error;
    error.kind = Error::Kind::Refused;
    error.message = std::move(message);
    error.line = line;
    error.column = column;
    error.hint = QStringLiteral("Nothing was written. This is a bug in the edit engine; please report it with "
                                "the lines around the one named (remove secrets first).");
    return error;
}

// The result must be valid TOML, set what the policy asks, and keep every user value.
std::optional<Error> checkResult(EditPlan &plan, const SandboxPolicy &policy)
{
    const QByteArray body = plan.doc.bom ? plan.after.mid(3) : plan.after;
    auto parsed = parseToml(body);
    if (!parsed) {
        const Error &e = parsed.error();
        return refusal(QStringLiteral("The edit would produce invalid TOML at line %1 of the result (%2)")
                           .arg(e.line)
                           .arg(e.message),
                       0);
    }
    toml::table &after = *parsed.value();
    const std::optional<std::string_view> mode = after["sandbox_mode"].value<std::string_view>();
    const QByteArray wantedMode = sandboxModeName(policy.mode).toUtf8();
    if (!mode || *mode != std::string_view(wantedMode.constData(), size_t(wantedMode.size())))
        return refusal(QStringLiteral("The edit would not set sandbox_mode = \"%1\" at the root.")
                           .arg(sandboxModeName(policy.mode)),
                       0);
    if (managedKeyLines(policy).size() > 1
        && after.at_path("sandbox_workspace_write.network_access").value<bool>() != std::optional<bool>(true))
        return refusal(QStringLiteral("The edit would not set sandbox_workspace_write.network_access = true."), 0);

    // One walk over both trees that skips the managed keys; the erasing passes and
    // the path-keeping comparison run only to name what differs.
    const bool same = sameUserValues(*plan.before, after);
#ifndef QT_NO_DEBUG
    {
        // Debug builds (all the tests) check the fast walk against the plain definition.
        toml::table before = *plan.before;
        toml::table result = after;
        removeManagedKeys(before);
        removeManagedKeys(result);
        Q_ASSERT_X(sameValues(before, result, nullptr, nullptr) == same, "checkResult",
                   "sameUserValues disagrees with removeManagedKeys + sameValues");
    }
#endif
    if (same)
        return std::nullopt;
    removeManagedKeys(*plan.before);
    removeManagedKeys(after);
    QString where = QStringLiteral("(unknown)");
    int line = 0;
    sameValues(*plan.before, after, &where, &line);
    return refusal(QStringLiteral("The edit would change or lose the value of %1 (line %2).").arg(where).arg(line),
                   line);
}

} // namespace

Expected<ProposedEdit> proposeEdit(const QByteArray &original, const SandboxPolicy &policy)
{
    auto planned = planEdit(original, policy);
    if (!planned)
        return planned.error();
    EditPlan &plan = planned.value();
    if (plan.invalid)
        return *plan.invalid;

    ProposedEdit edit;
    edit.before = original;
    edit.after = plan.after;
    edit.changed = edit.after != edit.before;
    edit.notes = plan.notes;
    if (!edit.changed)
        return edit;  // the input parsed as it is, so the unchanged result is valid too
    if (auto problem = checkResult(plan, policy))
        return *problem;
    return edit;
}

} // namespace SandboxDoctor
