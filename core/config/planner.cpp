#include "config/planner_p.h"

#include "config/tomllexer.h"

namespace SandboxDoctor {

namespace {

const QString SandboxTable = QStringLiteral("sandbox_workspace_write");
const QString ModeKey = QStringLiteral("sandbox_mode");
const QString NetworkAccess = QStringLiteral("network_access");
const QByteArray DottedPrefix = QByteArrayLiteral("sandbox_workspace_write.");

// Path tests that build no temporary list (they run for every line).
bool isPath(const QStringList &path, const QString &only)
{
    return path.size() == 1 && path.constFirst() == only;
}

bool isPath(const QStringList &path, const QString &first, const QString &second)
{
    return path.size() == 2 && path.constFirst() == first && path.constLast() == second;
}

bool isTrappedMode(const QStringList &fullPath)
{
    return fullPath.size() >= 2 && fullPath.constLast() == ModeKey
           && fullPath.constFirst() != QLatin1String("profiles");
}

bool isHeader(const ConfigLine &line)
{
    return line.kind == ConfigLine::Kind::Table || line.kind == ConfigLine::Kind::ArrayTable;
}

} // namespace

LinePlanner::LinePlanner(const ConfigDocument &doc, const BlockLayout &layout, const SandboxPolicy &policy)
    : m_doc(doc), m_layout(layout), m_policy(policy)
{
    m_dottedBlock = managedKeyLines(policy).size() > 1;
    const int n = int(doc.lines.size());
    m_drop.fill(false, n);
    m_managed.fill(false, n);
    m_inBlock.fill(false, n);
}

void LinePlanner::run()
{
    planBlocks();
    planStatements();
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

QStringList LinePlanner::fullPath(int line) const
{
    const ConfigLine &l = m_doc.lines[line];
    if (l.section < 0)
        return l.path;
    return m_doc.lines[l.section].path + l.path;
}

QByteArray LinePlanner::indentation(int line) const
{
    const ConfigLine &l = m_doc.lines[line];
    return m_doc.body.mid(l.start, l.keyStart - l.start);
}

// A `# comment` after `from` on line `lineIndex`, or empty.
QByteArray LinePlanner::trailingComment(int from, int lineIndex) const
{
    const ConfigLine &l = m_doc.lines[lineIndex];
    if (from < l.start || from >= l.end)
        return {};
    const QByteArray rest = m_doc.body.mid(from, l.end - from).trimmed();
    return rest.startsWith('#') ? rest : QByteArray();
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
    const QString table = QStringList(path.mid(0, path.size() - 1)).join(QLatin1Char('.'));
    m_findings.append({QString(FindingCode::SandboxKeyTrapped), Severity::Error,
                       QStringLiteral("sandbox_mode at line %1 lies inside the table [%2], where Codex does not "
                                      "read it (0.171 refuses to load such a file).").arg(line + 1).arg(table),
                       line + 1,
                       QStringLiteral("Run apply: the trapped key is removed; the managed block sets "
                                      "sandbox_mode at the root.")});
    m_notes.append({QString(FindingCode::SandboxKeyTrapped), Severity::Warning,
                    QStringLiteral("Removes sandbox_mode trapped in [%1] at line %2.").arg(table).arg(line + 1),
                    line + 1, QString()});
}

void LinePlanner::planBlocks()
{
    const QList<ConfigLine> &lines = m_doc.lines;
    for (const BlockLayout::Block &block : m_layout.blocks) {
        drop(block.begin, true);
        drop(block.end, true);
        for (int k = block.begin + 1; k < block.end; ++k) {
            m_inBlock[k] = true;
            const ConfigLine &line = lines[k];
            if (line.kind == ConfigLine::Kind::Blank || line.kind == ConfigLine::Kind::Comment) {
                drop(k, true);
            } else if (line.kind == ConfigLine::Kind::KeyValue) {
                const bool managed = isPath(line.path, ModeKey)
                                     || isPath(line.path, SandboxTable, NetworkAccess);
                if (managed)
                    dropStatement(k, true);
                for (int c = k + 1; c <= line.lastLine; ++c)
                    m_inBlock[c] = true;
                k = line.lastLine;
            }
        }
        // The daemon's pattern ends in \n*: the empty lines after END go with the block.
        for (int k = block.end + 1; k < lines.size() && lines[k].end == lines[k].start
                                    && lines[k].kind == ConfigLine::Kind::Blank; ++k)
            drop(k);
    }
    for (int line : m_layout.strayBegins)
        drop(line, true);
    for (int line : m_layout.strayEnds)
        drop(line, true);
}

void LinePlanner::planStatements()
{
    const QList<ConfigLine> &lines = m_doc.lines;
    for (int i = 0; i < lines.size(); ++i) {
        const ConfigLine &line = lines[i];
        if (m_inBlock[i])
            continue;
        if (line.kind == ConfigLine::Kind::Table && isPath(line.path, SandboxTable)) {
            planSandboxTable(i);
            continue;
        }
        if (line.kind != ConfigLine::Kind::KeyValue)
            continue;
        if (line.section >= 0 && lines[line.section].kind == ConfigLine::Kind::Table
            && isPath(lines[line.section].path, SandboxTable))
            continue;  // planned with its table
        // Only a key ending in one of these names can be the block's business.
        const QString &last = line.path.constLast();
        if (last != ModeKey && last != NetworkAccess && last != SandboxTable)
            continue;
        const QStringList full = fullPath(i);
        if (isPath(full, ModeKey)) {
            dropStatement(i, true);
            noteLegacy(i, ModeKey);
        } else if (isPath(full, SandboxTable, NetworkAccess)) {
            dropStatement(i, true);
            noteLegacy(i, QStringLiteral("sandbox_workspace_write.network_access"));
        } else if (isPath(full, SandboxTable) && line.valueStart < m_doc.body.size()
                   && m_doc.body[line.valueStart] == '{') {
            planInlineSandboxTable(i);
        } else if (isTrappedMode(full)) {
            dropStatement(i, false);
            noteTrapped(i, full);
        }
    }
}

// `[sandbox_workspace_write]` (any spelling). The block's dotted key defines that
// table, so the header cannot open it again: its keys become root dotted keys.
void LinePlanner::planSandboxTable(int header)
{
    const QList<ConfigLine> &lines = m_doc.lines;
    int end = header + 1;
    while (end < lines.size() && lines[end].section == header)
        ++end;

    QList<Generated> moved;
    if (m_dottedBlock) {
        drop(header);
        const QByteArray comment = trailingComment(lines[header].headerEnd, header);
        if (!comment.isEmpty())
            moved.append({comment, {}});
    }
    int keptKeys = 0;
    for (int k = header + 1; k < end; ++k) {
        const ConfigLine &line = lines[k];
        if (m_inBlock[k] || m_drop[k])
            continue;
        if (line.kind == ConfigLine::Kind::KeyValue) {
            if (isPath(line.path, NetworkAccess)) {
                dropStatement(k, true);
                noteLegacy(k, QStringLiteral("network_access in [sandbox_workspace_write]"));
            } else if (line.path.constLast() == ModeKey) {
                dropStatement(k, false);
                noteTrapped(k, QStringList{SandboxTable} + line.path);
            } else if (m_dottedBlock) {
                const QByteArray text = indentation(k) + DottedPrefix
                                        + m_doc.body.mid(line.keyStart, line.end - line.keyStart);
                moved.append({text, m_doc.body.mid(line.end, line.eolLength)});
                for (int c = k + 1; c <= line.lastLine; ++c)
                    moved.append({m_doc.text(lines[c]).toByteArray(),
                                  m_doc.body.mid(lines[c].end, lines[c].eolLength)});
                dropStatement(k);
            } else {
                ++keptKeys;
            }
            k = line.lastLine;
        } else if (m_dottedBlock) {
            moved.append({m_doc.text(line).toByteArray(), m_doc.body.mid(line.end, line.eolLength)});
            drop(k);
        } else if (line.kind != ConfigLine::Kind::Blank && line.kind != ConfigLine::Kind::Comment) {
            ++keptKeys;
        }
    }
    if (!m_dottedBlock && keptKeys == 0)
        drop(header);  // emptied: a bare header would only keep an empty table

    while (!moved.isEmpty() && moved.constFirst().text.trimmed().isEmpty())
        moved.removeFirst();
    while (!moved.isEmpty() && moved.constLast().text.trimmed().isEmpty())
        moved.removeLast();
    if (m_dottedBlock && !moved.isEmpty()) {
        m_rootChunk += moved;
        m_notes.append({QString(FindingCode::LegacyDirective), Severity::Info,
                        QStringLiteral("Rewrites [sandbox_workspace_write] (line %1) as root dotted keys: the "
                                       "managed block's sandbox_workspace_write.network_access already defines "
                                       "that table, so the header would make the file invalid. Every value is "
                                       "kept.").arg(header + 1),
                        header + 1, QString()});
    }
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
    m_replacements.insert(lineIndex, generated);
}

QByteArray LinePlanner::assemble()
{
    struct Piece final
    {
        QByteArrayView text;
        QByteArrayView eol;
    };
    std::deque<QByteArray> store;  // owns generated text; deque keeps addresses stable
    QList<Piece> pieces;
    pieces.reserve(m_doc.lines.size() + m_rootChunk.size() + 1);
    auto addGenerated = [&](const Generated &g) {
        store.push_back(g.text);
        const QByteArrayView text(store.back());
        store.push_back(g.eol);
        pieces.append({text, QByteArrayView(store.back())});
    };
    auto insertRootChunk = [&](bool beforeHeader) {
        QList<Piece> tail;
        while (!pieces.isEmpty() && pieces.constLast().text.trimmed().isEmpty())
            tail.prepend(pieces.takeLast());
        for (const Generated &g : std::as_const(m_rootChunk))
            addGenerated(g);
        if (!tail.isEmpty())
            pieces += tail;
        else if (beforeHeader)
            addGenerated({{}, {}});
    };

    const QList<ConfigLine> &lines = m_doc.lines;
    bool chunkPlaced = m_rootChunk.isEmpty();
    for (int i = 0; i < lines.size(); ++i) {
        if (!chunkPlaced && !m_drop[i] && isHeader(lines[i])) {
            insertRootChunk(true);
            chunkPlaced = true;
        }
        if (const auto it = m_replacements.constFind(i); it != m_replacements.constEnd()) {
            for (const Generated &g : *it)
                addGenerated(g);
        }
        if (!m_drop[i])
            pieces.append({m_doc.text(lines[i]),
                           QByteArrayView(m_doc.body.constData() + lines[i].end, lines[i].eolLength)});
    }
    if (!chunkPlaced)
        insertRootChunk(false);

    // The daemon trims leading newlines; lines holding only a line ending go too.
    qsizetype first = 0;
    while (first < pieces.size() && pieces[first].text.isEmpty())
        ++first;

    const QByteArray eol = m_doc.eol();
    QByteArray out;
    out.reserve(m_doc.body.size() + 256);
    if (m_doc.bom)
        out.append(Utf8Bom);
    out.append(renderManagedBlock(m_policy, eol));
    if (first >= pieces.size())
        return out;
    out.append(eol);
    // Kept lines are runs of the original body, line ending included: pieces that
    // continue where the previous one ended are copied in one append.
    const char *runBegin = nullptr;
    const char *runEnd = nullptr;
    auto put = [&](QByteArrayView piece) {
        if (piece.isEmpty())
            return;
        if (runEnd && piece.data() == runEnd) {
            runEnd += piece.size();
            return;
        }
        if (runBegin)
            out.append(runBegin, runEnd - runBegin);
        runBegin = piece.data();
        runEnd = piece.data() + piece.size();
    };
    for (qsizetype i = first; i < pieces.size(); ++i) {
        put(pieces[i].text);
        const bool last = i + 1 == pieces.size();
        if (last && !m_doc.finalNewline)
            break;  // a file without a final newline keeps its last line as it was
        put(pieces[i].eol.isEmpty() ? QByteArrayView(eol) : pieces[i].eol);
    }
    if (runBegin)
        out.append(runBegin, runEnd - runBegin);
    return out;
}

} // namespace SandboxDoctor
