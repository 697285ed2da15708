#include "config/editplanner.h"

#include "config/editplan_p.h"

namespace SandboxDoctor {

namespace {

// The one message for a result that fails a check although the input passed
// every rule the planner knows: that is an inconsistency inside the engine, not
// something the user did, and the message says so.
Error engineBug(QString message, int line)
{
    Error error;
    error.kind = Error::Kind::Refused;
    error.message = std::move(message);
    error.line = line;
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
        const int source = e.line >= 1 && e.line <= plan.resultSource.size() ? plan.resultSource[e.line - 1] : -1;
        if (source >= 0) {
            // A line the edit kept as it was: with the block on top it clashes (it sets
            // a key the block sets, or a table the block defines), which the user can fix.
            Error error;
            error.kind = Error::Kind::Refused;
            error.message = QStringLiteral("Line %1 of config.toml clashes with the managed block: with the block "
                                           "at the top the file would not be valid TOML (%2)")
                                .arg(source + 1)
                                .arg(e.message);
            error.line = source + 1;
            error.hint = QStringLiteral("Nothing was written. Line %1 sets something the managed block sets "
                                        "(sandbox_mode, or the sandbox_workspace_write table): remove or change "
                                        "it in an editor, then run again.")
                             .arg(source + 1);
            return error;
        }
        return engineBug(QStringLiteral("The edit would produce invalid TOML at line %1 of the result (%2)")
                             .arg(e.line)
                             .arg(e.message),
                         0);
    }
    toml::table &after = *parsed.value();
    const std::optional<std::string_view> mode = after["sandbox_mode"].value<std::string_view>();
    const QByteArray wantedMode = sandboxModeName(policy.mode).toUtf8();
    if (!mode || *mode != std::string_view(wantedMode.constData(), size_t(wantedMode.size())))
        return engineBug(QStringLiteral("The edit would not set sandbox_mode = \"%1\" at the root.")
                             .arg(sandboxModeName(policy.mode)),
                         0);
    if (managedKeyLines(policy).size() > 1
        && after.at_path("sandbox_workspace_write.network_access").value<bool>() != std::optional<bool>(true))
        return engineBug(QStringLiteral("The edit would not set sandbox_workspace_write.network_access = true."), 0);

    // One walk over both trees that skips the keys the edit removes on purpose;
    // the erasing passes and the path-keeping comparison run only to name what
    // differs (test_property_editengine holds the two to the same answers).
    if (plan.commentedOutLine > 0) {
        // Commented out on purpose (defeatfix_p.h): the value stays in the file as a
        // comment. Erased in place: this plan is proposeEdit's own, and a copy of
        // the tree would lose the source lines the value check goes by.
        plan.before->erase("default_permissions");
    }
    if (plan.migration) {
        // Moved to <name>.config.toml on purpose (profilemigration_p.h checks that file's values).
        plan.before->erase("profile");
        if (auto *profiles = plan.before->get_as<toml::table>("profiles")) {
            profiles->erase(plan.migration->profile.toStdString());
            if (profiles->empty())
                plan.before->erase("profiles");
        }
    }
    const RemovedKeyLines removedBefore(&plan.removesKey);
    const RemovedKeyLines removedAfter(plan.blockFirstLine, plan.blockLastLine);
    if (sameUserValues(*plan.before, removedBefore, after, removedAfter))
        return std::nullopt;
    removeManagedKeys(*plan.before, removedBefore);
    removeManagedKeys(after, removedAfter);
    QString where = QStringLiteral("(unknown)");
    int line = 0;
    sameValues(*plan.before, after, &where, &line);
    return engineBug(QStringLiteral("The edit would change or lose the value of %1 (line %2).").arg(where).arg(line),
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
    edit.changed = plan.changed;
    edit.notes = plan.notes;
    edit.migration = plan.migration;
    if (!edit.changed && !plan.repairedParse)
        return edit;  // the input parsed as it is, so the unchanged result is valid too
    if (auto problem = checkResult(plan, policy))
        return *problem;
    return edit;
}

} // namespace SandboxDoctor
