// Issue 11.4 against the real Codex 0.171.0: with a legacy root `profile`
// line `codex sandbox -- true` fails in Codex's words; after apply it exits 0,
// `codex --profile work` reads the work.config.toml apply wrote (a bad value
// put into that file makes it fail, and only it); restoring apply's backup
// entry puts config.toml back and removes work.config.toml.

#include "config/applier.h"
#include "config/restore.h"

#include "realcodexrun.h"
#include "testsupport.h"

#include <QTest>

using namespace SandboxDoctor;

class TestProfileMigrationRealCodex final : public QObject
{
    Q_OBJECT

private:
    QString m_scratch;
    QString m_user;

    RealCodex::Outcome sandbox(const QString &home, const QStringList &before = {})
    {
        return RealCodex::run(m_user, home, before + QStringList{QStringLiteral("sandbox"), QStringLiteral("--"),
                                                                 QStringLiteral("true")});
    }

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

    void applyMigrates_andCodexStarts()
    {
        const QString home = m_scratch + QStringLiteral("/home");
        QVERIFY(QDir().mkpath(home));
        const QString config = home + QStringLiteral("/config.toml");
        const QString profileFile = home + QStringLiteral("/work.config.toml");
        const QByteArray original = "model = \"o3\"\nprofile = \"work\"\n\n[profiles.work]\nsandbox_mode = "
                                    "\"danger-full-access\"\n\n[profiles.work.sandbox_workspace_write]\n"
                                    "network_access = true\n";
        QVERIFY(RealCodex::writeFile(config, original));

        const RealCodex::Outcome before = sandbox(home);
        QVERIFY(before.exitCode != 0);
        QVERIFY2(before.err.contains("Error: legacy `profile = \"work\"` config is no longer supported; use "
                                     "`--profile work` with `work.config.toml` instead\n"),
                 before.err.left(300).constData());

        const auto applied = applyManagedBlock(home, TestSupport::workspaceWrite());
        QVERIFY2(applied.hasValue(), applied ? "" : qPrintable(applied.error().message));
        QVERIFY(applied->written);
        QCOMPARE(applied->otherFiles.size(), 1);
        QVERIFY(!applied->otherFiles.constFirst().exists);
        QVERIFY(QFileInfo::exists(profileFile));

        const RealCodex::Outcome after = sandbox(home);
        QVERIFY2(after.exitCode == 0, after.err.left(300).constData());
        const RealCodex::Outcome withProfile = sandbox(home, {QStringLiteral("--profile"), QStringLiteral("work")});
        QVERIFY2(withProfile.exitCode == 0, withProfile.err.left(300).constData());

        // --profile work reads exactly the file apply wrote: spoil it, and only --profile fails.
        const QByteArray migrated = RealCodex::readFile(profileFile);
        QVERIFY(RealCodex::writeFile(profileFile, "sandbox_mode = \"bogus\"\n"));
        QVERIFY(sandbox(home, {QStringLiteral("--profile"), QStringLiteral("work")}).exitCode != 0);
        QCOMPARE(sandbox(home).exitCode, 0);
        QVERIFY(RealCodex::writeFile(profileFile, migrated));

        // One entry undoes both files.
        const auto restored = restoreBackup(home, applied->backupName);
        QVERIFY2(restored.hasValue(), restored ? "" : qPrintable(restored.error().message));
        QCOMPARE(RealCodex::readFile(config), original);
        QVERIFY(!QFileInfo::exists(profileFile));
        QVERIFY(sandbox(home).exitCode != 0);
    }

    // An existing, different work.config.toml is never overwritten.
    void existingProfileFile_isRefused()
    {
        const QString home = m_scratch + QStringLiteral("/existing");
        QVERIFY(QDir().mkpath(home));
        const QByteArray original = "profile = \"work\"\n[profiles.work]\nmodel = \"o3\"\n";
        QVERIFY(RealCodex::writeFile(home + QStringLiteral("/config.toml"), original));
        QVERIFY(RealCodex::writeFile(home + QStringLiteral("/work.config.toml"), "model = \"gpt-5\"\n"));
        const auto applied = applyManagedBlock(home, TestSupport::workspaceWrite());
        QVERIFY(!applied.hasValue());
        QCOMPARE(applied.error().kind, Error::Kind::Refused);
        QVERIFY(applied.error().message.contains(QStringLiteral("work.config.toml already exists")));
        QCOMPARE(RealCodex::readFile(home + QStringLiteral("/config.toml")), original);
        QCOMPARE(RealCodex::readFile(home + QStringLiteral("/work.config.toml")), QByteArray("model = \"gpt-5\"\n"));
    }
};

QTEST_GUILESS_MAIN(TestProfileMigrationRealCodex)
#include "test_profilemigration_realcodex.moc"
