// No lost edit (#12.3): another program's save that lands while apply is
// writing is never overwritten, and two applies racing never lose a write.

#include "applytesting.h"
#include "config/applier.h"
#include "config/writelock.h"
#include "policytesting.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace SandboxDoctor;
using namespace ApplyTesting;

namespace {

const QByteArray Plain = "model = \"o3\"\n\n[tui]\ntheme = \"dark\"\n";
const QByteArray Edited = "model = \"gpt-5\"\n\n[tui]\ntheme = \"light\"\n";

SandboxPolicy linuxPolicy()
{
    return choosePolicy(policyInputs(Platform::Linux));
}

SandboxPolicy macPolicy()
{
    return choosePolicy(policyInputs(Platform::MacOS));
}

QString text(const Expected<ApplyResult> &result)
{
    return result ? QStringLiteral("applied") : result.error().toText();
}

} // namespace

class TestApplyRace final : public QObject
{
    Q_OBJECT

private slots:
    void editorSaveBeforeTheReplace_isRefusedAndKept()
    {
        QTemporaryDir home;
        const QString config = home.filePath(QStringLiteral("config.toml"));
        QVERIFY(writeFile(config, Plain));
        ApplyHooks hooks;
        hooks.beforeReplace = [&](const QString &) { return saveLikeAnEditor(config, Edited); };
        const Expected<ApplyResult> result = applyManagedBlock(home.path(), linuxPolicy(), {}, hooks);
        QVERIFY2(!result, "apply must not report success over another program's save");
        QCOMPARE(result.error().kind, Error::Kind::Refused);
        QCOMPARE(result.error().exitCode(), 3);
        QVERIFY2(result.error().message.contains(QStringLiteral("changed while")), qPrintable(text(result)));
        QCOMPARE(result.error().path, config);
        QCOMPARE(readAll(config), Edited);  // the editor's save is in place
        // Nothing written, nothing left: no backup, no temporary file, no lock file.
        QCOMPARE(entriesOf(home.path()), QStringList{QStringLiteral("config.toml")});
    }

#ifdef Q_OS_LINUX
    // The last instant: after the final check, before the replace. Linux
    // replaces by renameat2(RENAME_EXCHANGE), sees what it took out, and
    // swaps a save that landed there back in.
    void editorSaveAfterTheFinalCheck_isPutBack()
    {
        QTemporaryDir home;
        const QString config = home.filePath(QStringLiteral("config.toml"));
        QVERIFY(writeFile(config, Plain));
        ApplyHooks hooks;
        hooks.afterFinalCheck = [&] { QVERIFY(saveLikeAnEditor(config, Edited)); };
        const Expected<ApplyResult> result = applyManagedBlock(home.path(), linuxPolicy(), {}, hooks);
        QVERIFY2(!result, "apply must not report success over another program's save");
        QCOMPARE(result.error().kind, Error::Kind::Refused);
        QCOMPARE(readAll(config), Edited);
        QCOMPARE(entriesOf(home.path()), QStringList{QStringLiteral("config.toml")});
    }
#endif

    void inPlaceWriteBeforeTheReplace_isRefused()
    {
        // Same inode, same size, maybe even the same modification time (one
        // clock tick): only the bytes tell.
        QTemporaryDir home;
        const QString config = home.filePath(QStringLiteral("config.toml"));
        QVERIFY(writeFile(config, Plain));
        QByteArray sameSize = Plain;
        sameSize.replace("o3", "o4");
        ApplyHooks hooks;
        hooks.beforeReplace = [&](const QString &) {
            QFile file(config);
            return file.open(QIODevice::ReadWrite) && file.write(sameSize) == sameSize.size();
        };
        const Expected<ApplyResult> result = applyManagedBlock(home.path(), linuxPolicy(), {}, hooks);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::Refused);
        QCOMPARE(readAll(config), sameSize);
        QCOMPARE(entriesOf(home.path()), QStringList{QStringLiteral("config.toml")});
    }

    void newFileCreatedMeanwhile_isNotReplaced()
    {
        // apply would create config.toml; someone creates it first.
        QTemporaryDir home;
        const QString config = home.filePath(QStringLiteral("config.toml"));
        ApplyHooks hooks;
        hooks.beforeReplace = [&](const QString &) { return saveLikeAnEditor(config, Edited); };
        const Expected<ApplyResult> result = applyManagedBlock(home.path(), linuxPolicy(), {}, hooks);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::Refused);
        QCOMPARE(readAll(config), Edited);
        QCOMPARE(entriesOf(home.path()), QStringList{QStringLiteral("config.toml")});
    }

    void twoAppliesRacing_loseNoWrite()
    {
        // Two applies with different policies on one file, started together,
        // many rounds: each must end with its result in the file's history
        // (config.toml or a backup) or with a refusal. A config of some size
        // makes the planning take long enough for the two to overlap.
        QByteArray base = Plain;
        for (int i = 0; i < 1500; ++i)
            base += "\n[projects.\"/work/p" + QByteArray::number(i) + "\"]\ntrust_level = \"trusted\"\n";
        const int rounds = 100;
        int bothWritten = 0, refused = 0;
        for (int round = 0; round < rounds; ++round) {
            QTemporaryDir home;
            const QString config = home.filePath(QStringLiteral("config.toml"));
            QVERIFY(writeFile(config, base));
            std::atomic<int> ready{0};
            Expected<ApplyResult> a = Error{}, b = Error{};
            auto run = [&](Expected<ApplyResult> &out, const SandboxPolicy &policy) {
                ready.fetch_add(1);
                while (ready.load() < 2) {
                }
                out = applyManagedBlock(home.path(), policy);
            };
            std::thread first(run, std::ref(a), linuxPolicy());
            std::thread second(run, std::ref(b), macPolicy());
            first.join();
            second.join();

            QSet<QByteArray> history{readAll(config)};
            const Expected<BackupHistory> backups = listBackupHistory(home.path());
            QVERIFY(backups);
            for (const BackupInfo &backup : backups->backups)
                history.insert(readAll(backup.path));
            QVERIFY2(history.contains(base), qPrintable(QStringLiteral("round %1: the original is gone").arg(round)));
            for (const Expected<ApplyResult> *result : {&a, &b}) {
                if (!*result) {
                    QVERIFY2(result->error().kind == Error::Kind::Refused, qPrintable(text(*result)));
                    ++refused;
                    continue;
                }
                QVERIFY2(history.contains((*result)->edit.after),
                         qPrintable(QStringLiteral("round %1: an apply reported success, its write is lost").arg(round)));
            }
            if (a && b && a->written && b->written)
                ++bothWritten;
            for (const QString &entry : entriesOf(home.path()))
                QVERIFY2(entry == QLatin1String("config.toml") || entry.startsWith(QLatin1String("config.toml.bak-")),
                         qPrintable(entry));
        }
        qInfo("%d rounds: both written %d, refused %d", rounds, bothWritten, refused);
    }

    void writeLock_aSecondHolderWaitsThenIsRefused()
    {
        QTemporaryDir home;
        const QString config = home.filePath(QStringLiteral("config.toml"));
        Expected<WriteLock> held = WriteLock::acquire(config);
        QVERIFY2(held, qPrintable(held ? QString() : held.error().toText()));
        QCOMPARE(held->path(), home.filePath(QStringLiteral(".config.toml.sdlock")));
        QVERIFY(QFileInfo::exists(held->path()));
        QVERIFY(WriteLock::isHeld(config));

        const Expected<WriteLock> second = WriteLock::acquire(config, std::chrono::milliseconds(50));
        QVERIFY(!second);
        QCOMPARE(second.error().kind, Error::Kind::Refused);
        QVERIFY(second.error().message.contains(QStringLiteral("Another run")));
        QVERIFY(!second.error().hint.isEmpty());

        held->release();
        QVERIFY(!WriteLock::isHeld(config));
        QCOMPARE(entriesOf(home.path()), QStringList{});  // the lock file goes with the lock
        QVERIFY(WriteLock::acquire(config, std::chrono::milliseconds(0)));
    }

    void writeLock_aLockFileLeftByAKilledRunIsTakenOver()
    {
        // A run killed while holding the lock leaves its file; the kernel
        // dropped the lock itself, so the next run takes it and cleans up.
        QTemporaryDir home;
        const QString config = home.filePath(QStringLiteral("config.toml"));
        QVERIFY(writeFile(WriteLock::lockPathFor(config), ""));
        QVERIFY(!WriteLock::isHeld(config));
        QVERIFY(writeFile(config, Plain));
        const Expected<ApplyResult> result = applyManagedBlock(home.path(), linuxPolicy());
        QVERIFY2(result && result->written, qPrintable(text(result)));
        QCOMPARE(entriesOf(home.path()), (QStringList{QStringLiteral("config.toml"), QFileInfo(result->backupPath).fileName()}));
    }

#ifdef Q_OS_UNIX
    void writeLock_aPlantedLinkIsNotWrittenThrough()
    {
        QTemporaryDir home;
        const QString config = home.filePath(QStringLiteral("config.toml"));
        const QString elsewhere = home.filePath(QStringLiteral("elsewhere"));
        QVERIFY(QFile::link(elsewhere, WriteLock::lockPathFor(config)));
        const Expected<WriteLock> lock = WriteLock::acquire(config, std::chrono::milliseconds(0));
        QVERIFY(!lock);
        QCOMPARE(lock.error().kind, Error::Kind::Refused);
        QVERIFY(lock.error().message.contains(QStringLiteral("symbolic link")));
        QVERIFY(!QFileInfo::exists(elsewhere));
    }
#endif
};

QTEST_GUILESS_MAIN(TestApplyRace)
#include "test_applyrace.moc"
