#include "common/policy.h"
#include "common/sandboxsettings.h"

#include <QTest>

using namespace SandboxDoctor;

Q_DECLARE_METATYPE(SandboxDoctor::Platform)
Q_DECLARE_METATYPE(SandboxDoctor::SandboxMode)
Q_DECLARE_METATYPE(SandboxDoctor::WindowsSandboxSetting)

class TestPolicy final : public QObject
{
    Q_OBJECT

private slots:
    void table_data()
    {
        QTest::addColumn<Platform>("platform");
        QTest::addColumn<QString>("codexVersion");   // empty = unknown
        QTest::addColumn<QString>("fixedVersion");   // empty = none known
        QTest::addColumn<WindowsSandboxSetting>("windows");
        QTest::addColumn<SandboxMode>("mode");
        QTest::addColumn<bool>("network");
        QTest::addColumn<QString>("reasonMentions");

        const auto absent = WindowsSandboxSetting::Absent;
        QTest::newRow("linux, any version") << Platform::Linux << "0.121.0" << "" << absent
                                            << SandboxMode::WorkspaceWrite << true << "Linux";
        QTest::newRow("linux, unknown version") << Platform::Linux << "" << "" << absent
                                                << SandboxMode::WorkspaceWrite << true << "network_access";
        QTest::newRow("macos, no fixed version known") << Platform::MacOS << "0.171.0" << "" << absent
                                                       << SandboxMode::DangerFullAccess << false << "#10390";
        QTest::newRow("macos, older than fixed") << Platform::MacOS << "0.121.0" << "0.180.0" << absent
                                                 << SandboxMode::DangerFullAccess << false << "older than 0.180.0";
        QTest::newRow("macos, prerelease of fixed is older") << Platform::MacOS << "0.180.0-alpha.1" << "0.180.0"
                                                             << absent << SandboxMode::DangerFullAccess << false
                                                             << "older";
        QTest::newRow("macos, equal to fixed") << Platform::MacOS << "0.180.0" << "0.180.0" << absent
                                               << SandboxMode::WorkspaceWrite << true << "at or above";
        QTest::newRow("macos, newer than fixed") << Platform::MacOS << "0.190.2" << "0.180.0" << absent
                                                 << SandboxMode::WorkspaceWrite << true << "0.190.2";
        QTest::newRow("macos, unknown version with fixed set") << Platform::MacOS << "" << "0.180.0" << absent
                                                               << SandboxMode::DangerFullAccess << false << "unknown";
        QTest::newRow("windows, sandbox absent") << Platform::Windows << "0.171.0" << "" << absent
                                                 << SandboxMode::DangerFullAccess << false << "by policy";
        QTest::newRow("windows, elevated") << Platform::Windows << "0.171.0" << "" << WindowsSandboxSetting::Elevated
                                           << SandboxMode::WorkspaceWrite << true << "\"elevated\"";
        QTest::newRow("windows, unelevated") << Platform::Windows << "" << "" << WindowsSandboxSetting::Unelevated
                                             << SandboxMode::WorkspaceWrite << true << "\"unelevated\"";
        QTest::newRow("windows, mxc (0.160+)") << Platform::Windows << "0.171.0" << "" << WindowsSandboxSetting::Mxc
                                               << SandboxMode::WorkspaceWrite << true << "mxc";
        QTest::newRow("windows, invalid fails closed") << Platform::Windows << "0.171.0" << ""
                                                       << WindowsSandboxSetting::Invalid
                                                       << SandboxMode::WorkspaceWrite << true << "fails closed";
        QTest::newRow("windows, unreadable fails closed") << Platform::Windows << "0.171.0" << ""
                                                          << WindowsSandboxSetting::Unreadable
                                                          << SandboxMode::WorkspaceWrite << true << "fails closed";
    }

    void table()
    {
        QFETCH(Platform, platform);
        QFETCH(QString, codexVersion);
        QFETCH(QString, fixedVersion);
        QFETCH(WindowsSandboxSetting, windows);
        QFETCH(SandboxMode, mode);
        QFETCH(bool, network);
        QFETCH(QString, reasonMentions);

        PolicyInputs inputs;
        inputs.platform = platform;
        inputs.codexVersion = Version::parse(codexVersion);
        inputs.darwinFixedVersion = Version::parse(fixedVersion);
        inputs.windowsSandbox = windows;
        const SandboxPolicy policy = choosePolicy(inputs);

        QCOMPARE(policy.mode, mode);
        QCOMPARE(policy.networkAccess, network);
        QVERIFY2(policy.reason.contains(reasonMentions), qPrintable(policy.reason));
        QVERIFY2(!policy.hint.isEmpty(), "every decision carries a hint a person can act on");
        // The flag status reads instead of the text: the two never disagree.
        QCOMPARE(policy.hintSaysNothingToDo, policy.hint.startsWith(QLatin1String("Nothing to do")));
    }

    void presets_data()
    {
        QTest::addColumn<QString>("choice");
        QTest::addColumn<Platform>("platform");
        QTest::addColumn<WindowsSandboxSetting>("windows");
        QTest::addColumn<SandboxMode>("mode");
        QTest::addColumn<bool>("network");
        QTest::addColumn<QString>("reasonMentions");

        const auto absent = WindowsSandboxSetting::Absent;
        QTest::newRow("seed, linux") << "seed" << Platform::Linux << absent << SandboxMode::WorkspaceWrite << true
                                     << "Linux";
        QTest::newRow("today, linux") << "multica-today" << Platform::Linux << absent
                                      << SandboxMode::DangerFullAccess << false << "#6233";
        QTest::newRow("today, macos") << "multica-today" << Platform::MacOS << absent
                                      << SandboxMode::DangerFullAccess << false << "#10390";
        QTest::newRow("today, windows without sandbox") << "multica-today" << Platform::Windows << absent
                                                        << SandboxMode::DangerFullAccess << false << "by policy";
        QTest::newRow("today, windows native") << "multica-today" << Platform::Windows
                                               << WindowsSandboxSetting::Unelevated << SandboxMode::WorkspaceWrite
                                               << true << "native";
        QTest::newRow("custom, this platform set")
            << "custom:linux=workspace-write,macos=danger-full-access" << Platform::Linux << absent
            << SandboxMode::WorkspaceWrite << false << "custom policy";
        QTest::newRow("custom, network spelled") << "custom:darwin=workspace-write+network" << Platform::MacOS
                                                 << absent << SandboxMode::WorkspaceWrite << true << "macos";
        QTest::newRow("custom, platform unset follows the seed") << "custom:macos=read-only" << Platform::Linux
                                                                 << absent << SandboxMode::WorkspaceWrite << true
                                                                 << "Linux";
    }

    void presets()
    {
        QFETCH(QString, choice);
        QFETCH(Platform, platform);
        QFETCH(WindowsSandboxSetting, windows);
        QFETCH(SandboxMode, mode);
        QFETCH(bool, network);
        QFETCH(QString, reasonMentions);

        QString error;
        const auto parsed = parsePolicyChoice(choice, &error);
        QVERIFY2(parsed.has_value(), qPrintable(error));
        PolicyInputs inputs;
        inputs.platform = platform;
        inputs.codexVersion = Version(0, 171, 0);
        inputs.windowsSandbox = windows;
        inputs.choice = *parsed;
        const SandboxPolicy policy = choosePolicy(inputs);
        QCOMPARE(policy.mode, mode);
        QCOMPARE(policy.networkAccess, network);
        QCOMPARE(policy.preset, parsed->preset);
        QVERIFY2(policy.reason.contains(reasonMentions), qPrintable(policy.reason));
        QVERIFY(!policy.hint.isEmpty());
        QCOMPARE(policy.hintSaysNothingToDo, policy.hint.startsWith(QLatin1String("Nothing to do")));
    }

    void policyChoice_textRoundTrips_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("seed") << "seed" << "seed";
        QTest::newRow("today") << " multica-today " << "multica-today";
        QTest::newRow("custom") << "custom:windows=workspace-write, darwin=danger-full-access"
                                << "custom:macos=danger-full-access,windows=workspace-write";
        QTest::newRow("custom network") << "custom:linux=workspace-write+network" << "custom:linux=workspace-write+network";
    }

    void policyChoice_textRoundTrips()
    {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        const auto parsed = parsePolicyChoice(text);
        QVERIFY(parsed.has_value());
        QCOMPARE(parsed->toText(), canonical);
        QCOMPARE(parsePolicyChoice(canonical), parsed);
    }

    void policyChoice_refusesWithAReason_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown preset") << "today" << "seed, multica-today";
        QTest::newRow("empty custom") << "custom:" << "at least one";
        QTest::newRow("no equals") << "custom:linux" << "PLATFORM=MODE";
        QTest::newRow("bad platform") << "custom:beos=read-only" << "beos";
        QTest::newRow("bad mode") << "custom:linux=full" << "'full'";
        QTest::newRow("twice") << "custom:linux=read-only,linux=danger-full-access" << "twice";
    }

    void policyChoice_refusesWithAReason()
    {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        QString error;
        QVERIFY(!parsePolicyChoice(text, &error).has_value());
        QVERIFY2(error.contains(mentions), qPrintable(error));
    }

    void sandboxSettings_selectTheSameSandboxInCodexSandbox()
    {
        SandboxSettings managed;
        managed.mode = SandboxMode::WorkspaceWrite;
        managed.networkAccess = true;
        QCOMPARE(managed.codexSandboxOptions(),
                 QStringList({QStringLiteral("-c"), QStringLiteral("sandbox_mode=\"workspace-write\""), QStringLiteral("-c"), QStringLiteral("sandbox_workspace_write.network_access=true")}));
        QCOMPARE(managed.describe(),
                 QStringLiteral("sandbox_mode = \"workspace-write\", sandbox_workspace_write.network_access = true"));
        QVERIFY(!managed.isFullAccess());

        SandboxSettings full;
        full.mode = SandboxMode::DangerFullAccess;
        QCOMPARE(full.codexSandboxOptions(), QStringList({QStringLiteral("-c"), QStringLiteral("sandbox_mode=\"danger-full-access\"")}));
        QVERIFY(full.isFullAccess());

        SandboxSettings profile;
        profile.permissionProfile = QStringLiteral(":workspace");
        QCOMPARE(profile.codexSandboxOptions(), QStringList({QStringLiteral("-P"), QStringLiteral(":workspace")}));
        QCOMPARE(profile.describe(), QStringLiteral("default_permissions = \":workspace\""));
        QVERIFY(!profile.isFullAccess());
        profile.permissionProfile = QStringLiteral(":danger-full-access");
        QVERIFY(profile.isFullAccess());
        QVERIFY(profile != full);
    }

    void modeNames_roundTrip()
    {
        for (auto mode : {SandboxMode::ReadOnly, SandboxMode::WorkspaceWrite, SandboxMode::DangerFullAccess})
            QCOMPARE(parseSandboxMode(sandboxModeName(mode)), mode);
        QVERIFY(!parseSandboxMode(u"workspace_write").has_value());
    }
};

QTEST_GUILESS_MAIN(TestPolicy)
#include "test_policy.moc"
