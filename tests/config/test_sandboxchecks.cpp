// analyzeConfig's sandbox checks (sandboxchecks_p.h): the engine's findings
// weighed against the sandbox Codex 0.171 will actually enforce.

#include "config/configanalysis.h"

#include "daemonreference.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace SandboxDoctor;
using namespace TestSupport;

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

QList<const Finding *> allWith(const QList<Finding> &findings, QLatin1String code)
{
    QList<const Finding *> out;
    for (const Finding &f : findings) {
        if (f.code == code)
            out.append(&f);
    }
    return out;
}

AnalysisContext onPlatform(Platform platform)
{
    AnalysisContext context;
    context.platform = platform;
    context.codexVersion = Version(0, 171, 0);
    return context;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

} // namespace

class TestSandboxChecks final : public QObject
{
    Q_OBJECT

private slots:
    // Issue #11's first case: a current block that a user's default_permissions defeats.
    void overridden_defaultPermissionsOverACurrentBlock_isAnErrorNamingTheLine()
    {
        const ConfigAnalysis a = analyzeConfig(WwBlock + "\nmodel = \"o3\"\ndefault_permissions = \":workspace\"\n", true,
                                               workspaceWrite());
        QCOMPARE(a.block, BlockState::Stale);  // right lines, but apply still comments out line 7
        QVERIFY(!a.effectiveMatchesPolicy);
        QCOMPARE(a.effective.decider, SandboxDecider::BuiltInProfile);
        const Finding *f = findingWith(a.findings, FindingCode::SandboxOverridden);
        QVERIFY(f);
        QCOMPARE(f->severity, Severity::Error);
        QCOMPARE(f->line, 7);
        QVERIFY2(f->message.contains(QStringLiteral("default_permissions = \":workspace\" (line 7) decides")),
                 qPrintable(f->message));
        QVERIFY2(f->message.contains(QStringLiteral("network restricted")), qPrintable(f->message));
        // apply comments the line out in place (issue 11.2), and the fix says so.
        QVERIFY2(f->fix.startsWith(QStringLiteral("Run apply: it comments out default_permissions = \":workspace\" "
                                                  "(line 7) in place")),
                 qPrintable(f->fix));
        QCOMPARE(worstSeverity(a.findings), Severity::Error);
    }

    void overridden_fullAccessBuiltInOverAWorkspaceWritePolicy()
    {
        const ConfigAnalysis a = analyzeConfig("default_permissions = \":danger-full-access\"\n", true, workspaceWrite());
        const Finding *f = findingWith(a.findings, FindingCode::SandboxOverridden);
        QVERIFY(f);
        QCOMPARE(f->line, 1);
        QVERIFY2(f->message.contains(QStringLiteral("filesystem unrestricted")), qPrintable(f->message));
    }

    void overridden_aUsersSandboxModeThatApplyReplaces_saysApplyFixesIt()
    {
        const ConfigAnalysis a = analyzeConfig("model = \"o3\"\nsandbox_mode = \"read-only\"\n", true, workspaceWrite());
        const Finding *f = findingWith(a.findings, FindingCode::SandboxOverridden);
        QVERIFY(f);
        QCOMPARE(f->line, 2);
        QVERIFY2(f->fix.startsWith(QStringLiteral("Run apply: afterwards Codex runs the policy's sandbox")),
                 qPrintable(f->fix));
        QVERIFY(hasFinding(a.findings, FindingCode::LegacyDirective));
    }

    void overridden_aProfileWithTheNetworkOff_namesItsNetworkLine()
    {
        const ConfigAnalysis a = analyzeConfig(WwBlock + "\ndefault_permissions = \"dev\"\n\n[permissions.dev]\n"
                                                         "extends = \":workspace\"\nnetwork.enabled = false\n",
                                               true, workspaceWrite());
        const Finding *f = findingWith(a.findings, FindingCode::SandboxOverridden);
        QVERIFY(f);
        QCOMPARE(f->line, 10);
        QVERIFY2(f->message.contains(QStringLiteral("permissions.dev.network.enabled = false (line 10)")),
                 qPrintable(f->message));
    }

    // What the block itself decides is block-stale's (apply fixes it), and
    // Codex's default with no block is block-absent's: no sandbox-overridden.
    void notOverridden_whenOnlyTheBlockOrCodexsDefaultDecides()
    {
        const ConfigAnalysis stale = analyzeConfig(FullBlock + "\nmodel = \"o3\"\n", true, workspaceWrite());
        QCOMPARE(stale.block, BlockState::Stale);
        QVERIFY(!stale.effectiveMatchesPolicy);
        QVERIFY(!hasFinding(stale.findings, FindingCode::SandboxOverridden));
        QCOMPARE(findingWith(stale.findings, FindingCode::BlockStale)->severity, Severity::Warning);

        const ConfigAnalysis plain = analyzeConfig("model = \"o3\"\n", true, workspaceWrite());
        QVERIFY(!hasFinding(plain.findings, FindingCode::SandboxOverridden));
        QCOMPARE(findingWith(plain.findings, FindingCode::BlockAbsent)->severity, Severity::Warning);
        QCOMPARE(worstSeverity(plain.findings), Severity::Warning);

        const ConfigAnalysis missing = analyzeConfig({}, false, workspaceWrite());
        QVERIFY(!hasFinding(missing.findings, FindingCode::SandboxOverridden));
        QCOMPARE(missing.effective.decider, SandboxDecider::CodexDefault);
        QVERIFY(!missing.effective.exists);
    }

    // #11.3: the user's own settings already give the policy's sandbox.
    void alreadyRight_blockAbsentAndLegacyDirectivesBecomeAnOptionalTidyUp()
    {
        const ConfigAnalysis a = analyzeConfig("sandbox_mode = \"workspace-write\"\nmodel = \"o3\"\n\n"
                                               "[sandbox_workspace_write]\nnetwork_access = true\n"
                                               "writable_roots = [\"/srv\"]\n",
                                               true, workspaceWrite());
        QCOMPARE(a.block, BlockState::Absent);
        QVERIFY(a.effectiveMatchesPolicy);
        const Finding *absent = findingWith(a.findings, FindingCode::BlockAbsent);
        QVERIFY(absent);
        QCOMPARE(absent->severity, Severity::Info);
        QVERIFY2(!absent->message.contains(QStringLiteral("is not set")), qPrintable(absent->message));
        QVERIFY2(absent->message.contains(QStringLiteral("already runs the policy's sandbox")), qPrintable(absent->message));
        QVERIFY2(absent->fix.startsWith(QStringLiteral("Optional tidy-up")), qPrintable(absent->fix));
        const QList<const Finding *> legacy = allWith(a.findings, FindingCode::LegacyDirective);
        QCOMPARE(legacy.size(), 2);
        for (const Finding *f : legacy)
            QCOMPARE(f->severity, Severity::Info);
        QCOMPARE(worstSeverity(a.findings), Severity::Info);
    }

    void alreadyRight_aFullAccessPolicyByTheUsersDefaultPermissions()
    {
        const ConfigAnalysis a = analyzeConfig("default_permissions = \":danger-full-access\"\n", true, fullAccess());
        QVERIFY(a.effectiveMatchesPolicy);
        QCOMPARE(findingWith(a.findings, FindingCode::BlockAbsent)->severity, Severity::Info);
    }

    void refused_legacyProfile_isAnErrorInCodexsWords()
    {
        const ConfigAnalysis a = analyzeConfig("model = \"o3\"\nprofile = \"work\"\n\n[profiles.work]\nmodel = \"o3\"\n",
                                               true, workspaceWrite(), onPlatform(Platform::Linux));
        const Finding *f = findingWith(a.findings, FindingCode::LegacyProfile);
        QVERIFY(f);
        QCOMPARE(f->severity, Severity::Error);
        QCOMPARE(f->line, 2);
        QCOMPARE(f->message, QStringLiteral("Codex 0.171.0 refuses to load config.toml: legacy `profile = \"work\"` "
                                            "config is no longer supported; use `--profile work` with "
                                            "`work.config.toml` instead."));
        QVERIFY2(f->fix.contains(QStringLiteral("codex --profile work")), qPrintable(f->fix));
        QVERIFY(!a.effective.runs());
        QVERIFY(!a.effectiveMatchesPolicy);
        QVERIFY(!hasFinding(a.findings, FindingCode::SandboxOverridden));
    }

    void refused_badValues_areErrorsInCodexsWords_data()
    {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("message");
        QTest::newRow("sandbox_mode") << QByteArray("model = \"o3\"\nsandbox_mode = \"yes\"\n") << 2
                                      << "unknown variant `yes`, expected one of `read-only`, `workspace-write`, "
                                         "`danger-full-access` (in `sandbox_mode`)";
        QTest::newRow("network_access") << QByteArray("[sandbox_workspace_write]\nnetwork_access = \"yes\"\n") << 2
                                        << "invalid type: string \"yes\", expected a boolean (in "
                                           "`sandbox_workspace_write.network_access`)";
        QTest::newRow("windows.sandbox") << QByteArray("[windows]\nsandbox = \"bogus\"\n") << 2
                                         << "unknown variant `bogus`, expected one of `elevated`, `unelevated`, `mxc` "
                                            "(in `windows.sandbox`)";
    }

    void refused_badValues_areErrorsInCodexsWords()
    {
        QFETCH(QByteArray, config);
        QFETCH(int, line);
        QFETCH(QString, message);
        const ConfigAnalysis a = analyzeConfig(config, true, workspaceWrite());
        const Finding *f = findingWith(a.findings, FindingCode::CodexRefuses);
        QVERIFY(f);
        QCOMPARE(f->severity, Severity::Error);
        QCOMPARE(f->line, line);
        QCOMPARE(f->message, QStringLiteral("Codex 0.171.0 refuses to load config.toml: %1.").arg(message));
        QVERIFY(!f->fix.isEmpty());
    }

    // apply moves a legacy sandbox_mode into the block, which replaces the bad value.
    void refused_aValueApplyReplaces_saysRunApply()
    {
        const ConfigAnalysis a = analyzeConfig("sandbox_mode = \"yes\"\n", true, workspaceWrite());
        const Finding *f = findingWith(a.findings, FindingCode::CodexRefuses);
        QVERIFY(f);
        QVERIFY2(f->fix.startsWith(QStringLiteral("Run apply: Codex 0.171.0 loads the file it writes")), qPrintable(f->fix));
    }

    void refused_invalidToml_isLeftToConfigInvalid()
    {
        const ConfigAnalysis a = analyzeConfig("a = 1\n[t\n", true, workspaceWrite());
        QVERIFY(hasFinding(a.findings, FindingCode::ConfigInvalid));
        QVERIFY(!hasFinding(a.findings, FindingCode::CodexRefuses));
        QVERIFY(!a.effective.runs());
    }

    void windowsMxc_isAcceptedAndChoosesTheNativeSandbox()
    {
        const QByteArray config = "[windows]\nsandbox = \"mxc\"\n";
        QCOMPARE(readWindowsSandboxSetting(config), WindowsSandboxSetting::Mxc);
        PolicyInputs inputs;
        inputs.platform = Platform::Windows;
        inputs.codexVersion = Version(0, 171, 0);
        inputs.windowsSandbox = readWindowsSandboxSetting(config);
        const SandboxPolicy policy = choosePolicy(inputs);
        QCOMPARE(policy.mode, SandboxMode::WorkspaceWrite);
        QVERIFY(policy.reason.contains(QStringLiteral("mxc")));
        const ConfigAnalysis a = analyzeConfig(config, true, policy, onPlatform(Platform::Windows));
        QVERIFY(!hasFinding(a.findings, FindingCode::CodexRefuses));
        QVERIFY(a.effective.runs());
    }

    void privateDesktop_isReportedAsIgnoredSince0160()
    {
        const ConfigAnalysis a =
            analyzeConfig("[windows]\nsandbox = \"unelevated\"\nsandbox_private_desktop = true\n", true, workspaceWrite());
        const Finding *f = findingWith(a.findings, FindingCode::SettingIgnored);
        QVERIFY(f);
        QCOMPARE(f->severity, Severity::Info);
        QCOMPARE(f->line, 3);
        QVERIFY(f->message.contains(QStringLiteral("ignored since Codex 0.160")));
    }

    void networkProxy_warnsOnMacOSOnly()
    {
        const QByteArray config = "sandbox_mode = \"workspace-write\"\nsandbox_workspace_write.network_access = true\n"
                                  "[features]\nnetwork_proxy = true\n";
        const ConfigAnalysis mac = analyzeConfig(config, true, workspaceWrite(), onPlatform(Platform::MacOS));
        const Finding *f = findingWith(mac.findings, FindingCode::NetworkProxyDns);
        QVERIFY(f);
        QCOMPARE(f->severity, Severity::Warning);
        QCOMPARE(f->line, 4);
        QVERIFY(f->message.contains(QStringLiteral("direct DNS lookups fail")));
        QVERIFY(!hasFinding(analyzeConfig(config, true, workspaceWrite(), onPlatform(Platform::Linux)).findings,
                            FindingCode::NetworkProxyDns));
        QVERIFY(!hasFinding(analyzeConfig(config, true, workspaceWrite()).findings, FindingCode::NetworkProxyDns));
    }

    void profilesSandboxMode_differingFromThePolicy_isInfo()
    {
        const ConfigAnalysis a = analyzeConfig(WwBlock + "\n[profiles.fast]\nsandbox_mode = \"danger-full-access\"\n\n"
                                                         "[profiles.same]\nsandbox_mode = \"workspace-write\"\n",
                                               true, workspaceWrite());
        const QList<const Finding *> found = allWith(a.findings, FindingCode::ProfileSandboxMode);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found[0]->severity, Severity::Info);
        QCOMPARE(found[0]->line, 7);
        QVERIFY(found[0]->message.contains(QStringLiteral("[profiles.fast]")));
        QVERIFY(found[0]->message.contains(QStringLiteral("codex --profile fast")));
        QVERIFY(a.effectiveMatchesPolicy);
    }

    void zeroFilled_isNamedAndTheNewestParsableBackupOffered()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString config = dir.filePath(QStringLiteral("config.toml"));
        const QByteArray zeros(2048, '\0');
        QVERIFY(writeFile(config, zeros));
        // Newest first: zero-filled itself, then invalid TOML, then the one to offer, then an older good one.
        QVERIFY(writeFile(config + QStringLiteral(".bak-20261127T100000Z"), zeros));
        QVERIFY(writeFile(config + QStringLiteral(".bak-20261127T090000Z"), "a = \n"));
        QVERIFY(writeFile(config + QStringLiteral(".bak-20261127T080000Z"), "model = \"o3\"\n"));
        QVERIFY(writeFile(config + QStringLiteral(".bak-20261126T080000Z"), "model = \"o1\"\n"));

        AnalysisContext context = onPlatform(Platform::Linux);
        context.codexHome = dir.path();
        context.configWritePath = config;
        const ConfigAnalysis a = analyzeConfig(zeros, true, workspaceWrite(), context);
        QVERIFY(!hasFinding(a.findings, FindingCode::ConfigInvalid));
        const Finding *f = findingWith(a.findings, FindingCode::ConfigZeroFilled);
        QVERIFY(f);
        QCOMPARE(f->severity, Severity::Error);
        QVERIFY(f->message.contains(QStringLiteral("2048 bytes, 2048 of them NUL")));
        QVERIFY(f->message.contains(QStringLiteral("openai/codex#26421")));
        QVERIFY(a.invalid);  // apply must still refuse it
        QVERIFY(a.restoreCandidate);
        QCOMPARE(a.restoreCandidate->name, QStringLiteral("config.toml.bak-20261127T080000Z"));
        QCOMPARE(a.restoreCandidate->bytes, QByteArray("model = \"o3\"\n"));
        QVERIFY2(f->fix.contains(QStringLiteral("`codex-sandbox-doctor-cli restore --codex-home %1 --backup "
                                                "config.toml.bak-20261127T080000Z`")
                                     .arg(dir.path())),
                 qPrintable(f->fix));
    }

    void zeroFilled_withoutAGoodBackup_saysSo()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString config = dir.filePath(QStringLiteral("config.toml"));
        const QByteArray bytes = QByteArray("model = \"o3\"\n") + QByteArray(600, '\0');  // a valid start, zeroed tail
        QVERIFY(writeFile(config, bytes));
        AnalysisContext context;
        context.codexHome = dir.path();
        context.configWritePath = config;
        const ConfigAnalysis a = analyzeConfig(bytes, true, workspaceWrite(), context);
        const Finding *f = findingWith(a.findings, FindingCode::ConfigZeroFilled);
        QVERIFY(f);
        QVERIFY(!a.restoreCandidate);
        QVERIFY(f->fix.contains(QStringLiteral("No backup")));
    }

    // A caller that gave no path (a per-task home's inspection) gets no claim about backups.
    void zeroFilled_withoutAPathToLookBeside_pointsToTheBackupsList()
    {
        const ConfigAnalysis a = analyzeConfig(QByteArray(300, '\0'), true, workspaceWrite());
        const Finding *f = findingWith(a.findings, FindingCode::ConfigZeroFilled);
        QVERIFY(f);
        QVERIFY(!a.restoreCandidate);
        QVERIFY2(f->fix.contains(QStringLiteral("backups --codex-home")), qPrintable(f->fix));
        QVERIFY(!f->fix.contains(QStringLiteral("No backup")));
    }

    void strayNulByte_isAnOrdinaryInvalidFile()
    {
        const QByteArray bytes = QByteArray("model = \"o3\"\nname = \"a") + '\0' + QByteArray("b\"\n");
        QVERIFY(!detectZeroFill(bytes));
        const ConfigAnalysis a = analyzeConfig(bytes, true, workspaceWrite());
        QVERIFY(!hasFinding(a.findings, FindingCode::ConfigZeroFilled));
        QVERIFY(hasFinding(a.findings, FindingCode::ConfigInvalid));
    }

    void detectZeroFill_halfOrAZeroedTail()
    {
        QVERIFY(detectZeroFill(QByteArray(10, '\0')));
        QVERIFY(detectZeroFill(QByteArray(200, 'a') + QByteArray(64, '\0')));
        QVERIFY(!detectZeroFill(QByteArray(200, 'a') + QByteArray(63, '\0')));
        QVERIFY(detectZeroFill(QByteArray(20, 'a') + QByteArray(20, '\0')));
        QVERIFY(!detectZeroFill(QByteArray("model = \"o3\"\n")));
        QVERIFY(!detectZeroFill(QByteArray()));
    }
};

QTEST_GUILESS_MAIN(TestSandboxChecks)
#include "test_sandboxchecks.moc"
