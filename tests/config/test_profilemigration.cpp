// Issue 11.4: the edit moves a legacy root `profile = "<name>"` and its
// [profiles.<name>] tables to <name>.config.toml (Codex 0.150+ refuses the line;
// `codex --profile <name>` reads that file and refuses while the table is in
// config.toml), value for value, and leaves forms it cannot move exactly alone.

#include "config/configanalysis.h"
#include "config/editplanner.h"
#include "config/effectivesandbox.h"

#include "testsupport.h"

#include <QTest>

using namespace SandboxDoctor;

class TestProfileMigration final : public QObject
{
    Q_OBJECT

private slots:
    void profileAndTables_moveToTheProfileFile()
    {
        const QByteArray config = "model = \"o3\"\nprofile = \"work\"\n\n[profiles.work.sandbox_workspace_write]\n"
                                  "network_access = true\n\n[profiles.work]\n# mine\nsandbox_mode = "
                                  "\"danger-full-access\"\n\n[tui]\ntheme = \"dark\"\n";
        QVERIFY(!computeEffectiveSandbox(config, true, Version(0, 171, 0)).runs());
        const auto edit = proposeEdit(config, TestSupport::workspaceWrite());
        QVERIFY2(edit.hasValue(), edit ? "" : qPrintable(edit.error().message));
        QVERIFY(edit->migration.has_value());
        QCOMPARE(edit->migration->profile, QStringLiteral("work"));
        QCOMPARE(edit->migration->fileName, QStringLiteral("work.config.toml"));
        QCOMPARE(edit->migration->profileLine, 2);
        // The table's own keys first (at the root), subtables after, comments kept.
        QCOMPARE(edit->migration->content,
                 QByteArray("# Moved here from config.toml's [profiles.work] by codex-sandbox-doctor: Codex 0.150 and "
                            "newer read it with `codex --profile work`.\n# mine\nsandbox_mode = \"danger-full-access\"\n"
                            "\n[sandbox_workspace_write]\nnetwork_access = true\n"));
        QVERIFY(!edit->after.contains("profile"));
        QVERIFY(edit->after.endsWith("model = \"o3\"\n\n[tui]\ntheme = \"dark\"\n"));
        QVERIFY(computeEffectiveSandbox(edit->after, true, Version(0, 171, 0)).runs());

        // After apply: nothing left to do, and status says current.
        const auto again = proposeEdit(edit->after, TestSupport::workspaceWrite());
        QVERIFY(again.hasValue());
        QVERIFY(!again->changed);
        QVERIFY(!again->migration.has_value());
        QCOMPARE(analyzeConfig(edit->after, true, TestSupport::workspaceWrite()).block, BlockState::Current);
    }

    void noTable_movesTheLineAndWritesTheHeaderOnly()
    {
        const auto edit = proposeEdit("profile = \"fast\"\n", TestSupport::workspaceWrite());
        QVERIFY(edit.hasValue());
        QVERIFY(edit->migration.has_value());
        QVERIFY(edit->migration->content.startsWith("# Moved here"));
        QCOMPARE(edit->migration->content.count('\n'), 1);
    }

    // What the moved lines leave after the block is laid out as the planner lays it
    // out (one empty line, then the first line that is not empty; nothing when no
    // line is left), so that a second apply changes nothing (found by fuzz_editplan:
    // `profile = "x"` alone came out with an empty line the next apply removed).
    void leftoverEmptyLines_takeThePlannersLayout_data()
    {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<QByteArray>("afterBlock");
        QTest::newRow("profile alone") << QByteArray("profile = \"x\"\n") << QByteArray();
        QTest::newRow("empty lines before it") << QByteArray("\n\n\nprofile = \"x\"\n") << QByteArray();
        QTest::newRow("an empty line after it") << QByteArray("profile = \"x\"\n\nmodel = 1\n")
                                                << QByteArray("\nmodel = 1\n");
        QTest::newRow("a comment before it") << QByteArray("# c\nprofile = \"x\"\n\nmodel = 1\n")
                                             << QByteArray("\n# c\n\nmodel = 1\n");
        QTest::newRow("spaces are a line of the user's") << QByteArray("profile = \"x\"\n\n  \nmodel = 1\n")
                                                         << QByteArray("\n  \nmodel = 1\n");
        QTest::newRow("CRLF") << QByteArray("profile = \"x\"\r\n\r\nmodel = 1\r\n") << QByteArray("\r\nmodel = 1\r\n");
    }

    void leftoverEmptyLines_takeThePlannersLayout()
    {
        QFETCH(QByteArray, config);
        QFETCH(QByteArray, afterBlock);
        const auto edit = proposeEdit(config, TestSupport::workspaceWrite());
        QVERIFY(edit.hasValue());
        QVERIFY(edit->migration.has_value());
        const QByteArray end = "# END multica-managed";
        const qsizetype endAt = edit->after.indexOf(end);
        QVERIFY(endAt > 0);
        const QByteArray eol = config.contains("\r\n") ? "\r\n" : "\n";
        QCOMPARE(edit->after.mid(endAt + end.size()), eol + afterBlock);
        const auto again = proposeEdit(edit->after, TestSupport::workspaceWrite());
        QVERIFY(again.hasValue());
        QVERIFY2(!again->changed, again->after.constData());
    }

    // A right block with only a legacy profile after it: the move leaves the block
    // alone in the file, shorter than the block plus its empty line the layout
    // check compared with (Q_ASSERT in QByteArrayView::first, a read past the end
    // in a release build). The block is laid out as the daemon writes it, so the
    // state is stale (apply changes something else), never misplaced.
    void rightBlockThenOnlyAProfile_isStale()
    {
        const QByteArray block = "# BEGIN multica-managed (do not edit; regenerated by daemon)\n"
                                 "sandbox_mode = \"workspace-write\"\n"
                                 "sandbox_workspace_write.network_access = true\n"
                                 "# END multica-managed\n";
        const auto edit = proposeEdit(block + "\nprofile = \"work\"\n", TestSupport::workspaceWrite());
        QVERIFY(edit.hasValue());
        QVERIFY(edit->migration.has_value());
        QCOMPARE(edit->after, block);
        QCOMPARE(analyzeConfig(block + "\nprofile = \"work\"\n", true, TestSupport::workspaceWrite()).block,
                 BlockState::Stale);
    }

    // Forms the line-based move cannot carry over exactly: left to the user.
    void otherForms_areNotMigrated_data()
    {
        QTest::addColumn<QByteArray>("config");
        QTest::newRow("inline-table") << QByteArray("profile = \"w\"\nprofiles.w = { model = \"o3\" }\n");
        QTest::newRow("dotted-under-profiles") << QByteArray("profile = \"w\"\n[profiles]\nw.model = \"o3\"\n");
        QTest::newRow("name-not-a-file") << QByteArray("profile = \"../x\"\n");
    }

    void otherForms_areNotMigrated()
    {
        QFETCH(QByteArray, config);
        const auto edit = proposeEdit(config, TestSupport::workspaceWrite());
        QVERIFY(edit.hasValue());
        QVERIFY(!edit->migration.has_value());
        QVERIFY(edit->after.contains("profile = "));
        const ConfigAnalysis analysis = analyzeConfig(config, true, TestSupport::workspaceWrite());
        for (const Finding &f : analysis.findings) {
            if (f.code == FindingCode::LegacyProfile)
                QVERIFY2(f.fix.contains(QStringLiteral("Apply leaves this line as it is")), qPrintable(f.fix));
        }
    }

    void legacyFinding_saysApplyMigrates()
    {
        AnalysisContext context;
        context.codexHome = QStringLiteral("/home/u/.codex");
        const ConfigAnalysis analysis =
            analyzeConfig("profile = \"work\"\n[profiles.work]\nmodel = \"o3\"\n", true, TestSupport::workspaceWrite(),
                          context);
        bool found = false;
        for (const Finding &f : analysis.findings) {
            if (f.code != FindingCode::LegacyProfile)
                continue;
            found = true;
            QVERIFY2(f.fix.startsWith(QStringLiteral("Run apply: it moves the values of [profiles.work] to "
                                                     "/home/u/.codex/work.config.toml")),
                     qPrintable(f.fix));
            QVERIFY(f.fix.contains(QStringLiteral("codex --profile work")));
        }
        QVERIFY(found);
    }
};

QTEST_GUILESS_MAIN(TestProfileMigration)
#include "test_profilemigration.moc"
