#include "config/editplan_p.h"

#include "config/daemonsimulation.h"
#include "config/planner_p.h"

namespace SandboxDoctor {

namespace {

Finding finding(QLatin1String code, Severity severity, QString message, int lineIndex, QString fix)
{
    return {QString(code), severity, std::move(message), lineIndex >= 0 ? lineIndex + 1 : 0, std::move(fix)};
}

void addBlockStateFindings(const ConfigDocument &doc, const BlockLayout &layout, const SandboxPolicy &policy,
                           QList<Finding> &findings, QList<Finding> &notes)
{
    const QString mode = sandboxModeName(policy.mode);
    switch (layout.state) {
    case BlockState::Current:
        break;
    case BlockState::Absent:
        findings.append(finding(FindingCode::BlockAbsent, Severity::Warning,
                                QStringLiteral("config.toml has no managed block, so the sandbox policy "
                                               "(%1) is not set.").arg(mode),
                                -1, QStringLiteral("Run apply to add the managed block at the top.")));
        notes.append(finding(FindingCode::BlockAbsent, Severity::Info,
                             QStringLiteral("Adds the managed block (sandbox_mode = \"%1\") at the top.").arg(mode),
                             -1, QString()));
        break;
    case BlockState::Stale: {
        const BlockLayout::Block block = layout.blocks.constFirst();
        const QList<QByteArray> wanted = managedKeyLines(policy);
        int differs = block.begin + 1;
        for (int k = 0; k < wanted.size() && block.begin + 1 + k < block.end; ++k) {
            differs = block.begin + 1 + k;
            if (doc.text(doc.lines[differs]) != wanted[k])
                break;
        }
        findings.append(finding(FindingCode::BlockStale, Severity::Warning,
                                QStringLiteral("The managed block does not match the policy for this machine "
                                               "(sandbox_mode = \"%1\"%2).")
                                    .arg(mode, wanted.size() > 1 ? QStringLiteral(", network_access = true")
                                                                 : QString()),
                                differs, QStringLiteral("Run apply to update the block.")));
        notes.append(finding(FindingCode::BlockStale, Severity::Info,
                             QStringLiteral("Updates the managed block to sandbox_mode = \"%1\".").arg(mode),
                             differs, QString()));
        break;
    }
    case BlockState::Damaged:
        findings.append(finding(FindingCode::BlockDamaged, Severity::Error,
                                QStringLiteral("The managed block is damaged (%1 complete block(s), %2 BEGIN "
                                               "without END, %3 END without BEGIN).")
                                    .arg(layout.blocks.size())
                                    .arg(layout.strayBegins.size())
                                    .arg(layout.strayEnds.size()),
                                layout.stateLine,
                                QStringLiteral("Run apply: it removes every marker and old block and writes "
                                               "one block at the top.")));
        notes.append(finding(FindingCode::BlockDamaged, Severity::Info,
                             QStringLiteral("Repairs the damaged managed block: old markers and blocks are "
                                            "removed, one block is written at the top."),
                             layout.stateLine, QString()));
        break;
    case BlockState::Misplaced: {
        const ConfigLine &header = doc.lines[layout.tableAbove];
        const QString table = QString::fromUtf8(doc.body.mid(header.keyStart, header.headerEnd - header.keyStart));
        findings.append(finding(FindingCode::BlockMisplaced, Severity::Error,
                                QStringLiteral("The managed block stands below the table header %1 (line %2), so "
                                               "its keys fall inside that table and Codex does not read them as "
                                               "the sandbox settings.")
                                    .arg(table, QString::number(layout.tableAbove + 1)),
                                layout.stateLine, QStringLiteral("Run apply to move the block to the top.")));
        notes.append(finding(FindingCode::BlockMisplaced, Severity::Info,
                             QStringLiteral("Moves the managed block to the top, out of the table %1.").arg(table),
                             layout.stateLine, QString()));
        break;
    }
    }
}

// A block below comments or root keys (no table header above it) is not misplaced:
// its keys are root keys, so the analysis reports nothing (state current or stale,
// no error). The edit still puts the block first, because the daemon's rewrite
// always does (block + "\n" + the rest): a result that kept it lower would be
// rewritten on every daemon run, breaking "after our apply, the daemon's next run
// changes nothing" and "the result opens with the block" (issue 2). This preview
// note says why the block moves. It is a note, never a finding, at Info severity
// like every block note; its code is block-misplaced because that is the
// contract's code for the block's position and the contract has no info-level one.
void addPositionNote(const ConfigDocument &doc, const BlockLayout &layout, const QList<bool> &managed,
                     QList<Finding> &notes)
{
    if (layout.firstAbove < 0
        || (layout.state != BlockState::Current && layout.state != BlockState::Stale))
        return;
    const int begin = layout.blocks.constFirst().begin;
    int kept = -1;  // the first line above the block that the edit keeps (legacy keys go)
    for (int i = layout.firstAbove; i < begin && kept < 0; ++i) {
        if (doc.lines[i].kind != ConfigLine::Kind::Blank && !managed[i])
            kept = i;
    }
    if (kept < 0)
        return;
    notes.append(finding(FindingCode::BlockMisplaced, Severity::Info,
                         QStringLiteral("Moves the managed block (line %1) to the top of the file, above the "
                                        "comments or keys from line %2, as the multica daemon does on every run "
                                        "(its next run then leaves the file alone). No table header stands above "
                                        "the block, so its keys are root keys already: Codex reads the same "
                                        "settings either way.").arg(begin + 1).arg(kept + 1),
                         begin, QString()));
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

QString daemonDamageReason(const ConfigDocument &doc)
{
    if (doc.bom)
        return QStringLiteral("the file starts with a UTF-8 BOM, which hides the block from the daemon: it "
                              "would strip lines and move the BOM into the middle of the file");
    for (const ConfigLine &line : doc.lines) {
        if (line.eolLength == 2)
            return QStringLiteral("the file uses CRLF line endings: the daemon would write its block with LF "
                                  "and leave an extra line, mixing line endings");
    }
    for (int i = 0; i < doc.lines.size(); ++i) {
        const ConfigLine &line = doc.lines[i];
        if (line.kind == ConfigLine::Kind::Continuation && doc.text(line).startsWith(QByteArrayView("# ")))
            return QStringLiteral("line %1 inside a multi-line value looks like a managed-block marker: the "
                                  "daemon would cut the value apart")
                .arg(i + 1);
    }
    return QStringLiteral("the daemon's line-based rewrite would change content it does not own");
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
    addBlockStateFindings(plan.doc, plan.layout, policy, plan.findings, plan.notes);

    LinePlanner planner(plan.doc, plan.layout, policy);
    planner.run();
    addPositionNote(plan.doc, plan.layout, planner.managedLines(), plan.notes);
    plan.findings += planner.findings();
    plan.notes += planner.notes();
    plan.after = planner.assemble();

    auto parsed = parseToml(plan.doc.body);
    if (parsed) {
        plan.before = parsed.value();
    } else if (planner.hasManagedLines()) {
        auto repaired = parseToml(blankedBody(plan.doc, planner.managedLines()));
        if (repaired) {
            plan.before = repaired.value();
            plan.repairedParse = true;
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
        } else {
            plan.invalid = repaired.error();
        }
    } else {
        plan.invalid = parsed.error();
    }
    if (plan.invalid)
        return plan;

    if (plan.before->contains("default_permissions")) {
        const QString message = QStringLiteral(
            "default_permissions (a permission profile) stands beside the managed sandbox_mode: which of the two "
            "Codex applies depends on its version, so the managed block may not take effect.");
        const QString fix = QStringLiteral("Remove default_permissions if the managed sandbox should apply, "
                                           "or check with `verify` which one Codex uses.");
        if (plan.layout.hasMarkers() || plan.before->contains("sandbox_mode") || planner.hadLegacyMode())
            plan.findings.append(finding(FindingCode::PermissionsProfileConflict, Severity::Warning, message,
                                         -1, fix));
        plan.notes.append(finding(FindingCode::PermissionsProfileConflict, Severity::Warning, message, -1, fix));
    }

    if (simulateDaemonRewrite(plan.after, policy) != plan.after) {
        const QString message = QStringLiteral("The multica daemon's next rewrite will damage this file: %1.")
                                    .arg(daemonDamageReason(plan.doc));
        const QString fix = QStringLiteral("Keep the file LF-only and without a BOM (or stop the daemon from "
                                           "rewriting it); this tool's output stays valid either way.");
        plan.findings.append(finding(FindingCode::DaemonWillCorrupt, Severity::Warning, message, -1, fix));
        plan.notes.append(finding(FindingCode::DaemonWillCorrupt, Severity::Warning, message, -1, fix));
    }
    return plan;
}

} // namespace SandboxDoctor
