#include "preview/diffcolors.h"
#include "preview/diffrows.h"
#include "preview/diffview.h"
#include "preview/tomlhighlighter.h"

#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

#include <QTest>

using namespace SandboxDoctor;
using namespace SandboxDoctor::Ui;

class TestDiffView final : public QObject
{
    Q_OBJECT

private slots:
    void unifiedRows_startEachHunkWithHeader()
    {
        const QList<DiffRow> rows = unifiedRows(diffLines("a\nb\n", "x\na\nb\n"));
        QVERIFY(!rows.isEmpty());
        QCOMPARE(rows.first().kind, DiffRow::Kind::Header);
        QCOMPARE(rows.at(1).kind, DiffRow::Kind::Added);
        QCOMPARE(rows.at(1).text, QStringLiteral("x"));
        QCOMPARE(rows.at(1).newLine, 1);
        QCOMPARE(rows.at(1).oldLine, 0);
    }

    void sideBySide_padsShorterRunWithFillers()
    {
        const SideBySideRows rows = sideBySideRows(diffLines("keep\nold\n", "keep\nnew1\nnew2\nnew3\n"));
        QCOMPARE(rows.left.size(), rows.right.size());
        int fillers = 0;
        for (int i = 0; i < rows.left.size(); ++i) {
            if (rows.left.at(i).kind == DiffRow::Kind::Filler) {
                ++fillers;
                QCOMPARE(rows.right.at(i).kind, DiffRow::Kind::Added);
            }
            // Context lines face each other.
            if (rows.left.at(i).kind == DiffRow::Kind::Context)
                QCOMPARE(rows.right.at(i).text, rows.left.at(i).text);
        }
        QCOMPARE(fillers, 2);
    }

    void diffView_listsAddedAndRemovedLines()
    {
        DiffView view;
        view.setTexts("model = \"o3\"\nsandbox_mode = \"read-only\"\n", "model = \"o3\"\nsandbox_mode = \"danger-full-access\"\n");
        QCOMPARE(view.addedLines(), QStringList{QStringLiteral("sandbox_mode = \"danger-full-access\"")});
        QCOMPARE(view.removedLines(), QStringList{QStringLiteral("sandbox_mode = \"read-only\"")});
        view.setSideBySide(true);
        QVERIFY(view.isSideBySide());
    }

    void highlighter_coloursKeysStringsCommentsAndMultilineStrings()
    {
        QTextDocument document;
        document.setPlainText(QStringLiteral("[tui] # header\nkey = \"v # not a comment\" # comment\ntext = '''\n[not.a.table]\n'''"));
        TomlHighlighter highlighter(&document);
        QPalette palette;
        palette.setColor(QPalette::Base, Qt::white);
        palette.setColor(QPalette::Text, Qt::black);
        const DiffColors colors = DiffColors::forPalette(palette);
        highlighter.setColors(colors);

        // The colour at a column of a line, as the highlighter formatted it.
        auto colorAt = [&](int line, int column) -> QColor {
            const QTextBlock block = document.findBlockByNumber(line);
            for (const QTextLayout::FormatRange &range : block.layout()->formats()) {
                if (column >= range.start && column < range.start + range.length)
                    return range.format.foreground().color();
            }
            return {};
        };
        QCOMPARE(colorAt(0, 1), colors.tableHeader);
        QCOMPARE(colorAt(0, 8), colors.comment);
        QCOMPARE(colorAt(1, 0), colors.key);
        QCOMPARE(colorAt(1, 10), colors.string);   // '#' inside the string is string
        QCOMPARE(colorAt(1, 30), colors.comment);
        QCOMPARE(colorAt(3, 2), colors.string);    // a header-like line inside ''' is string
    }

    void colors_followDarkPalette()
    {
        QPalette light;
        light.setColor(QPalette::Base, Qt::white);
        light.setColor(QPalette::Text, Qt::black);
        QPalette dark;
        dark.setColor(QPalette::Base, QColor(0x1f, 0x21, 0x24));
        dark.setColor(QPalette::Text, QColor(0xe6, 0xe7, 0xea));
        QVERIFY(!DiffColors::isDark(light));
        QVERIFY(DiffColors::isDark(dark));
        // Added lines stay a tint of their base: light on light, dark on dark.
        QVERIFY(DiffColors::forPalette(light).addedBackground.lightness() > 180);
        QVERIFY(DiffColors::forPalette(dark).addedBackground.lightness() < 90);
        QVERIFY(DiffColors::forPalette(dark).removedBackground.lightness() < 90);
    }
};

QTEST_MAIN(TestDiffView)
#include "test_diffview.moc"
