#include "config/textdiff.h"

#include <QByteArrayView>
#include <QHash>

#include <algorithm>
#include <vector>

namespace SandboxDoctor {

namespace {

// A file cut into lines; each line keeps its "\n" so that a last line without
// one never equals the same text with one (diff must show that change).
struct LineTable final
{
    std::vector<QByteArrayView> lines;
    std::vector<int> ids;  // equal lines share an id, so the diff compares ints

    bool lacksNewline(int index) const { return !lines[index].endsWith('\n'); }
};

std::vector<QByteArrayView> splitLines(const QByteArray &bytes)
{
    std::vector<QByteArrayView> lines;
    qsizetype start = 0;
    while (start < bytes.size()) {
        const qsizetype nl = bytes.indexOf('\n', start);
        const qsizetype end = nl < 0 ? bytes.size() : nl + 1;
        lines.emplace_back(bytes.constData() + start, end - start);
        start = end;
    }
    return lines;
}

// Myers' O((N+M)D) difference with linear memory (the divide-and-conquer
// "middle snake" form, as in diff-match-patch's bisect), marking which lines
// of each side are not part of the common subsequence. Past a cost budget a
// stretch is reported as replaced wholesale: still a correct diff, just not
// minimal, and never quadratic on two unrelated 1 MiB files.
class Differ final
{
public:
    Differ(const std::vector<int> &a, const std::vector<int> &b)
        : m_a(a), m_b(b), m_removed(a.size(), false), m_added(b.size(), false)
    {
        const qint64 total = qint64(a.size()) + qint64(b.size());
        m_maxCost = int(std::max<qint64>(1000, 50'000'000 / std::max<qint64>(1, total)));
        compare(0, int(a.size()), 0, int(b.size()));
    }

    const std::vector<bool> &removed() const { return m_removed; }
    const std::vector<bool> &added() const { return m_added; }

private:
    void markAll(int aLo, int aHi, int bLo, int bHi)
    {
        for (int i = aLo; i < aHi; ++i)
            m_removed[i] = true;
        for (int j = bLo; j < bHi; ++j)
            m_added[j] = true;
    }

    void compare(int aLo, int aHi, int bLo, int bHi)
    {
        while (aLo < aHi && bLo < bHi && m_a[aLo] == m_b[bLo]) {
            ++aLo;
            ++bLo;
        }
        while (aLo < aHi && bLo < bHi && m_a[aHi - 1] == m_b[bHi - 1]) {
            --aHi;
            --bHi;
        }
        if (aLo == aHi || bLo == bHi) {
            markAll(aLo, aHi, bLo, bHi);
            return;
        }
        int x = 0, y = 0;
        // A split at either corner would recurse on the same problem forever.
        if (!bisect(aLo, aHi, bLo, bHi, x, y) || (x == 0 && y == 0) || (x == aHi - aLo && y == bHi - bLo)) {
            markAll(aLo, aHi, bLo, bHi);
            return;
        }
        compare(aLo, aLo + x, bLo, bLo + y);
        compare(aLo + x, aHi, bLo + y, bHi);
    }

    // Finds where the forward and the reverse search meet; false when nothing
    // is common or the budget ran out.
    bool bisect(int aLo, int aHi, int bLo, int bHi, int &splitX, int &splitY) const
    {
        const int n = aHi - aLo, m = bHi - bLo;
        const int *a = m_a.data() + aLo;
        const int *b = m_b.data() + bLo;
        const int maxD = std::min((n + m + 1) / 2, m_maxCost);
        const int offset = (n + m + 1) / 2 + 1;
        const int length = 2 * offset + 2;
        std::vector<int> v1(length, -1), v2(length, -1);
        v1[offset + 1] = 0;
        v2[offset + 1] = 0;
        const int delta = n - m;
        const bool front = (delta % 2 != 0);
        int k1start = 0, k1end = 0, k2start = 0, k2end = 0;
        for (int d = 0; d < maxD; ++d) {
            for (int k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
                const int k1o = offset + k1;
                int x1 = (k1 == -d || (k1 != d && v1[k1o - 1] < v1[k1o + 1])) ? v1[k1o + 1] : v1[k1o - 1] + 1;
                int y1 = x1 - k1;
                while (x1 < n && y1 < m && a[x1] == b[y1]) {
                    ++x1;
                    ++y1;
                }
                v1[k1o] = x1;
                if (x1 > n) {
                    k1end += 2;
                } else if (y1 > m) {
                    k1start += 2;
                } else if (front) {
                    const int k2o = offset + delta - k1;
                    if (k2o >= 0 && k2o < length && v2[k2o] != -1 && x1 >= n - v2[k2o]) {
                        splitX = x1;
                        splitY = y1;
                        return true;
                    }
                }
            }
            for (int k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
                const int k2o = offset + k2;
                int x2 = (k2 == -d || (k2 != d && v2[k2o - 1] < v2[k2o + 1])) ? v2[k2o + 1] : v2[k2o - 1] + 1;
                int y2 = x2 - k2;
                while (x2 < n && y2 < m && a[n - x2 - 1] == b[m - y2 - 1]) {
                    ++x2;
                    ++y2;
                }
                v2[k2o] = x2;
                if (x2 > n) {
                    k2end += 2;
                } else if (y2 > m) {
                    k2start += 2;
                } else if (!front) {
                    const int k1o = offset + delta - k2;
                    if (k1o >= 0 && k1o < length && v1[k1o] != -1) {
                        const int x1 = v1[k1o];
                        const int y1 = offset + x1 - k1o;
                        if (x1 >= n - x2) {
                            splitX = x1;
                            splitY = y1;
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    const std::vector<int> &m_a;
    const std::vector<int> &m_b;
    std::vector<bool> m_removed;
    std::vector<bool> m_added;
    int m_maxCost = 0;
};

struct Op final
{
    DiffLine::Kind kind;
    int oldIndex;  // 0-based line in a, or the count of a's lines before an added line
    int newIndex;
};

struct Script final
{
    LineTable a, b;
    std::vector<Op> ops;
};

Script buildScript(const QByteArray &oldBytes, const QByteArray &newBytes)
{
    Script s;
    s.a.lines = splitLines(oldBytes);
    s.b.lines = splitLines(newBytes);
    QHash<QByteArrayView, int> ids;
    ids.reserve(qsizetype(s.a.lines.size() + s.b.lines.size()));
    auto idOf = [&ids](QByteArrayView line) {
        const auto it = ids.constFind(line);
        if (it != ids.constEnd())
            return *it;
        const int id = int(ids.size());
        ids.insert(line, id);
        return id;
    };
    s.a.ids.reserve(s.a.lines.size());
    for (const QByteArrayView &line : s.a.lines)
        s.a.ids.push_back(idOf(line));
    s.b.ids.reserve(s.b.lines.size());
    for (const QByteArrayView &line : s.b.lines)
        s.b.ids.push_back(idOf(line));

    const Differ differ(s.a.ids, s.b.ids);
    const int n = int(s.a.lines.size()), m = int(s.b.lines.size());
    int i = 0, j = 0;
    // Removals before additions in every changed stretch, as diff(1) prints them.
    while (i < n || j < m) {
        if (i < n && differ.removed()[i]) {
            s.ops.push_back({DiffLine::Kind::Removed, i, j});
            ++i;
        } else if (j < m && differ.added()[j]) {
            s.ops.push_back({DiffLine::Kind::Added, i, j});
            ++j;
        } else {
            s.ops.push_back({DiffLine::Kind::Context, i, j});
            ++i;
            ++j;
        }
    }
    return s;
}

struct HunkRange final
{
    int begin, end;  // into Script::ops
    int oldStart, oldCount, newStart, newCount;
};

std::vector<HunkRange> groupHunks(const std::vector<Op> &ops, int context)
{
    context = std::max(0, context);
    std::vector<HunkRange> hunks;
    const int n = int(ops.size());
    int i = 0;
    while (i < n) {
        if (ops[i].kind == DiffLine::Kind::Context) {
            ++i;
            continue;
        }
        const int begin = std::max(0, i - context);
        int lastChange = i;
        int j = i + 1;
        while (j < n) {
            if (ops[j].kind != DiffLine::Kind::Context) {
                lastChange = j++;
                continue;
            }
            int k = j;
            while (k < n && ops[k].kind == DiffLine::Kind::Context)
                ++k;
            if (k < n && k - j <= 2 * context) {
                j = k;
                continue;
            }
            break;
        }
        const int end = std::min(n, lastChange + 1 + context);
        HunkRange h{begin, end, 0, 0, 0, 0};
        for (int k = begin; k < end; ++k) {
            if (ops[k].kind != DiffLine::Kind::Added)
                ++h.oldCount;
            if (ops[k].kind != DiffLine::Kind::Removed)
                ++h.newCount;
        }
        // diff(1): an empty range names the line before it ("-0,0" at the top).
        h.oldStart = ops[begin].oldIndex + (h.oldCount > 0 ? 1 : 0);
        h.newStart = ops[begin].newIndex + (h.newCount > 0 ? 1 : 0);
        hunks.push_back(h);
        i = end;
    }
    return hunks;
}

QByteArrayView withoutEnding(QByteArrayView line)
{
    if (line.endsWith('\n'))
        line.chop(1);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

QString range(int start, int count)
{
    return count == 1 ? QString::number(start) : QString::number(start) + QLatin1Char(',') + QString::number(count);
}

} // namespace

QList<DiffHunk> diffLines(const QByteArray &a, const QByteArray &b, int context)
{
    QList<DiffHunk> result;
    if (a == b)
        return result;
    const Script s = buildScript(a, b);
    for (const HunkRange &h : groupHunks(s.ops, context)) {
        DiffHunk hunk;
        hunk.oldStart = h.oldStart;
        hunk.oldCount = h.oldCount;
        hunk.newStart = h.newStart;
        hunk.newCount = h.newCount;
        for (int k = h.begin; k < h.end; ++k) {
            const Op &op = s.ops[k];
            DiffLine line;
            line.kind = op.kind;
            line.oldLine = op.kind == DiffLine::Kind::Added ? 0 : op.oldIndex + 1;
            line.newLine = op.kind == DiffLine::Kind::Removed ? 0 : op.newIndex + 1;
            const QByteArrayView raw = op.kind == DiffLine::Kind::Added ? s.b.lines[op.newIndex] : s.a.lines[op.oldIndex];
            line.text = QString::fromUtf8(withoutEnding(raw));
            hunk.lines.append(line);
        }
        result.append(hunk);
    }
    return result;
}

QString unifiedDiff(const QByteArray &a, const QByteArray &b, const QString &oldLabel, const QString &newLabel,
                    int context)
{
    if (a == b)
        return {};
    const Script s = buildScript(a, b);
    QString out;
    out.reserve(1024);
    out += QLatin1String("--- ") + oldLabel + QLatin1Char('\n');
    out += QLatin1String("+++ ") + newLabel + QLatin1Char('\n');
    const int lastOld = int(s.a.lines.size()) - 1, lastNew = int(s.b.lines.size()) - 1;
    for (const HunkRange &h : groupHunks(s.ops, context)) {
        out += QLatin1String("@@ -") + range(h.oldStart, h.oldCount) + QLatin1String(" +")
               + range(h.newStart, h.newCount) + QLatin1String(" @@\n");
        for (int k = h.begin; k < h.end; ++k) {
            const Op &op = s.ops[k];
            const bool added = op.kind == DiffLine::Kind::Added;
            QByteArrayView raw = added ? s.b.lines[op.newIndex] : s.a.lines[op.oldIndex];
            const bool lastWithoutNewline = added ? (op.newIndex == lastNew && s.b.lacksNewline(op.newIndex))
                                                  : (op.oldIndex == lastOld && s.a.lacksNewline(op.oldIndex));
            if (raw.endsWith('\n'))
                raw.chop(1);  // a "\r" stays: the diff must show a CRLF file as it is
            out += QLatin1Char(op.kind == DiffLine::Kind::Context ? ' ' : added ? '+' : '-');
            out += QString::fromUtf8(raw);
            out += QLatin1Char('\n');
            if (lastWithoutNewline)
                out += QLatin1String("\\ No newline at end of file\n");
        }
    }
    return out;
}

} // namespace SandboxDoctor
