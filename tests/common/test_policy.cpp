#include "common/policy.h"

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
