// Today's multica daemon writes four more marked blocks into config.toml, each
// named (issue 14.1): they are the daemon's, never the sandbox block or its
// damage, kept byte for byte, listed by the analysis; the daemon simulation
// follows today's daemon for files that carry them.

#include "config/configanalysis.h"
#include "config/daemonsimulation.h"
#include "config/editplanner.h"
#include "config/managedblock.h"

#include "daemonreference.h"
#include "testsupport.h"
#include "todayfixtures.h"
#include "tomlcheck.h"

#include <QTest>

using namespace SandboxDoctor;
using namespace TestSupport;

Q_DECLARE_METATYPE(SandboxDoctor::Marker::Kind)

namespace {

const QByteArray WwBlock = DaemonReference::render(workspaceWrite());
const QByteArray FullBlock = DaemonReference::render(fullAccess());

// The bytes of each named block the analysis lists, BEGIN line through END line.
QList<QByteArray> namedBlockTexts(const QByteArray &file)
{
    const ConfigAnalysis analysis = analyzeConfig(file, true, fullAccess());
    const QList<QByteArray> lines = file.split('\n');
    QList<QByteArray> texts;
    for (const NamedBlock &block : analysis.namedBlocks) {
        QByteArray text;
        for (int line = block.beginLine; line <= block.endLine; ++line)
            text += lines[line - 1] + '\n';
        texts.append(text);
    }
    return texts;
}

const Finding *findingWith(const QList<Finding> &findings, QLatin1String code)
{
    for (const Finding &f : findings) {
        if (f.code == code)
            return &f;
    }
    return nullptr;
}

} // namespace

class TestNamedBlocks final : public QObject
{
    Q_OBJECT

private slots:
    void marker_isAWholeLine_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<Marker::Kind>("kind");
        QTest::addColumn<QByteArray>("name");
        QTest::newRow("sandbox begin") << DaemonReference::Begin << Marker::Kind::SandboxBegin << QByteArray();
        QTest::newRow("sandbox end") << DaemonReference::End << Marker::Kind::SandboxEnd << QByteArray();
        QTest::newRow("named begin") << DaemonReference::namedBegin("multi-agent") << Marker::Kind::NamedBegin
                                     << QByteArray("multi-agent");
        QTest::newRow("named end") << DaemonReference::namedEnd("multi-agent") << Marker::Kind::NamedEnd
                                   << QByteArray("multi-agent");
        QTest::newRow("a future name") << QByteArray("# BEGIN multica-managed tool.policy_2 (any words)")
                                       << Marker::Kind::NamedBegin << QByteArray("tool.policy_2");
        QTest::newRow("named begin without words") << QByteArray("# BEGIN multica-managed memory-config")
                                                   << Marker::Kind::NamedBegin << QByteArray("memory-config");
        // The daemon's regular expressions match these by prefix; whole lines do not.
        QTest::newRow("sandbox begin with more") << DaemonReference::Begin + " x" << Marker::Kind::None << QByteArray();
        QTest::newRow("sandbox end with more") << DaemonReference::End + "-old" << Marker::Kind::None << QByteArray();
        QTest::newRow("indented") << " " + DaemonReference::End << Marker::Kind::None << QByteArray();
        QTest::newRow("named end with more") << DaemonReference::namedEnd("multi-agent") + " x" << Marker::Kind::None
                                             << QByteArray();
        QTest::newRow("named begin, words unclosed") << QByteArray("# BEGIN multica-managed x (do not edit")
                                                     << Marker::Kind::None << QByteArray();
    }

    void marker_isAWholeLine()
    {
        QFETCH(QByteArray, line);
        QFETCH(Marker::Kind, kind);
        QFETCH(QByteArray, name);
        const Marker marker = classifyMarker(line);
        QCOMPARE(marker.kind, kind);
        QCOMPARE(marker.name.toByteArray(), name);
    }

    // The fixtures are what the daemon writes: the hand-made files equal the
    // transcription's output, and its next run leaves them alone.
    void fixtures_areWhatTodaysDaemonWrites()
    {
        QCOMPARE(DaemonReference::prepareToday(TodayFixtures::UserPlain, fullAccess()), TodayFixtures::DaemonPlain);
        QCOMPARE(DaemonReference::prepareToday(TodayFixtures::UserFeatures, fullAccess()),
                 TodayFixtures::DaemonFeatures);
        QCOMPARE(DaemonReference::today(TodayFixtures::DaemonPlain, fullAccess()), TodayFixtures::DaemonPlain);
        QCOMPARE(DaemonReference::today(TodayFixtures::DaemonFeatures, fullAccess()), TodayFixtures::DaemonFeatures);
    }

    void analysis_listsNamedBlocks_andTheSandboxBlockIsCurrent_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QList<int>>("lines");  // begin, end, begin, end, ...
        QTest::newRow("plain") << TodayFixtures::DaemonPlain
                               << QStringList{QStringLiteral("memory-feature"), QStringLiteral("memory-config"),
                                              QStringLiteral("multi-agent"), QStringLiteral("shell-environment")}
                               << QList<int>{1, 3, 4, 7, 9, 11, 23, 28};
        QTest::newRow("[features]") << TodayFixtures::DaemonFeatures
                                    << QStringList{QStringLiteral("memory-config"), QStringLiteral("memory-feature"),
                                                   QStringLiteral("multi-agent"), QStringLiteral("shell-environment")}
                                    << QList<int>{1, 4, 13, 15, 16, 18, 24, 29};
    }

    void analysis_listsNamedBlocks_andTheSandboxBlockIsCurrent()
    {
        QFETCH(QByteArray, file);
        QFETCH(QStringList, names);
        QFETCH(QList<int>, lines);
        const ConfigAnalysis a = analyzeConfig(file, true, fullAccess());
        QCOMPARE(a.block, BlockState::Current);
        QVERIFY2(a.findings.isEmpty(), qPrintable(a.findings.value(0).message));
        QCOMPARE(a.namedBlocks.size(), names.size());
        for (int i = 0; i < names.size(); ++i) {
            QCOMPARE(a.namedBlocks[i].name, names[i]);
            QCOMPARE(a.namedBlocks[i].beginLine, lines[2 * i]);
            QCOMPARE(a.namedBlocks[i].endLine, lines[2 * i + 1]);
        }
        const auto edit = proposeEdit(file, fullAccess());
        QVERIFY(edit);
        QVERIFY(!edit->changed);
    }

    // The report: "block damaged (1 complete block, 4 END without BEGIN)"
    // and apply deleting the END lines of the daemon's four blocks.
    void apply_keepsNamedBlocksByteForByte_andASecondApplyChangesNothing_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<bool>("workspaceWrite");
        QTest::newRow("plain, the daemon's policy") << TodayFixtures::DaemonPlain << false;
        QTest::newRow("plain, the seed's policy") << TodayFixtures::DaemonPlain << true;
        QTest::newRow("[features], the daemon's policy") << TodayFixtures::DaemonFeatures << false;
        QTest::newRow("[features], the seed's policy") << TodayFixtures::DaemonFeatures << true;
        QTest::newRow("plain, sandbox block stale and below the user's content")
            << QByteArray(TodayFixtures::DaemonPlain).replace(QByteArray(FullBlock + '\n'), QByteArray()).replace(
                   QByteArray("trust_level = \"trusted\"\n"), QByteArray("trust_level = \"trusted\"\n\n" + WwBlock))
            << false;
        QTest::newRow("without the sandbox block") << QByteArray(TodayFixtures::DaemonFeatures).replace(QByteArray(FullBlock + '\n'), QByteArray())
                                                   << true;
    }

    void apply_keepsNamedBlocksByteForByte_andASecondApplyChangesNothing()
    {
        QFETCH(QByteArray, file);
        QFETCH(bool, workspaceWrite);
        const SandboxPolicy policy = workspaceWrite ? TestSupport::workspaceWrite() : fullAccess();
        const QList<QByteArray> named = namedBlockTexts(file);
        QCOMPARE(named.size(), 4);

        const ConfigAnalysis before = analyzeConfig(file, true, policy);
        QVERIFY(!hasFinding(before.findings, FindingCode::BlockDamaged));
        const auto edit = proposeEdit(file, policy);
        QVERIFY2(edit, qPrintable(edit ? QString() : edit.error().toText()));
        for (const QByteArray &block : named)
            QVERIFY2(edit->after.contains(block), block.constData());
        QCOMPARE(namedBlockTexts(edit->after), named);
        QVERIFY(TomlCheck::parse(edit->after));

        const auto again = proposeEdit(edit->after, policy);
        QVERIFY(again);
        QVERIFY(!again->changed);
        QCOMPARE(analyzeConfig(edit->after, true, policy).block, BlockState::Current);
        // Where today's daemon keeps its blocks: its next run changes nothing.
        QCOMPARE(DaemonReference::today(edit->after, policy), edit->after);
        QVERIFY(!hasFinding(edit->notes, FindingCode::DaemonWillCorrupt));
    }

    // The daemon's header-free blocks head the file; the sandbox block follows
    // them, one blank line apart, as the daemon's own runs leave it.
    void apply_putsTheSandboxBlockAfterTheDaemonsHead()
    {
        const QByteArray multiAgent = DaemonReference::namedBlock("multi-agent", {"features.multi_agent = false"});
        const auto edit = proposeEdit(multiAgent + "\n\n\nmodel = \"o3\"\n", workspaceWrite());
        QVERIFY(edit);
        QCOMPARE(edit->after, multiAgent + '\n' + WwBlock + "\nmodel = \"o3\"\n");
        // A block that opens a table never heads the file: the sandbox keys would land in it.
        const QByteArray shell = DaemonReference::shellBlock({"PATH"});
        const auto shellFirst = proposeEdit(shell + "\nmodel = \"o3\"\n", workspaceWrite());
        QVERIFY(shellFirst);
        QCOMPARE(shellFirst->after, WwBlock + '\n' + shell + "\nmodel = \"o3\"\n");
        const auto shellLast = proposeEdit("model = \"o3\"\n\n" + shell, workspaceWrite());
        QVERIFY(shellLast);
        QCOMPARE(shellLast->after, WwBlock + "\nmodel = \"o3\"\n\n" + shell);
    }

    void namedEnd_isNotTheSandboxBlocksEnd()
    {
        const QByteArray input = "model = 1\n" + DaemonReference::namedEnd("multi-agent") + "\n[t]\nx = 1\n";
        const ConfigAnalysis a = analyzeConfig(input, true, workspaceWrite());
        QCOMPARE(a.block, BlockState::Absent);
        QVERIFY(!hasFinding(a.findings, FindingCode::BlockDamaged));
        const Finding *lone = findingWith(a.findings, FindingCode::NamedBlockUnpaired);
        QVERIFY(lone);
        QCOMPARE(lone->severity, Severity::Warning);
        QCOMPARE(lone->line, 2);
        QVERIFY(lone->message.contains(QLatin1String("multi-agent")));
        const auto edit = proposeEdit(input, workspaceWrite());
        QVERIFY(edit);
        QCOMPARE(edit->after, WwBlock + '\n' + input);
    }

    void unpairedNamedMarkers_areKeptAndReportedOnce_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<int>("line");
        const QByteArray begin = DaemonReference::namedBegin("memory-config");
        const QByteArray end = DaemonReference::namedEnd("memory-feature");
        QTest::newRow("BEGIN without END") << QByteArray(begin + "\nmemories.use_memories = false\nm = 1\n")
                                           << QByteArray(WwBlock + '\n' + begin + "\nmemories.use_memories = false\nm = 1\n")
                                           << 1;
        QTest::newRow("END before its BEGIN") << QByteArray(end + "\nm = 1\n" + DaemonReference::namedBegin("memory-feature") + "\n")
                                              << QByteArray(WwBlock + '\n' + end + "\nm = 1\n"
                                                            + DaemonReference::namedBegin("memory-feature") + "\n")
                                              << 1;
        QTest::newRow("inside the sandbox block")
            << QByteArray(DaemonReference::Begin + "\nsandbox_mode = \"read-only\"\n" + end + "\n" + DaemonReference::End
                          + "\nm = 1\n")
            << QByteArray(WwBlock + '\n' + end + "\nm = 1\n") << 3;
    }

    void unpairedNamedMarkers_areKeptAndReportedOnce()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        QFETCH(int, line);
        const ConfigAnalysis a = analyzeConfig(input, true, workspaceWrite());
        QVERIFY(!hasFinding(a.findings, FindingCode::BlockDamaged));
        int lone = 0;
        for (const Finding &f : a.findings) {
            if (f.code == FindingCode::NamedBlockUnpaired) {
                ++lone;
                QCOMPARE(f.line, line);
            }
        }
        QCOMPARE(lone, 1);
        const auto edit = proposeEdit(input, workspaceWrite());
        QVERIFY(edit);
        QCOMPARE(edit->after, expected);
        const auto again = proposeEdit(edit->after, workspaceWrite());
        QVERIFY(again && !again->changed);
    }

    // A name today's daemon does not write is still its block, kept as it is. Only
    // the blocks its own steps put above ours stand there; the sandbox step puts
    // our block above any other, so apply does too.
    void aFutureName_isTheDaemonsToo()
    {
        const QByteArray future = "# BEGIN multica-managed model-routing (do not edit; regenerated by daemon)\n"
                                  "model_provider = \"multica\"\n"
                                  "# END multica-managed model-routing\n";
        const QByteArray input = FullBlock + "\n" + future + "\nm = 1\n";
        const ConfigAnalysis a = analyzeConfig(input, true, fullAccess());
        QCOMPARE(a.block, BlockState::Current);
        QVERIFY(a.findings.isEmpty());
        QCOMPARE(a.namedBlocks.size(), 1);
        QCOMPARE(a.namedBlocks.constFirst().name, QStringLiteral("model-routing"));
        QCOMPARE(a.namedBlocks.constFirst().beginLine, 5);
        const auto edit = proposeEdit(input, workspaceWrite());
        QVERIFY(edit);
        QCOMPARE(edit->after, WwBlock + "\n" + future + "\nm = 1\n");
        const auto below = proposeEdit(future + "\n" + FullBlock, fullAccess());
        QVERIFY(below);
        QCOMPARE(below->after, FullBlock + "\n" + future + "\n");
    }

    // Lines inside a named block are its content, whatever they look like.
    void markersInsideANamedBlock_areItsContent()
    {
        const QByteArray named = DaemonReference::namedBegin("x") + "\n" + DaemonReference::End + "\n"
                                 + DaemonReference::namedEnd("y") + "\n" + DaemonReference::namedEnd("x") + "\n";
        const QByteArray input = WwBlock + "\n" + named + "m = 1\n";
        const ConfigAnalysis a = analyzeConfig(input, true, workspaceWrite());
        QCOMPARE(a.block, BlockState::Current);
        QVERIFY2(a.findings.isEmpty(), qPrintable(a.findings.value(0).message));
        QCOMPARE(a.namedBlocks.size(), 1);
        const auto edit = proposeEdit(input, workspaceWrite());
        QVERIFY(edit && !edit->changed);
    }

    // A named block's keys above its own header belong to the user's table it
    // stands in: that table is neither dropped nor rewritten under them (found
    // by generated inputs: the keys moved to another table, refused as a bug).
    void aNamedBlockInsideTheUsersTable_keepsItsKeysThere()
    {
        const QByteArray named = DaemonReference::namedBegin("memory-config") + "\nfeatures.multi_agent = false\n[tui]\n"
                                 "x = 1\n" + DaemonReference::namedEnd("memory-config") + "\n";
        const QByteArray input = "[sandbox_workspace_write]\n" + named;
        const auto kept = proposeEdit(input, fullAccess());
        QVERIFY2(kept, qPrintable(kept ? QString() : kept.error().toText()));
        QCOMPARE(kept->after, FullBlock + '\n' + input);
        // Under workspace-write the table must become dotted keys, which would move them: said.
        const auto refused = proposeEdit(input, workspaceWrite());
        QVERIFY(!refused);
        QCOMPARE(refused.error().line, 3);  // the key the table would hold
        QVERIFY(!refused.error().hint.contains(QLatin1String("bug")));
    }

    // A named block that set the sandbox itself would clash with ours: said, not written.
    void aNamedBlockThatSetsTheSandbox_isRefusedWithItsLine()
    {
        const QByteArray input = DaemonReference::namedBlock("sandbox-too", {"sandbox_mode = \"read-only\""}) + "m = 1\n";
        const auto edit = proposeEdit(input, workspaceWrite());
        QVERIFY(!edit);
        QCOMPARE(edit.error().kind, Error::Kind::Refused);
        QCOMPARE(edit.error().line, 2);
        QVERIFY(edit.error().message.contains(QLatin1String("sandbox-too")));
        QVERIFY(!edit.error().hint.contains(QLatin1String("bug")));
        const ConfigAnalysis a = analyzeConfig(input, true, workspaceWrite());
        QVERIFY(hasFinding(a.findings, FindingCode::ConfigInvalid));
    }

    // The same under an old block's own table header (found by the one-hour
    // fuzz run): the daemon's block goes to the top, where its sandbox_mode is the
    // root one, so it clashes under every policy; it was written, and refused as a
    // bug in the engine under danger-full-access.
    void aNamedBlockUnderAnOldBlocksTable_isJudgedWhereApplyPutsIt_data()
    {
        QTest::addColumn<bool>("workspaceWrite");
        QTest::newRow("workspace-write") << true;
        QTest::newRow("danger-full-access") << false;
    }

    void aNamedBlockUnderAnOldBlocksTable_isJudgedWhereApplyPutsIt()
    {
        QFETCH(bool, workspaceWrite);
        const QByteArray input = QByteArray(BlockBeginMarker) + "\nsandbox_mode = \"danger-full-access\"\n"
                                 "[sandbox_workspace_write]\n" + BlockEndMarker + "\n\n"
                                 + DaemonReference::namedBlock("multi-agent", {"sandbox_mode = \"read-only\""});
        const auto edit = proposeEdit(input, workspaceWrite ? TestSupport::workspaceWrite() : fullAccess());
        QVERIFY(!edit);
        QCOMPARE(edit.error().kind, Error::Kind::Refused);
        QCOMPARE(edit.error().line, 7);
        QVERIFY2(edit.error().message.contains(QLatin1String("sets sandbox_mode at line 7")),
                 qPrintable(edit.error().message));
        QVERIFY(!edit.error().toText().contains(QLatin1String("bug")));
    }

    // The simulation behind daemon-will-corrupt is today's daemon for files with
    // named blocks: the engine's transcription and the tests' agree.
    void daemonSimulation_isTodaysDaemon_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<bool>("workspaceWrite");
        const QByteArray multiAgent = DaemonReference::namedBlock("multi-agent", {"features.multi_agent = false"});
        QTest::newRow("plain") << TodayFixtures::DaemonPlain << false;
        QTest::newRow("[features]") << TodayFixtures::DaemonFeatures << true;
        QTest::newRow("sandbox block first") << QByteArray(FullBlock + '\n' + multiAgent + "\nm = 1\n") << false;
        QTest::newRow("blank lines between") << QByteArray(multiAgent + "\n\n\n" + FullBlock + "\n\nm = 1\n") << false;
        QTest::newRow("user's multi_agent too") << QByteArray(multiAgent + "\n" + FullBlock + "\n[features]\nmulti_agent = true\n")
                                                << false;
        QTest::newRow("crlf") << QByteArray(TodayFixtures::DaemonPlain).replace("\n", "\r\n") << false;
        QTest::newRow("bom") << QByteArray("\xEF\xBB\xBF" + TodayFixtures::DaemonFeatures) << false;
        QTest::newRow("shell block not last") << QByteArray(TodayFixtures::DaemonPlain + "\n[tui]\ntheme = \"x\"\n") << true;
        QTest::newRow("no named block") << QByteArray("m = 1\n[t]\nx = 2\n") << true;
    }

    void daemonSimulation_isTodaysDaemon()
    {
        QFETCH(QByteArray, file);
        QFETCH(bool, workspaceWrite);
        const SandboxPolicy policy = workspaceWrite ? TestSupport::workspaceWrite() : fullAccess();
        QCOMPARE(simulateDaemonRewrite(file, policy), DaemonReference::today(file, policy));
    }
};

QTEST_GUILESS_MAIN(TestNamedBlocks)
#include "test_namedblocks.moc"
