// Issue 11.2, fixes that take effect: a root default_permissions that beats the
// managed sandbox_mode (Codex 0.171 obeys it) is commented out in place by the
// edit, under a one-line reason, so that the effective sandbox becomes the
// policy's; [permissions.<name>] tables stay byte for byte, a second edit
// changes nothing, and a default_permissions that agrees with the policy stays.

#include "config/configanalysis.h"
#include "config/editplanner.h"
#include "config/effectivesandbox.h"

#include "testsupport.h"

#include <QTest>

using namespace SandboxDoctor;

Q_DECLARE_METATYPE(SandboxDoctor::SandboxPolicy)

namespace {

const QByteArray Reason = "# codex-sandbox-doctor: default_permissions overrides the managed sandbox_mode in Codex 0.171";

SandboxPolicy workspaceWriteOffline()
{
    return {SandboxMode::WorkspaceWrite, false, {}, {}};
}

const Finding *findingOf(const QList<Finding> &findings, QLatin1String code)
{
    for (const Finding &f : findings) {
        if (f.code == code)
            return &f;
    }
    return nullptr;
}

} // namespace

class TestDefeatFix final : public QObject
{
    Q_OBJECT

private slots:
    void defeatingLine_isCommentedOutInPlace_data()
    {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<SandboxPolicy>("policy");
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QByteArray>("kept");  // must stand in the result byte for byte
        QTest::newRow("workspace-under-full-access")
            << QByteArray("model = \"o3\"\ndefault_permissions = \":workspace\"\n\n[tui]\ntheme = \"dark\"\n")
            << TestSupport::fullAccess() << QByteArray("default_permissions = \":workspace\"")
            << QByteArray("[tui]\ntheme = \"dark\"\n");
        QTest::newRow("full-access-under-workspace-write-network")
            << QByteArray("default_permissions = \":danger-full-access\" # mine\nmodel = \"o3\"\n")
            << TestSupport::workspaceWrite() << QByteArray("default_permissions = \":danger-full-access\" # mine")
            << QByteArray("model = \"o3\"\n");
        QTest::newRow("named-profile-network-off")
            << QByteArray("default_permissions = \"net\"\n\n[permissions.net]\nextends = \":workspace\"\n"
                          "network.enabled = false   # keep\n")
            << TestSupport::workspaceWrite() << QByteArray("default_permissions = \"net\"")
            << QByteArray("[permissions.net]\nextends = \":workspace\"\nnetwork.enabled = false   # keep\n");
        QTest::newRow("read-only-under-workspace-write")
            << QByteArray("default_permissions = \":read-only\"\n") << workspaceWriteOffline()
            << QByteArray("default_permissions = \":read-only\"") << QByteArray();
    }

    void defeatingLine_isCommentedOutInPlace()
    {
        QFETCH(QByteArray, config);
        QFETCH(SandboxPolicy, policy);
        QFETCH(QByteArray, line);
        QFETCH(QByteArray, kept);
        QVERIFY(!matchesPolicy(computeEffectiveSandbox(config, true, Version(0, 171, 0)), policy));

        const auto edit = proposeEdit(config, policy);
        QVERIFY2(edit.hasValue(), edit ? "" : qPrintable(edit.error().message));
        QVERIFY(edit->changed);
        const QList<QByteArray> lines = edit->after.split('\n');
        const qsizetype at = lines.indexOf(QByteArray("# ") + line);
        QVERIFY2(at > 0, edit->after.constData());
        QVERIFY2(lines[at - 1].startsWith(Reason), lines[at - 1].constData());
        QVERIFY(lines[at - 1].endsWith("restore it from the backup or Undo to use it again"));
        QVERIFY(!lines.contains(line));  // no live copy left
        QVERIFY(edit->after.contains(kept));
        const EffectiveSandbox after = computeEffectiveSandbox(edit->after, true, Version(0, 171, 0));
        QVERIFY2(matchesPolicy(after, policy), qPrintable(after.sentence()));
        const Finding *note = findingOf(edit->notes, FindingCode::SandboxOverridden);
        QVERIFY(note);
        QVERIFY(note->message.startsWith(QStringLiteral("Comments out default_permissions")));

        // Idempotent, and what status reads after apply: current, nothing wrong.
        const auto again = proposeEdit(edit->after, policy);
        QVERIFY(again.hasValue());
        QVERIFY(!again->changed);
        const ConfigAnalysis analysis = analyzeConfig(edit->after, true, policy);
        QCOMPARE(analysis.block, BlockState::Current);
        QVERIFY(analysis.effectiveMatchesPolicy);
        QVERIFY(!findingOf(analysis.findings, FindingCode::SandboxOverridden));
    }

    // Before apply, the finding says what apply does; the block, though right
    // once written, is not current while apply still changes the file.
    void findingFix_saysApplyCommentsItOut()
    {
        const QByteArray config = "default_permissions = \":workspace\"\n";
        const ConfigAnalysis analysis = analyzeConfig(config, true, TestSupport::fullAccess());
        const Finding *overridden = findingOf(analysis.findings, FindingCode::SandboxOverridden);
        QVERIFY(overridden);
        QCOMPARE(overridden->line, 1);
        QVERIFY2(overridden->fix.startsWith(QStringLiteral("Run apply: it comments out default_permissions = "
                                                           "\":workspace\" (line 1) in place")),
                 qPrintable(overridden->fix));
        QVERIFY(overridden->fix.contains(QStringLiteral("Undo (restore) brings the line back")));
        // The error knows default_permissions wins; the engine's "may not take
        // effect" warning would only repeat it less precisely.
        const QByteArray withBlock = "# BEGIN multica-managed (do not edit; regenerated by daemon)\n"
                                     "sandbox_mode = \"danger-full-access\"\n# END multica-managed\n\n" + config;
        const ConfigAnalysis beside = analyzeConfig(withBlock, true, TestSupport::fullAccess());
        QVERIFY(findingOf(beside.findings, FindingCode::SandboxOverridden));
        QVERIFY(!findingOf(beside.findings, FindingCode::PermissionsProfileConflict));
    }

    // A managed block already in place: only the defeating line changes, and
    // the block is not "current" while apply still changes the file.
    void currentBlock_onlyTheLineChanges()
    {
        const QByteArray block = "# BEGIN multica-managed (do not edit; regenerated by daemon)\n"
                                 "sandbox_mode = \"danger-full-access\"\n"
                                 "# END multica-managed\n\n";
        const QByteArray config = block + "default_permissions = \":workspace\"\nmodel = \"o3\"\n";
        QCOMPARE(analyzeConfig(config, true, TestSupport::fullAccess()).block, BlockState::Stale);
        const auto edit = proposeEdit(config, TestSupport::fullAccess());
        QVERIFY(edit.hasValue());
        QVERIFY(edit->after.startsWith(block));
        const QByteArray rest = edit->after.mid(block.size());
        QVERIFY2(rest.startsWith(Reason), rest.constData());
        QVERIFY2(rest.endsWith("again\n# default_permissions = \":workspace\"\nmodel = \"o3\"\n"), rest.constData());
    }

    // A BOM and CRLF line endings stay; the reason line takes the line's ending.
    void bomAndCrlf_areKept()
    {
        const QByteArray config = "\xEF\xBB\xBF" "default_permissions = \":workspace\"\r\nmodel = \"o3\"\r\n";
        const auto edit = proposeEdit(config, TestSupport::fullAccess());
        QVERIFY(edit.hasValue());
        QVERIFY(edit->after.startsWith("\xEF\xBB\xBF# BEGIN multica-managed"));
        QVERIFY2(edit->after.endsWith("again\r\n# default_permissions = \":workspace\"\r\nmodel = \"o3\"\r\n"),
                 edit->after.constData());
        QVERIFY(!edit->after.mid(3).replace("\r\n", "").contains('\n'));
    }

    // Nothing to fix: the line agrees with the policy, or is inside no decision.
    void agreeingLine_staysAsItIs_data()
    {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<SandboxPolicy>("policy");
        QTest::newRow("workspace-under-workspace-write")
            << QByteArray("default_permissions = \":workspace\"\n") << workspaceWriteOffline();
        QTest::newRow("profile-network-on-under-workspace-write-network")
            << QByteArray("default_permissions = \"net\"\n[permissions.net]\nextends = \":workspace\"\n"
                          "network.enabled = true\n")
            << TestSupport::workspaceWrite();
        QTest::newRow("commented-already") << QByteArray("# default_permissions = \":workspace\"\n")
                                           << TestSupport::fullAccess();
    }

    void agreeingLine_staysAsItIs()
    {
        QFETCH(QByteArray, config);
        QFETCH(SandboxPolicy, policy);
        const auto edit = proposeEdit(config, policy);
        QVERIFY(edit.hasValue());
        QVERIFY(edit->after.endsWith(config));
        QVERIFY(!edit->after.contains(Reason));
        QVERIFY(!findingOf(edit->notes, FindingCode::SandboxOverridden));
    }
};

QTEST_GUILESS_MAIN(TestDefeatFix)
#include "test_defeatfix.moc"
