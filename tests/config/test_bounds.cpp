// Hostile sizes under the 8 MiB file cap (issue 12.1): `a = ` and 200,000 '['
// crashed status, diff and apply (unbounded recursion in the lexer). Every such
// input is now refused (exit 3) with its line and the limit, never a crash, and
// in one linear pass (the suite runs under CTest's time limit, not a stopwatch).

#include "config/configanalysis.h"
#include "config/configlimits.h"
#include "config/editplanner.h"

#include "testsupport.h"

#include <QTest>

using namespace SandboxDoctor;
using namespace TestSupport;

class TestBounds final : public QObject
{
    Q_OBJECT

    // apply's refusal and status's finding for the same input, and both say the
    // limit and the line.
    static void checkRefused(const QByteArray &input, int line, const QString &limit)
    {
        const auto edit = proposeEdit(input, workspaceWrite());
        QVERIFY(!edit);
        const Error &error = edit.error();
        QCOMPARE(error.kind, Error::Kind::Refused);
        QCOMPARE(error.exitCode(), 3);
        QCOMPARE(error.line, line);
        QVERIFY2(error.message.contains(limit), qPrintable(error.message));
        QVERIFY(!error.hint.isEmpty());
        QVERIFY(!error.hint.contains(QLatin1String("bug")));

        const ConfigAnalysis analysis = analyzeConfig(input, true, workspaceWrite());
        QVERIFY(analysis.invalid);
        QCOMPARE(analysis.invalid->line, line);
        QVERIFY(hasFinding(analysis.findings, FindingCode::ConfigInvalid));
    }

private slots:
    void deepArrays_areRefusedAtTheLimit()
    {
        checkRefused("m = 1\na = " + QByteArray(200'000, '['), 2, QStringLiteral("256"));
    }

    void deepInlineTables_areRefusedAtTheLimit()
    {
        QByteArray input = "a = ";
        for (int i = 0; i < 200'000; ++i)
            input += "{b=";
        checkRefused(input, 1, QStringLiteral("256"));
    }

    void deepArraysInsideAnInlineTableOnALaterLine_nameThatLine()
    {
        checkRefused("x = 1\n\n[t]\nv = { k = " + QByteArray(300, '[') + QByteArray(300, ']') + " }\n", 4,
                     QStringLiteral("256"));
    }

    // The parser's own limit, reached and not passed: both accept it.
    void nestingAtTheLimit_isAccepted()
    {
        const QByteArray input = "a = " + QByteArray(MaxValueNesting, '[') + QByteArray(MaxValueNesting, ']') + '\n';
        const auto edit = proposeEdit(input, workspaceWrite());
        QVERIFY2(edit, qPrintable(edit ? QString() : edit.error().toText()));
        QVERIFY(edit->after.endsWith(input));
        checkRefused("a = " + QByteArray(MaxValueNesting + 1, '[') + QByteArray(MaxValueNesting + 1, ']') + '\n', 1,
                     QStringLiteral("256"));
    }

    void aSevenMiBString_isRefusedAsTooLongAValue()
    {
        checkRefused("model = \"o3\"\ninstructions = \"" + QByteArray(7 * 1024 * 1024, 'x') + "\"\n", 2,
                     QStringLiteral("1 MiB"));
        checkRefused("notes = '''\n" + QByteArray(7 * 1024 * 1024, 'y') + "\n'''\n", 1, QStringLiteral("1 MiB"));
    }

    void aMillionShortLines_areRefusedAsTooManyLines()
    {
        QByteArray input;
        input.reserve(2'000'000);
        for (int i = 0; i < 1'000'000; ++i)
            input += "#\n";
        checkRefused(input, int(MaxLines) + 1, QStringLiteral("config.toml has 1000000 lines; the limit is 500000"));
    }

    void manyLinesUnderTheLimit_areEdited()
    {
        QByteArray input;
        for (int i = 0; i < 400'000; ++i)
            input += "#\n";
        input += "m = 1\n";
        const auto edit = proposeEdit(input, workspaceWrite());
        QVERIFY(edit);
        QVERIFY(edit->after.endsWith(input));
    }

    void aKeyOf200000Parts_isRefused()
    {
        QByteArray key = "a";
        for (int i = 0; i < 200'000; ++i)
            key += ".a";
        checkRefused("m = 1\n" + key + " = 1\n", 2, QStringLiteral("256"));
        checkRefused("[" + key + "]\n", 1, QStringLiteral("256"));
    }

    // Values that only look deep: brackets in strings and comments do not count.
    void bracketsInStringsAndComments_doNotCount()
    {
        const QByteArray input = "a = [\"" + QByteArray(1000, '[') + "\", # " + QByteArray(1000, '{') + "\n  '"
                                 + QByteArray(1000, '[') + "']\nb = \"\"\"\n" + QByteArray(1000, '[') + "\n\"\"\"\n";
        const auto edit = proposeEdit(input, workspaceWrite());
        QVERIFY2(edit, qPrintable(edit ? QString() : edit.error().toText()));
        QVERIFY(edit->after.endsWith(input));
    }
};

QTEST_GUILESS_MAIN(TestBounds)
#include "test_bounds.moc"
