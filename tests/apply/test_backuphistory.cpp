// Restore only restores (#12.4) and the backup history (#13.2): only regular
// files this app named are offered; links, pipes, devices and folders under
// such a name are skipped and reported, never opened; names sort by the time
// inside them, a future one is never "the newest"; a restore keeps the
// current file's mode and owner and is itself undoable, by name.

#include "applytesting.h"
#include "config/applier.h"
#include "config/backups.h"
#include "config/restore.h"
#include "policytesting.h"

#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace SandboxDoctor;
using namespace ApplyTesting;

namespace {

const QByteArray Plain = "model = \"o3\"\n\n[tui]\ntheme = \"dark\"\n";

SandboxPolicy linuxPolicy()
{
    return choosePolicy(policyInputs(Platform::Linux));
}

SandboxPolicy macPolicy()
{
    return choosePolicy(policyInputs(Platform::MacOS));
}

QString nameAt(int year, int sequence = 1)
{
    return backupFileName(QStringLiteral("config.toml"), QDateTime(QDate(year, 1, 2), QTime(3, 4, 5), QTimeZone::utc()),
                          sequence);
}

QString reasonFor(const BackupHistory &history, const QString &name)
{
    for (const SkippedBackup &skipped : history.skipped) {
        if (QFileInfo(skipped.path).fileName() == name)
            return skipped.reason;
    }
    return QStringLiteral("<not skipped>");
}

template <typename T>
QString errorText(const Expected<T> &result)
{
    return result ? QString() : result.error().toText();
}

} // namespace

class TestBackupHistory final : public QObject
{
    Q_OBJECT

private slots:
#ifdef Q_OS_UNIX
    void history_offersOnlyRegularFilesThisAppNamed()
    {
        QTemporaryDir home;
        QVERIFY(writeFile(home.filePath(QStringLiteral("config.toml")), Plain));
        QVERIFY(writeFile(home.filePath(nameAt(2020)), "model = \"old\"\n"));
        QCOMPARE(::mkfifo(QFile::encodeName(home.filePath(nameAt(2021))).constData(), 0600), 0);
        QVERIFY(QFile::link(QStringLiteral("/dev/zero"), home.filePath(nameAt(2022))));
        QVERIFY(QDir(home.path()).mkdir(nameAt(2023)));
        QVERIFY(writeFile(home.filePath(QStringLiteral("secret.txt")), "token = \"not for config.toml\"\n"));
        QVERIFY(QFile::link(home.filePath(QStringLiteral("secret.txt")), home.filePath(nameAt(2024))));
        QVERIFY(writeFile(home.filePath(QStringLiteral("config.toml.bak-20241301T000000Z")), "x = 1\n"));  // month 13
        QVERIFY(writeFile(home.filePath(QStringLiteral("config.toml.bak-mine")), "x = 1\n"));  // not our name

        const Expected<BackupHistory> history = listBackupHistory(home.path());
        QVERIFY2(history, qPrintable(errorText(history)));
        QCOMPARE(history->backups.size(), 1);
        QCOMPARE(history->backups.first().name, nameAt(2020));
        QCOMPARE(reasonFor(*history, nameAt(2021)), QStringLiteral("a named pipe (FIFO)"));
        QCOMPARE(reasonFor(*history, nameAt(2022)), QStringLiteral("a symbolic link"));
        QCOMPARE(reasonFor(*history, nameAt(2023)), QStringLiteral("a folder"));
        QCOMPARE(reasonFor(*history, nameAt(2024)), QStringLiteral("a symbolic link"));
        QVERIFY(reasonFor(*history, QStringLiteral("config.toml.bak-20241301T000000Z")).contains(QStringLiteral("date")));
        QCOMPARE(reasonFor(*history, QStringLiteral("config.toml.bak-mine")), QStringLiteral("<not skipped>"));
        QCOMPARE(history->skipped.size(), 5);

        // The newest regular one is restored; nothing is read through a link.
        const Expected<RestoreResult> restored = restoreBackup(home.path());
        QVERIFY2(restored, qPrintable(errorText(restored)));
        QCOMPARE(restored->restored.name, nameAt(2020));
        QCOMPARE(readAll(home.filePath(QStringLiteral("config.toml"))), QByteArray("model = \"old\"\n"));
    }

    void restore_aLinkNamedLikeABackupIsNeverCopiedIn()
    {
        QTemporaryDir home;
        const QString config = home.filePath(QStringLiteral("config.toml"));
        QVERIFY(writeFile(config, "model = \"applied\"\n"));
        QVERIFY(writeFile(home.filePath(nameAt(2020)), Plain));
        QVERIFY(writeFile(home.filePath(QStringLiteral("secret.txt")), "token = \"not for config.toml\"\n"));
        // Dated after the real backup (fixed names: a clock-made one could
        // land on the real backup's second), so a plain sort would take it
        // for the newest.
        const QString planted = home.filePath(nameAt(2021));
        QVERIFY(QFile::link(home.filePath(QStringLiteral("secret.txt")), planted));

        const Expected<RestoreResult> restored = restoreBackup(home.path());
        QVERIFY2(restored, qPrintable(errorText(restored)));
        QCOMPARE(restored->restored.name, nameAt(2020));
        QCOMPARE(readAll(config), Plain);

        // By name it is refused too, with the reason.
        const Expected<RestoreResult> byName = restoreBackup(home.path(), QFileInfo(planted).fileName());
        QVERIFY(!byName);
        QCOMPARE(byName.error().kind, Error::Kind::Refused);
        QVERIFY2(byName.error().message.contains(QStringLiteral("symbolic link")), qPrintable(byName.error().toText()));
        QCOMPARE(readAll(config), Plain);
    }

    void restore_aPipeNamedLikeABackupIsNotWaitedOn()
    {
        QTemporaryDir home;
        const QString config = home.filePath(QStringLiteral("config.toml"));
        QVERIFY(writeFile(config, Plain));
        QVERIFY(applyManagedBlock(home.path(), linuxPolicy()));
        QCOMPARE(::mkfifo(QFile::encodeName(home.filePath(nameAt(2099))).constData(), 0600), 0);
        QVERIFY(QFile::link(QStringLiteral("/dev/zero"), home.filePath(nameAt(2098))));
        const Expected<RestoreResult> restored = restoreBackup(home.path());
        QVERIFY2(restored, qPrintable(errorText(restored)));
        QCOMPARE(readAll(config), Plain);
        const Expected<QByteArray> pipe = readBackupFile(home.filePath(nameAt(2099)));
        QVERIFY(!pipe);
        QCOMPARE(pipe.error().kind, Error::Kind::Refused);
        QVERIFY(pipe.error().message.contains(QStringLiteral("FIFO")));
        QCOMPARE(pipe.error().path, home.filePath(nameAt(2099)));
        QVERIFY(!pipe.error().hint.isEmpty());
    }

    void restore_keepsTheCurrentFilesModeAndOwner()
    {
        QTemporaryDir home;
        const QString config = home.filePath(QStringLiteral("config.toml"));
        QVERIFY(writeFile(config, Plain));
        QCOMPARE(::chmod(QFile::encodeName(config).constData(), 0600), 0);
        QVERIFY(applyManagedBlock(home.path(), linuxPolicy()));
        // The user loosens the mode (and, as root here, hands the file to someone) after the apply.
        QCOMPARE(::chmod(QFile::encodeName(config).constData(), 0640), 0);
        const bool root = ::geteuid() == 0;
        if (root)
            QCOMPARE(::chown(QFile::encodeName(config).constData(), 4321, 4321), 0);
        QVERIFY(restoreBackup(home.path()));
        QCOMPARE(readAll(config), Plain);
        QCOMPARE(modeOf(config), 0640);
        if (root) {
            struct stat st {};
            QCOMPARE(::stat(QFile::encodeName(config).constData(), &st), 0);
            QCOMPARE(int(st.st_uid), 4321);
            QCOMPARE(int(st.st_gid), 4321);
        }
    }

    void restore_ofADeletedConfigKeepsTheBackupsMode_andUndoRemovesItAgain()
    {
        QTemporaryDir home;
        const QString config = home.filePath(QStringLiteral("config.toml"));
        QVERIFY(writeFile(config, Plain));
        QCOMPARE(::chmod(QFile::encodeName(config).constData(), 0600), 0);
        QVERIFY(applyManagedBlock(home.path(), linuxPolicy()));
        QVERIFY(QFile::remove(config));

        const Expected<RestoreResult> restored = restoreBackup(home.path());
        QVERIFY2(restored, qPrintable(errorText(restored)));
        QCOMPARE(readAll(config), Plain);
        QCOMPARE(modeOf(config), 0600);  // a private config stays private

        // Undo: config.toml did not exist, so it goes again (kept as a backup itself).
        QVERIFY(!restored->undoName.isEmpty());
        const Expected<RestoreResult> undone = restoreBackup(home.path(), restored->undoName);
        QVERIFY2(undone, qPrintable(errorText(undone)));
        QVERIFY(!QFileInfo::exists(config));
        const Expected<RestoreResult> redone = restoreBackup(home.path(), undone->undoName);
        QVERIFY2(redone, qPrintable(errorText(redone)));
        QCOMPARE(readAll(config), Plain);
    }
#endif

    void restore_byName_andItsUndoNameUndoesIt()
    {
        QTemporaryDir home;
        const QString config = home.filePath(QStringLiteral("config.toml"));
        QVERIFY(writeFile(config, Plain));
        const Expected<ApplyResult> first = applyManagedBlock(home.path(), linuxPolicy());
        const Expected<ApplyResult> second = applyManagedBlock(home.path(), macPolicy());
        QVERIFY(first && second && first->written && second->written);
        const QByteArray current = readAll(config);

        // The oldest entry, by name: the original file.
        const Expected<RestoreResult> restored = restoreBackup(home.path(), first->backupName);
        QVERIFY2(restored, qPrintable(errorText(restored)));
        QCOMPARE(restored->restored.name, first->backupName);
        QCOMPARE(readAll(config), Plain);
        QVERIFY(!restored->undoName.isEmpty());
        QCOMPARE(readAll(restored->undoPath), current);

        // The hint "restore <undo name>" is true; and it is also the newest now.
        const Expected<BackupHistory> history = listBackupHistory(home.path());
        QCOMPARE(history->newest()->name, restored->undoName);
        QVERIFY(restoreBackup(home.path(), restored->undoName));
        QCOMPARE(readAll(config), current);

        // By path works too; an unknown name is refused with nothing changed.
        QVERIFY(restoreBackup(home.path(), first->backupPath));
        QCOMPARE(readAll(config), Plain);
        const Expected<RestoreResult> unknown = restoreBackup(home.path(), QStringLiteral("config.toml.bak-nope"));
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().kind, Error::Kind::Refused);
        QCOMPARE(readAll(config), Plain);
    }

    void restore_aFutureDatedNameIsReportedNotTakenForTheNewest()
    {
        QTemporaryDir home;
        const QString config = home.filePath(QStringLiteral("config.toml"));
        QVERIFY(writeFile(config, Plain));
        const Expected<ApplyResult> applied = applyManagedBlock(home.path(), linuxPolicy());
        QVERIFY(applied && applied->written);
        QVERIFY(writeFile(home.filePath(nameAt(2999)), "model = \"from the future\"\n"));

        const Expected<BackupHistory> history = listBackupHistory(home.path());
        QCOMPARE(history->backups.size(), 2);
        QCOMPARE(history->backups.first().name, nameAt(2999));  // sorted by the time in the name
        QVERIFY(history->backups.first().future);
        QVERIFY(!history->backups.last().future);
        QCOMPARE(history->newest()->name, applied->backupName);

        const Expected<RestoreResult> restored = restoreBackup(home.path());
        QVERIFY2(restored, qPrintable(errorText(restored)));
        QCOMPARE(restored->restored.name, applied->backupName);
        QCOMPARE(readAll(config), Plain);
        // "Run restore again to undo" is true: the undo entry is the newest.
        QCOMPARE(listBackupHistory(home.path())->newest()->name, restored->undoName);
        QVERIFY(restoreBackup(home.path()));
        QCOMPARE(readAll(config), applied->edit.after);

        // Chosen by name, a future-dated backup restores like any other.
        QVERIFY(restoreBackup(home.path(), nameAt(2999)));
        QCOMPARE(readAll(config), QByteArray("model = \"from the future\"\n"));
    }

    void restore_aBackupOverTheCapIsRefusedUnread()
    {
        QTemporaryDir home;
        const QString config = home.filePath(QStringLiteral("config.toml"));
        QVERIFY(writeFile(config, Plain));
        QFile huge(home.filePath(nameAt(2020)));
        QVERIFY(huge.open(QIODevice::WriteOnly));
        QVERIFY(huge.resize(MaxConfigBytes + 1));  // sparse: no 8 MiB written
        huge.close();
        const Expected<RestoreResult> restored = restoreBackup(home.path());
        QVERIFY(!restored);
        QCOMPARE(restored.error().kind, Error::Kind::Refused);
        QVERIFY(restored.error().message.contains(QStringLiteral("8 MiB")));
        QCOMPARE(restored.error().path, home.filePath(nameAt(2020)));
        QCOMPARE(readAll(config), Plain);
    }

    void history_saysWhetherEachBackupParses()
    {
        QTemporaryDir home;
        QVERIFY(writeFile(home.filePath(QStringLiteral("config.toml")), Plain));
        QVERIFY(writeFile(home.filePath(nameAt(2020)), "model = \"o3\"\n"));
        QVERIFY(writeFile(home.filePath(nameAt(2021)), QByteArray(64, '\0')));  // zero-filled by a crash
        QVERIFY(writeFile(home.filePath(nameAt(2022)), "\xEF\xBB\xBF[tui]\ntheme = \"dark\"\n"));
        const Expected<BackupHistory> history = listBackupHistory(home.path(), ParseCheck::Check);
        QCOMPARE(history->backups.size(), 3);
        QVERIFY(history->backups[0].parseChecked);
        QVERIFY(history->backups[0].parses);   // 2022, with a BOM
        QVERIFY(!history->backups[1].parses);  // 2021
        QVERIFY(history->backups[2].parses);   // 2020
        QCOMPARE(history->backups[1].size, qint64(64));
        QCOMPARE(history->backups[1].createdUtc, QDateTime(QDate(2021, 1, 2), QTime(3, 4, 5), QTimeZone::utc()));
        QVERIFY(!listBackupHistory(home.path())->backups[0].parseChecked);  // only when asked
    }

    void delete_removesTheChosenOnes_allOrNothing()
    {
        QTemporaryDir home;
        QVERIFY(writeFile(home.filePath(QStringLiteral("config.toml")), Plain));
        for (int year : {2020, 2021, 2022})
            QVERIFY(writeFile(home.filePath(nameAt(year)), "x = 1\n"));
        const Expected<QStringList> refused =
            deleteBackups(home.path(), {nameAt(2020), QStringLiteral("config.toml.bak-nope")});
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, Error::Kind::Refused);
        QCOMPARE(listBackupHistory(home.path())->backups.size(), 3);  // nothing deleted

        const Expected<QStringList> removed = deleteBackups(home.path(), {nameAt(2020), nameAt(2022)});
        QVERIFY2(removed, qPrintable(errorText(removed)));
        QCOMPARE(removed->size(), 2);
        QCOMPARE(entriesOf(home.path()), (QStringList{QStringLiteral("config.toml"), nameAt(2021)}));
    }

    void prune_keepsTheNewestAndNeverAFutureOne()
    {
        QTemporaryDir home;
        QVERIFY(writeFile(home.filePath(QStringLiteral("config.toml")), Plain));
        for (int year : {2020, 2021, 2022, 2999})
            QVERIFY(writeFile(home.filePath(nameAt(year)), "x = 1\n"));
        pruneBackups(home.path(), 2);
        QCOMPARE(entriesOf(home.path()),
                 (QStringList{QStringLiteral("config.toml"), nameAt(2021), nameAt(2022), nameAt(2999)}));
    }
};

QTEST_GUILESS_MAIN(TestBackupHistory)
#include "test_backuphistory.moc"
