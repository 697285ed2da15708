#include "config/applier.h"
#include "config/atomicwrite.h"
#include "config/backups.h"
#include "config/editplanner.h"
#include "policytesting.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

// Modes, inodes and symbolic links are checked where they exist (POSIX);
// the rest of each case runs everywhere.
#ifdef Q_OS_UNIX
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace SandboxDoctor;

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

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return "<unreadable>";
    return file.readAll();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

#ifdef Q_OS_UNIX
mode_t modeOf(const QString &path)
{
    struct stat st {};
    ::stat(QFile::encodeName(path).constData(), &st);
    return st.st_mode & 07777;
}
#endif

QStringList entriesOf(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

} // namespace

class TestApplier final : public QObject
{
    Q_OBJECT

private slots:
    void apply_createsMissingFileWithTheBlock()
    {
        QTemporaryDir home;
        const Expected<ApplyResult> result = applyManagedBlock(home.path(), linuxPolicy());
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toText()));
        QVERIFY(result->written);
        QVERIFY(result->backupPath.isEmpty());  // nothing existed to back up
        QCOMPARE(readAll(home.filePath(QStringLiteral("config.toml"))), renderManagedBlock(linuxPolicy()));
        QCOMPARE(entriesOf(home.path()), QStringList{QStringLiteral("config.toml")});
    }

    void apply_writesBlockOnTopAndLeavesATimestampedBackup()
    {
        QTemporaryDir home;
        const QString config = home.filePath(QStringLiteral("config.toml"));
        QVERIFY(writeFile(config, Plain));
        const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
        const Expected<ApplyResult> result = applyManagedBlock(home.path(), linuxPolicy());
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toText()));
        QVERIFY(result->written);
        const QByteArray after = readAll(config);
        QVERIFY(after.startsWith(renderManagedBlock(linuxPolicy())));
        QVERIFY(after.endsWith(Plain));
        QCOMPARE(after, result->edit.after);

        QVERIFY(!result->backupPath.isEmpty());
        QCOMPARE(QFileInfo(result->backupPath).absolutePath(), QFileInfo(config).absolutePath());
        QVERIFY(QRegularExpression(QStringLiteral("^config\\.toml\\.bak-\\d{8}T\\d{6}Z$"))
                    .match(QFileInfo(result->backupPath).fileName())
                    .hasMatch());
        QCOMPARE(readAll(result->backupPath), Plain);
#ifdef Q_OS_UNIX
        // The backup is its own file: config.toml was replaced, not rewritten in place.
        struct stat backupStat {}, configStat {};
        ::stat(QFile::encodeName(result->backupPath).constData(), &backupStat);
        ::stat(QFile::encodeName(config).constData(), &configStat);
        QVERIFY(backupStat.st_ino != configStat.st_ino);
        QCOMPARE(int(backupStat.st_nlink), 1);
#endif

        const Expected<QList<BackupInfo>> backups = listBackups(home.path());
        QVERIFY(backups);
        QCOMPARE(backups->size(), 1);
        QCOMPARE(backups->first().path, result->backupPath);
        QCOMPARE(backups->first().size, qint64(Plain.size()));
        QVERIFY(backups->first().createdUtc >= before.addSecs(-1));
        QVERIFY(backups->first().createdUtc <= QDateTime::currentDateTimeUtc());
        // In UTC, however it is spelled: Qt::UTC, or QTimeZone::utc() (a
        // Qt::TimeZone spec before Qt 6.5, where setTimeSpec is on its way out).
        QCOMPARE(backups->first().createdUtc.timeZone(), QTimeZone::utc());
    }

    void apply_secondApplyDoesNotTouchTheFile()
    {
        QTemporaryDir home;
        const QString config = home.filePath(QStringLiteral("config.toml"));
        QVERIFY(writeFile(config, Plain));
        QVERIFY(applyManagedBlock(home.path(), linuxPolicy()));
        const QByteArray applied = readAll(config);

        // An old mtime makes "not touched" visible even on coarse file systems.
        const QDateTime old = QDateTime::fromSecsSinceEpoch(1'600'000'000, QTimeZone::utc());
        {
            QFile f(config);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.setFileTime(old, QFileDevice::FileModificationTime));
        }
#ifdef Q_OS_UNIX
        const ino_t inode = [&] { struct stat st {}; ::stat(QFile::encodeName(config).constData(), &st); return st.st_ino; }();
#endif
        const QStringList entries = entriesOf(home.path());

        const Expected<ApplyResult> again = applyManagedBlock(home.path(), linuxPolicy());
        QVERIFY(again);
        QVERIFY(!again->edit.changed);
        QVERIFY(!again->written);
        QVERIFY(again->backupPath.isEmpty());
        QCOMPARE(QFileInfo(config).lastModified().toUTC(), old);
        QCOMPARE(readAll(config), applied);
#ifdef Q_OS_UNIX
        struct stat st {};
        ::stat(QFile::encodeName(config).constData(), &st);
        QCOMPARE(st.st_ino, inode);  // not even replaced by an identical copy
#endif
        QCOMPARE(entriesOf(home.path()), entries);  // no new backup
    }

#ifdef Q_OS_UNIX
    void apply_keepsPermissions_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("0600") << 0600;
        QTest::newRow("0640") << 0640;
        QTest::newRow("0664") << 0664;
    }

    void apply_keepsPermissions()
    {
        QFETCH(int, mode);
        QTemporaryDir home;
        const QString config = home.filePath(QStringLiteral("config.toml"));
        QVERIFY(writeFile(config, Plain));
        QCOMPARE(::chmod(QFile::encodeName(config).constData(), mode_t(mode)), 0);
        const Expected<ApplyResult> result = applyManagedBlock(home.path(), linuxPolicy());
        QVERIFY(result && result->written);
        QCOMPARE(int(modeOf(config)), mode);
        QCOMPARE(int(modeOf(result->backupPath)), mode);  // the copy is as private as the original
    }

    void apply_writesThroughASymlinkToItsTarget()
    {
        QTemporaryDir root;
        QDir(root.path()).mkpath(QStringLiteral("home"));
        QDir(root.path()).mkpath(QStringLiteral("shared"));
        const QString target = root.filePath(QStringLiteral("shared/codex.toml"));
        const QString link = root.filePath(QStringLiteral("home/config.toml"));
        QVERIFY(writeFile(target, Plain));
        QCOMPARE(::chmod(QFile::encodeName(target).constData(), 0640), 0);
        QVERIFY(QFile::link(target, link));

        const Expected<ApplyResult> result = applyManagedBlock(root.filePath(QStringLiteral("home")), linuxPolicy());
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toText()));
        QVERIFY(result->written);
        QVERIFY(QFileInfo(link).isSymLink());  // the link stays a link
        QCOMPARE(QFileInfo(link).symLinkTarget(), target);
        QCOMPARE(readAll(target), result->edit.after);
        QCOMPARE(int(modeOf(target)), 0640);
        // The backup lies beside the file that was written, not beside the link.
        QCOMPARE(QFileInfo(result->backupPath).absolutePath(), root.filePath(QStringLiteral("shared")));
        QCOMPARE(entriesOf(root.filePath(QStringLiteral("home"))), QStringList{QStringLiteral("config.toml")});
        QCOMPARE(listBackups(root.filePath(QStringLiteral("home")))->size(), 1);

        // And restore goes back through the link too.
        QVERIFY(restoreNewestBackup(root.filePath(QStringLiteral("home"))));
        QVERIFY(QFileInfo(link).isSymLink());
        QCOMPARE(readAll(target), Plain);
    }

    void apply_danglingSymlinkCreatesItsTarget()
    {
        QTemporaryDir root;
        QDir(root.path()).mkpath(QStringLiteral("home"));
        const QString target = root.filePath(QStringLiteral("real.toml"));
        const QString link = root.filePath(QStringLiteral("home/config.toml"));
        QVERIFY(QFile::link(target, link));
        const Expected<ApplyResult> result = applyManagedBlock(root.filePath(QStringLiteral("home")), linuxPolicy());
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toText()));
        QVERIFY(result->written);
        QVERIFY(QFileInfo(link).isSymLink());
        QCOMPARE(readAll(target), renderManagedBlock(linuxPolicy()));
    }
#endif

    void apply_expectSha256Mismatch_refusesAndWritesNothing()
    {
        QTemporaryDir home;
        const QString config = home.filePath(QStringLiteral("config.toml"));
        QVERIFY(writeFile(config, Plain));
        ApplyOptions options;
        options.expectSha256 = sha256Hex("model = \"o3\"\n");  // what the preview saw, before someone edited
        const Expected<ApplyResult> result = applyManagedBlock(home.path(), linuxPolicy(), options);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::Refused);
        QCOMPARE(result.error().exitCode(), 3);
        QVERIFY(result.error().message.contains(QStringLiteral("changed since the preview")));
        QCOMPARE(readAll(config), Plain);
        QCOMPARE(entriesOf(home.path()), QStringList{QStringLiteral("config.toml")});
    }

    void apply_expectSha256Match_writes()
    {
        QTemporaryDir home;
        QVERIFY(writeFile(home.filePath(QStringLiteral("config.toml")), Plain));
        ApplyOptions options;
        options.expectSha256 = sha256Hex(Plain).toUpper();  // case does not matter
        const Expected<ApplyResult> result = applyManagedBlock(home.path(), linuxPolicy(), options);
        QVERIFY(result && result->written);

        options.expectSha256 = "xyz";
        const Expected<ApplyResult> malformed = applyManagedBlock(home.path(), linuxPolicy(), options);
        QVERIFY(!malformed);
        QCOMPARE(malformed.error().kind, Error::Kind::Usage);
    }

    void apply_dryRunWritesNothing()
    {
        QTemporaryDir home;
        const QString config = home.filePath(QStringLiteral("config.toml"));
        QVERIFY(writeFile(config, Plain));
        ApplyOptions options;
        options.dryRun = true;
        const Expected<ApplyResult> result = applyManagedBlock(home.path(), linuxPolicy(), options);
        QVERIFY(result);
        QVERIFY(result->edit.changed);
        QVERIFY(!result->written);
        QCOMPARE(readAll(config), Plain);
        QCOMPARE(entriesOf(home.path()), QStringList{QStringLiteral("config.toml")});
    }

    void apply_noBackupLeavesNoCopy()
    {
        QTemporaryDir home;
        QVERIFY(writeFile(home.filePath(QStringLiteral("config.toml")), Plain));
        ApplyOptions options;
        options.backup = false;
        const Expected<ApplyResult> result = applyManagedBlock(home.path(), linuxPolicy(), options);
        QVERIFY(result && result->written);
        QVERIFY(result->backupPath.isEmpty());
        QCOMPARE(entriesOf(home.path()), QStringList{QStringLiteral("config.toml")});
    }

    void apply_readOnlyFileIsRefusedAndKept()
    {
        QTemporaryDir home;
        const QString config = home.filePath(QStringLiteral("config.toml"));
        QVERIFY(writeFile(config, Plain));
        // r--r--r-- on POSIX, the read-only attribute on Windows.
        QVERIFY(QFile::setPermissions(config, QFileDevice::ReadOwner | QFileDevice::ReadUser | QFileDevice::ReadGroup
                                                  | QFileDevice::ReadOther));
        const Expected<ApplyResult> result = applyManagedBlock(home.path(), linuxPolicy());
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::Refused);
        QVERIFY(result.error().message.contains(QStringLiteral("read-only")));
        QCOMPARE(result.error().path, config);
        QVERIFY(!result.error().hint.isEmpty());
        QCOMPARE(readAll(config), Plain);
#ifdef Q_OS_UNIX
        QCOMPARE(int(modeOf(config)), 0444);
#else
        QVERIFY(!QFileInfo(config).isWritable());
#endif
        QCOMPARE(entriesOf(home.path()), QStringList{QStringLiteral("config.toml")});
    }

#ifdef Q_OS_UNIX
    // Windows ignores the read-only attribute on folders: POSIX only.
    void apply_readOnlyFolderIsRefusedAndKept()
    {
        QTemporaryDir home;
        const QString config = home.filePath(QStringLiteral("config.toml"));
        QVERIFY(writeFile(config, Plain));
        QCOMPARE(::chmod(QFile::encodeName(home.path()).constData(), 0555), 0);
        const Expected<ApplyResult> result = applyManagedBlock(home.path(), linuxPolicy());
        ::chmod(QFile::encodeName(home.path()).constData(), 0755);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::Refused);
        QVERIFY(result.error().message.contains(QStringLiteral("read-only")));
        QCOMPARE(readAll(config), Plain);
        QCOMPARE(entriesOf(home.path()), QStringList{QStringLiteral("config.toml")});
    }
#endif

    void apply_refusalsFromTheEngineNameTheFile()
    {
        QTemporaryDir home;
        const QString config = home.filePath(QStringLiteral("config.toml"));
        const QByteArray invalid = "model = \"o3\"\n[tui\ntheme = 1\n";
        QVERIFY(writeFile(config, invalid));
        const Expected<ApplyResult> result = applyManagedBlock(home.path(), linuxPolicy());
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::Refused);
        QCOMPARE(result.error().line, 2);
        QVERIFY(!result.error().path.isEmpty());
        QCOMPARE(readAll(config), invalid);
        QCOMPARE(entriesOf(home.path()), QStringList{QStringLiteral("config.toml")});
    }

    void atomicWrite_goesThroughATempFileInTheSameFolder()
    {
        QTemporaryDir home;
        const QString config = home.filePath(QStringLiteral("config.toml"));
        QVERIFY(writeFile(config, "old\n"));
        QString seenTemp;
        bool originalIntactMeanwhile = false;
        bool tempComplete = false;
        AtomicWriteOptions options;
        options.beforeReplace = [&](const QString &temp) {
            seenTemp = temp;
            originalIntactMeanwhile = readAll(config) == "old\n";
            tempComplete = readAll(temp) == "new contents\n";
            return true;
        };
        QVERIFY(writeFileAtomically(config, "new contents\n", options));
        QCOMPARE(QFileInfo(seenTemp).absolutePath(), QFileInfo(config).absolutePath());
        QVERIFY(seenTemp != config);
        QVERIFY(originalIntactMeanwhile);
        QVERIFY(tempComplete);
        QCOMPARE(readAll(config), QByteArray("new contents\n"));
        QVERIFY(!QFileInfo::exists(seenTemp));  // renamed, not copied
        QCOMPARE(entriesOf(home.path()), QStringList{QStringLiteral("config.toml")});
    }

    void atomicWrite_failureBeforeTheRenameLeavesTheOriginal()
    {
        QTemporaryDir home;
        const QString config = home.filePath(QStringLiteral("config.toml"));
        QVERIFY(writeFile(config, "old\n"));
        AtomicWriteOptions options;
        options.beforeReplace = [](const QString &) { return false; };  // e.g. power cut before the rename
        const Expected<FileStamp> result = writeFileAtomically(config, "new\n", options);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::Io);
        QCOMPARE(readAll(config), QByteArray("old\n"));
        QCOMPARE(entriesOf(home.path()), QStringList{QStringLiteral("config.toml")});
    }

    void atomicWrite_intoAMissingFolderFailsCleanly()
    {
        QTemporaryDir root;
        const Expected<FileStamp> result = writeFileAtomically(root.filePath(QStringLiteral("gone/config.toml")), "x\n");
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::Io);
        QVERIFY(entriesOf(root.path()).isEmpty());
    }

    void backup_namesAreUniqueEvenTwiceInOneSecond()
    {
        QTemporaryDir home;
        const QString config = home.filePath(QStringLiteral("config.toml"));
        QVERIFY(writeFile(config, Plain));
        QStringList paths;
        for (int i = 0; i < 3; ++i) {
            const Expected<QString> backup =
                writeBackup(config, "copy " + QByteArray::number(i), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            QVERIFY(backup);
            paths << backup.value();
        }
        QCOMPARE(QSet<QString>(paths.begin(), paths.end()).size(), 3);
        // Newest first, even within one second (the -2, -3 suffixes order them).
        const QList<BackupInfo> found = listBackupHistory(home.path())->backups;
        QCOMPARE(found.size(), 3);
        QCOMPARE(readAll(found[0].path), QByteArray("copy 2"));
        QCOMPARE(readAll(found[2].path), QByteArray("copy 0"));

        // Two applies that both change the file, back to back.
        QTemporaryDir home2;
        QVERIFY(writeFile(home2.filePath(QStringLiteral("config.toml")), Plain));
        const Expected<ApplyResult> first = applyManagedBlock(home2.path(), linuxPolicy());
        const Expected<ApplyResult> second = applyManagedBlock(home2.path(), macPolicy());
        QVERIFY(first && second && first->written && second->written);
        QVERIFY(first->backupPath != second->backupPath);
        QCOMPARE(readAll(second->backupPath), first->edit.after);
        QCOMPARE(listBackups(home2.path())->first().path, second->backupPath);
    }

    void backup_sequenceTenSortsAfterNine()
    {
        const QDateTime t = QDateTime::fromSecsSinceEpoch(1'800'000'000, QTimeZone::utc());
        QTemporaryDir home;
        for (int seq : {9, 10, 1})
            QVERIFY(writeFile(home.filePath(backupFileName(QStringLiteral("config.toml"), t, seq)), "x"));
        QVERIFY(writeFile(home.filePath(QStringLiteral("config.toml.bak-notatime")), "x"));
        QVERIFY(writeFile(home.filePath(QStringLiteral("other.toml.bak-20261127T071500Z")), "x"));
        const QList<BackupInfo> found = listBackupHistory(home.path())->backups;
        QCOMPARE(found.size(), 3);
        QVERIFY(found[0].path.endsWith(QStringLiteral("Z-10")));
        QVERIFY(found[1].path.endsWith(QStringLiteral("Z-9")));
        QVERIFY(found[2].path.endsWith(QStringLiteral("Z")));
        QCOMPARE(backupFileName(QStringLiteral("config.toml"), t), QStringLiteral("config.toml.bak-20270115T080000Z"));
    }

    void backup_keepBackupsPrunesTheOldest()
    {
        QTemporaryDir home;
        QVERIFY(writeFile(home.filePath(QStringLiteral("config.toml")), Plain));
        ApplyOptions options;
        options.keepBackups = 2;
        QString newest;
        for (int i = 0; i < 4; ++i) {
            const Expected<ApplyResult> r = applyManagedBlock(home.path(), i % 2 ? macPolicy() : linuxPolicy(), options);
            QVERIFY(r && r->written);
            newest = r->backupPath;
        }
        const Expected<QList<BackupInfo>> backups = listBackups(home.path());
        QCOMPARE(backups->size(), 2);
        QCOMPARE(backups->first().path, newest);
    }

    void restore_bringsBackTheOriginalBytesExactly()
    {
        QTemporaryDir home;
        const QString config = home.filePath(QStringLiteral("config.toml"));
        // BOM, CRLF, no final newline: restore must not "normalise" any of it.
        const QByteArray original = "\xEF\xBB\xBFmodel = \"o3\"\r\n\r\n[tui]\r\ntheme = \"dark\"";
        QVERIFY(writeFile(config, original));
#ifdef Q_OS_UNIX
        QCOMPARE(::chmod(QFile::encodeName(config).constData(), 0600), 0);
#endif
        const Expected<ApplyResult> applied = applyManagedBlock(home.path(), linuxPolicy());
        QVERIFY2(applied && applied->written, qPrintable(applied ? QString() : applied.error().toText()));

        const Expected<BackupInfo> restored = restoreNewestBackup(home.path());
        QVERIFY2(restored, qPrintable(restored ? QString() : restored.error().toText()));
        QCOMPARE(restored->path, applied->backupPath);
        QCOMPARE(readAll(config), original);
#ifdef Q_OS_UNIX
        QCOMPARE(int(modeOf(config)), 0600);
#endif

        // Restore is undoable: the replaced file became the newest backup.
        const Expected<QList<BackupInfo>> backups = listBackups(home.path());
        QCOMPARE(backups->size(), 2);
        QCOMPARE(readAll(backups->first().path), applied->edit.after);
        QVERIFY(restoreNewestBackup(home.path()));
        QCOMPARE(readAll(config), applied->edit.after);
    }

    void restore_withoutBackupsIsRefused()
    {
        QTemporaryDir home;
        QVERIFY(writeFile(home.filePath(QStringLiteral("config.toml")), Plain));
        const Expected<BackupInfo> restored = restoreNewestBackup(home.path());
        QVERIFY(!restored);
        QCOMPARE(restored.error().kind, Error::Kind::Refused);
        QVERIFY(restored.error().message.contains(QStringLiteral("no backup")));
        QCOMPARE(readAll(home.filePath(QStringLiteral("config.toml"))), Plain);
    }

    void restore_recreatesADeletedConfig()
    {
        QTemporaryDir home;
        const QString config = home.filePath(QStringLiteral("config.toml"));
        QVERIFY(writeFile(config, Plain));
        QVERIFY(applyManagedBlock(home.path(), linuxPolicy()));
        QVERIFY(QFile::remove(config));
        QVERIFY(restoreNewestBackup(home.path()));
        QCOMPARE(readAll(config), Plain);
    }
};

QTEST_GUILESS_MAIN(TestApplier)
#include "test_applier.moc"
