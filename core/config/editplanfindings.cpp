#include "config/editplanfindings_p.h"

namespace SandboxDoctor {

namespace {

Finding finding(QLatin1String code, Severity severity, QString message, int lineIndex, QString fix)
{
    return {QString(code), severity, std::move(message), lineIndex >= 0 ? lineIndex + 1 : 0, std::move(fix)};
}

// The first table header an old-format block holds between its markers, or -1.
int oldFormatHeader(const ConfigDocument &doc, const BlockLayout &layout)
{
    if (layout.blocks.size() != 1)
        return -1;
    const BlockLayout::Block block = layout.blocks.constFirst();
    for (int k = block.begin + 1; k < block.end; ++k) {
        const ConfigLine::Kind kind = doc.lines[k].kind;
        if ((kind == ConfigLine::Kind::Table || kind == ConfigLine::Kind::ArrayTable) && !layout.inNamed[k])
            return k;
    }
    return -1;
}

void addStaleFindings(const ConfigDocument &doc, const BlockLayout &layout, const SandboxPolicy &policy,
                      QList<Finding> &findings, QList<Finding> &notes)
{
    const QString mode = sandboxModeName(policy.mode);
    const BlockLayout::Block block = layout.blocks.constFirst();
    if (const int header = oldFormatHeader(doc, layout); header >= 0) {
        const ConfigLine &line = doc.lines[header];
        const QString text = QString::fromUtf8(doc.body.mid(line.keyStart, line.headerEnd - line.keyStart));
        findings.append(finding(FindingCode::BlockStale, Severity::Warning,
                                QStringLiteral("The managed block is in an old format: it opens the table %1 (line "
                                               "%2), so the keys after the block fall into that table, not into "
                                               "the one they were written in.").arg(text).arg(header + 1),
                                header, QStringLiteral("Run apply: it writes the block in today's format, keeps the "
                                                       "keys that were under %1 in that table, and gives the "
                                                       "keys after the block back to theirs.").arg(text)));
        notes.append(finding(FindingCode::BlockStale, Severity::Info,
                             QStringLiteral("Updates the managed block to sandbox_mode = \"%1\".").arg(mode),
                             block.begin, QString()));
        return;
    }
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
                                .arg(mode, wanted.size() > 1 ? QStringLiteral(", network_access = true") : QString()),
                            differs, QStringLiteral("Run apply to update the block.")));
    notes.append(finding(FindingCode::BlockStale, Severity::Info,
                         QStringLiteral("Updates the managed block to sandbox_mode = \"%1\".").arg(mode), differs,
                         QString()));
}

} // namespace

void addBlockStateFindings(const ConfigDocument &doc, const BlockLayout &layout, const SandboxPolicy &policy,
                           Demotion demotion, QList<Finding> &findings, QList<Finding> &notes)
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
    case BlockState::Stale:
        if (demotion == Demotion::Elsewhere)
            findings.append(finding(FindingCode::BlockStale, Severity::Info,
                                    QStringLiteral("The managed block asks for sandbox_mode = \"%1\" as the policy "
                                                   "says, but sandbox settings elsewhere in config.toml still need "
                                                   "the change apply makes (see the other findings and the diff).")
                                        .arg(mode),
                                    layout.stateLine, QStringLiteral("Run apply.")));
        else
            addStaleFindings(doc, layout, policy, findings, notes);
        break;
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
        if (demotion == Demotion::Position) {
            const QString where = layout.firstAbove >= 0
                                      ? QStringLiteral("it stands below line %1").arg(layout.firstAbove + 1)
                                      : QStringLiteral("the blank lines around it differ");
            findings.append(finding(FindingCode::BlockMisplaced, Severity::Info,
                                    QStringLiteral("The managed block (line %1) is not laid out as the multica "
                                                   "daemon writes it (first, then one blank line): %2. No table "
                                                   "header stands above it, so Codex reads its keys as they are.")
                                        .arg(layout.stateLine + 1)
                                        .arg(where),
                                    layout.stateLine,
                                    QStringLiteral("Optional: run apply to lay it out as the daemon does (its next "
                                                   "run would do the same).")));
            if (layout.firstAbove < 0)
                notes.append(finding(FindingCode::BlockMisplaced, Severity::Info,
                                     QStringLiteral("Puts the managed block (line %1) first, followed by one blank "
                                                    "line, as the multica daemon writes it.")
                                         .arg(layout.stateLine + 1),
                                     layout.stateLine, QString()));
            break;
        }
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

// A block below comments or root keys (no table header above it) is not
// misplaced in TOML terms: its keys are root keys. The edit still puts the block
// first (after the daemon's own header-free blocks), because the daemon's rewrite
// always does: a result that kept it lower would be rewritten on every daemon
// run, breaking "after our apply, the daemon's next run changes nothing" and "the
// result opens with the block" (issue 2). This preview note says why it moves.
void addPositionNote(const ConfigDocument &doc, const BlockLayout &layout, const QList<bool> &managed,
                     QList<Finding> &notes)
{
    if (layout.firstAbove < 0 || layout.blocks.size() != 1 || layout.tableAbove >= 0
        || (layout.state != BlockState::Misplaced && layout.state != BlockState::Stale))
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

// Named markers without their partner: the daemon's, so kept as they are, and
// said once (a file of a million such lines gets one finding, not a million).
void addNamedBlockFindings(const ConfigDocument &doc, const BlockLayout &layout, QList<Finding> &findings)
{
    if (layout.strayNamed.isEmpty())
        return;
    const int line = layout.strayNamed.constFirst();
    const Marker marker = classifyMarker(doc.text(doc.lines[line]));
    const QString name = QString::fromUtf8(marker.name);
    QString message = marker.kind == Marker::Kind::NamedBegin
                          ? QStringLiteral("The multica daemon's block marker \"# BEGIN multica-managed %1\" at line %2 "
                                           "has no \"# END multica-managed %1\" below it.").arg(name).arg(line + 1)
                          : QStringLiteral("The multica daemon's block marker \"# END multica-managed %1\" at line %2 "
                                           "has no \"# BEGIN multica-managed %1\" above it.").arg(name).arg(line + 1);
    if (layout.strayNamed.size() > 1)
        message += QStringLiteral(" %1 more named markers lack their partner.").arg(layout.strayNamed.size() - 1);
    message += QStringLiteral(" This tool leaves the daemon's lines as they are; it does not count them as the "
                              "sandbox block.");
    findings.append(finding(FindingCode::NamedBlockUnpaired, Severity::Warning, message, line,
                            QStringLiteral("The daemon will not find that block and writes a new one: remove the "
                                           "lone marker line in an editor, or leave it for the daemon's next run.")));
}

QString daemonDamageReason(const ConfigDocument &doc, const BlockLayout &layout)
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
        if (line.kind == ConfigLine::Kind::Continuation && daemonReadsAsMarker(doc.text(line).trimmed()))
            return QStringLiteral("line %1 inside a multi-line value looks like a managed-block marker: the "
                                  "daemon would cut the value apart")
                .arg(i + 1);
    }
    for (int i = 0; i < doc.lines.size(); ++i) {
        const ConfigLine &line = doc.lines[i];
        if (line.kind == ConfigLine::Kind::Comment && !layout.inNamed[i] && daemonReadsAsMarker(doc.text(line))
            && classifyMarker(doc.text(line)).kind == Marker::Kind::None)
            return QStringLiteral("line %1 starts like a managed-block marker, and the daemon, which matches "
                                  "markers by how a line starts, would take it for one and cut lines out")
                .arg(i + 1);
    }
    if (!layout.named.isEmpty() || !layout.strayNamed.isEmpty())
        return QStringLiteral("its named blocks (multi-agent, memory, shell-environment) do not stand where its "
                              "next run puts them, so it would move them or the lines around them again");
    return QStringLiteral("the daemon's line-based rewrite would change content it does not own");
}

} // namespace SandboxDoctor
