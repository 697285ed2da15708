// The planner's rules for whole tables: [sandbox_workspace_write] (kept, or
// rewritten as root dotted keys) and its inline form.

#include "config/planner_p.h"
#include "config/plannerrules_p.h"
#include "config/tomllexer.h"

namespace SandboxDoctor {

using namespace PlannerRules;

// The lines of the table that `header` opens, as the user meant them: up to the
// next header that stays (a table header inside an old managed block goes, so
// the lines it captured are this table's again) or the next named block that
// opens a table of its own. `named` gets the first line of a header-free named
// block inside the table (the daemon's, in its place), or -1.
QList<int> LinePlanner::tableLines(int header, int *named) const
{
    const QList<ConfigLine> &lines = m_doc.lines;
    QList<int> body;
    *named = -1;
    for (int k = header + 1; k < lines.size(); ++k) {
        if (m_layout.inNamed[k]) {
            // A named block's keys above its own first header (if any) are this
            // table's: the block stands in it. After such a header the table is another.
            const auto begins = m_namedBegins.constFind(k);
            if (begins != m_namedBegins.constEnd()) {
                const BlockLayout::Named &block = m_layout.named[*begins];
                for (int j = block.begin + 1; j < block.end && !isHeader(lines[j]); ++j) {
                    if (lines[j].kind == ConfigLine::Kind::KeyValue && *named < 0)
                        *named = k;
                }
                if (block.opensTable)
                    break;
            }
            continue;
        }
        if (isHeader(lines[k]) && !m_groupHeaders.contains(k))
            break;
        body.append(k);
    }
    return body;
}

// A key of a table apply rewrites: the block's own network_access (in
// [sandbox_workspace_write]) and a trapped sandbox mode go, each with its note;
// any other key is type-checked and stays the caller's to place.
bool LinePlanner::dropsSandboxKey(int k, const QStringList &full, bool inSandboxTable)
{
    const ConfigLine &line = m_doc.lines[k];
    if (inSandboxTable && isPath(line.path, NetworkAccess)) {
        dropStatement(k, true);
        markRemovesKey(k);
        noteLegacy(k, QStringLiteral("network_access in [sandbox_workspace_write]"));
        return true;
    }
    if (isTrappedMode(full)) {
        dropStatement(k, false);
        markRemovesKey(k);
        noteTrapped(k, full);
        return true;
    }
    checkType(k, full);
    return false;
}

// `[sandbox_workspace_write]` (any spelling). When the block's dotted key defines
// that table, the header cannot open it again: its keys become root dotted keys.
// Under danger-full-access the table stays, without the network_access the
// block no longer sets.
void LinePlanner::planSandboxTable(int header)
{
    if (flattens(m_doc.lines[header].path)) {
        planFlattenedTable(header);
        return;
    }
    const QList<ConfigLine> &lines = m_doc.lines;
    int named = -1;
    int keptKeys = 0;
    for (const int k : tableLines(header, &named)) {
        const ConfigLine &line = lines[k];
        if (m_drop[k] || line.kind == ConfigLine::Kind::Continuation)
            continue;
        if (line.kind == ConfigLine::Kind::KeyValue) {
            if (!dropsSandboxKey(k, QStringList{SandboxTable} + line.path, true))
                ++keptKeys;
        } else if (line.kind != ConfigLine::Kind::Blank && line.kind != ConfigLine::Kind::Comment) {
            ++keptKeys;
        }
    }
    if (keptKeys == 0 && named < 0)
        drop(header);  // emptied: a bare header would only keep an empty table
}

// A table whose keys must become root dotted keys: [sandbox_workspace_write] when
// the block defines it by a dotted key, or a table an old block's header held keys
// of, which now stand at the root as dotted keys of it. Either way the header
// would define the table a second time.
void LinePlanner::planFlattenedTable(int header)
{
    const QList<ConfigLine> &lines = m_doc.lines;
    const QStringList &path = lines[header].path;
    const bool sandboxTable = isPath(path, SandboxTable);
    const QByteArray prefix = sandboxTable ? DottedPrefix : headerKeyText(header) + '.';
    int named = -1;
    const QList<int> body = tableLines(header, &named);
    if (named >= 0) {
        refuse(named, QStringLiteral("The multica daemon's block at line %1 stands inside the table [%2], which "
                                     "apply has to rewrite as dotted keys (line %3).")
                          .arg(named + 1)
                          .arg(tableText(path))
                          .arg(header + 1),
               QStringLiteral("Its lines would then fall into another table."));
        return;
    }

    QList<Generated> moved;
    drop(header);
    const QByteArray comment = trailingComment(lines[header].headerEnd, header);
    if (!comment.isEmpty())
        moved.append({comment, {}});
    for (const int k : body) {
        const ConfigLine &line = lines[k];
        // Dropped lines are planned already; a lone named marker is the daemon's
        // and stays where it is (moved, it could pair with another marker).
        if (m_drop[k] || m_keep[k] || line.kind == ConfigLine::Kind::Continuation)
            continue;
        if (line.kind == ConfigLine::Kind::KeyValue) {
            if (!dropsSandboxKey(k, path + line.path, sandboxTable)) {
                moved += movedStatement(k, prefix);
                dropStatement(k);
            }
        } else {
            moved.append({m_doc.text(line).toByteArray(), m_doc.body.mid(line.end, line.eolLength)});
            drop(k);
        }
    }

    while (!moved.isEmpty() && moved.constFirst().text.trimmed().isEmpty())
        moved.removeFirst();
    while (!moved.isEmpty() && moved.constLast().text.trimmed().isEmpty())
        moved.removeLast();
    if (moved.isEmpty())
        return;
    m_rootChunk.append({header, moved});
    const QString table = tableText(path);
    m_notes.append({QString(FindingCode::LegacyDirective), Severity::Info,
                    sandboxTable && m_dottedBlock
                        ? QStringLiteral("Rewrites [sandbox_workspace_write] (line %1) as root dotted keys: the "
                                         "managed block's sandbox_workspace_write.network_access already defines "
                                         "that table, so the header would make the file invalid. Every value is "
                                         "kept.").arg(header + 1)
                        : QStringLiteral("Rewrites [%1] (line %2) as root dotted keys: keys the old managed block "
                                         "held under its own [%1] header move to the root as dotted keys of that "
                                         "table, so the header would define it twice. Every value is kept.")
                              .arg(table)
                              .arg(header + 1),
                    header + 1, QString()});
}

// `sandbox_workspace_write = { ... }` at the root: the same trap as the header,
// and the place a network_access may hide.
void LinePlanner::planInlineSandboxTable(int lineIndex)
{
    const ConfigLine &line = m_doc.lines[lineIndex];
    const auto entries = splitInlineTable(m_doc.body, line.valueStart);
    if (!entries)
        return;  // the final check refuses if this leaves the file invalid
    bool managedInside = false;
    for (const InlineEntry &entry : *entries) {
        if (isPath(entry.path, NetworkAccess) || entry.path.constLast() == ModeKey)
            managedInside = true;
    }
    if (!m_dottedBlock && !managedInside)
        return;

    QList<Generated> generated;
    const QByteArray comment = trailingComment(line.valueEnd, line.lastLine);
    if (!comment.isEmpty())
        generated.append({indentation(lineIndex) + comment, {}});
    for (const InlineEntry &entry : *entries) {
        if (isPath(entry.path, NetworkAccess)) {
            noteLegacy(lineIndex, QStringLiteral("network_access in sandbox_workspace_write = { ... }"));
            continue;
        }
        if (entry.path.constLast() == ModeKey) {
            noteTrapped(lineIndex, QStringList{SandboxTable} + entry.path);
            continue;
        }
        generated.append({indentation(lineIndex) + DottedPrefix + m_doc.body.mid(entry.start, entry.end - entry.start),
                          {}});
    }
    dropStatement(lineIndex);  // not blanked for the repaired parse: the line holds user values
    markRemovesKey(lineIndex);
    m_replacements.insert(lineIndex, generated);
}

} // namespace SandboxDoctor
