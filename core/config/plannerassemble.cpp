// The planner's last step: the result, assembled from the kept lines, the
// generated ones and the block.

#include "config/planner_p.h"
#include "config/plannerrules_p.h"

#include <algorithm>
#include <deque>

namespace SandboxDoctor {

using namespace PlannerRules;

QByteArray LinePlanner::assemble()
{
    struct Piece final
    {
        QByteArrayView text;
        QByteArrayView eol;
        int line = -1;  // the input line it is, -1 for generated text
    };
    std::deque<QByteArray> store;  // owns generated text; deque keeps addresses stable
    QList<Piece> pieces;
    pieces.reserve(m_doc.lines.size() + m_rootChunk.size() + 1);
    auto addGenerated = [&](const Generated &g) {
        store.push_back(g.text);
        const QByteArrayView text(store.back());
        store.push_back(g.eol);
        pieces.append({text, QByteArrayView(store.back()), -1});
    };
    auto insertRootChunk = [&](bool beforeHeader) {
        QList<Piece> tail;
        while (!pieces.isEmpty() && pieces.constLast().text.trimmed().isEmpty())
            tail.prepend(pieces.takeLast());
        std::stable_sort(m_rootChunk.begin(), m_rootChunk.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
        for (const auto &chunk : std::as_const(m_rootChunk)) {
            for (const Generated &g : chunk.second)
                addGenerated(g);
        }
        if (!tail.isEmpty())
            pieces += tail;
        else if (beforeHeader)
            addGenerated({{}, {}});
    };

    // Lines of the daemon's named blocks that may head the file (BlockLayout::Named::heads).
    const QList<ConfigLine> &lines = m_doc.lines;
    QList<bool> headBlockLine(lines.size(), false);
    for (const BlockLayout::Named &named : m_layout.named) {
        for (int k = named.begin; k <= named.end && named.heads; ++k)
            headBlockLine[k] = true;
    }

    bool chunkPlaced = m_rootChunk.isEmpty();
    for (int i = 0; i < lines.size(); ++i) {
        // The root section ends at the first kept header, or at a named block that opens a table.
        const bool rootEnds = (!m_drop[i] && isHeader(lines[i]) && !m_layout.inNamed[i]) || m_namedOpensTableAt[i];
        if (!chunkPlaced && rootEnds) {
            insertRootChunk(true);
            chunkPlaced = true;
        }
        if (const auto it = m_replacements.constFind(i); it != m_replacements.constEnd()) {
            for (const Generated &g : *it)
                addGenerated(g);
        }
        if (!m_drop[i])
            pieces.append({m_doc.text(lines[i]),
                           QByteArrayView(m_doc.body.constData() + lines[i].end, lines[i].eolLength), i});
    }
    if (!chunkPlaced)
        insertRootChunk(false);

    // The daemon trims leading newlines; lines holding only a line ending go too.
    qsizetype first = 0;
    while (first < pieces.size() && pieces[first].text.isEmpty())
        ++first;
    // Today's daemon prepends its multi-agent and memory blocks after writing ours,
    // so in its files they stand above our block: such a head is kept above it.
    qsizetype headEnd = first;
    for (qsizetype p = first; p < pieces.size(); ++p) {
        if (pieces[p].line >= 0 && headBlockLine[pieces[p].line])
            headEnd = p + 1;
        else if (!pieces[p].text.isEmpty())
            break;
    }
    qsizetype restStart = headEnd;
    while (restStart < pieces.size() && pieces[restStart].text.isEmpty())
        ++restStart;

    // The result's line ending: the most common among the line endings the result
    // keeps as they are. The old block's lines and the lines trimmed away do not
    // vote, so a second run, which keeps the same lines with the same endings (and
    // adds only lines in the chosen one), chooses the same. The whole file's when
    // no kept line has one.
    int crlf = 0;
    int lf = 0;
    auto vote = [&](qsizetype from, qsizetype to) {
        for (qsizetype i = from; i < to; ++i) {
            crlf += pieces[i].eol.size() == 2 ? 1 : 0;
            lf += pieces[i].eol.size() == 1 ? 1 : 0;
        }
    };
    vote(first, headEnd);
    vote(restStart, pieces.size());
    const QByteArray eol = crlf > lf ? QByteArrayLiteral("\r\n")
                           : lf > 0  ? QByteArrayLiteral("\n")
                                     : m_doc.eol();

    QByteArray out;
    out.reserve(m_doc.body.size() + 256);
    if (m_doc.bom)
        out.append(Utf8Bom);
    // Kept lines are runs of the original body, line ending included: pieces that
    // continue where the previous one ended are copied in one append.
    const char *runBegin = nullptr;
    const char *runEnd = nullptr;
    auto flush = [&] {
        if (runBegin)
            out.append(runBegin, runEnd - runBegin);
        runBegin = runEnd = nullptr;
    };
    auto put = [&](QByteArrayView piece) {
        if (piece.isEmpty())
            return;
        if (runEnd && piece.data() == runEnd) {
            runEnd += piece.size();
            return;
        }
        flush();
        runBegin = piece.data();
        runEnd = piece.data() + piece.size();
    };
    m_resultSource.clear();
    m_resultSource.reserve(pieces.size() + 8);
    auto putLines = [&](qsizetype from, qsizetype to, bool lastMayLackEol) {
        for (qsizetype i = from; i < to; ++i) {
            m_resultSource.append(pieces[i].line);
            if (pieces[i].line < 0) {  // kept lines are single lines; generated text may hold breaks
                for (qsizetype breaks = pieces[i].text.count('\n'); breaks > 0; --breaks)
                    m_resultSource.append(-1);
            }
            put(pieces[i].text);
            // A file without a final newline keeps its last line as it was; a line
            // that only became the last one keeps its line ending (a named block's
            // END line among them: the daemon's blocks stay byte for byte).
            if (lastMayLackEol && i + 1 == to && !m_doc.finalNewline && pieces[i].eol.isEmpty())
                break;
            put(pieces[i].eol.isEmpty() ? QByteArrayView(eol) : pieces[i].eol);
        }
        flush();
    };

    putLines(first, headEnd, false);
    if (headEnd > first) {
        out.append(eol);
        m_resultSource.append(-1);
    }
    m_blockFirstLine = int(m_resultSource.size()) + 1;
    m_blockLastLine = m_blockFirstLine + int(managedKeyLines(m_policy).size()) + 1;
    out.append(renderManagedBlock(m_policy, eol));
    for (int k = m_blockFirstLine; k <= m_blockLastLine; ++k)
        m_resultSource.append(-1);
    m_blockPrefixBytes = out.size();
    if (restStart >= pieces.size())
        return out;
    out.append(eol);
    m_resultSource.append(-1);
    m_blockPrefixBytes = out.size();
    putLines(restStart, pieces.size(), true);
    return out;
}

} // namespace SandboxDoctor
