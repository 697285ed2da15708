#include "config/textdiff.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace SandboxDoctor;

namespace {

// Applies a unified diff to `old` the way patch(1) would, checking every
// header count and every context/removed line against the old text. Returns
// the patched text, or a null QByteArray when the diff does not fit.
QByteArray applyUnified(const QByteArray &old, const QString &diff)
{
    QList<QByteArray> oldLines;
    {
        qsizetype start = 0;
        while (start < old.size()) {
            const qsizetype nl = old.indexOf('\n', start);
            const qsizetype end = nl < 0 ? old.size() : nl + 1;
            oldLines.append(old.mid(start, end - start));
            start = end;
        }
    }
    const QList<QByteArray> lines = diff.toUtf8().split('\n');
    if (lines.size() < 2 || !lines[0].startsWith("--- ") || !lines[1].startsWith("+++ "))
        return {};
    static const QRegularExpression header(QStringLiteral("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@$"));
    QByteArray out;
    int oldPos = 0;  // lines of old consumed
    qsizetype i = 2;
    while (i < lines.size() && !(i == lines.size() - 1 && lines[i].isEmpty())) {
        const auto m = header.match(QString::fromUtf8(lines[i]));
        if (!m.hasMatch())
            return {};
        const int oldStart = m.captured(1).toInt();
        const int oldCount = m.captured(2).isEmpty() ? 1 : m.captured(2).toInt();
        const int newCount = m.captured(4).isEmpty() ? 1 : m.captured(4).toInt();
        const int firstOld = oldCount == 0 ? oldStart : oldStart - 1;  // 0-based
        if (firstOld < oldPos)
            return {};
        while (oldPos < firstOld)
            out += oldLines[oldPos++];
        ++i;
        // Collect the hunk's lines first: a "\ No newline" line changes the line before it.
        QList<QPair<char, QByteArray>> entries;
        int seenOld = 0, seenNew = 0;
        while (i < lines.size() && (seenOld < oldCount || seenNew < newCount || lines[i].startsWith('\\'))) {
            const QByteArray &l = lines[i++];
            if (l.startsWith('\\')) {
                if (l != "\\ No newline at end of file" || entries.isEmpty() || !entries.last().second.endsWith('\n'))
                    return {};
                entries.last().second.chop(1);
                continue;
            }
            const char tag = l.isEmpty() ? '?' : l[0];
            if (tag != ' ' && tag != '-' && tag != '+')
                return {};
            entries.append({tag, l.mid(1) + '\n'});
            seenOld += tag != '+';
            seenNew += tag != '-';
        }
        for (const auto &[tag, text] : std::as_const(entries)) {
            if (tag != '+') {
                if (oldPos >= oldLines.size() || oldLines[oldPos] != text)
                    return {};
                ++oldPos;
            }
            if (tag != '-')
                out += text;
        }
        if (seenOld != oldCount || seenNew != newCount)
            return {};
    }
    while (oldPos < oldLines.size())
        out += oldLines[oldPos++];
    return out;
}

QByteArray randomText(QRandomGenerator &rng, int lines, const QList<QByteArray> &vocabulary)
{
    QByteArray text;
    for (int i = 0; i < lines; ++i)
        text += vocabulary[rng.bounded(int(vocabulary.size()))] + '\n';
    if (!text.isEmpty() && rng.bounded(4) == 0)
        text.chop(1);
    return text;
}

} // namespace

class TestTextDiff final : public QObject
{
    Q_OBJECT

private slots:
    void diff_identicalIsEmpty()
    {
        const QByteArray text = "a\nb\n";
        QVERIFY(diffLines(text, text).isEmpty());
        QVERIFY(unifiedDiff(text, text).isEmpty());
    }

    void diff_blockOnTopHasProperHeaders()
    {
        const QByteArray before = "model = \"o3\"\n\n[tui]\ntheme = \"dark\"\n";
        const QByteArray after = "# BEGIN\nsandbox_mode = \"x\"\n# END\n\nmodel = \"o3\"\n\n[tui]\ntheme = \"dark\"\n";
        // What GNU diff -u prints for the same pair.
        QCOMPARE(unifiedDiff(before, after),
                 QStringLiteral("--- a/config.toml\n+++ b/config.toml\n"
                                "@@ -1,3 +1,7 @@\n"
                                "+# BEGIN\n+sandbox_mode = \"x\"\n+# END\n+\n"
                                " model = \"o3\"\n \n [tui]\n"));
        const QList<DiffHunk> hunks = diffLines(before, after);
        QCOMPARE(hunks.size(), 1);
        QCOMPARE(hunks[0].oldStart, 1);
        QCOMPARE(hunks[0].oldCount, 3);
        QCOMPARE(hunks[0].newStart, 1);
        QCOMPARE(hunks[0].newCount, 7);
        QCOMPARE(hunks[0].lines[0].kind, DiffLine::Kind::Added);
        QCOMPARE(hunks[0].lines[0].newLine, 1);
        QCOMPARE(hunks[0].lines[0].oldLine, 0);
        QCOMPARE(hunks[0].lines[4].kind, DiffLine::Kind::Context);
        QCOMPARE(hunks[0].lines[4].oldLine, 1);
        QCOMPARE(hunks[0].lines[4].newLine, 5);
    }

    void diff_emptyOldFileStartsAtZero()
    {
        QCOMPARE(unifiedDiff({}, "x\n"), QStringLiteral("--- a/config.toml\n+++ b/config.toml\n@@ -0,0 +1 @@\n+x\n"));
        QCOMPARE(unifiedDiff("x\ny\n", {}),
                 QStringLiteral("--- a/config.toml\n+++ b/config.toml\n@@ -1,2 +0,0 @@\n-x\n-y\n"));
    }

    void diff_threeLinesOfContextAndSeparateHunks()
    {
        QByteArray before, after;
        for (int i = 1; i <= 20; ++i) {
            before += "line " + QByteArray::number(i) + '\n';
            after += (i == 3 || i == 17 ? "changed " : "line ") + QByteArray::number(i) + '\n';
        }
        QCOMPARE(unifiedDiff(before, after),
                 QStringLiteral("--- a/config.toml\n+++ b/config.toml\n"
                                "@@ -1,6 +1,6 @@\n line 1\n line 2\n-line 3\n+changed 3\n line 4\n line 5\n line 6\n"
                                "@@ -14,7 +14,7 @@\n line 14\n line 15\n line 16\n-line 17\n+changed 17\n line 18\n"
                                " line 19\n line 20\n"));
        // Changes six lines apart share one hunk (their contexts touch).
        QByteArray near = before;
        near.replace("line 9\n", "changed 9\n");
        near.replace("line 3\n", "changed 3\n");
        QCOMPARE(diffLines(before, near).size(), 1);
    }

    void diff_marksMissingFinalNewline()
    {
        QCOMPARE(unifiedDiff("a\nb", "a\nb\n"),
                 QStringLiteral("--- a/config.toml\n+++ b/config.toml\n@@ -1,2 +1,2 @@\n a\n-b\n"
                                "\\ No newline at end of file\n+b\n"));
        QCOMPARE(unifiedDiff("a\n", "x\na"),
                 QStringLiteral("--- a/config.toml\n+++ b/config.toml\n@@ -1 +1,2 @@\n-a\n+x\n+a\n"
                                "\\ No newline at end of file\n"));
        // Unchanged last line without a newline: marked once, after the context line.
        QCOMPARE(unifiedDiff("a\nb", "x\na\nb"),
                 QStringLiteral("--- a/config.toml\n+++ b/config.toml\n@@ -1,2 +1,3 @@\n+x\n a\n b\n"
                                "\\ No newline at end of file\n"));
    }

    void diff_crlfLinesShowTheirCarriageReturn()
    {
        const QString text = unifiedDiff("a\r\nb\r\n", "x\r\na\r\nb\r\n");
        QVERIFY(text.contains(QStringLiteral("+x\r\n a\r\n")));
        const QList<DiffHunk> hunks = diffLines("a\r\nb\r\n", "x\r\na\r\nb\r\n");
        QCOMPARE(hunks[0].lines[0].text, QStringLiteral("x"));  // the view shows text, not the ending
        // A file converted from CRLF to LF differs on every line.
        QCOMPARE(diffLines("a\r\nb\r\n", "a\nb\n")[0].oldCount, 2);
    }

    void diff_customLabels()
    {
        QVERIFY(unifiedDiff("a\n", "b\n", QStringLiteral("x/old"), QStringLiteral("y/new"))
                    .startsWith(QStringLiteral("--- x/old\n+++ y/new\n")));
    }

    void diff_randomPairsPatchBackExactly()
    {
        QRandomGenerator rng(20261127);
        const QList<QByteArray> vocabulary = {"a", "b", "c", "[x]", "key = 1", "", "# c", "d = \"q\""};
        for (int round = 0; round < 400; ++round) {
            const QByteArray a = randomText(rng, rng.bounded(0, 40), vocabulary);
            QByteArray b;
            // Mostly edits of a, sometimes unrelated text.
            if (rng.bounded(5) == 0) {
                b = randomText(rng, rng.bounded(0, 40), vocabulary);
            } else {
                QList<QByteArray> lines = a.split('\n');
                for (int e = rng.bounded(1, 6); e > 0; --e) {
                    const int at = rng.bounded(int(lines.size()) + 1);
                    if (rng.bounded(2) == 0 && at < lines.size())
                        lines.removeAt(at);
                    else
                        lines.insert(at, vocabulary[rng.bounded(int(vocabulary.size()))]);
                }
                b = lines.join('\n');
            }
            const QString diff = unifiedDiff(a, b);
            QCOMPARE(diff.isEmpty(), a == b);
            if (a == b)
                continue;
            const QByteArray patched = applyUnified(a, diff);
            if (patched != b)
                qWarning().noquote() << "a:" << a << "\nb:" << b << "\ndiff:\n" << diff;
            QCOMPARE(patched, b);
        }
    }

    void diff_largeFileWithOneChangeIsOneSmallHunk()
    {
        QByteArray before;
        for (int i = 0; i < 30000; ++i)
            before += "[projects.\"/home/u/p" + QByteArray::number(i) + "\"]\ntrust_level = \"trusted\"\n";
        QByteArray after = "sandbox_mode = \"workspace-write\"\n\n" + before;
        after.replace("p15000\"]", "p15000-x\"]");
        const QList<DiffHunk> hunks = diffLines(before, after);
        QCOMPARE(hunks.size(), 2);
        QCOMPARE(hunks[0].newCount - hunks[0].oldCount, 2);
        QCOMPARE(hunks[1].oldCount, 7);
        QCOMPARE(applyUnified(before, unifiedDiff(before, after)), after);
    }

    void diff_unrelatedLargeFilesStillPatchBack()
    {
        // Nothing in common: the cost cap may give up on minimality, never on correctness.
        QByteArray a, b;
        for (int i = 0; i < 20000; ++i) {
            a += "a" + QByteArray::number(i) + '\n';
            b += "b" + QByteArray::number(i) + '\n';
        }
        QCOMPARE(applyUnified(a, unifiedDiff(a, b)), b);
    }
};

QTEST_GUILESS_MAIN(TestTextDiff)
#include "test_textdiff.moc"
