// policyCost: what danger-full-access costs (#11.9), said where it is chosen,
// with a pointer to the setting that keeps the filesystem sandbox instead.

#include "common/policycost.h"
#include "common/policypreset.h"

#include <QRegularExpression>
#include <QTest>

using namespace SandboxDoctor;

Q_DECLARE_METATYPE(SandboxDoctor::Platform)
Q_DECLARE_METATYPE(SandboxDoctor::PolicyPreset)

class TestPolicyCost final : public QObject
{
    Q_OBJECT

private slots:
    void fullAccess_saysTheFilesystemSandboxGoesToo_data()
    {
        QTest::addColumn<Platform>("platform");
        QTest::addColumn<PolicyPreset>("preset");
        QTest::newRow("macos, seed") << Platform::MacOS << PolicyPreset::Seed;
        QTest::newRow("windows without [windows] sandbox") << Platform::Windows << PolicyPreset::Seed;
        QTest::newRow("linux, multica today") << Platform::Linux << PolicyPreset::MulticaToday;
    }

    void fullAccess_saysTheFilesystemSandboxGoesToo()
    {
        QFETCH(Platform, platform);
        QFETCH(PolicyPreset, preset);
        PolicyInputs inputs;
        inputs.platform = platform;
        inputs.codexVersion = Version(0, 171, 0);
        inputs.choice.preset = preset;
        const SandboxPolicy policy = choosePolicy(inputs);
        QCOMPARE(policy.mode, SandboxMode::DangerFullAccess);

        const QString cost = policyCost(policy, platform);
        QVERIFY2(cost.contains(QStringLiteral("turns off Codex's filesystem sandbox too")), qPrintable(cost));
        QVERIFY2(cost.contains(QStringLiteral("workspace-write without network")), qPrintable(cost));
        QVERIFY2(cost.contains(QStringLiteral("Settings")), qPrintable(cost));

        // The option it names is one --policy accepts, and it selects exactly that mode.
        const QRegularExpressionMatch option =
            QRegularExpression(QStringLiteral("--policy (custom:\\S+=workspace-write)")).match(cost);
        QVERIFY2(option.hasMatch(), qPrintable(cost));
        QString error;
        const std::optional<PolicyChoice> choice = parsePolicyChoice(option.captured(1), &error);
        QVERIFY2(choice, qPrintable(error));
        inputs.choice = *choice;
        const SandboxPolicy instead = choosePolicy(inputs);
        QCOMPARE(instead.mode, SandboxMode::WorkspaceWrite);
        QVERIFY(!instead.networkAccess);
    }

    void sandboxedPolicies_costNothingExtra()
    {
        PolicyInputs inputs;
        inputs.platform = Platform::Linux;
        QVERIFY(policyCost(choosePolicy(inputs), Platform::Linux).isEmpty());
        inputs.platform = Platform::Windows;
        inputs.windowsSandbox = WindowsSandboxSetting::Mxc;
        QVERIFY(policyCost(choosePolicy(inputs), Platform::Windows).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPolicyCost)
#include "test_policycost.moc"
