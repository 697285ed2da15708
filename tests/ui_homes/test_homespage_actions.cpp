// The "Per-task homes" page, driven as a person would: the context menu,
// double-click to see what Repair and Apply would change (links included) and
// do it from there, the detail pane following the selection, the shared home
// beside the root, drops, the first start before any root, the questions
// Repair asks, and batch summaries that count what happened.
#include "batchfixtures.h"
#include "config/managedblock.h"
#include "homefixtures.h"
#include "homesshots.h"
#include "homes/homedetailview.h"
#include "homes/homediffdialog.h"
#include "homes/homefindings.h"
#include "homes/homesfilter.h"
#include "homes/homesmodel.h"
#include "homes/homespage.h"
#include "preview/diffview.h"
#include "prompt.h"
#include "session.h"
#include "widgets/messagebar.h"
#include "widgettext.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace SandboxDoctor;
using namespace SandboxDoctor::Ui;
using namespace HomeFixtures;

class TestHomesPageActions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void contextMenu_offersEveryAction_andCopiesThePath();
    void contextMenu_repairsTheRowUnderTheMouse();
    void doubleClick_showsRepairsPlan_forALinkProblem_andRepairsFromThere();
    void changesDialog_applyWritesTheBlock();
    void changesDialog_showsALegacyProfilesFile_andApplyWritesBoth();
    void detail_followsTheSelection_andClearsWhenEmpty();
    void firstStart_withoutARoot_saysHowToChooseOne();
    void droppedFolder_setsTheRoot_neverTheSharedHome();
    void sharedHomeField_judgesTheHomes_andSurvivesAnotherCodexHome();
    void repair_asksBeforeMovingAnAuthLink_namingBothTargets();
    void batchSummary_countsChangedFineFailingFailed();
    void batch_inspectsEachHomeRightAfterItsWrite();
    void texts_nameButtonsNeverCliCommands();
    void todayHome_detailSaysWhatEachEntryIs();
    void chosenPreset_judgesEveryHome();

private:
    QString homePath(const QString &workspace, const QString &task) const
    {
        return m_root + QLatin1Char('/') + workspace + QLatin1Char('/') + task + QLatin1String("/codex-home");
    }
    std::unique_ptr<Session> makeSession(bool withRootVariable, std::optional<PolicyChoice> preset = std::nullopt);
    std::unique_ptr<HomesPage> makePage();
    bool scanAndWait(HomesPage &page);
    QModelIndex indexOf(HomesPage &page, const QString &task) const;
    QPoint centerOf(HomesPage &page, const QString &task) const;
    void clickRow(HomesPage &page, const QString &task, Qt::KeyboardModifiers modifiers = {});
    QMenu *openContextMenu(HomesPage &page, const QString &task);
    static void clickAction(QMenu *menu, const QString &name);
    HomeDiffDialog *doubleClickForChanges(HomesPage &page, const QString &task, QSignalSpy &done);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_shared;
    QString m_root;
    std::unique_ptr<Session> m_session;
};

void TestHomesPageActions::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SandboxDoctorTests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_homespage_actions"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
}

std::unique_ptr<Session> TestHomesPageActions::makeSession(bool withRootVariable, std::optional<PolicyChoice> preset)
{
    SessionOptions options;
    options.detect.explicitPath = m_dir->filePath(QStringLiteral("no-codex-here"));
    options.codexVersionText = QStringLiteral("0.171.0");  // believed: nothing is run
    options.platform = Platform::Linux;
    options.detect.useLoginShell = false;
    options.detect.searchKnownLocations = false;
    options.policyChoice = preset;
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("HOME"), m_dir->path());
    if (withRootVariable)
        environment.insert(QStringLiteral("MULTICA_WORKSPACES_ROOT"), m_root);
    options.detect.environment = environment;
    auto session = std::make_unique<Session>(options);
    session->setCodexHome(m_shared);
    return session;
}

void TestHomesPageActions::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_shared = m_dir->filePath(QStringLiteral("shared"));
    m_root = m_dir->filePath(QStringLiteral("workspaces"));
    makeSharedHome(m_shared);
    makeDaemonHome(homePath(QStringLiteral("ws1"), QStringLiteral("taskA")), m_shared);
    const QString broken = homePath(QStringLiteral("ws1"), QStringLiteral("taskB"));
    makeDaemonHome(broken, m_shared);
    QVERIFY(QFile::remove(broken + QLatin1String("/auth.json")));
    QVERIFY(makeLink(m_dir->filePath(QStringLiteral("gone/auth.json")), broken + QLatin1String("/auth.json")));
    makeDaemonHome(homePath(QStringLiteral("ws2"), QStringLiteral("taskC")), m_shared, QByteArrayLiteral("model = \"o3\"\n"));
    m_session = makeSession(true);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->diagnosis().has_value() && !m_session->isBusy(), 20000);
}

void TestHomesPageActions::cleanup()
{
    for (QWidget *top : QApplication::topLevelWidgets())
        top->close();
    m_session.reset();
    m_dir.reset();
}

std::unique_ptr<HomesPage> TestHomesPageActions::makePage()
{
    auto page = std::make_unique<HomesPage>(m_session.get());
    page->resize(1200, 720);
    page->show();
    return page;
}

bool TestHomesPageActions::scanAndWait(HomesPage &page)
{
    QSignalSpy finished(&page, &HomesPage::scanFinished);
    page.scan();
    return finished.wait(30000) && !page.isScanning();
}

QModelIndex TestHomesPageActions::indexOf(HomesPage &page, const QString &task) const
{
    for (int row = 0; row < page.filter()->rowCount(); ++row) {
        const QModelIndex index = page.filter()->index(row, HomesModel::TaskColumn);
        if (index.data().toString() == task)
            return index;
    }
    return {};
}

QPoint TestHomesPageActions::centerOf(HomesPage &page, const QString &task) const
{
    const QModelIndex index = indexOf(page, task);
    page.view()->scrollTo(index);
    return page.view()->visualRect(index).center();
}

void TestHomesPageActions::clickRow(HomesPage &page, const QString &task, Qt::KeyboardModifiers modifiers)
{
    QTest::mouseClick(page.view()->viewport(), Qt::LeftButton, modifiers, centerOf(page, task));
}

// A click to select the row, then a double-click: the changes dialog once
// its plan is made (nullptr when it did not open).
HomeDiffDialog *TestHomesPageActions::doubleClickForChanges(HomesPage &page, const QString &task, QSignalSpy &done)
{
    const QPoint at = centerOf(page, task);
    QTest::mouseClick(page.view()->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(page.view()->viewport(), Qt::LeftButton, {}, at);
    if (!done.wait(20000))
        return nullptr;
    return page.findChild<HomeDiffDialog *>(QStringLiteral("homeDiffDialog"));
}

QMenu *TestHomesPageActions::openContextMenu(HomesPage &page, const QString &task)
{
    const QPoint at = centerOf(page, task);
    // The event a right-click delivers (offscreen, QTest cannot make the platform send it).
    QContextMenuEvent event(QContextMenuEvent::Mouse, at, page.view()->viewport()->mapToGlobal(at));
    QApplication::sendEvent(page.view()->viewport(), &event);
    QMenu *menu = nullptr;
    for (QWidget *top : QApplication::topLevelWidgets()) {
        if (top->objectName() == QLatin1String("homesContextMenu") && top->isVisible())
            menu = qobject_cast<QMenu *>(top);
    }
    return menu;
}

void TestHomesPageActions::clickAction(QMenu *menu, const QString &name)
{
    for (QAction *action : menu->actions()) {
        if (action->objectName() == name) {
            QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(action).center());
            return;
        }
    }
    QFAIL(qPrintable(QStringLiteral("no action ") + name));
}

void TestHomesPageActions::contextMenu_offersEveryAction_andCopiesThePath()
{
    auto page = makePage();
    QVERIFY(scanAndWait(*page));
    QMenu *menu = openContextMenu(*page, QStringLiteral("taskA"));
    QVERIFY(menu);
    QStringList names;
    for (QAction *action : menu->actions()) {
        if (!action->isSeparator())
            names << action->objectName();
    }
    QCOMPARE(names, (QStringList{QStringLiteral("homesRepairAction"), QStringLiteral("homesApplyAction"),
                                 QStringLiteral("homesShowChangesAction"), QStringLiteral("homesRevealAction"),
                                 QStringLiteral("homesCopyPathAction")}));
    // The row under the mouse became the selection, and Copy Path copies it.
    QApplication::clipboard()->clear();
    clickAction(menu, QStringLiteral("homesCopyPathAction"));
    QCOMPARE(QApplication::clipboard()->text(), QDir::toNativeSeparators(homePath(QStringLiteral("ws1"), QStringLiteral("taskA"))));
}

void TestHomesPageActions::contextMenu_repairsTheRowUnderTheMouse()
{
    auto page = makePage();
    QVERIFY(scanAndWait(*page));
    clickRow(*page, QStringLiteral("taskA"));  // selected; the right-click lands elsewhere
    QMenu *menu = openContextMenu(*page, QStringLiteral("taskB"));
    QVERIFY(menu);
    QSignalSpy done(page.get(), &HomesPage::jobFinished);
    Prompt::setNextAnswer(QMessageBox::Yes);
    clickAction(menu, QStringLiteral("homesRepairAction"));
    QVERIFY(done.wait(20000));
    QVERIFY2(Prompt::lastText().contains(QStringLiteral("1 home")), qPrintable(Prompt::lastText()));
    QCOMPARE(QFileInfo(homePath(QStringLiteral("ws1"), QStringLiteral("taskB")) + QLatin1String("/auth.json")).symLinkTarget(),
             m_shared + QLatin1String("/auth.json"));
}

// Today a double-click on a link problem opened an empty diff: now it shows
// Repair's plan, the link included, and Repair is one click from there.
void TestHomesPageActions::doubleClick_showsRepairsPlan_forALinkProblem_andRepairsFromThere()
{
    auto page = makePage();
    QVERIFY(scanAndWait(*page));
    QSignalSpy done(page.get(), &HomesPage::jobFinished);
    HomeDiffDialog *dialog = doubleClickForChanges(*page, QStringLiteral("taskB"), done);
    QVERIFY(dialog && dialog->isVisible());
    QTreeWidget *plan = dialog->planList();
    QVERIFY(plan->isVisible());
    QCOMPARE(plan->topLevelItemCount(), 1);
    QCOMPARE(plan->topLevelItem(0)->text(0), QStringLiteral("auth.json"));
    QVERIFY(plan->topLevelItem(0)->text(2).contains(m_shared + QLatin1String("/auth.json")));
    QVERIFY(!dialog->applyButton()->isEnabled());  // the block is current: nothing for Apply
    QVERIFY(dialog->repairButton()->isEnabled());
    QVERIFY(saveHomesShot(dialog, QStringLiteral("homes-changes-links")));

    QTest::mouseClick(dialog->repairButton(), Qt::LeftButton);
    QVERIFY(done.wait(20000));
    const QString home = homePath(QStringLiteral("ws1"), QStringLiteral("taskB"));
    QCOMPARE(QFileInfo(home + QLatin1String("/auth.json")).symLinkTarget(), m_shared + QLatin1String("/auth.json"));
    QCOMPARE(page->model()->report(page->model()->rowOf(home)).status(), Severity::Info);
}

void TestHomesPageActions::changesDialog_applyWritesTheBlock()
{
    auto page = makePage();
    QVERIFY(scanAndWait(*page));
    QSignalSpy done(page.get(), &HomesPage::jobFinished);
    HomeDiffDialog *dialog = doubleClickForChanges(*page, QStringLiteral("taskC"), done);
    QVERIFY(dialog && dialog->isVisible());
    QVERIFY(dialog->diffView()->addedLines().contains(QString::fromLatin1(BlockBeginMarker)));
    QVERIFY(dialog->applyButton()->isEnabled());
    QVERIFY(saveHomesShot(dialog, QStringLiteral("homes-changes-block")));
    QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
    QVERIFY(done.wait(20000));
    const QString home = homePath(QStringLiteral("ws2"), QStringLiteral("taskC"));
    QVERIFY(readFile(home + QLatin1String("/config.toml")).startsWith(BlockBeginMarker));
    QCOMPARE(page->model()->report(page->model()->rowOf(home)).block, BlockState::Current);
}

// A home whose config.toml still names a legacy profile: Apply moves the
// profile to its own file, and the dialog shows that file's diff too.
void TestHomesPageActions::changesDialog_showsALegacyProfilesFile_andApplyWritesBoth()
{
    const QString home = homePath(QStringLiteral("ws2"), QStringLiteral("taskC"));
    QVERIFY(writeFile(home + QLatin1String("/config.toml"),
                      "model = \"o3\"\nprofile = \"work\"\n\n[profiles.work]\nsandbox_mode = \"read-only\"\n"));
    auto page = makePage();
    QVERIFY(scanAndWait(*page));
    QSignalSpy done(page.get(), &HomesPage::jobFinished);
    HomeDiffDialog *dialog = doubleClickForChanges(*page, QStringLiteral("taskC"), done);
    QVERIFY(dialog && dialog->isVisible());
    QVERIFY(dialog->diffView()->removedLines().contains(QStringLiteral("profile = \"work\"")));
    auto *profileDiff = dialog->findChild<DiffView *>(QStringLiteral("homeOtherFileDiff:work.config.toml"));
    QVERIFY(profileDiff && profileDiff->isVisible());
    QVERIFY(profileDiff->addedLines().contains(QStringLiteral("sandbox_mode = \"read-only\"")));
    auto *title = dialog->findChild<QLabel *>(QStringLiteral("homeOtherFileLabel:work.config.toml"));
    QVERIFY(title && title->text().contains(QStringLiteral("creates")));
    QVERIFY(saveHomesShot(dialog, QStringLiteral("homes-changes-profile")));

    QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
    QVERIFY(done.wait(20000));
    QVERIFY(readFile(home + QLatin1String("/work.config.toml")).contains("sandbox_mode = \"read-only\"\n"));
    QVERIFY(!readFile(home + QLatin1String("/config.toml")).contains("profile = \"work\""));
    QCOMPARE(page->model()->report(page->model()->rowOf(home)).block, BlockState::Current);
}

void TestHomesPageActions::detail_followsTheSelection_andClearsWhenEmpty()
{
    auto page = makePage();
    QVERIFY(scanAndWait(*page));
    auto *detail = page->findChild<HomeDetailView *>(QStringLiteral("homeDetail"));
    const QString a = homePath(QStringLiteral("ws1"), QStringLiteral("taskA"));
    const QString b = homePath(QStringLiteral("ws1"), QStringLiteral("taskB"));
    clickRow(*page, QStringLiteral("taskA"));
    clickRow(*page, QStringLiteral("taskB"), Qt::ControlModifier);
    QVERIFY(detail->toPlainText().contains(b));
    // Ctrl+click takes taskB out; it stays the current row, but the pane shows what is selected.
    clickRow(*page, QStringLiteral("taskB"), Qt::ControlModifier);
    QCOMPARE(page->view()->selectionModel()->selectedRows().size(), 1);
    QVERIFY(detail->toPlainText().contains(a));
    QVERIFY(!detail->toPlainText().contains(b));
    // And nothing selected: nothing shown.
    clickRow(*page, QStringLiteral("taskA"), Qt::ControlModifier);
    QVERIFY(!page->view()->selectionModel()->hasSelection());
    QVERIFY(!detail->report().has_value());
    QVERIFY(!detail->toPlainText().contains(a));
    QVERIFY(detail->toPlainText().contains(QStringLiteral("Select a home")));
}

void TestHomesPageActions::firstStart_withoutARoot_saysHowToChooseOne()
{
    m_session = makeSession(false);  // no MULTICA_WORKSPACES_ROOT, no ~/multica_workspaces
    QTRY_VERIFY_WITH_TIMEOUT(m_session->diagnosis().has_value() && !m_session->isBusy(), 20000);
    auto page = makePage();
    page->activated();
    QVERIFY(!page->isScanning());
    auto *messages = page->findChild<MessageBar *>(QStringLiteral("homesMessageBar"));
    QVERIFY(messages->isVisible());
    QCOMPARE(messages->kind(), MessageBar::Kind::Info);
    QVERIFY2(messages->text().contains(QStringLiteral("Browse")), qPrintable(messages->text()));
    QVERIFY(messages->text().contains(QStringLiteral("drop")));
    QVERIFY(messages->actionButton()->isVisible());
    QVERIFY(saveHomesShot(page.get(), QStringLiteral("homes-no-root")));
}

void TestHomesPageActions::droppedFolder_setsTheRoot_neverTheSharedHome()
{
    auto page = makePage();
    const QString before = page->sharedHome();
    const QString other = m_dir->filePath(QStringLiteral("other-root"));
    makeDaemonHome(other + QLatin1String("/ws/t/codex-home"), m_shared);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(other)});
    auto *rootEdit = page->findChild<QLineEdit *>(QStringLiteral("homesRootEdit"));
    auto *sharedEdit = page->findChild<QLineEdit *>(QStringLiteral("homesSharedEdit"));
    // Dropped on the shared-home field, it still lands on the page: the root changes.
    const QPoint at = sharedEdit->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, {});
    QApplication::sendEvent(sharedEdit, &enter);
    QVERIFY(enter.isAccepted());
    QSignalSpy finished(page.get(), &HomesPage::scanFinished);
    QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, {});
    QApplication::sendEvent(sharedEdit, &drop);
    QVERIFY(drop.isAccepted());  // taken here, so the window never opens it as its CODEX_HOME
    QCOMPARE(page->root(), other);
    QCOMPARE(rootEdit->text(), QDir::toNativeSeparators(other));
    QCOMPARE(page->sharedHome(), before);
    QVERIFY(sharedEdit->text().isEmpty());
    QVERIFY(finished.wait(30000));
    QCOMPARE(page->model()->rowCount(), 1);

    // A file is not a root: said, and nothing changes.
    QMimeData file;
    file.setUrls({QUrl::fromLocalFile(m_shared + QLatin1String("/config.toml"))});
    QDragEnterEvent fileEnter(at, Qt::CopyAction, &file, Qt::LeftButton, {});
    QApplication::sendEvent(page.get(), &fileEnter);  // as a real drag: enter, then drop
    QVERIFY(fileEnter.isAccepted());
    QDropEvent fileDrop(QPointF(at), Qt::CopyAction, &file, Qt::LeftButton, {});
    QApplication::sendEvent(page.get(), &fileDrop);
    QVERIFY(fileDrop.isAccepted());
    QCOMPARE(page->root(), other);
    QVERIFY(page->findChild<MessageBar *>(QStringLiteral("homesMessageBar"))->text().contains(QStringLiteral("Drop a folder")));
}

void TestHomesPageActions::sharedHomeField_judgesTheHomes_andSurvivesAnotherCodexHome()
{
    auto page = makePage();
    QVERIFY(scanAndWait(*page));
    QCOMPARE(page->sharedHome(), m_shared);
    auto *sharedEdit = page->findChild<QLineEdit *>(QStringLiteral("homesSharedEdit"));
    QVERIFY(sharedEdit->placeholderText().contains(QDir::toNativeSeparators(m_shared)));

    const QString other = m_dir->filePath(QStringLiteral("other-shared"));
    makeSharedHome(other);
    QSignalSpy finished(page.get(), &HomesPage::scanFinished);
    sharedEdit->setFocus();
    QTest::keyClicks(sharedEdit, other);
    QTest::keyClick(sharedEdit, Qt::Key_Return);
    QVERIFY(finished.wait(30000));  // judged again against the new one
    QCOMPARE(page->sharedHome(), other);
    const HomeReport &a = page->model()->report(page->model()->rowOf(homePath(QStringLiteral("ws1"), QStringLiteral("taskA"))));
    QCOMPARE(a.entry(EntryAuth)->state, EntryState::WrongTarget);
    QVERIFY(page->findChild<QLabel *>(QStringLiteral("homesSharedLabel"))->text().contains(QDir::toNativeSeparators(other)));

    // Opening another CODEX_HOME in the window leaves the shared home set here alone.
    m_session->setCodexHome(m_dir->filePath(QStringLiteral("elsewhere")));
    QCOMPARE(page->sharedHome(), other);
    // Remembered for next time.
    auto again = makePage();
    QCOMPARE(again->sharedHome(), other);
}

void TestHomesPageActions::repair_asksBeforeMovingAnAuthLink_namingBothTargets()
{
    const QString home = homePath(QStringLiteral("ws1"), QStringLiteral("taskA"));
    const QString mine = m_dir->filePath(QStringLiteral("my-login/auth.json"));
    QVERIFY(writeFile(mine, QByteArrayLiteral("{}")));
    QVERIFY(QFile::remove(home + QLatin1String("/auth.json")));
    QVERIFY(QFile::link(mine, home + QLatin1String("/auth.json")));
    auto page = makePage();
    QVERIFY(scanAndWait(*page));
    clickRow(*page, QStringLiteral("taskA"));
    QSignalSpy done(page.get(), &HomesPage::jobFinished);
    // No: repair, but keep that link.
    Prompt::setNextAnswer(QMessageBox::No);
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("homesRepairButton")), Qt::LeftButton);
    QVERIFY(done.wait(20000));
    QVERIFY2(Prompt::lastText().contains(mine) && Prompt::lastText().contains(m_shared + QLatin1String("/auth.json")),
             qPrintable(Prompt::lastText()));
    QCOMPARE(QFileInfo(home + QLatin1String("/auth.json")).symLinkTarget(), mine);
    // Yes: re-linked.
    clickRow(*page, QStringLiteral("taskA"));
    Prompt::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("homesRepairButton")), Qt::LeftButton);
    QVERIFY(done.wait(20000));
    QCOMPARE(QFileInfo(home + QLatin1String("/auth.json")).symLinkTarget(), m_shared + QLatin1String("/auth.json"));
}

// One home of each kind: taskC gets its block (changed), taskA has it (already
// fine), taskB keeps its broken auth.json link (still failing), taskD's
// config.toml is a link out of its home, which Apply refuses (failed).
void TestHomesPageActions::batchSummary_countsChangedFineFailingFailed()
{
    const QString d = homePath(QStringLiteral("ws2"), QStringLiteral("taskD"));
    makeDaemonHome(d, m_shared);
    const QString outside = m_dir->filePath(QStringLiteral("outside.toml"));
    QVERIFY(writeFile(outside, QByteArrayLiteral("model = \"o3\"\n")));
    QVERIFY(QFile::remove(d + QLatin1String("/config.toml")));
    QVERIFY(QFile::link(outside, d + QLatin1String("/config.toml")));
    auto page = makePage();
    QVERIFY(scanAndWait(*page));
    page->view()->setFocus();
    QTest::keyClick(page->view(), Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(page->view()->selectionModel()->selectedRows().size(), 4);
    QSignalSpy done(page.get(), &HomesPage::jobFinished);
    Prompt::setNextAnswer(QMessageBox::Apply);
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("homesApplyButton")), Qt::LeftButton);
    QVERIFY(done.wait(20000));
    auto *messages = page->findChild<MessageBar *>(QStringLiteral("homesMessageBar"));
    QVERIFY2(messages->text().startsWith(QStringLiteral(
                 "Applied the block to 4 homes: 1 changed, 1 already fine, 1 still failing, 1 failed.")),
             qPrintable(messages->text()));
    QCOMPARE(messages->kind(), MessageBar::Kind::Error);
    QCOMPARE(readFile(outside), QByteArrayLiteral("model = \"o3\"\n"));  // never written through
}

// After Cancel, only the home in progress is still worked on: each home is
// inspected right after its write, never all of them at the end, so the
// batch ends (and "Stopping…" clears) with that home.
void TestHomesPageActions::batch_inspectsEachHomeRightAfterItsWrite()
{
    QList<HomeJobTarget> targets;
    for (int i = 0; i < 6; ++i)
        targets << HomeJobTarget{QStringLiteral("/home-%1").arg(i), {}, HomeLayout::Seed};
    QStringList log;  // written by the worker, read after finished()
    HomeBatch batch(targets,
                    [&log](const HomeJobTarget &target) {
                        log << QStringLiteral("write ") + target.path;
                        HomeJobOutcome outcome;
                        outcome.path = target.path;
                        outcome.ok = true;
                        return outcome;
                    },
                    InspectOptions{});
    batch.setInspect([&log](const QString &path) {
        log << QStringLiteral("inspect ") + path;
        return HomeReport{};
    });
    connect(&batch, &HomeBatch::progress, &batch, [&batch](int done, int) {
        if (done == 3)
            batch.cancel();
    }, Qt::DirectConnection);
    QSignalSpy finished(&batch, &HomeBatch::finished);
    batch.start();
    QVERIFY(finished.wait(20000));
    QCOMPARE(log, (QStringList{QStringLiteral("write /home-0"), QStringLiteral("inspect /home-0"),
                               QStringLiteral("write /home-1"), QStringLiteral("inspect /home-1"),
                               QStringLiteral("write /home-2"), QStringLiteral("inspect /home-2")}));
    QCOMPARE(batch.result().untouched.size(), 3);
}

void TestHomesPageActions::texts_nameButtonsNeverCliCommands()
{
    auto page = makePage();
    QVERIFY(scanAndWait(*page));
    for (const QString &task : {QStringLiteral("taskA"), QStringLiteral("taskB"), QStringLiteral("taskC")}) {
        clickRow(*page, task);
        const QStringList texts = WidgetText::collect();
        for (const QString &text : texts)
            QVERIFY2(!text.contains(QStringLiteral("codex-sandbox-doctor-cli")), qPrintable(task + QLatin1String(": ") + text));
    }
    clickRow(*page, QStringLiteral("taskB"));
    QVERIFY(page->findChild<HomeDetailView *>(QStringLiteral("homeDetail"))->toPlainText().contains(QStringLiteral("press Repair")));
}

void TestHomesPageActions::todayHome_detailSaysWhatEachEntryIs()
{
    makeTodaySharedExtras(m_shared);
    makeTodayHome(homePath(QStringLiteral("ws3"), QStringLiteral("taskT")), m_shared);
    auto page = makePage();
    QVERIFY(scanAndWait(*page));
    clickRow(*page, QStringLiteral("taskT"));
    const QString text = page->findChild<HomeDetailView *>(QStringLiteral("homeDetail"))->toPlainText();
    for (const char *expected : {"models_cache.json", "Codex's list of models", ".models_cache_config.sha256",
                                 "plugins/cache", "the shared plugin cache", "skills/review",
                                 "a skill linked from the shared home", "skills/multica-workspace",
                                 "a skill written for this task", "prompts/gpt.md", "model_instructions_file",
                                 "the task's own sessions", "Preset: multica-today", "Layout: today's daemon"})
        QVERIFY2(text.contains(QLatin1String(expected)), expected);
    QVERIFY(saveHomesShot(page.get(), QStringLiteral("homes-today")));
    auto *detail = page->findChild<HomeDetailView *>(QStringLiteral("homeDetail"));
    detail->verticalScrollBar()->setValue(detail->verticalScrollBar()->maximum());
    QVERIFY(saveHomesShot(page.get(), QStringLiteral("homes-today-block")));
}

void TestHomesPageActions::chosenPreset_judgesEveryHome()
{
    PolicyChoice today;
    today.preset = PolicyPreset::MulticaToday;
    m_session = makeSession(true, today);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->diagnosis().has_value() && !m_session->isBusy(), 20000);
    auto page = makePage();
    QVERIFY(scanAndWait(*page));
    const HomeReport &a = page->model()->report(page->model()->rowOf(homePath(QStringLiteral("ws1"), QStringLiteral("taskA"))));
    QCOMPARE(a.policy.mode, SandboxMode::DangerFullAccess);
    QCOMPARE(a.presetSource, PresetSource::Chosen);
    QCOMPARE(a.block, BlockState::Stale);
    QVERIFY(page->findChild<QLabel *>(QStringLiteral("homesSharedLabel"))->text().contains(QStringLiteral("multica-today")));
}

QTEST_MAIN(TestHomesPageActions)
#include "test_homespage_actions.moc"
