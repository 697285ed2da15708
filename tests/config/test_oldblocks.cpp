// Old-format sandbox blocks that hold table headers of their own (issue 14.2),
// wherever they stand: repaired in one pass, never refused. The keys written
// under a header inside the block were meant for that header's table and stay
// in it; the lines after the block, which the header captured, go back to the
// table they were written in; a second apply changes nothing.

#include "config/configanalysis.h"
#include "config/editplanner.h"

#include "daemonreference.h"
#include "testsupport.h"
#include "todayfixtures.h"
#include "tomlcheck.h"

#include <QTest>

using namespace SandboxDoctor;
using namespace TestSupport;

namespace {

const QByteArray WwBlock = DaemonReference::render(workspaceWrite());
const QByteArray FullBlock = DaemonReference::render(fullAccess());
const QByteArray Begin = DaemonReference::Begin + '\n';
const QByteArray End = DaemonReference::End + '\n';

// The TOML values the user meant, in the tests' own view (no managed keys).
QVariantMap values(const QByteArray &toml)
{
    const auto parsed = TomlCheck::parse(toml);
    return parsed ? TomlCheck::withoutManagedKeys(*parsed) : QVariantMap{{QStringLiteral("invalid"), true}};
}

} // namespace

class TestOldBlocks final : public QObject
{
    Q_OBJECT

private slots:
    void oldBlock_isRepairedInOnePass_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<bool>("workspaceWrite");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<QByteArray>("meant");  // the values, as the user meant them

        QTest::newRow("appended at the end") << TodayFixtures::OldBlockAtEnd << true
            << QByteArray(WwBlock + "\nmodel = \"o3\"\nsandbox_workspace_write.writable_roots = [\"/srv/data\", "
                                    "\"/var/cache/x\"]\n\n[projects.\"/srv/app\"]\ntrust_level = \"trusted\"\n\n")
            << QByteArray("model = \"o3\"\n[sandbox_workspace_write]\nwritable_roots = [\"/srv/data\", \"/var/cache/x\"]\n"
                          "[projects.\"/srv/app\"]\ntrust_level = \"trusted\"\n");
        QTest::newRow("appended at the end, danger-full-access") << TodayFixtures::OldBlockAtEnd << false
            << QByteArray(FullBlock + "\nmodel = \"o3\"\nsandbox_workspace_write.writable_roots = [\"/srv/data\", "
                                      "\"/var/cache/x\"]\n\n[projects.\"/srv/app\"]\ntrust_level = \"trusted\"\n\n")
            << QByteArray("model = \"o3\"\n[sandbox_workspace_write]\nwritable_roots = [\"/srv/data\", \"/var/cache/x\"]\n"
                          "[projects.\"/srv/app\"]\ntrust_level = \"trusted\"\n");
        QTest::newRow("at the top: the user's keys below it are root keys again") << TodayFixtures::OldBlockAtTop << true
            << QByteArray(WwBlock + "\nmodel = \"o3\"\napproval_policy = \"never\"\n"
                                    "sandbox_workspace_write.exclude_slash_tmp = true\n\n[tui]\ntheme = \"dark\"\n")
            << QByteArray("model = \"o3\"\napproval_policy = \"never\"\n[sandbox_workspace_write]\nexclude_slash_tmp = true\n"
                          "[tui]\ntheme = \"dark\"\n");
        QTest::newRow("below a table: the lines after it are that table's again")
            << QByteArray("[tui]\ntheme = \"dark\"\n" + Begin + "sandbox_mode = \"read-only\"\n[sandbox_workspace_write]\n"
                          "writable_roots = [\"/a\"]\n" + End + "animations = false\n")
            << true
            << QByteArray(WwBlock + "\nsandbox_workspace_write.writable_roots = [\"/a\"]\n\n[tui]\ntheme = \"dark\"\n"
                                    "animations = false\n")
            << QByteArray("[sandbox_workspace_write]\nwritable_roots = [\"/a\"]\n[tui]\ntheme = \"dark\"\nanimations = false\n");
        QTest::newRow("two headers, one of another table")
            << QByteArray(Begin + "sandbox_mode = \"workspace-write\"\n[sandbox_workspace_write]\nnetwork_access = true\n"
                                  "[tools]\nweb_search = true\n" + End + "x = 1\n")
            << true << QByteArray(WwBlock + "\nx = 1\ntools.web_search = true\n")
            << QByteArray("x = 1\n[tools]\nweb_search = true\n");
        QTest::newRow("its table is also the user's: both become dotted keys")
            << QByteArray(Begin + "[tools]\nweb_search = true\n" + End + "\n[tools]\nview_image = true # mine\n")
            << false << QByteArray(FullBlock + "\ntools.web_search = true\ntools.view_image = true # mine\n")
            << QByteArray("[tools]\nweb_search = true\nview_image = true\n");
        QTest::newRow("the user's [sandbox_workspace_write] beside it, danger-full-access")
            << QByteArray("[sandbox_workspace_write]\nwritable_roots = [\"/a\"]\n\n" + Begin
                          + "[sandbox_workspace_write]\nexclude_tmpdir_env_var = true\n" + End)
            << false
            << QByteArray(FullBlock + "\nsandbox_workspace_write.writable_roots = [\"/a\"]\n"
                                      "sandbox_workspace_write.exclude_tmpdir_env_var = true\n")
            << QByteArray("[sandbox_workspace_write]\nwritable_roots = [\"/a\"]\nexclude_tmpdir_env_var = true\n");
        QTest::newRow("an array-of-tables header stays with its keys")
            << QByteArray(Begin + "sandbox_mode = \"read-only\"\n[[skills.config]]\npath = \"/s\"\n" + End + "enabled = true\n")
            << true << QByteArray(WwBlock + "\n[[skills.config]]\npath = \"/s\"\nenabled = true\n")
            << QByteArray("[[skills.config]]\npath = \"/s\"\nenabled = true\n");
        QTest::newRow("a header with nothing under it")
            << QByteArray("m = 1\n" + Begin + "sandbox_mode = \"read-only\"\n[sandbox_workspace_write]\n" + End + "n = 2\n")
            << true << QByteArray(WwBlock + "\nm = 1\nn = 2\n") << QByteArray("m = 1\nn = 2\n");
        QTest::newRow("crlf") << QByteArray(TodayFixtures::OldBlockAtTop).replace("\n", "\r\n") << true
            << QByteArray(WwBlock + "\nmodel = \"o3\"\napproval_policy = \"never\"\n"
                                    "sandbox_workspace_write.exclude_slash_tmp = true\n\n[tui]\ntheme = \"dark\"\n")
                   .replace("\n", "\r\n")
            << QByteArray("model = \"o3\"\napproval_policy = \"never\"\n[sandbox_workspace_write]\nexclude_slash_tmp = true\n"
                          "[tui]\ntheme = \"dark\"\n");
    }

    void oldBlock_isRepairedInOnePass()
    {
        QFETCH(QByteArray, input);
        QFETCH(bool, workspaceWrite);
        QFETCH(QByteArray, expected);
        QFETCH(QByteArray, meant);
        const SandboxPolicy policy = workspaceWrite ? TestSupport::workspaceWrite() : fullAccess();

        const ConfigAnalysis a = analyzeConfig(input, true, policy);
        QVERIFY(!a.invalid);
        QVERIFY(a.block != BlockState::Current);
        const auto edit = proposeEdit(input, policy);
        QVERIFY2(edit, qPrintable(edit ? QString() : edit.error().toText()));
        QCOMPARE(edit->after, expected);
        QCOMPARE(values(edit->after), values(meant));
        QCOMPARE(analyzeConfig(edit->after, true, policy).block, BlockState::Current);
        const auto again = proposeEdit(edit->after, policy);
        QVERIFY(again);
        QVERIFY(!again->changed);
    }

    void oldBlock_analysisNamesTheHeaderAndWhatItCaptured()
    {
        const ConfigAnalysis a = analyzeConfig(TodayFixtures::OldBlockAtTop, true, workspaceWrite());
        QCOMPARE(a.block, BlockState::Stale);
        const Finding *stale = nullptr;
        for (const Finding &f : a.findings) {
            if (f.code == FindingCode::BlockStale)
                stale = &f;
        }
        QVERIFY(stale);
        QCOMPARE(stale->line, 3);
        QVERIFY(stale->message.contains(QLatin1String("[sandbox_workspace_write]")));
        QVERIFY(stale->message.contains(QLatin1String("old format")));
    }

    // A key both the old block's table and the user define is said, with both lines.
    void oldBlock_keyDefinedTwice_isRefusedNamingBothLines()
    {
        const QByteArray input = "sandbox_workspace_write.writable_roots = [\"/a\"]\n" + Begin
                                 + "[sandbox_workspace_write]\nwritable_roots = [\"/b\"]\n" + End;
        const auto edit = proposeEdit(input, workspaceWrite());
        QVERIFY(!edit);
        QCOMPARE(edit.error().kind, Error::Kind::Refused);
        QCOMPARE(edit.error().line, 4);
        QVERIFY2(edit.error().message.contains(QLatin1String("sandbox_workspace_write.writable_roots is set twice")),
                 qPrintable(edit.error().message));
        QVERIFY(edit.error().message.contains(QLatin1String("line 1")));
        QVERIFY(!edit.error().hint.contains(QLatin1String("bug")));
        const ConfigAnalysis a = analyzeConfig(input, true, workspaceWrite());
        QVERIFY(hasFinding(a.findings, FindingCode::ConfigInvalid));
    }
};

QTEST_GUILESS_MAIN(TestOldBlocks)
#include "test_oldblocks.moc"
