// A change that spans two files (#11.4's storage): config.toml and a
// profile's <name>.config.toml written as one change, one backup entry, undone
// and redone together; a failure part-way leaves nothing changed.

#include "applytesting.h"
#include "config/backups.h"
#include "config/changerecord.h"
#include "config/changeset.h"
#include "config/restore.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace SandboxDoctor;
using namespace ApplyTesting;

namespace {

const QString Config = QStringLiteral("config.toml");
const QString Work = QStringLiteral("work.config.toml");
const QByteArray Before = "profile = \"work\"\nmodel = \"o3\"\n\n[profiles.work]\nmodel = \"gpt-5\"\n";
const QByteArray ConfigAfter = "model = \"o3\"\n";
const QByteArray WorkAfter = "model = \"gpt-5\"\n";

template <typename T>
QString errorText(const Expected<T> &result)
{
    return result ? QString() : result.error().toText();
}

// config.toml loses its profile line, work.config.toml is created.
Expected<ChangeResult> migrate(const QString &home, const ChangeOptions &options = {})
{
    Expected<ChangeWriter> writer = ChangeWriter::begin(home, {Config, Work});
    if (!writer)
        return writer.error();
    return writer->commit({FileAfter{Config, ConfigAfter, {}}, FileAfter{Work, WorkAfter, {}}}, options);
}

} // namespace

class TestChangeSet final : public QObject
{
    Q_OBJECT

private slots:
    void twoFiles_writtenAsOneChange_undoneAndRedoneTogether()
    {
        QTemporaryDir home;
        const QString config = home.filePath(Config), work = home.filePath(Work);
        QVERIFY(writeFile(config, Before));

        Expected<ChangeWriter> writer = ChangeWriter::begin(home.path(), {Config, Work});
        QVERIFY2(writer, qPrintable(errorText(writer)));
        QCOMPARE(writer->current(Config)->bytes, Before);
        QVERIFY(!writer->current(Work)->exists);
        const Expected<ChangeResult> changed =
            writer->commit({FileAfter{Config, ConfigAfter, {}}, FileAfter{Work, WorkAfter, {}}});
        QVERIFY2(changed, qPrintable(errorText(changed)));
        writer = Error{};  // releases the locks
        QVERIFY(changed->written);
        QCOMPARE(readAll(config), ConfigAfter);
        QCOMPARE(readAll(work), WorkAfter);

        // One entry: config.toml's backup (the old name) plus the record.
        const Expected<BackupHistory> history = listBackupHistory(home.path());
        QVERIFY2(history, qPrintable(errorText(history)));
        QCOMPARE(history->backups.size(), 1);
        const BackupInfo &entry = history->backups.first();
        QCOMPARE(entry.name, changed->backupName);
        QVERIFY(QRegularExpression(QStringLiteral("^config\\.toml\\.bak-\\d{8}T\\d{6}Z$")).match(entry.name).hasMatch());
        QCOMPARE(readAll(entry.path), Before);
        QCOMPARE(entry.recordPath, home.filePath(entry.name + QStringLiteral(".change.json")));
        QCOMPARE(entry.files.size(), 2);
        QCOMPARE(entry.files[0].name, Config);
        QVERIFY(entry.files[0].existed);
        QCOMPARE(entry.files[1].name, Work);
        QVERIFY(!entry.files[1].existed);
        QCOMPARE(entriesOf(home.path()),
                 (QStringList{Config, entry.name, entry.name + QStringLiteral(".change.json"), Work}));

        // Undo: both files as before; the one the change created goes (backed up itself).
        const Expected<RestoreResult> undone = restoreBackup(home.path(), entry.name);
        QVERIFY2(undone, qPrintable(errorText(undone)));
        QCOMPARE(readAll(config), Before);
        QVERIFY(!QFileInfo::exists(work));
        const Expected<BackupHistory> afterUndo = listBackupHistory(home.path());  // find points into it
        QVERIFY(afterUndo);
        const BackupInfo *undoEntry = afterUndo->find(undone->undoName);
        QVERIFY(undoEntry);
        QCOMPARE(undoEntry->files.size(), 2);
        QVERIFY(undoEntry->files[1].existed);
        QCOMPARE(readAll(undoEntry->files[1].path), WorkAfter);

        // Redo: the undo entry brings the change back, both files.
        const Expected<RestoreResult> redone = restoreBackup(home.path(), undone->undoName);
        QVERIFY2(redone, qPrintable(errorText(redone)));
        QCOMPARE(readAll(config), ConfigAfter);
        QCOMPARE(readAll(work), WorkAfter);
        QCOMPARE(listBackupHistory(home.path())->backups.size(), 3);
        QCOMPARE(listBackupHistory(home.path())->newest()->name, redone->undoName);
    }

    void aFailureWritingTheSecondFile_leavesTheFirstAsItWas()
    {
        QTemporaryDir home;
        const QString config = home.filePath(Config), work = home.filePath(Work);
        QVERIFY(writeFile(config, Before));
        ChangeOptions options;
        bool firstReplaced = false;
        options.beforeReplace = [&](const QString &name, const QString &) {
            if (name == Config)
                return firstReplaced = true;
            return false;  // the second file's write fails, after the first is in place
        };
        const Expected<ChangeResult> changed = migrate(home.path(), options);
        QVERIFY(!changed);
        QVERIFY(firstReplaced);
        QCOMPARE(changed.error().kind, Error::Kind::Io);
        QVERIFY2(changed.error().hint.contains(QStringLiteral("put back")), qPrintable(changed.error().toText()));
        QCOMPARE(readAll(config), Before);
        QVERIFY(!QFileInfo::exists(work));
        QCOMPARE(entriesOf(home.path()), QStringList{Config});  // no backup, no record, no temporary file
    }

    void aSaveToTheSecondFile_rollsTheFirstBack_andKeepsTheSave()
    {
        QTemporaryDir home;
        const QString config = home.filePath(Config), work = home.filePath(Work);
        QVERIFY(writeFile(config, Before));
        QVERIFY(writeFile(work, "model = \"mine\"\n"));
        ChangeOptions options;
        options.beforeReplace = [&](const QString &name, const QString &) {
            return name != Work || saveLikeAnEditor(work, "model = \"saved meanwhile\"\n");
        };
        const Expected<ChangeResult> changed = migrate(home.path(), options);
        QVERIFY(!changed);
        QCOMPARE(changed.error().kind, Error::Kind::Refused);
        QCOMPARE(changed.error().exitCode(), 3);
        QCOMPARE(readAll(config), Before);
        QCOMPARE(readAll(work), QByteArray("model = \"saved meanwhile\"\n"));
        QCOMPARE(entriesOf(home.path()), (QStringList{Config, Work}));
    }

    void withoutBackup_theChangeLeavesNoEntry()
    {
        QTemporaryDir home;
        QVERIFY(writeFile(home.filePath(Config), Before));
        ChangeOptions options;
        options.backup = false;
        const Expected<ChangeResult> changed = migrate(home.path(), options);
        QVERIFY2(changed && changed->written, qPrintable(errorText(changed)));
        QVERIFY(changed->backupName.isEmpty());
        QCOMPARE(entriesOf(home.path()), (QStringList{Config, Work}));
    }

    void unchangedFiles_areNotTouched()
    {
        QTemporaryDir home;
        QVERIFY(writeFile(home.filePath(Config), ConfigAfter));
        QVERIFY(writeFile(home.filePath(Work), WorkAfter));
        const Expected<ChangeResult> changed = migrate(home.path());
        QVERIFY2(changed, qPrintable(errorText(changed)));
        QVERIFY(!changed->written);
        QCOMPARE(entriesOf(home.path()), (QStringList{Config, Work}));
    }

    void aBackupChangedAfterTheChange_isRefusedByItsHash()
    {
        QTemporaryDir home;
        QVERIFY(writeFile(home.filePath(Config), Before));
        QVERIFY(writeFile(home.filePath(Work), "model = \"mine\"\n"));
        const Expected<ChangeResult> changed = migrate(home.path());
        QVERIFY2(changed, qPrintable(errorText(changed)));
        const QString workBackup = home.filePath(Work + changed->backupName.mid(Config.size()));
        QCOMPARE(readAll(workBackup), QByteArray("model = \"mine\"\n"));
        QVERIFY(writeFile(workBackup, "model = \"tampered\"\n"));
        const Expected<RestoreResult> restored = restoreBackup(home.path(), changed->backupName);
        QVERIFY(!restored);
        QCOMPARE(restored.error().kind, Error::Kind::Refused);
        QVERIFY(restored.error().message.contains(QStringLiteral("hash")));
        QCOMPARE(readAll(home.filePath(Config)), ConfigAfter);
        QCOMPARE(readAll(home.filePath(Work)), WorkAfter);
    }

    void aDamagedRecord_isSkippedWithTheReason()
    {
        QTemporaryDir home;
        QVERIFY(writeFile(home.filePath(Config), Before));
        const Expected<ChangeResult> changed = migrate(home.path());
        QVERIFY2(changed, qPrintable(errorText(changed)));
        const QString record = home.filePath(changed->backupName + changeRecordSuffix());

        ChangeRecord planted;
        planted.codexHome = QDir::cleanPath(home.path());
        planted.files = {{Config, true, QByteArray(64, 'a')}, {QStringLiteral("../outside.toml"), false, {}}};
        QVERIFY(writeFile(record, changeRecordToJson(planted)));
        Expected<BackupHistory> history = listBackupHistory(home.path());
        QVERIFY(history->backups.isEmpty());
        QCOMPARE(history->skipped.size(), 1);
        QVERIFY2(history->skipped.first().reason.contains(QStringLiteral("not a file name this tool writes")),
                 qPrintable(history->skipped.first().reason));

        planted.codexHome = QStringLiteral("/some/other/home");
        planted.files = {{Config, true, sha256Hex(Before)}, {Work, false, {}}};
        QVERIFY(writeFile(record, changeRecordToJson(planted)));
        history = listBackupHistory(home.path());
        QVERIFY(history->backups.isEmpty());
        QVERIFY(history->skipped.first().reason.contains(QStringLiteral("another CODEX_HOME")));

        QVERIFY(writeFile(record, "{ not json"));
        QVERIFY(listBackupHistory(home.path())->backups.isEmpty());
        const Expected<RestoreResult> restored = restoreBackup(home.path(), changed->backupName);
        QVERIFY(!restored);
        QVERIFY(restored.error().message.contains(QStringLiteral("damaged")));
        QCOMPARE(readAll(home.filePath(Work)), WorkAfter);  // not removed by a record it cannot trust
    }

    void onlyFilesOfTheHomeAreWritten()
    {
        QTemporaryDir home;
        for (const QString &name : {QStringLiteral("../x.config.toml"), QStringLiteral(".hidden.config.toml"),
                                    QStringLiteral("auth.json"), QStringLiteral("a/b.config.toml")}) {
            const Expected<ChangeWriter> writer = ChangeWriter::begin(home.path(), {Config, name});
            QVERIFY2(!writer, qPrintable(name));
            QCOMPARE(writer.error().kind, Error::Kind::Usage);
        }
        QVERIFY(entriesOf(home.path()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestChangeSet)
#include "test_changeset.moc"
