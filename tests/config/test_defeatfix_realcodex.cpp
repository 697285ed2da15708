// Issue 11.2 against the real Codex 0.171.0: for a root default_permissions
// that defeats the policy, `codex doctor --json` reports another sandbox than
// the policy's before apply and exactly the policy's after it (filesystem and
// network); restoring apply's backup brings the line, and Codex's verdict, back.

#include "config/applier.h"
#include "config/effectivesandbox.h"
#include "config/restore.h"

#include "realcodexrun.h"
#include "testsupport.h"

#include <QTest>

using namespace SandboxDoctor;

Q_DECLARE_METATYPE(SandboxDoctor::SandboxPolicy)

class TestDefeatFixRealCodex final : public QObject
{
    Q_OBJECT

private:
    QString m_scratch;
    QString m_user;

private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(RealCodex::nativeCodex()).isExecutable(), qPrintable(RealCodex::nativeCodex()));
        m_scratch = qEnvironmentVariable("SANDBOXDOCTOR_SCRATCH_DIR");
        QVERIFY2(!m_scratch.isEmpty() && !m_scratch.startsWith(QStringLiteral("/tmp/")),
                 "SANDBOXDOCTOR_SCRATCH_DIR must be set and lie outside /tmp");
        QDir(m_scratch).removeRecursively();
        m_user = m_scratch + QStringLiteral("/user");
        QVERIFY(QDir().mkpath(m_user));
    }

    void applyMakesThePolicyTakeEffect_data()
    {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<SandboxPolicy>("policy");
        QTest::newRow("workspace-under-full-access")
            << QByteArray("default_permissions = \":workspace\"\nmodel = \"o3\"\n") << TestSupport::fullAccess();
        QTest::newRow("full-access-under-seed-linux")  // the seed's Linux policy: workspace-write + network
            << QByteArray("model = \"o3\"\ndefault_permissions = \":danger-full-access\"\n")
            << TestSupport::workspaceWrite();
        QTest::newRow("profile-network-off-under-seed-linux")
            << QByteArray("default_permissions = \"net\"\n\n[permissions.net]\nextends = \":workspace\"\n"
                          "network.enabled = false\n")
            << TestSupport::workspaceWrite();
    }

    void applyMakesThePolicyTakeEffect()
    {
        QFETCH(QByteArray, config);
        QFETCH(SandboxPolicy, policy);
        const QString home = m_scratch + QLatin1Char('/') + QString::fromLatin1(QTest::currentDataTag());
        QVERIFY(QDir().mkpath(home));
        const QString path = home + QStringLiteral("/config.toml");
        QVERIFY(RealCodex::writeFile(path, config));
        const QString wantFs = filesystemSandboxName(policyFilesystem(policy));
        const QString wantNet = networkSandboxName(policyNetwork(policy));

        const RealCodex::Verdict before = RealCodex::doctor(m_user, home);
        QCOMPARE(before.load, QStringLiteral("ok"));
        QVERIFY2(before.filesystem != wantFs || before.network != wantNet,
                 qPrintable(before.filesystem + QLatin1Char('/') + before.network));

        const auto applied = applyManagedBlock(home, policy);
        QVERIFY2(applied.hasValue(), applied ? "" : qPrintable(applied.error().message));
        QVERIFY(applied->written);
        const RealCodex::Verdict after = RealCodex::doctor(m_user, home);
        QCOMPARE(after.load, QStringLiteral("ok"));
        QCOMPARE(after.filesystem, wantFs);
        QCOMPARE(after.network, wantNet);

        const auto again = applyManagedBlock(home, policy);
        QVERIFY(again.hasValue());
        QVERIFY(!again->written);

        const auto restored = restoreBackup(home, applied->backupName);
        QVERIFY2(restored.hasValue(), restored ? "" : qPrintable(restored.error().message));
        QCOMPARE(RealCodex::readFile(path), config);
        const RealCodex::Verdict undone = RealCodex::doctor(m_user, home);
        QCOMPARE(undone.filesystem, before.filesystem);
        QCOMPARE(undone.network, before.network);
    }
};

QTEST_GUILESS_MAIN(TestDefeatFixRealCodex)
#include "test_defeatfix_realcodex.moc"
