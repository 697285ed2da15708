// #13.2 (Undo/Redo): Undo (QKeySequence::Undo) puts the last change back only
// after a question that names the backup; Redo (QKeySequence::Redo) re-applies
// what Undo took away; a second Undo never silently re-applies the change.
#include "uitestsupport.h"

#include "prompt.h"
#include "widgets/messagebar.h"

#include <QAction>
#include <QApplication>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>

using namespace SandboxDoctor;
using namespace SandboxDoctor::Ui;
using SandboxDoctor::Ui::Testing::WindowFixture;

namespace {

const QByteArray Original = "# mine\nmodel = \"o3\"\n";
constexpr int Timeout = 30000;

QAction *action(const WindowFixture &fixture, const QString &name)
{
    auto *found = fixture.window->findChild<QAction *>(name);
    if (!found)
        qFatal("no action named %s", qPrintable(name));
    return found;
}

// Presses the platform's key for `key` in the window (Ctrl+Z, or Cmd+Z on macOS).
void press(const WindowFixture &fixture, QKeySequence::StandardKey key)
{
    QTest::keySequence(fixture.window.get(), QKeySequence(key));
}

// Applies the proposed change and waits until the window knows about it.
QByteArray applyChange(const WindowFixture &fixture)
{
    Prompt::setNextAnswer(QMessageBox::Apply);
    action(fixture, QStringLiteral("applyAction"))->trigger();
    if (!QTest::qWaitFor([&]() { return fixture.readConfig() != Original && fixture.window->isSettled()
                                        && fixture.session()->canUndo(); },
                         Timeout))
        qFatal("apply did not finish");
    return fixture.readConfig();
}

} // namespace

class TestUndoRedo final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void undoKey_asksNamingTheBackup_andCancelKeepsTheFile()
    {
        WindowFixture fixture(&Original);
        QVERIFY(QTest::qWaitForWindowActive(fixture.window.get()));
        QTRY_VERIFY_WITH_TIMEOUT(fixture.window->isSettled(), Timeout);
        const QByteArray applied = applyChange(fixture);
        const QStringList backups = fixture.backups();
        QCOMPARE(backups.size(), 1);

        Prompt::setNextAnswer(QMessageBox::Cancel);
        press(fixture, QKeySequence::Undo);
        QVERIFY2(Prompt::lastText().contains(backups.first()), qPrintable(Prompt::lastText()));
        QVERIFY(Prompt::lastText().contains(QLatin1String("Redo")));
        QVERIFY(!fixture.session()->isBusy());
        QCOMPARE(fixture.readConfig(), applied);
        QCOMPARE(fixture.backups(), backups);
    }

    // The old Undo was a toggle: the restore backed up the applied file, so a
    // second Ctrl+Z put the change right back without a word.
    void secondUndo_neverReapplies()
    {
        WindowFixture fixture(&Original);
        QVERIFY(QTest::qWaitForWindowActive(fixture.window.get()));
        QTRY_VERIFY_WITH_TIMEOUT(fixture.window->isSettled(), Timeout);
        applyChange(fixture);

        Prompt::setNextAnswer(QMessageBox::Ok);
        press(fixture, QKeySequence::Undo);
        QTRY_COMPARE_WITH_TIMEOUT(fixture.readConfig(), Original, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(fixture.window->isSettled(), Timeout);
        QCOMPARE(fixture.backups().size(), 2);  // the applied file is kept, for Redo

        // Nothing older than the change: Undo has nothing to offer now.
        QVERIFY(!action(fixture, QStringLiteral("undoAction"))->isEnabled());
        Prompt::setNextAnswer(QMessageBox::Ok);
        press(fixture, QKeySequence::Undo);
        QCoreApplication::processEvents();
        QTRY_VERIFY_WITH_TIMEOUT(fixture.window->isSettled(), Timeout);
        QCOMPARE(fixture.readConfig(), Original);
        QCOMPARE(fixture.backups().size(), 2);
        Prompt::setNextAnswer(QMessageBox::NoButton);  // the unused answer must not leak into another test
    }

    void redo_reappliesWhatUndoTookAway_andUndoTakesItAgain()
    {
        WindowFixture fixture(&Original);
        QVERIFY(QTest::qWaitForWindowActive(fixture.window.get()));
        QTRY_VERIFY_WITH_TIMEOUT(fixture.window->isSettled(), Timeout);
        const QByteArray applied = applyChange(fixture);
        QVERIFY(!action(fixture, QStringLiteral("redoAction"))->isEnabled());  // nothing undone yet

        Prompt::setNextAnswer(QMessageBox::Ok);
        press(fixture, QKeySequence::Undo);
        QTRY_COMPARE_WITH_TIMEOUT(fixture.readConfig(), Original, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(fixture.window->isSettled() && action(fixture, QStringLiteral("redoAction"))->isEnabled(),
                                 Timeout);
        // The message says what happened and offers Redo too.
        QCOMPARE(fixture.window->messageBar()->kind(), MessageBar::Kind::Success);
        QCOMPARE(fixture.window->messageBar()->actionButton()->text(), QStringLiteral("Redo"));

        press(fixture, QKeySequence::Redo);
        QTRY_COMPARE_WITH_TIMEOUT(fixture.readConfig(), applied, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(fixture.window->isSettled(), Timeout);
        QVERIFY(!action(fixture, QStringLiteral("redoAction"))->isEnabled());  // redone: nothing left to redo

        // Undo again takes the change away again (after asking).
        QVERIFY(action(fixture, QStringLiteral("undoAction"))->isEnabled());
        Prompt::setNextAnswer(QMessageBox::Ok);
        press(fixture, QKeySequence::Undo);
        QTRY_COMPARE_WITH_TIMEOUT(fixture.readConfig(), Original, Timeout);
    }

    // Redo must not overwrite an edit made after the Undo.
    void redo_afterAnOutsideEdit_isOff()
    {
        WindowFixture fixture(&Original);
        fixture.session()->setWatchDelay(50);
        QVERIFY(QTest::qWaitForWindowActive(fixture.window.get()));
        QTRY_VERIFY_WITH_TIMEOUT(fixture.window->isSettled(), Timeout);
        applyChange(fixture);
        Prompt::setNextAnswer(QMessageBox::Ok);
        press(fixture, QKeySequence::Undo);
        QTRY_VERIFY_WITH_TIMEOUT(fixture.window->isSettled() && action(fixture, QStringLiteral("redoAction"))->isEnabled(),
                                 Timeout);

        const QByteArray edited = "model = \"gpt-5\"\n";
        fixture.writeConfig(edited);
        QTRY_VERIFY_WITH_TIMEOUT(fixture.window->isSettled() && fixture.session()->diagnosis()->config
                                     && fixture.session()->diagnosis()->config->bytes == edited,
                                 Timeout);
        QVERIFY(!action(fixture, QStringLiteral("redoAction"))->isEnabled());
        press(fixture, QKeySequence::Redo);
        QCoreApplication::processEvents();
        QTRY_VERIFY_WITH_TIMEOUT(fixture.window->isSettled(), Timeout);
        QCOMPARE(fixture.readConfig(), edited);
    }

    void undoAndRedo_areInTheMenuToolbarAndPreviewPage()
    {
        WindowFixture fixture(&Original);
        QCOMPARE(action(fixture, QStringLiteral("undoAction"))->shortcut(), QKeySequence(QKeySequence::Undo));
        QCOMPARE(action(fixture, QStringLiteral("redoAction"))->shortcut(), QKeySequence(QKeySequence::Redo));
        QVERIFY(action(fixture, QStringLiteral("redoAction"))->associatedObjects().size() >= 2);  // menu and toolbar
        QVERIFY(fixture.window->findChild<QPushButton *>(QStringLiteral("redoButton")));
    }
};

QTEST_MAIN(TestUndoRedo)
#include "test_undoredo.moc"
