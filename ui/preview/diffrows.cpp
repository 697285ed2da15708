#include "diffrows.h"

namespace SandboxDoctor::Ui {

namespace {

DiffRow rowOf(const DiffLine &line)
{
    DiffRow row;
    switch (line.kind) {
    case DiffLine::Kind::Context: row.kind = DiffRow::Kind::Context; break;
    case DiffLine::Kind::Removed: row.kind = DiffRow::Kind::Removed; break;
    case DiffLine::Kind::Added: row.kind = DiffRow::Kind::Added; break;
    }
    row.oldLine = line.oldLine;
    row.newLine = line.newLine;
    row.text = line.text;
    return row;
}

DiffRow header(const QString &text)
{
    DiffRow row;
    row.kind = DiffRow::Kind::Header;
    row.text = text;
    return row;
}

QString range(int start, int count)
{
    return count == 1 ? QString::number(start) : QStringLiteral("%1,%2").arg(start).arg(count);
}

} // namespace

QList<DiffRow> unifiedRows(const QList<DiffHunk> &hunks)
{
    QList<DiffRow> rows;
    for (const DiffHunk &hunk : hunks) {
        rows << header(QStringLiteral("@@ -%1 +%2 @@").arg(range(hunk.oldStart, hunk.oldCount),
                                                           range(hunk.newStart, hunk.newCount)));
        for (const DiffLine &line : hunk.lines)
            rows << rowOf(line);
    }
    return rows;
}

SideBySideRows sideBySideRows(const QList<DiffHunk> &hunks)
{
    SideBySideRows rows;
    DiffRow filler;
    filler.kind = DiffRow::Kind::Filler;

    for (const DiffHunk &hunk : hunks) {
        rows.left << header(QStringLiteral("@@ -%1 @@").arg(range(hunk.oldStart, hunk.oldCount)));
        rows.right << header(QStringLiteral("@@ +%1 @@").arg(range(hunk.newStart, hunk.newCount)));

        QList<DiffRow> removed, added;
        auto flush = [&]() {
            const qsizetype n = qMax(removed.size(), added.size());
            for (qsizetype i = 0; i < n; ++i) {
                rows.left << (i < removed.size() ? removed.at(i) : filler);
                rows.right << (i < added.size() ? added.at(i) : filler);
            }
            removed.clear();
            added.clear();
        };
        for (const DiffLine &line : hunk.lines) {
            if (line.kind == DiffLine::Kind::Removed) {
                if (!added.isEmpty())
                    flush();  // a removal after additions starts a new change
                removed << rowOf(line);
            } else if (line.kind == DiffLine::Kind::Added) {
                added << rowOf(line);
            } else {
                flush();
                rows.left << rowOf(line);
                rows.right << rowOf(line);
            }
        }
        flush();
    }
    return rows;
}

} // namespace SandboxDoctor::Ui
