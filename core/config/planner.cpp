#include "config/planner_p.h"

#include "config/plannerrules_p.h"

namespace SandboxDoctor {

using namespace PlannerRules;

namespace {

// What the value starting with `value` is, in a person's words.
QString valueKind(QByteArrayView value)
{
    const char c = value.isEmpty() ? '\0' : value.front();
    switch (c) {
    case '"':
    case '\'': return QStringLiteral("a string");
    case '[': return QStringLiteral("an array");
    case '{': return QStringLiteral("an inline table");
    case 't':
    case 'f': return QStringLiteral("a boolean");
    case '\0': return QStringLiteral("empty");
    default: break;
    }
    if (c >= '0' && c <= '9' && value.size() > 4 && (value[4] == '-' || value[2] == ':'))
        return QStringLiteral("a date or time");
    return QStringLiteral("a number");
}

const QString ExpectedMode = QStringLiteral(
    "Codex expects one of the strings \"read-only\", \"workspace-write\" or \"danger-full-access\" there, and Codex "
    "0.171 refuses to load such a file.");
const QString ExpectedTable = QStringLiteral(
    "Codex expects a table there ([sandbox_workspace_write] with writable_roots, network_access, ...), and Codex "
    "0.171 refuses to load such a file.");

} // namespace

LinePlanner::LinePlanner(const ConfigDocument &doc, const BlockLayout &layout, const SandboxPolicy &policy)
    : m_doc(doc), m_layout(layout), m_policy(policy)
{
    m_dottedBlock = managedKeyLines(policy).size() > 1;
    if (m_dottedBlock)
        m_flatten.append(QStringList{SandboxTable});
    const int n = int(doc.lines.size());
    m_drop.fill(false, n);
    m_managed.fill(false, n);
    m_inBlock.fill(false, n);
    m_removesKey.fill(false, n);
    m_keep.fill(false, n);
    for (int line : layout.strayNamed)
        m_keep[line] = true;
    m_namedOpensTableAt.fill(false, n);
    for (qsizetype i = 0; i < layout.named.size(); ++i) {
        m_namedOpensTableAt[layout.named[i].begin] = layout.named[i].opensTable;
        m_namedBegins.insert(layout.named[i].begin, i);
    }
}

void LinePlanner::run()
{
    collectOldBlockTables();
    planNamedBlocks();
    planBlocks();
    planStatements();
}

// The daemon's named blocks are kept byte for byte. One that set the sandbox
// itself (no daemon block does today) would clash with ours, and Codex would
// refuse the file: said, with its line, rather than written. Its keys are judged
// where the result puts them: a block the daemon keeps on top moves there, to
// the root, whatever table held it in the input (an old block's header, found by
// fuzzing); another stays in the table that holds it after the repair.
void LinePlanner::planNamedBlocks()
{
    const QList<ConfigLine> &lines = m_doc.lines;
    for (const BlockLayout::Named &named : m_layout.named) {
        for (int k = named.begin + 1; k < named.end; ++k) {
            const ConfigLine &line = lines[k];
            QStringList full;
            if (line.kind == ConfigLine::Kind::KeyValue)
                full = named.heads ? line.path : fullPath(k);
            else if (isHeader(line))
                full = line.path;
            else
                continue;
            const bool clashes = (!full.isEmpty() && full.constFirst() == ModeKey)
                                 || (m_dottedBlock && !full.isEmpty() && full.constFirst() == SandboxTable);
            if (clashes) {
                refuse(k, QStringLiteral("The multica daemon's block \"%1\" (lines %2-%3) sets %4 at line %5, which "
                                         "the managed sandbox block sets too.")
                              .arg(named.name)
                              .arg(named.begin + 1)
                              .arg(named.end + 1)
                              .arg(tableText(full))
                              .arg(k + 1),
                       QStringLiteral("With both, Codex would refuse the file; this tool keeps the daemon's "
                                      "blocks as they are, so it does not add its own."));
                return;
            }
        }
    }
}

void LinePlanner::drop(int line, bool managed)
{
    m_drop[line] = true;
    if (managed) {
        m_managed[line] = true;
        m_anyManaged = true;
    }
}

void LinePlanner::dropStatement(int line, bool managed)
{
    const ConfigLine &l = m_doc.lines[line];
    const int last = l.kind == ConfigLine::Kind::KeyValue ? l.lastLine : line;
    for (int k = line; k <= last; ++k)
        drop(k, managed);
}

void LinePlanner::markRemovesKey(int line)
{
    m_removesKey[line] = true;
}

// The header whose table holds `line`, as the user meant it: a table header that
// stood inside an old managed block is gone after the edit, so the lines it
// captured belong to the table that holds the block (or to the root).
int LinePlanner::sectionOf(int line) const
{
    int section = m_doc.lines[line].section;
    while (section >= 0) {
        const auto group = m_groupHeaders.constFind(section);
        if (group == m_groupHeaders.constEnd())
            break;
        section = m_doc.lines[*group].section;
    }
    return section;
}

QStringList LinePlanner::fullPath(int line) const
{
    const ConfigLine &l = m_doc.lines[line];
    const int section = sectionOf(line);
    if (section < 0)
        return l.path;
    return m_doc.lines[section].path + l.path;
}

bool LinePlanner::flattens(const QStringList &table) const
{
    return m_flatten.contains(table);
}

// `[ "a" . b ]` -> `"a" . b`: the header's own spelling of its key.
QByteArray LinePlanner::headerKeyText(int header) const
{
    const ConfigLine &l = m_doc.lines[header];
    const int open = l.keyStart + 1;
    return m_doc.body.mid(open, l.headerEnd - 1 - open).trimmed();
}

QByteArray LinePlanner::indentation(int line) const
{
    const ConfigLine &l = m_doc.lines[line];
    return m_doc.body.mid(l.start, l.keyStart - l.start);
}

// A `# comment` after `from` on line `lineIndex`, or empty. A comment that the
// daemon would read as a marker on a line of its own is dropped (and said): the
// edit moves such comments onto their own lines, and a marker made that way would
// be found on the next run, which would then change the file again.
QByteArray LinePlanner::trailingComment(int from, int lineIndex)
{
    const ConfigLine &l = m_doc.lines[lineIndex];
    if (from < l.start || from >= l.end)
        return {};
    const QByteArray rest = m_doc.body.mid(from, l.end - from).trimmed();
    if (!rest.startsWith('#'))
        return {};
    if (daemonReadsAsMarker(rest)) {
        m_notes.append({QString(FindingCode::LegacyDirective), Severity::Info,
                        QStringLiteral("Drops the comment \"%1\" at the end of line %2: on a line of its own it would "
                                       "read as a managed-block marker.")
                            .arg(QString::fromUtf8(rest))
                            .arg(lineIndex + 1),
                        lineIndex + 1, QString()});
        return {};
    }
    return rest;
}

// The statement at `line` written as a root dotted key (`prefix` + its key), with
// the lines its value continues on.
QList<LinePlanner::Generated> LinePlanner::movedStatement(int line, const QByteArray &prefix) const
{
    const QList<ConfigLine> &lines = m_doc.lines;
    const ConfigLine &l = lines[line];
    QList<Generated> moved;
    moved.append({indentation(line) + prefix + m_doc.body.mid(l.keyStart, l.end - l.keyStart),
                  m_doc.body.mid(l.end, l.eolLength)});
    for (int c = line + 1; c <= l.lastLine; ++c)
        moved.append({m_doc.text(lines[c]).toByteArray(), m_doc.body.mid(lines[c].end, lines[c].eolLength)});
    return moved;
}

void LinePlanner::noteLegacy(int line, const QString &what)
{
    if (what == ModeKey)
        m_legacyMode = true;
    m_findings.append({QString(FindingCode::LegacyDirective), Severity::Warning,
                       QStringLiteral("%1 is set outside the managed block.").arg(what), line + 1,
                       QStringLiteral("Run apply: the setting moves into the managed block.")});
    m_notes.append({QString(FindingCode::LegacyDirective), Severity::Info,
                    QStringLiteral("Removes %1 at line %2: the managed block sets it.").arg(what).arg(line + 1),
                    line + 1, QString()});
}

void LinePlanner::noteTrapped(int line, const QStringList &path)
{
    const QString table = tableText(tableOf(path));
    const bool refused = sandboxModePlace(tableOf(path)) == SandboxModePlace::Refused;
    m_findings.append({QString(FindingCode::SandboxKeyTrapped), refused ? Severity::Error : Severity::Warning,
                       refused ? QStringLiteral("sandbox_mode at line %1 lies inside the table [%2], where it is no "
                                                "setting: Codex 0.171 refuses to load such a file.")
                                     .arg(line + 1)
                                     .arg(table)
                               : QStringLiteral("sandbox_mode at line %1 lies inside the table [%2], where Codex "
                                                "does not read it (0.171 ignores it there).")
                                     .arg(line + 1)
                                     .arg(table),
                       line + 1,
                       QStringLiteral("Run apply: the trapped key is removed; the managed block sets "
                                      "sandbox_mode at the root.")});
    m_notes.append({QString(FindingCode::SandboxKeyTrapped), Severity::Warning,
                    QStringLiteral("Removes sandbox_mode trapped in [%1] at line %2.").arg(table).arg(line + 1),
                    line + 1, QString()});
}

void LinePlanner::refuse(int line, const QString &what, const QString &expected)
{
    if (m_refusal)
        return;
    Error error;
    error.kind = Error::Kind::Refused;
    error.message = what + QLatin1Char(' ') + expected;
    error.line = line + 1;
    error.hint = QStringLiteral("Nothing was changed. Fix line %1 in an editor (or delete it: apply then sets the "
                                "sandbox in its managed block), then run again.")
                     .arg(line + 1);
    m_refusal = error;
}

// A root sandbox_mode must be a string and a root sandbox_workspace_write a
// table; anything else Codex refuses (checked with `codex sandbox` of 0.171:
// "invalid type: ..., expected struct SandboxWorkspaceWrite", "... expected
// string only"). The edit would only move or drop such a line, so it is said instead.
void LinePlanner::checkType(int line, const QStringList &full)
{
    if (full.isEmpty())
        return;
    const ConfigLine &l = m_doc.lines[line];
    const QByteArrayView value = QByteArrayView(m_doc.body).sliced(std::min<qsizetype>(l.valueStart, m_doc.body.size()));
    if (full.constFirst() == ModeKey) {
        if (full.size() > 1)
            refuse(line, QStringLiteral("sandbox_mode at line %1 is a table (the key %2 makes it one).")
                             .arg(line + 1)
                             .arg(tableText(full)),
                   ExpectedMode);
        else if (!value.startsWith('"') && !value.startsWith('\''))
            refuse(line, QStringLiteral("sandbox_mode at line %1 is %2.").arg(line + 1).arg(valueKind(value)),
                   ExpectedMode);
    } else if (isPath(full, SandboxTable) && !value.startsWith('{')) {
        refuse(line, QStringLiteral("sandbox_workspace_write at line %1 is %2.").arg(line + 1).arg(valueKind(value)),
               ExpectedTable);
    }
}

void LinePlanner::checkHeaderType(int line)
{
    const ConfigLine &l = m_doc.lines[line];
    if (l.path.isEmpty())
        return;
    const QString header = QString::fromUtf8(m_doc.body.mid(l.keyStart, l.headerEnd - l.keyStart));
    const bool array = l.kind == ConfigLine::Kind::ArrayTable;
    if (l.path.constFirst() == ModeKey)
        refuse(line, QStringLiteral("sandbox_mode at line %1 is %2 (the header %3 makes it one).")
                         .arg(line + 1)
                         .arg(array ? QStringLiteral("an array of tables") : QStringLiteral("a table"), header),
               ExpectedMode);
    else if (array && isPath(l.path, SandboxTable))
        refuse(line, QStringLiteral("sandbox_workspace_write at line %1 is an array of tables (the header %2 makes "
                                    "it one).")
                         .arg(line + 1)
                         .arg(header),
               ExpectedTable);
}

// An old block's own table headers, before anything is planned: the tables they
// open are rewritten as root dotted keys wherever the user wrote them, and the
// lines after the block go back to the table before it, which the keys of every
// block (named ones included) must know.
void LinePlanner::collectOldBlockTables()
{
    const QList<ConfigLine> &lines = m_doc.lines;
    for (const BlockLayout::Block &block : m_layout.blocks) {
        for (int k = block.begin + 1; k < block.end; ++k) {
            if (lines[k].kind != ConfigLine::Kind::Table || m_layout.inNamed[k])
                continue;
            m_groupHeaders.insert(k, block.begin);
            if (!flattens(lines[k].path))
                m_flatten.append(lines[k].path);
        }
    }
}

void LinePlanner::planBlocks()
{
    for (const BlockLayout::Block &block : m_layout.blocks)
        planBlock(block);
    for (int line : m_layout.strayBegins)
        drop(line, true);
    for (int line : m_layout.strayEnds)
        drop(line, true);
}

// One sandbox block: its markers, comments and managed keys go. A user key at the
// block's root stays where it is. An old-format block may hold a table header of
// its own ([sandbox_workspace_write]); the keys written under it inside the block
// were meant for that table, so they move to the root as dotted keys of it
// (`sandbox_workspace_write.writable_roots = [...]`) and the header goes, which
// gives the lines after the block back to the table the user wrote them in.
void LinePlanner::planBlock(const BlockLayout::Block &block)
{
    const QList<ConfigLine> &lines = m_doc.lines;
    drop(block.begin, true);
    drop(block.end, true);
    int group = -1;       // the block's own table header the following keys belong to
    bool array = false;   // ... an array-of-tables header, which stays with its keys
    for (int k = block.begin + 1; k < block.end; ++k) {
        m_inBlock[k] = true;
        if (m_layout.inNamed[k])
            continue;  // a named block inside ours: the daemon's, kept
        const ConfigLine &line = lines[k];
        switch (line.kind) {
        case ConfigLine::Kind::Blank:
            drop(k, true);
            break;
        case ConfigLine::Kind::Comment:
            if (!m_keep[k])  // a lone named marker is the daemon's line, kept as it is
                drop(k, true);
            break;
        case ConfigLine::Kind::Table:
            checkHeaderType(k);
            group = k;
            array = false;
            drop(k, true);
            break;
        case ConfigLine::Kind::ArrayTable:
            checkHeaderType(k);
            group = k;
            array = true;
            break;
        case ConfigLine::Kind::KeyValue: {
            for (int c = k + 1; c <= line.lastLine; ++c)
                m_inBlock[c] = true;
            if (group < 0) {
                if (isPath(line.path, ModeKey) || isPath(line.path, SandboxTable, NetworkAccess)) {
                    dropStatement(k, true);
                    markRemovesKey(k);
                } else if (const int section = sectionOf(k); !plannedWithTable(section)) {
                    // A user key at the block's root: it stays, planned as any other.
                    planKeyValue(k, section < 0 ? line.path : lines[section].path + line.path);
                }
            } else {
                const QStringList full = lines[group].path + line.path;
                if (array) {
                    if (isTrappedMode(full)) {
                        dropStatement(k, false);
                        markRemovesKey(k);
                        noteTrapped(k, full);
                    }
                } else if (movesKey(k, full)) {
                    const QList<Generated> moved = movedStatement(k, headerKeyText(group) + '.');
                    for (const Generated &g : moved) {
                        m_movedFromBlock += g.text + '\n';
                        m_movedFromBlockLines.append(k);
                    }
                    m_rootChunk.append({k, moved});
                    dropStatement(k, true);
                }
            }
            k = line.lastLine;
            break;
        }
        case ConfigLine::Kind::Continuation:
        case ConfigLine::Kind::Other:
            break;  // kept: toml++ judges it
        }
    }
    if (group >= 0 && !array)
        m_notes.append({QString(FindingCode::BlockStale), Severity::Info,
                        QStringLiteral("Repairs the old managed block (line %1), which opened table headers of its "
                                       "own: the keys written under them move to the root as dotted keys of their "
                                       "tables, and the lines after the block belong to the table they stand in "
                                       "again.")
                            .arg(block.begin + 1),
                        block.begin + 1, QString()});
    // The daemon's pattern ends in \n*: the empty lines after END go with the block.
    for (int k = block.end + 1; k < lines.size() && lines[k].end == lines[k].start
                                && lines[k].kind == ConfigLine::Kind::Blank && !m_layout.inNamed[k]; ++k)
        drop(k);
}

// A key under an old block's own table header: network_access of
// [sandbox_workspace_write] is the block's to set, a trapped sandbox_mode goes,
// everything else moves (true).
bool LinePlanner::movesKey(int line, const QStringList &full)
{
    if (isPath(full, SandboxTable, NetworkAccess)) {
        dropStatement(line, true);
        markRemovesKey(line);
        return false;
    }
    if (isTrappedMode(full)) {
        dropStatement(line, true);
        markRemovesKey(line);
        noteTrapped(line, full);
        return false;
    }
    checkType(line, full);
    return true;
}

void LinePlanner::planStatements()
{
    const QList<ConfigLine> &lines = m_doc.lines;
    for (int i = 0; i < lines.size(); ++i) {
        const ConfigLine &line = lines[i];
        if (m_inBlock[i] || m_layout.inNamed[i])
            continue;
        if (isHeader(line)) {
            checkHeaderType(i);
            if (line.kind == ConfigLine::Kind::Table && isPath(line.path, SandboxTable))
                planSandboxTable(i);
            else if (line.kind == ConfigLine::Kind::Table && flattens(line.path))
                planFlattenedTable(i);
            continue;
        }
        if (line.kind != ConfigLine::Kind::KeyValue)
            continue;
        const int section = sectionOf(i);
        if (!plannedWithTable(section))
            planKeyValue(i, section < 0 ? line.path : lines[section].path + line.path);
    }
}

// Keys in [sandbox_workspace_write] or a table to flatten are planned with it.
bool LinePlanner::plannedWithTable(int section) const
{
    const QList<ConfigLine> &lines = m_doc.lines;
    return section >= 0 && lines[section].kind == ConfigLine::Kind::Table && !m_groupHeaders.contains(section)
           && (isPath(lines[section].path, SandboxTable) || flattens(lines[section].path));
}

// One key-value of the user's, `full` its path from the root.
void LinePlanner::planKeyValue(int i, const QStringList &full)
{
    const ConfigLine &line = m_doc.lines[i];
    checkType(i, full);
    // Only a key ending in one of these names can be the block's business.
    const QString &last = line.path.constLast();
    if (last != ModeKey && last != NetworkAccess && last != SandboxTable)
        return;
    if (isPath(full, ModeKey)) {
        dropStatement(i, true);
        markRemovesKey(i);
        noteLegacy(i, ModeKey);
    } else if (isPath(full, SandboxTable, NetworkAccess)) {
        dropStatement(i, true);
        markRemovesKey(i);
        noteLegacy(i, QStringLiteral("sandbox_workspace_write.network_access"));
    } else if (isPath(full, SandboxTable) && line.valueStart < m_doc.body.size() && m_doc.body[line.valueStart] == '{') {
        planInlineSandboxTable(i);
    } else if (isTrappedMode(full)) {
        dropStatement(i, false);
        markRemovesKey(i);
        noteTrapped(i, full);
    }
}

} // namespace SandboxDoctor
