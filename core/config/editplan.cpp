#include "config/editplan_p.h"

#include "config/daemonsimulation.h"
#include "config/defeatfix_p.h"
#include "config/profilemigration_p.h"
#include "config/editplanfindings_p.h"
#include "config/planner_p.h"

namespace SandboxDoctor {

namespace {

Finding finding(QLatin1String code, Severity severity, QString message, int lineIndex, QString fix)
{
    return {QString(code), severity, std::move(message), lineIndex >= 0 ? lineIndex + 1 : 0, std::move(fix)};
}

QByteArray blankedBody(const ConfigDocument &doc, const QList<bool> &managed)
{
    QByteArray out;
    out.reserve(doc.body.size());
    for (int i = 0; i < doc.lines.size(); ++i) {
        const ConfigLine &line = doc.lines[i];
        if (managed[i])
            out.append(doc.body.constData() + line.end, line.eolLength);
        else
            out.append(doc.textWithEol(line));
    }
    return out;
}

// The input as the user meant it when an old block's table header held keys: the
// header and those keys out (they were meant for that table, not for where the
// block stands), the keys added back as the root dotted keys they become. Keys
// that end up defined twice are said, with both lines.
std::optional<Error> parseIntended(EditPlan &plan, const LinePlanner &planner)
{
    auto intended = parseToml(blankedBody(plan.doc, planner.managedLines()));
    if (!intended)
        return intended.error();
    // Padded so that the moved keys' line numbers lie past the input's: the value
    // check looks keys up by line, and these are the user's, never removed ones.
    const int padding = int(plan.doc.lines.size());
    auto moved = parseToml(QByteArray(padding, '\n') + planner.keysMovedFromBlock());
    const QList<int> &movedLines = planner.movedFromBlockLines();
    auto movedLine = [&](int line) {
        const int index = line - padding - 1;
        return index >= 0 && index < movedLines.size() ? movedLines[index] + 1 : 0;
    };
    if (!moved) {
        const int line = movedLine(moved.error().line);
        return lineRefusal(QStringLiteral("The key at line %1, under a table header inside the old managed block, "
                                          "cannot be moved out of the block (%2).")
                               .arg(line)
                               .arg(moved.error().message),
                           line, QStringLiteral("Nothing was changed. Move that key out of the block in an editor, "
                                                "then run again."));
    }
    if (const auto conflict = mergeInto(*intended.value(), *moved.value())) {
        const int inBlock = movedLine(conflict->fromLine);
        return lineRefusal(QStringLiteral("%1 is set twice: under a table header inside the old managed block "
                                          "(line %2) and at line %3.")
                               .arg(conflict->path)
                               .arg(inBlock)
                               .arg(conflict->intoLine),
                           inBlock, QStringLiteral("Nothing was changed. Keep one of the two lines, then run again."));
    }
    plan.before = intended.value();
    plan.repairedParse = true;
    return std::nullopt;
}

} // namespace

Expected<EditPlan> planEdit(const QByteArray &bytes, const SandboxPolicy &policy)
{
    auto loaded = loadConfigDocument(bytes);
    if (!loaded)
        return loaded.error();
    EditPlan plan;
    plan.doc = std::move(loaded.value());
    plan.layout = locateBlocks(plan.doc, policy);

    LinePlanner planner(plan.doc, plan.layout, policy);
    planner.run();
    plan.after = planner.assemble();
    const QByteArray assembled = plan.after;  // before the moves below, which may drop the line after the block
    plan.changed = plan.after != bytes;
    plan.removesKey = planner.removesSandboxKeys();
    plan.blockFirstLine = planner.blockFirstLine();
    plan.blockLastLine = planner.blockLastLine();
    plan.resultSource = planner.resultSource();
    // The migration first: Codex refuses a file with a legacy `profile`, and only a
    // file it loads has a sandbox the defeat fix can judge.
    if (std::optional<MigrationPlan> migrated =
            migrateLegacyProfile(plan.after, plan.resultSource, plan.blockLastLine,
                                 plan.changed ? nullptr : &plan.doc)) {
        plan.after = migrated->after;
        plan.resultSource = migrated->resultSource;
        plan.changed = plan.after != bytes;
        plan.migration = migrated->migration;
        const ProfileMigration &m = migrated->migration;
        plan.notes.append(finding(FindingCode::LegacyProfile, Severity::Info,
                                  QStringLiteral("Moves the legacy profile \"%1\" out of config.toml: removes the "
                                                 "`profile` line (line %2) and the [profiles.%1] table, and writes "
                                                 "their values to %3 beside it. Codex 0.150 and newer refuse the "
                                                 "line; start Codex with `codex --profile %1` to use the profile.")
                                      .arg(m.profile)
                                      .arg(m.profileLine)
                                      .arg(m.fileName),
                                  m.profileLine - 1, QString()));
    }
    std::optional<DefeatFix> defeatFix =
        commentOutDefeat(plan.after, plan.resultSource, plan.blockLastLine, policy);
    if (defeatFix) {
        plan.commentedOutLine = plan.resultSource[defeatFix->setting.line - 1] + 1;
        plan.after = defeatFix->after;
        plan.resultSource = defeatFix->resultSource;
        plan.changed = plan.after != bytes;
    }

    // "current" exactly when apply leaves the file alone: a block whose lines are
    // right is reported by what apply still changes.
    Demotion demotion = Demotion::None;
    if (plan.layout.state == BlockState::Current && plan.changed) {
        const qsizetype prefix = planner.blockPrefixBytes();
        const bool laidOut = bytes.startsWith(QByteArrayView(assembled).first(prefix))
                             && (bytes.size() == prefix || (bytes[prefix] != '\n' && bytes[prefix] != '\r'));
        demotion = laidOut ? Demotion::Elsewhere : Demotion::Position;
        plan.layout.state = laidOut ? BlockState::Stale : BlockState::Misplaced;
    }
    addBlockStateFindings(plan.doc, plan.layout, policy, demotion, plan.findings, plan.notes);
    addPositionNote(plan.doc, plan.layout, planner.managedLines(), plan.notes);
    plan.findings += planner.findings();
    plan.notes += planner.notes();
    addNamedBlockFindings(plan.doc, plan.layout, plan.findings);

    if (planner.refusal()) {
        plan.invalid = planner.refusal();
        return plan;
    }

    auto parsed = parseToml(plan.doc.body);
    if (planner.blockHeldTables()) {
        if (auto problem = parseIntended(plan, planner)) {
            plan.invalid = problem;
            return plan;
        }
    } else if (parsed) {
        plan.before = parsed.value();
    } else if (planner.hasManagedLines()) {
        auto repaired = parseToml(blankedBody(plan.doc, planner.managedLines()));
        if (!repaired) {
            plan.invalid = repaired.error();  // the user's own TOML is invalid
            return plan;
        }
        if (!plan.changed) {
            // Valid without the managed lines, yet apply would write the same bytes:
            // no old line is at fault, a line of the user's clashes with the block
            // (it sets a key the block sets). Said as that, so that status and apply
            // agree it is not current.
            const Error &e = parsed.error();
            Error clash = e;
            clash.message = QStringLiteral("Line %1 of config.toml clashes with the managed block: %2")
                                .arg(e.line)
                                .arg(e.message);
            clash.hint = QStringLiteral("Nothing was changed. Line %1 sets something the managed block sets "
                                        "(sandbox_mode, or the sandbox_workspace_write table): remove or change it "
                                        "in an editor, then run again.")
                             .arg(e.line);
            plan.invalid = clash;
            return plan;
        }
        plan.before = repaired.value();
        plan.repairedParse = true;
    } else {
        plan.invalid = parsed.error();
        return plan;
    }
    if (!parsed) {
        const Error &e = parsed.error();
        plan.findings.prepend(finding(FindingCode::ConfigInvalid, Severity::Error,
                                      QStringLiteral("Codex cannot load config.toml: %1 The cause is old "
                                                     "managed-block lines.").arg(e.message),
                                      e.line - 1,
                                      QStringLiteral("Run apply: it removes the old managed lines that make "
                                                     "the file invalid and keeps everything else.")));
        plan.notes.append(finding(FindingCode::ConfigInvalid, Severity::Info,
                                  QStringLiteral("Makes config.toml valid again by removing old "
                                                 "managed-block lines (the first error was at line %1).")
                                      .arg(e.line),
                                  e.line - 1, QString()));
    }

    if (plan.before->contains("default_permissions")) {
        const QString message = QStringLiteral(
            "default_permissions (a permission profile) stands beside the managed sandbox_mode: which of the two "
            "Codex applies depends on its version, so the managed block may not take effect.");
        const QString fix = QStringLiteral("Remove default_permissions if the managed sandbox should apply, "
                                           "or check with `verify` which one Codex uses.");
        if (plan.layout.hasMarkers() || plan.before->contains("sandbox_mode") || planner.hadLegacyMode())
            plan.findings.append(finding(FindingCode::PermissionsProfileConflict, Severity::Warning, message,
                                         -1, fix));
        if (defeatFix)
            plan.notes.append(finding(FindingCode::SandboxOverridden, Severity::Info,
                                      QStringLiteral("Comments out %1 in place, with a one-line reason above it: "
                                                     "%2. Any [permissions.<name>] table stays as it is.")
                                          .arg(ConfigSetting{defeatFix->setting.key, defeatFix->setting.value,
                                                             plan.commentedOutLine}
                                                   .describe(),
                                               defeatFix->reason),
                                      plan.commentedOutLine - 1, QString()));
        else
            plan.notes.append(finding(FindingCode::PermissionsProfileConflict, Severity::Warning, message, -1, fix));
    }

    if (simulateDaemonRewrite(plan.after, policy) != plan.after) {
        // The reason is about the result, which is what the daemon will read.
        QString reason = QStringLiteral("the daemon's line-based rewrite would change content it does not own");
        if (auto result = loadConfigDocument(plan.after))
            reason = daemonDamageReason(*result, locateBlocks(*result, policy));
        const QString message = QStringLiteral("The multica daemon's next rewrite will change this file: %1.")
                                    .arg(reason);
        const QString fix = QStringLiteral("Keep the file LF-only and without a BOM (or stop the daemon from "
                                           "rewriting it); this tool's output stays valid either way.");
        plan.findings.append(finding(FindingCode::DaemonWillCorrupt, Severity::Warning, message, -1, fix));
        plan.notes.append(finding(FindingCode::DaemonWillCorrupt, Severity::Warning, message, -1, fix));
    }
    return plan;
}

} // namespace SandboxDoctor
