// #13.2 (the Backups view): Config → Backups… lists every entry of the
// CODEX_HOME's backup history newest first (time, size, files, parses; future
// entries marked; links, pipes and damaged records listed, never opened);
// selecting one shows its diff against config.toml; Restore asks, puts back
// every file of a change, and is itself undone by Undo; Delete… asks naming
// how many; Enter shows the diff, the Delete key deletes, Esc closes.
#include "uitestsupport.h"

#include "backups/backupsdialog.h"
#include "config/backups.h"
#include "config/changeset.h"
#include "preview/diffview.h"
#include "prompt.h"
#include "widgets/messagebar.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace SandboxDoctor;
using namespace SandboxDoctor::Ui;
using SandboxDoctor::Ui::Testing::WindowFixture;

namespace {

const QByteArray Original = "# mine\nmodel = \"o3\"\n";
// A change of two files: config.toml loses its profile, work.config.toml is created.
const QByteArray Before = "profile = \"work\"\nmodel = \"o3\"\n\n[profiles.work]\nmodel = \"gpt-5\"\n";
const QByteArray ConfigAfter = "model = \"o3\"\n";
const QByteArray WorkAfter = "model = \"gpt-5\"\n";
const QString Work = QStringLiteral("work.config.toml");
constexpr int Timeout = 30000;

QString nameAt(int year)
{
    return QStringLiteral("config.toml.bak-") + QString::number(year) + QStringLiteral("0601T120000Z");
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QAction *backupsAction(const WindowFixture &fixture)
{
    auto *found = fixture.window->findChild<QAction *>(QStringLiteral("backupsAction"));
    if (!found)
        qFatal("no Backups action");
    return found;
}

// Opens the view with its shortcut, as a person would, and waits until it has
// read the history.
BackupsDialog *openView(const WindowFixture &fixture)
{
    fixture.window->activateWindow();  // a person clicks the window first
    if (!QTest::qWaitFor([&]() { return fixture.window->isSettled(); }, Timeout)
        || !QTest::qWaitForWindowActive(fixture.window.get()))
        qFatal("the window did not settle");
    QTest::keySequence(fixture.window.get(), backupsAction(fixture)->shortcut());
    auto *dialog = fixture.window->findChild<BackupsDialog *>();
    if (!dialog || !QTest::qWaitFor([&]() { return dialog->isVisible() && dialog->isSettled(); }, Timeout))
        qFatal("the Backups view did not open");
    return dialog;
}

bool waitSettled(const WindowFixture &fixture, BackupsDialog *dialog)
{
    return QTest::qWaitFor([&]() { return fixture.window->isSettled() && dialog->isSettled(); }, Timeout);
}

QTreeWidgetItem *rowNamed(BackupsDialog *dialog, const QString &name)
{
    for (int row = 0; row < dialog->table()->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = dialog->table()->topLevelItem(row);
        if (item->toolTip(0).startsWith(name + QLatin1Char('\n')))
            return item;
    }
    return nullptr;
}

QString rowName(BackupsDialog *dialog, int row)
{
    const QTreeWidgetItem *item = dialog->table()->topLevelItem(row);
    return item ? item->toolTip(0).section(QLatin1Char('\n'), 0, 0) : QString();
}

void click(BackupsDialog *dialog, QTreeWidgetItem *item, Qt::KeyboardModifiers modifiers = {})
{
    QTreeWidget *table = dialog->table();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, modifiers, table->visualItemRect(item).center());
}

// config.toml and work.config.toml changed as one change (changeset.h), as a
// profile migration does; returns the entry that undoes it.
QString changeTwoFiles(const WindowFixture &fixture)
{
    Expected<ChangeWriter> writer = ChangeWriter::begin(fixture.home, {QStringLiteral("config.toml"), Work});
    if (!writer)
        qFatal("%s", qPrintable(writer.error().toText()));
    const Expected<ChangeResult> changed = writer->commit(
        {FileAfter{QStringLiteral("config.toml"), ConfigAfter, {}}, FileAfter{Work, WorkAfter, {}}});
    if (!changed)
        qFatal("%s", qPrintable(changed.error().toText()));
    return changed->backupName;
}

// Lays out what the last reload changed (a posted event) before the picture.
void shot(QWidget *dialog, const QString &name)
{
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    Testing::saveShot(dialog, name);
}

} // namespace

class TestBackupsView final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void cleanup() { Prompt::setNextAnswer(QMessageBox::NoButton); }  // an unused answer must not leak

    void menuEntry_withItsShortcutInTheTooltip_opensTheView()
    {
        WindowFixture fixture(&Original);
        QAction *action = backupsAction(fixture);
        QCOMPARE(action->text(), QStringLiteral("&Backups…"));
        QMenu *menu = nullptr;
        for (QObject *object : action->associatedObjects()) {
            if (auto *found = qobject_cast<QMenu *>(object))
                menu = found;
        }
        QVERIFY(menu);
        // Beside Undo and Redo: the Config menu is this app's Edit menu.
        QVERIFY(menu->actions().contains(fixture.window->findChild<QAction *>(QStringLiteral("undoAction"))));
        QVERIFY(!action->shortcut().isEmpty());
        QVERIFY2(action->toolTip().endsWith(QStringLiteral("(%1)").arg(action->shortcut().toString(QKeySequence::NativeText))),
                 qPrintable(action->toolTip()));

        QVERIFY(QTest::qWaitForWindowActive(fixture.window.get()));
        BackupsDialog *dialog = openView(fixture);
        QVERIFY(dialog->windowTitle().contains(QDir::toNativeSeparators(fixture.home)));
    }

    void noBackups_saysWhereThemComeFrom()
    {
        WindowFixture fixture(&Original);
        QVERIFY(QTest::qWaitForWindowActive(fixture.window.get()));
        BackupsDialog *dialog = openView(fixture);
        QVERIFY(dialog->emptyLabel()->isVisible());
        QCOMPARE(dialog->emptyLabel()->text(), QStringLiteral("No backups yet: every Apply and Restore leaves one here."));
        QVERIFY(!dialog->table()->isVisible());
        QVERIFY(!dialog->skippedList()->isVisible());
        QVERIFY(!dialog->diffView()->isVisible());
        QVERIFY(!dialog->restoreButton()->isEnabled());
        QVERIFY(!dialog->deleteButton()->isEnabled());
        shot(dialog, QStringLiteral("backups-empty"));
    }

#ifdef Q_OS_UNIX
    void table_newestFirst_withSizeFilesParses_futureMarked_skippedListedUnopened()
    {
        WindowFixture fixture(&Before);
        QVERIFY(QTest::qWaitForWindowActive(fixture.window.get()));
        QVERIFY(writeFile(fixture.home + QLatin1Char('/') + nameAt(2024), "model = \"gpt-4\"\n"));
        QVERIFY(writeFile(fixture.home + QLatin1Char('/') + nameAt(2025), "model = = broken\n"));
        QVERIFY(writeFile(fixture.home + QLatin1Char('/') + nameAt(2099), "model = \"from a fast clock\"\n"));
        QCOMPARE(::mkfifo(QFile::encodeName(fixture.home + QLatin1Char('/') + nameAt(2023)).constData(), 0600), 0);
        QVERIFY(QFile::link(QStringLiteral("/dev/zero"), fixture.home + QLatin1Char('/') + nameAt(2022)));
        QVERIFY(QTest::qWaitFor([&]() { return fixture.window->isSettled(); }, Timeout));
        const QString change = changeTwoFiles(fixture);

        BackupsDialog *dialog = openView(fixture);
        QTreeWidget *table = dialog->table();
        QVERIFY(table->isVisible());
        QVERIFY(!dialog->emptyLabel()->isVisible());
        QCOMPARE(table->topLevelItemCount(), 4);
        QCOMPARE(rowName(dialog, 0), nameAt(2099));
        QCOMPARE(rowName(dialog, 1), change);
        QCOMPARE(rowName(dialog, 2), nameAt(2025));
        QCOMPARE(rowName(dialog, 3), nameAt(2024));

        // Future: marked in the row, explained in the tooltip.
        QVERIFY(table->topLevelItem(0)->text(0).endsWith(QStringLiteral("(in the future)")));
        QVERIFY(table->topLevelItem(0)->toolTip(0).contains(QStringLiteral("Dated after now")));
        QVERIFY(!table->topLevelItem(1)->text(0).contains(QStringLiteral("future")));
        // Local time shown; the name and UTC in the tooltip.
        const QDateTime utc2024 = QDateTime::fromString(QStringLiteral("2024-06-01T12:00:00Z"), Qt::ISODate);
        QVERIFY2(table->topLevelItem(3)->text(0).startsWith(
                     QLocale().toString(utc2024.toLocalTime().date(), QLocale::ShortFormat)),
                 qPrintable(table->topLevelItem(3)->text(0)));
        QCOMPARE(table->topLevelItem(3)->toolTip(0), nameAt(2024) + QStringLiteral("\nSaved 2024-06-01 12:00:00 UTC"));
        // Size, files of a change (the one it created marked), parses.
        QCOMPARE(table->topLevelItem(3)->text(1), QLocale().formattedDataSize(16));
        QCOMPARE(table->topLevelItem(1)->text(1), QLocale().formattedDataSize(Before.size()));
        QCOMPARE(table->topLevelItem(1)->text(2), QStringLiteral("config.toml, work.config.toml (new)"));
        QVERIFY(table->topLevelItem(1)->toolTip(2).contains(QStringLiteral("Restore removes it")));
        QCOMPARE(table->topLevelItem(3)->text(2), QStringLiteral("config.toml"));
        QCOMPARE(table->topLevelItem(1)->text(3), QStringLiteral("Yes"));
        QCOMPARE(table->topLevelItem(2)->text(3), QStringLiteral("No: config.toml"));

        // The pipe and the link: listed with the reason (the pipe was never
        // opened, or listing would still be waiting on it).
        QTreeWidget *skipped = dialog->skippedList();
        QVERIFY(skipped->isVisible());
        QCOMPARE(skipped->topLevelItemCount(), 2);
        QMap<QString, QString> reasons;
        for (int row = 0; row < skipped->topLevelItemCount(); ++row)
            reasons.insert(skipped->topLevelItem(row)->text(0), skipped->topLevelItem(row)->text(1));
        QCOMPARE(reasons.value(nameAt(2023)), QStringLiteral("a named pipe (FIFO)"));
        QCOMPARE(reasons.value(nameAt(2022)), QStringLiteral("a symbolic link"));
        shot(dialog, QStringLiteral("backups-list"));
    }
#endif

    void selecting_showsTheDiffAgainstConfigToml_andEnterNeverRestores()
    {
        WindowFixture fixture(&Original);
        QVERIFY(writeFile(fixture.home + QLatin1Char('/') + nameAt(2024), "model = \"gpt-4\"\n"));
        QVERIFY(writeFile(fixture.home + QLatin1Char('/') + nameAt(2025), "# mine\nmodel = \"o3\"\napproval_policy = \"never\"\n"));
        QVERIFY(QTest::qWaitForWindowActive(fixture.window.get()));
        BackupsDialog *dialog = openView(fixture);

        // The newest is chosen at first, its diff shown: Restore would add a line.
        QCOMPARE(dialog->shownName(), nameAt(2025));
        QCOMPARE(dialog->diffView()->addedLines(), QStringList{QStringLiteral("approval_policy = \"never\"")});
        QCOMPARE(dialog->diffView()->removedCount(), 0);

        click(dialog, rowNamed(dialog, nameAt(2024)));
        QCOMPARE(dialog->selectedNames(), QStringList{nameAt(2024)});
        QCOMPARE(dialog->shownName(), nameAt(2024));
        QCOMPARE(dialog->diffView()->removedLines(),
                 (QStringList{QStringLiteral("# mine"), QStringLiteral("model = \"o3\"")}));
        QCOMPARE(dialog->diffView()->addedLines(), QStringList{QStringLiteral("model = \"gpt-4\"")});
        QVERIFY(dialog->diffLabel()->text().contains(nameAt(2024)));

        // Up, then Enter: the diff follows; Enter restores nothing even with a
        // confirmation waiting to be answered Yes.
        QTest::keyClick(dialog->table(), Qt::Key_Up);
        QCOMPARE(dialog->shownName(), nameAt(2025));
        Prompt::setNextAnswer(QMessageBox::Ok);
        QTest::keyClick(dialog->table(), Qt::Key_Return);
        QCOMPARE(dialog->shownName(), nameAt(2025));
        QVERIFY(waitSettled(fixture, dialog));
        QCOMPARE(fixture.readConfig(), Original);
        QCOMPARE(fixture.backups().size(), 2);
        QVERIFY(dialog->isVisible());
    }

    void restore_asksNamingIt_putsBackEveryFile_andUndoTakesItBack()
    {
        WindowFixture fixture(&Before);
        QVERIFY(QTest::qWaitForWindowActive(fixture.window.get()));
        QVERIFY(QTest::qWaitFor([&]() { return fixture.window->isSettled(); }, Timeout));
        const QString change = changeTwoFiles(fixture);
        const QString work = fixture.home + QLatin1Char('/') + Work;
        fixture.session()->reanalyse();
        BackupsDialog *dialog = openView(fixture);
        QCOMPARE(rowName(dialog, 0), change);
        click(dialog, rowNamed(dialog, change));
        QVERIFY(dialog->restoreButton()->isEnabled());

        // Cancel: the question named the entry and both files; nothing moved.
        Prompt::setNextAnswer(QMessageBox::Cancel);
        QTest::mouseClick(dialog->restoreButton(), Qt::LeftButton);
        QVERIFY2(Prompt::lastText().startsWith(QStringLiteral("Restore %1?").arg(change)), qPrintable(Prompt::lastText()));
        QVERIFY(Prompt::lastText().contains(QStringLiteral("config.toml, work.config.toml")));
        QVERIFY(Prompt::lastText().contains(QStringLiteral("Undo")));
        QVERIFY(waitSettled(fixture, dialog));
        QCOMPARE(fixture.readConfig(), ConfigAfter);
        QCOMPARE(readFile(work), WorkAfter);

        Prompt::setNextAnswer(QMessageBox::Ok);
        QTest::mouseClick(dialog->restoreButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(fixture.readConfig(), Before, Timeout);
        QVERIFY(waitSettled(fixture, dialog));
        QVERIFY(!QFileInfo::exists(work));  // the change created it: restoring removes it
        // Its own entry, on top; the main window re-analysed and offers Undo.
        QTRY_COMPARE_WITH_TIMEOUT(dialog->table()->topLevelItemCount(), 2, Timeout);
        const QString undoEntry = rowName(dialog, 0);
        QVERIFY(undoEntry != change);
        QCOMPARE(rowName(dialog, 1), change);
        QCOMPARE(dialog->table()->topLevelItem(0)->text(2), QStringLiteral("config.toml, work.config.toml"));
        // The entry the diff shows says what Restore does to the other file.
        QCOMPARE(dialog->shownName(), change);
        QVERIFY(dialog->otherFilesLabel()->isVisible());
        QCOMPARE(dialog->otherFilesLabel()->text(), QStringLiteral("It removes work.config.toml, which that change created."));
        QCOMPARE(fixture.session()->diagnosis()->config->bytes, Before);
        QCOMPARE(dialog->messageBar()->kind(), MessageBar::Kind::Success);
        QVERIFY(dialog->messageBar()->text().contains(undoEntry));
        QCOMPARE(fixture.window->messageBar()->kind(), MessageBar::Kind::Success);
        QCOMPARE(fixture.window->messageBar()->actionButton()->text(), QStringLiteral("Undo"));
        QCOMPARE(fixture.session()->undoTarget()->name, undoEntry);

        // Undo in the main window (its message's button) takes the restore
        // back, both files, after asking about the entry the restore made.
        QVERIFY(fixture.window->findChild<QAction *>(QStringLiteral("undoAction"))->isEnabled());
        Prompt::setNextAnswer(QMessageBox::Ok);
        QTest::mouseClick(fixture.window->messageBar()->actionButton(), Qt::LeftButton);
        QVERIFY2(Prompt::lastText().contains(undoEntry), qPrintable(Prompt::lastText()));
        QTRY_COMPARE_WITH_TIMEOUT(fixture.readConfig(), ConfigAfter, Timeout);
        QVERIFY(waitSettled(fixture, dialog));
        QCOMPARE(readFile(work), WorkAfter);
        shot(dialog, QStringLiteral("backups-restored"));
    }

    void undoAndRedoKeys_inTheView_actAsInTheWindow()
    {
        WindowFixture fixture(&Before);
        QVERIFY(QTest::qWaitForWindowActive(fixture.window.get()));
        QVERIFY(QTest::qWaitFor([&]() { return fixture.window->isSettled(); }, Timeout));
        const QString change = changeTwoFiles(fixture);
        fixture.session()->reanalyse();
        BackupsDialog *dialog = openView(fixture);
        QVERIFY(QTest::qWaitForWindowActive(dialog));

        // Undo asks first, naming the entry; Cancel moves nothing.
        Prompt::setNextAnswer(QMessageBox::Cancel);
        QTest::keySequence(dialog->table(), QKeySequence::Undo);
        QVERIFY2(Prompt::lastText().contains(change), qPrintable(Prompt::lastText()));
        QVERIFY(waitSettled(fixture, dialog));
        QCOMPARE(fixture.readConfig(), ConfigAfter);

        Prompt::setNextAnswer(QMessageBox::Ok);
        QTest::keySequence(dialog->table(), QKeySequence::Undo);
        QTRY_COMPARE_WITH_TIMEOUT(fixture.readConfig(), Before, Timeout);
        QVERIFY(waitSettled(fixture, dialog));
        QVERIFY(!QFileInfo::exists(fixture.home + QLatin1Char('/') + Work));

        // Redo from the view brings the change back, both files.
        QTRY_VERIFY_WITH_TIMEOUT(fixture.session()->canRedo(), Timeout);
        QTest::keySequence(dialog->table(), QKeySequence::Redo);
        QTRY_COMPARE_WITH_TIMEOUT(fixture.readConfig(), ConfigAfter, Timeout);
        QVERIFY(waitSettled(fixture, dialog));
        QCOMPARE(readFile(fixture.home + QLatin1Char('/') + Work), WorkAfter);
    }

    void deleteKey_asksNamingHowMany_thenDeletesTheSelected()
    {
        WindowFixture fixture(&Original);
        for (int year : {2023, 2024, 2025})
            QVERIFY(writeFile(fixture.home + QLatin1Char('/') + nameAt(year), "model = \"old\"\n"));
        QVERIFY(QTest::qWaitForWindowActive(fixture.window.get()));
        BackupsDialog *dialog = openView(fixture);
        click(dialog, rowNamed(dialog, nameAt(2023)));
        click(dialog, rowNamed(dialog, nameAt(2025)), Qt::ControlModifier);
        QCOMPARE(dialog->selectedNames(), (QStringList{nameAt(2025), nameAt(2023)}));
        QCOMPARE(dialog->deleteButton()->text(), QStringLiteral("&Delete 2…"));

        Prompt::setNextAnswer(QMessageBox::Cancel);
        QTest::keyClick(dialog->table(), Qt::Key_Delete);
        QVERIFY2(Prompt::lastText().startsWith(QStringLiteral("Delete 2 backups?")), qPrintable(Prompt::lastText()));
        QVERIFY(waitSettled(fixture, dialog));
        QCOMPARE(fixture.backups().size(), 3);

        Prompt::setNextAnswer(QMessageBox::Yes);
        QTest::keyClick(dialog->table(), Qt::Key_Delete);
        QTRY_COMPARE_WITH_TIMEOUT(fixture.backups(), QStringList{nameAt(2024)}, Timeout);
        QVERIFY(waitSettled(fixture, dialog));
        QCOMPARE(dialog->table()->topLevelItemCount(), 1);
        QCOMPARE(rowName(dialog, 0), nameAt(2024));
        QCOMPARE(dialog->messageBar()->kind(), MessageBar::Kind::Success);
        QCOMPARE(fixture.readConfig(), Original);

        // The button does the same for one entry: "Delete 1 backup?".
        Prompt::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(dialog->deleteButton(), Qt::LeftButton);
        QVERIFY(Prompt::lastText().startsWith(QStringLiteral("Delete 1 backup?")));
        QTRY_VERIFY_WITH_TIMEOUT(fixture.backups().isEmpty(), Timeout);
        QVERIFY(waitSettled(fixture, dialog));
        QVERIFY(dialog->emptyLabel()->isVisible());
    }

    // An entry gone since the list was read (another program pruned it):
    // all or nothing, and the view says what happened and what to do.
    void delete_ofAnEntryGoneMeanwhile_deletesNothing_andSaysWhatToDo()
    {
        WindowFixture fixture(&Original);
        // The window must not notice the removal by itself: the view is stale on purpose.
        fixture.session()->setWatchDelay(24 * 3600 * 1000);
        for (int year : {2024, 2025})
            QVERIFY(writeFile(fixture.home + QLatin1Char('/') + nameAt(year), "model = \"old\"\n"));
        QVERIFY(QTest::qWaitForWindowActive(fixture.window.get()));
        BackupsDialog *dialog = openView(fixture);
        click(dialog, rowNamed(dialog, nameAt(2024)));
        click(dialog, rowNamed(dialog, nameAt(2025)), Qt::ControlModifier);
        QVERIFY(QFile::remove(fixture.home + QLatin1Char('/') + nameAt(2024)));

        Prompt::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(dialog->deleteButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->messageBar()->kind(), MessageBar::Kind::Error, Timeout);
        QVERIFY(waitSettled(fixture, dialog));
        const QString text = dialog->messageBar()->text();
        QVERIFY2(text.contains(QStringLiteral("There is no backup named %1.").arg(nameAt(2024))), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Nothing was deleted")) && text.contains(QStringLiteral("select again")),
                 qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("command")));  // buttons, not commands
        QCOMPARE(fixture.backups(), QStringList{nameAt(2025)});
        QCOMPARE(dialog->table()->topLevelItemCount(), 1);
        shot(dialog, QStringLiteral("backups-delete-error"));
    }

    // Restoring an entry gone since the list was read writes nothing and says so.
    void restore_ofAnEntryGoneMeanwhile_writesNothing_andSaysWhatToDo()
    {
        WindowFixture fixture(&Original);
        fixture.session()->setWatchDelay(24 * 3600 * 1000);  // the view is stale on purpose
        QVERIFY(writeFile(fixture.home + QLatin1Char('/') + nameAt(2024), "model = \"old\"\n"));
        QVERIFY(QTest::qWaitForWindowActive(fixture.window.get()));
        BackupsDialog *dialog = openView(fixture);
        QCOMPARE(dialog->selectedNames(), QStringList{nameAt(2024)});
        QVERIFY(QFile::remove(fixture.home + QLatin1Char('/') + nameAt(2024)));

        Prompt::setNextAnswer(QMessageBox::Ok);
        QTest::mouseClick(dialog->restoreButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->messageBar()->kind(), MessageBar::Kind::Error, Timeout);
        QVERIFY(waitSettled(fixture, dialog));
        const QString text = dialog->messageBar()->text();
        QVERIFY2(text.contains(QStringLiteral("There is no backup named %1.").arg(nameAt(2024))), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Nothing was changed")) && text.contains(QStringLiteral("select one again")),
                 qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("command")));
        QCOMPARE(fixture.readConfig(), Original);
        QVERIFY(fixture.backups().isEmpty());
        QVERIFY(dialog->emptyLabel()->isVisible());  // read again: nothing left
    }

    // A save after the view showed the diff: Restore writes nothing, and says so.
    void restore_afterConfigChangedSinceTheDiff_writesNothing()
    {
        WindowFixture fixture(&Original);
        fixture.session()->setWatchDelay(24 * 3600 * 1000);  // the view is stale on purpose
        QVERIFY(writeFile(fixture.home + QLatin1Char('/') + nameAt(2024), "model = \"old\"\n"));
        QVERIFY(QTest::qWaitForWindowActive(fixture.window.get()));
        BackupsDialog *dialog = openView(fixture);
        const QByteArray edited = "model = \"saved by an editor\"\n";
        fixture.writeConfig(edited);

        Prompt::setNextAnswer(QMessageBox::Ok);
        QTest::mouseClick(dialog->restoreButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->messageBar()->kind(), MessageBar::Kind::Error, Timeout);
        QVERIFY(waitSettled(fixture, dialog));
        QVERIFY2(dialog->messageBar()->text().contains(QStringLiteral("changed since the Backups view showed it")),
                 qPrintable(dialog->messageBar()->text()));
        QCOMPARE(fixture.readConfig(), edited);
        QCOMPARE(fixture.backups(), QStringList{nameAt(2024)});
        // Read again: the diff is now against the saved file.
        QCOMPARE(dialog->diffView()->removedLines(), QStringList{QStringLiteral("model = \"saved by an editor\"")});
    }

    void escape_closesTheView()
    {
        WindowFixture fixture(&Original);
        QVERIFY(QTest::qWaitForWindowActive(fixture.window.get()));
        QPointer<BackupsDialog> dialog = openView(fixture);
        QTest::keyClick(dialog->table(), Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, Timeout);  // closed, and gone (WA_DeleteOnClose)
        // It opens again from the menu.
        QVERIFY(openView(fixture)->isVisible());
    }
};

QTEST_MAIN(TestBackupsView)
#include "test_backupsview.moc"
