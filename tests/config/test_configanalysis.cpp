// analyzeConfig (block state, findings with contract codes and lines),
// readWindowsSandboxSetting, and the document model the engine stands on.

#include "config/configanalysis.h"
#include "config/configdocument.h"
#include "config/editplanner.h"

#include "daemonreference.h"
#include "testsupport.h"

#include <QTest>

using namespace SandboxDoctor;
using namespace TestSupport;

Q_DECLARE_METATYPE(SandboxDoctor::BlockState)
Q_DECLARE_METATYPE(SandboxDoctor::WindowsSandboxSetting)

namespace {

const QByteArray WwBlock = DaemonReference::render(workspaceWrite());
const QByteArray FullBlock = DaemonReference::render(fullAccess());

const Finding *findingWith(const QList<Finding> &findings, QLatin1String code)
{
    for (const Finding &f : findings) {
        if (f.code == code)
            return &f;
    }
    return nullptr;
}

} // namespace

class TestConfigAnalysis final : public QObject
{
    Q_OBJECT

private slots:
    void blockStateName_spellsTheContract()
    {
        QCOMPARE(blockStateName(BlockState::Current), QStringLiteral("current"));
        QCOMPARE(blockStateName(BlockState::Stale), QStringLiteral("stale"));
        QCOMPARE(blockStateName(BlockState::Absent), QStringLiteral("absent"));
        QCOMPARE(blockStateName(BlockState::Damaged), QStringLiteral("damaged"));
        QCOMPARE(blockStateName(BlockState::Misplaced), QStringLiteral("misplaced"));
    }

    void analyze_missingFile_isConfigMissing()
    {
        const ConfigAnalysis a = analyzeConfig({}, false, workspaceWrite());
        QVERIFY(!a.exists);
        QCOMPARE(a.block, BlockState::Absent);
        const Finding *f = findingWith(a.findings, FindingCode::ConfigMissing);
        QVERIFY(f);
        QCOMPARE(f->severity, Severity::Warning);
        QVERIFY(!f->fix.isEmpty());
    }

    void analyze_blockState_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<BlockState>("state");
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("line");
        QTest::newRow("absent") << QByteArray("model = 1\n") << BlockState::Absent << "block-absent" << 0;
        QTest::newRow("current") << QByteArray(WwBlock + "\nmodel = 1\n") << BlockState::Current << "" << 0;
        QTest::newRow("stale mode") << QByteArray(FullBlock + "\nm = 1\n") << BlockState::Stale << "block-stale" << 2;
        QTest::newRow("stale network line") << QByteArray(QByteArray(WwBlock).replace("true", "false"))
                                            << BlockState::Stale << "block-stale" << 3;
        QTest::newRow("begin without end") << QByteArray("m = 1\n" + DaemonReference::Begin + "\n")
                                           << BlockState::Damaged << "block-damaged" << 2;
        QTest::newRow("end without begin") << QByteArray("m = 1\n\n" + DaemonReference::End + "\n")
                                           << BlockState::Damaged << "block-damaged" << 3;
        QTest::newRow("two blocks") << QByteArray(WwBlock + "\n" + WwBlock) << BlockState::Damaged << "block-damaged"
                                    << 6;
        QTest::newRow("misplaced") << QByteArray("[permissions.x]\na = 1\n" + WwBlock) << BlockState::Misplaced
                                   << "block-misplaced" << 3;
        QTest::newRow("misplaced under [[array]]") << QByteArray("[[arr]]\nv = 1\n\n" + WwBlock)
                                                   << BlockState::Misplaced << "block-misplaced" << 4;
        QTest::newRow("misplaced below a header, comments between")
            << QByteArray("# top\nm = 1\n[tui]\n# about the block\n\n" + WwBlock) << BlockState::Misplaced
            << "block-misplaced" << 6;
        // Only a table header above the block moves its keys out of the root: below
        // comments or root keys the block is misplaced only in the daemon's layout
        // (an info finding; apply moves it, so it is not "current").
        QTest::newRow("comments above") << QByteArray("# my codex settings\n\n" + WwBlock + "model = \"o3\"\n")
                                        << BlockState::Misplaced << "block-misplaced" << 3;
        QTest::newRow("blank lines and comments above")
            << QByteArray("\n\n# one\n\n# two\n\n\n" + WwBlock + "\n[tui]\nx = 1\n") << BlockState::Misplaced
            << "block-misplaced" << 8;
        QTest::newRow("root keys above") << QByteArray("model = \"o3\"\n# c\napproval_policy = \"never\"\n" + WwBlock
                                                       + "[tui]\nx = 1\n")
                                         << BlockState::Misplaced << "block-misplaced" << 4;
        QTest::newRow("dotted and multi-line keys above")
            << QByteArray("tools.web_search = true\nnotes = '''\n[not.a.header]\n'''\n" + WwBlock)
            << BlockState::Misplaced << "block-misplaced" << 5;
        QTest::newRow("blank lines only above") << QByteArray("\n\n" + WwBlock + "\nm = 1\n") << BlockState::Misplaced
                                                << "block-misplaced" << 3;
        QTest::newRow("no blank line after it") << QByteArray(WwBlock + "m = 1\n") << BlockState::Misplaced
                                                << "block-misplaced" << 1;
        QTest::newRow("the daemon's named blocks above")
            << QByteArray(DaemonReference::namedBlock("multi-agent", {"features.multi_agent = false"}) + "\n" + WwBlock
                          + "\nm = 1\n")
            << BlockState::Current << "" << 0;
        QTest::newRow("stale below comments") << QByteArray("# c\n\n" + FullBlock) << BlockState::Stale
                                              << "block-stale" << 4;
        QTest::newRow("marker in a string is no block")
            << QByteArray("s = '''\n" + WwBlock + "'''\n") << BlockState::Absent << "block-absent" << 0;
    }

    void analyze_blockState()
    {
        QFETCH(QByteArray, input);
        QFETCH(BlockState, state);
        QFETCH(QString, code);
        QFETCH(int, line);
        const ConfigAnalysis a = analyzeConfig(input, true, workspaceWrite());
        QCOMPARE(a.block, state);
        if (code.isEmpty()) {
            QVERIFY(a.findings.isEmpty());
            return;
        }
        const Finding *f = findingWith(a.findings, QLatin1String(code.toLatin1()));
        QVERIFY(f);
        QCOMPARE(f->line, line);
        QVERIFY(!f->fix.isEmpty());
    }

    // The false alarm this guards against: a block under the user's own comments
    // was an error (red in the GUI, exit 1 from status) though Codex reads its keys.
    // It is `misplaced` at info severity: apply puts it first as the daemon does,
    // so it is not `current` (status and apply agree: current means no change).
    void analyze_blockBelowCommentsOrKeys_isAnInfoAndApplyPutsItFirst_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("comments") << QByteArray("# my codex settings\n\n" + WwBlock + "model = \"o3\"\n");
        QTest::newRow("blank lines and comments") << QByteArray("\n# a\n\n\n# b\n" + WwBlock);
        QTest::newRow("a root key") << QByteArray("model = \"o3\"\n\n" + WwBlock + "\n[tui]\nx = 1\n");
    }

    void analyze_blockBelowCommentsOrKeys_isAnInfoAndApplyPutsItFirst()
    {
        QFETCH(QByteArray, input);
        const ConfigAnalysis a = analyzeConfig(input, true, workspaceWrite());
        QCOMPARE(a.block, BlockState::Misplaced);
        QCOMPARE(a.findings.size(), 1);
        QCOMPARE(a.findings.constFirst().code, QString(FindingCode::BlockMisplaced));
        QCOMPARE(worstSeverity(a.findings), Severity::Info);
        QVERIFY(a.findings.constFirst().message.contains(QLatin1String("Codex reads its keys")));

        // apply agrees with the daemon, which always writes the block first.
        const auto edit = proposeEdit(input, workspaceWrite());
        QVERIFY(edit);
        QVERIFY(edit->changed);
        QCOMPARE(edit->after, DaemonReference::rewrite(input, workspaceWrite()));
        const Finding *note = findingWith(edit->notes, FindingCode::BlockMisplaced);
        QVERIFY(note);
        QCOMPARE(note->severity, Severity::Info);
        QVERIFY(note->message.contains(QLatin1String("daemon")));
        QVERIFY(note->message.contains(QLatin1String("No table header")));
        for (const Finding &n : edit->notes)
            QCOMPARE(n.severity, Severity::Info);
        QCOMPARE(analyzeConfig(edit->after, true, workspaceWrite()).block, BlockState::Current);
    }

    // Status says `current` exactly when apply would leave the file alone.
    void analyze_currentExactlyWhenApplyChangesNothing_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<BlockState>("state");
        QTest::newRow("as the daemon writes it") << QByteArray(WwBlock + "\nm = 1\n") << BlockState::Current;
        QTest::newRow("bom, kept as it is") << QByteArray("\xEF\xBB\xBF" + WwBlock + "\nm = 1\n") << BlockState::Current;
        QTest::newRow("crlf, kept as it is") << QByteArray(WwBlock + "\nm = 1\n").replace("\n", "\r\n")
                                             << BlockState::Current;
        QTest::newRow("two blank lines after it") << QByteArray(WwBlock + "\n\nm = 1\n") << BlockState::Misplaced;
        QTest::newRow("a legacy key further down") << QByteArray(WwBlock + "\nm = 1\n[sandbox_workspace_write]\n"
                                                                           "exclude_slash_tmp = true\n")
                                                   << BlockState::Stale;
        QTest::newRow("a trapped key further down") << QByteArray(WwBlock + "\n[tui]\nsandbox_mode = \"x\"\n")
                                                    << BlockState::Stale;
    }

    void analyze_currentExactlyWhenApplyChangesNothing()
    {
        QFETCH(QByteArray, input);
        QFETCH(BlockState, state);
        const ConfigAnalysis a = analyzeConfig(input, true, workspaceWrite());
        QCOMPARE(a.block, state);
        const auto edit = proposeEdit(input, workspaceWrite());
        QVERIFY(edit);
        QCOMPARE(edit->changed, state != BlockState::Current);
        if (state == BlockState::Stale)
            QCOMPARE(worstSeverity(a.findings) == Severity::Info, false);
    }

    void analyze_listsTheDaemonsNamedBlocks()
    {
        const QByteArray memory = DaemonReference::namedBlock("memory-config", {"memories.use_memories = false"});
        const QByteArray shell = DaemonReference::shellBlock({"PATH"});
        const ConfigAnalysis a = analyzeConfig(memory + "\n" + WwBlock + "\nm = 1\n\n" + shell, true, workspaceWrite());
        QCOMPARE(a.block, BlockState::Current);
        QCOMPARE(a.namedBlocks, (QList<NamedBlock>{{QStringLiteral("memory-config"), 1, 3},
                                                   {QStringLiteral("shell-environment"), 12, 17}}));
    }

    void analyze_misplaced_isErrorNamingTheTableAndItsLine()
    {
        const ConfigAnalysis a = analyzeConfig("model = \"o3\"\n\n[ mcp_servers.x ] # mine\ncommand = \"c\"\n\n"
                                               + WwBlock,
                                               true, workspaceWrite());
        QCOMPARE(a.block, BlockState::Misplaced);
        const Finding *f = findingWith(a.findings, FindingCode::BlockMisplaced);
        QVERIFY(f);
        QCOMPARE(f->severity, Severity::Error);
        QCOMPARE(f->line, 6);
        QVERIFY2(f->message.contains(QLatin1String("[ mcp_servers.x ] (line 3)")), qPrintable(f->message));
        QVERIFY(!f->fix.isEmpty());
    }

    void analyze_invalidToml_isConfigInvalidWithLine()
    {
        const ConfigAnalysis a = analyzeConfig("a = 1\n[t\n", true, workspaceWrite());
        QVERIFY(a.invalid);
        QCOMPARE(a.invalid->line, 2);
        const Finding *f = findingWith(a.findings, FindingCode::ConfigInvalid);
        QVERIFY(f);
        QCOMPARE(f->severity, Severity::Error);
        QCOMPARE(f->line, 2);
    }

    void analyze_invalidUtf8_isConfigInvalidWithLine()
    {
        const ConfigAnalysis a = analyzeConfig("a = 1\n\nb = \"\xC3\"\n", true, workspaceWrite());
        QVERIFY(a.invalid);
        QCOMPARE(a.invalid->line, 3);
        QCOMPARE(a.invalid->column, 6);
        QVERIFY(findingWith(a.findings, FindingCode::ConfigInvalid));
    }

    void analyze_invalidOnlyBecauseOfBlocks_isRepairable()
    {
        const ConfigAnalysis a = analyzeConfig(WwBlock + "\nm = 1\n" + FullBlock, true, workspaceWrite());
        QVERIFY(!a.invalid);
        QCOMPARE(a.block, BlockState::Damaged);
        const Finding *f = findingWith(a.findings, FindingCode::ConfigInvalid);
        QVERIFY(f);
        QCOMPARE(f->line, 8);
    }

    void analyze_legacyDirective_namesEachLine()
    {
        const ConfigAnalysis a = analyzeConfig("m = 1\nsandbox_mode = \"read-only\"\n[sandbox_workspace_write]\n"
                                               "network_access = true\n", true, workspaceWrite());
        QList<int> lines;
        for (const Finding &f : a.findings) {
            if (f.code == FindingCode::LegacyDirective)
                lines << f.line;
        }
        QCOMPARE(lines, (QList<int>{2, 4}));
    }

    void analyze_trappedSandboxMode_isErrorButProfilesAreFine()
    {
        const ConfigAnalysis a = analyzeConfig("[profiles.p]\nsandbox_mode = \"read-only\"\n[permissions.x]\n"
                                               "sandbox_mode = \"read-only\"\n", true, workspaceWrite());
        QList<int> lines;
        for (const Finding &f : a.findings) {
            if (f.code == FindingCode::SandboxKeyTrapped) {
                lines << f.line;
                QCOMPARE(f.severity, Severity::Error);
                QVERIFY(f.message.contains(QLatin1String("permissions.x")));
            }
        }
        QCOMPARE(lines, QList<int>{4});
    }

    void analyze_permissionsProfileConflict()
    {
        const ConfigAnalysis a = analyzeConfig(WwBlock + "\ndefault_permissions = \"dev\"\n", true, workspaceWrite());
        QVERIFY(findingWith(a.findings, FindingCode::PermissionsProfileConflict));
        const ConfigAnalysis none = analyzeConfig("default_permissions = \"dev\"\n", true, workspaceWrite());
        QVERIFY(!findingWith(none.findings, FindingCode::PermissionsProfileConflict));
        const auto edit = proposeEdit("default_permissions = \"dev\"\n", workspaceWrite());
        QVERIFY(edit);
        QVERIFY(hasFinding(edit->notes, FindingCode::PermissionsProfileConflict));
    }

    void analyze_daemonWillCorrupt_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<bool>("corrupts");
        QTest::newRow("bom") << QByteArray("\xEF\xBB\xBF" + WwBlock) << true;
        QTest::newRow("crlf") << QByteArray(QByteArray(WwBlock).replace("\n", "\r\n")) << true;
        QTest::newRow("markers in a string")
            << QByteArray(WwBlock + "\ns = \"\"\"\n" + WwBlock + "\"\"\"\n") << true;
        QTest::newRow("plain lf") << QByteArray(WwBlock + "\ns = \"\"\"\n[sandbox_workspace_write]\n\"\"\"\n") << false;
    }

    void analyze_daemonWillCorrupt()
    {
        QFETCH(QByteArray, input);
        QFETCH(bool, corrupts);
        const ConfigAnalysis a = analyzeConfig(input, true, workspaceWrite());
        QCOMPARE(a.block, BlockState::Current);
        const Finding *f = findingWith(a.findings, FindingCode::DaemonWillCorrupt);
        QCOMPARE(f != nullptr, corrupts);
        if (f)
            QCOMPARE(f->severity, Severity::Warning);
        QCOMPARE(DaemonReference::rewrite(input, workspaceWrite()) != input, corrupts);
    }

    void windowsSetting_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<WindowsSandboxSetting>("setting");
        QTest::newRow("empty") << QByteArray() << WindowsSandboxSetting::Absent;
        QTest::newRow("no table") << QByteArray("m = 1\n") << WindowsSandboxSetting::Absent;
        QTest::newRow("table without key") << QByteArray("[windows]\nx = 1\n") << WindowsSandboxSetting::Absent;
        QTest::newRow("elevated") << QByteArray("[windows]\nsandbox = \"elevated\"\n") << WindowsSandboxSetting::Elevated;
        QTest::newRow("unelevated, dotted, bom")
            << QByteArray("\xEF\xBB\xBFwindows.sandbox = 'unelevated'\n") << WindowsSandboxSetting::Unelevated;
        QTest::newRow("other text") << QByteArray("[windows]\nsandbox = \"yes\"\n") << WindowsSandboxSetting::Invalid;
        QTest::newRow("not a string") << QByteArray("[windows]\nsandbox = true\n") << WindowsSandboxSetting::Invalid;
        QTest::newRow("invalid toml") << QByteArray("[windows\n") << WindowsSandboxSetting::Unreadable;
        QTest::newRow("invalid utf-8") << QByteArray("a = \"\xFF\"\n") << WindowsSandboxSetting::Unreadable;
    }

    void windowsSetting()
    {
        QFETCH(QByteArray, input);
        QFETCH(WindowsSandboxSetting, setting);
        QCOMPARE(readWindowsSandboxSetting(input), setting);
    }

    void document_bomLineEndingsAndFinalNewline()
    {
        const auto doc = loadConfigDocument("\xEF\xBB\xBF" "a = 1\r\nb = 2\r\nc = 3");
        QVERIFY(doc);
        QVERIFY(doc->bom);
        QVERIFY(doc->crlf);
        QVERIFY(!doc->finalNewline);
        QCOMPARE(doc->lines.size(), 3);
        QCOMPARE(doc->text(doc->lines[1]), QByteArrayView("b = 2"));
    }

    void document_headersInEverySpelling_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QStringList>("path");
        QTest::newRow("plain") << QByteArray("[sandbox_workspace_write]") << QStringList{QStringLiteral("sandbox_workspace_write")};
        QTest::newRow("spaced") << QByteArray("[ sandbox_workspace_write ]") << QStringList{QStringLiteral("sandbox_workspace_write")};
        QTest::newRow("quoted") << QByteArray("[\"sandbox_workspace_write\"]") << QStringList{QStringLiteral("sandbox_workspace_write")};
        QTest::newRow("literal") << QByteArray("['sandbox_workspace_write'] # c")
                                 << QStringList{QStringLiteral("sandbox_workspace_write")};
        QTest::newRow("escaped") << QByteArray("[\"sandbox\\u005Fworkspace_write\"]")
                                 << QStringList{QStringLiteral("sandbox_workspace_write")};
        QTest::newRow("dotted, spaced") << QByteArray("[ projects . \"/a/b.c\" ]") << QStringList{QStringLiteral("projects"), QStringLiteral("/a/b.c")};
    }

    void document_headersInEverySpelling()
    {
        QFETCH(QByteArray, line);
        QFETCH(QStringList, path);
        const auto doc = loadConfigDocument(line + "\nkey = 1\n");
        QVERIFY(doc);
        QCOMPARE(doc->lines[0].kind, ConfigLine::Kind::Table);
        QCOMPARE(doc->lines[0].path, path);
        QCOMPARE(doc->lines[1].kind, ConfigLine::Kind::KeyValue);
        QCOMPARE(doc->lines[1].section, 0);
    }

    void document_multiLineValuesAreContinuations()
    {
        const auto doc = loadConfigDocument("a = \"\"\"\n[x]\nk = 1\n\"\"\" # c\nb = [\n  [1], # [y]\n]\n"
                                            "c = '''\n'''\n[t]\n[[u]]\n");
        QVERIFY(doc);
        using K = ConfigLine::Kind;
        const QList<K> kinds = {K::KeyValue, K::Continuation, K::Continuation, K::Continuation, K::KeyValue,
                                K::Continuation, K::Continuation, K::KeyValue, K::Continuation, K::Table,
                                K::ArrayTable};
        QCOMPARE(doc->lines.size(), kinds.size());
        for (int i = 0; i < kinds.size(); ++i)
            QCOMPARE(doc->lines[i].kind, kinds[i]);
        QVERIFY(doc->lines[1].inString);
        QVERIFY(doc->lines[3].inString);
        QVERIFY(!doc->lines[5].inString);
        QCOMPARE(doc->lines[0].lastLine, 3);
        QCOMPARE(doc->lines[4].lastLine, 6);
    }
};

QTEST_GUILESS_MAIN(TestConfigAnalysis)
#include "test_configanalysis.moc"
