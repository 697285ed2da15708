// The "Per-task homes" page on a temporary workspaces root with three homes:
// taskA as the daemon makes it, taskB with a broken auth.json link, taskC
// without the managed block. The shared home's auth.json holds a secret
// marker that must never reach any widget.
#include "batchfixtures.h"
#include "config/managedblock.h"
#include "homefixtures.h"
#include "homesshots.h"
#include "homes/homediffdialog.h"
#include "homes/homedetailview.h"
#include "homes/homesfilter.h"
#include "homes/homesmodel.h"
#include "homes/homespage.h"
#include "preview/diffcolors.h"
#include "preview/diffview.h"
#include "prompt.h"
#include "session.h"
#include "theme.h"
#include "widgets/messagebar.h"
#include "widgettext.h"

#include <algorithm>

#include <QComboBox>
#include <QHeaderView>
#include <QDesktopServices>
#include <QLabel>
#include <QProgressBar>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStyle>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTextBlock>
#include <QTreeView>

using namespace SandboxDoctor;
using namespace SandboxDoctor::Ui;
using namespace HomeFixtures;
using namespace BatchFixtures;

// Catches QDesktopServices::openUrl for file URLs, so Reveal opens nothing.
class UrlCatcher : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> urls;
public slots:
    void open(const QUrl &url) { urls << url; }
};

class TestHomesPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void homesPage_defaultRootFromEnvironment_thenRemembered();
    void homesPage_scanFillsTableWithEveryHome();
    void homesPage_statusFilterAndSearchNarrowTheTable();
    void homesPage_headersSort();
    void homesPage_detailDrawsBrokenLinkInRed();
    void homesPage_detailShowsWhatCodexWillRun();
    void homesPage_repairFixesBrokenLink();
    void homesPage_applyWritesBlockToBatch_afterOneConfirmation();
    void homesPage_declinedApplyWritesNothing();
    void homesPage_showDiffOpensDiffOfThatHome();
    void homesPage_revealOpensTheFolders();
    void homesPage_cancelStopsScan();
    void homesPage_escapeCancelsScan();
    void homesPage_neverShowsAuthBytes();
    void homesPage_controlsHaveAccessibleNames();
    void homesPage_brokenLinkRedFollowsPalette_lightAndDark();
    void homesPage_repairBatch_cancelButtonStopsBetweenHomes();
    void homesPage_applyBatch_escapeStopsBetweenHomes();
    void homesPage_repairBatch_cancelAtFirstReportLeavesTheRestByteIdentical();
    void homesPage_applyBatch_runsToTheEndAndReportsAllDone();

private:
    // BatchHomes homes needing a repair (broken auth.json link, no block),
    // all selected on a scanned page; returns their paths.
    static constexpr int BatchHomes = 30;
    QStringList makeBatchRoot();
    bool selectAllHomes(HomesPage &page, int expected);
    // The homes whose snapshot differs from before; every other one is byte-identical.
    static QStringList changedHomes(const HomeSnapshots &before);
    static void verifyIdle(HomesPage &page);
    static QStringList tableOrder(HomesPage &page);  // the homes' paths as the table lists them
    static QStringList sorted(QStringList paths) { paths.sort(); return paths; }
    void makeRoot();
    QString makeBigRoot();
    static constexpr int BigRootHomes = 1500;
    std::unique_ptr<HomesPage> makePage();
    bool scanAndWait(HomesPage &page);
    int proxyRowOf(HomesPage &page, const QString &task) const;
    void selectTasks(HomesPage &page, const QStringList &tasks);
    QString homePath(const QString &workspace, const QString &task) const;

    QTemporaryDir m_settingsDir;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_shared;
    QString m_root;
    std::unique_ptr<Session> m_session;
};

void TestHomesPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SandboxDoctorTests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_homespage"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
}

void TestHomesPage::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_shared = m_dir->filePath(QStringLiteral("shared"));
    m_root = m_dir->filePath(QStringLiteral("workspaces"));
    makeRoot();

    SessionOptions options;
    options.detect.explicitPath = m_dir->filePath(QStringLiteral("no-codex-here"));
    options.codexVersionText = QStringLiteral("0.171.0");  // believed: nothing is run
    options.platform = Platform::Linux;
    options.detect.useLoginShell = false;
    options.detect.searchKnownLocations = false;
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("HOME"), m_dir->path());
    environment.insert(QStringLiteral("MULTICA_WORKSPACES_ROOT"), m_root);
    options.detect.environment = environment;
    m_session = std::make_unique<Session>(options);
    m_session->setCodexHome(m_shared);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->diagnosis().has_value() && !m_session->isBusy(), 20000);
}

void TestHomesPage::cleanup()
{
    for (QWidget *top : QApplication::topLevelWidgets())
        top->close();
    m_session.reset();
    m_dir.reset();
}

QString TestHomesPage::homePath(const QString &workspace, const QString &task) const
{
    return m_root + QLatin1Char('/') + workspace + QLatin1Char('/') + task + QLatin1String("/codex-home");
}

void TestHomesPage::makeRoot()
{
    makeSharedHome(m_shared);
    makeDaemonHome(homePath(QStringLiteral("ws1"), QStringLiteral("taskA")), m_shared);

    const QString broken = homePath(QStringLiteral("ws1"), QStringLiteral("taskB"));
    makeDaemonHome(broken, m_shared);
    QVERIFY(QFile::remove(broken + QLatin1String("/auth.json")));
    QVERIFY(makeLink(m_dir->filePath(QStringLiteral("gone/auth.json")), broken + QLatin1String("/auth.json")));

    makeDaemonHome(homePath(QStringLiteral("ws2"), QStringLiteral("taskC")), m_shared, QByteArrayLiteral("model = \"o3\"\n"));
}

std::unique_ptr<HomesPage> TestHomesPage::makePage()
{
    auto page = std::make_unique<HomesPage>(m_session.get());
    page->resize(1100, 700);
    page->show();
    return page;
}

bool TestHomesPage::scanAndWait(HomesPage &page)
{
    QSignalSpy finished(&page, &HomesPage::scanFinished);
    page.scan();
    if (!finished.wait(30000))
        return false;
    return !page.isScanning();
}

int TestHomesPage::proxyRowOf(HomesPage &page, const QString &task) const
{
    for (int row = 0; row < page.filter()->rowCount(); ++row) {
        if (page.filter()->index(row, HomesModel::TaskColumn).data().toString() == task)
            return row;
    }
    return -1;
}

void TestHomesPage::selectTasks(HomesPage &page, const QStringList &tasks)
{
    page.view()->clearSelection();
    for (const QString &task : tasks) {
        const int row = proxyRowOf(page, task);
        QVERIFY2(row >= 0, qPrintable(task));
        // As a Ctrl+click does: the new row becomes current and joins the selection.
        page.view()->selectionModel()->setCurrentIndex(page.filter()->index(row, 0),
                                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
}

void TestHomesPage::homesPage_defaultRootFromEnvironment_thenRemembered()
{
    {
        auto page = makePage();
        QCOMPARE(page->root(), m_root);
        page->setRoot(m_dir->filePath(QStringLiteral("elsewhere")));
    }
    auto again = makePage();
    QCOMPARE(again->root(), m_dir->filePath(QStringLiteral("elsewhere")));
}

void TestHomesPage::homesPage_scanFillsTableWithEveryHome()
{
    auto page = makePage();
    QVERIFY(scanAndWait(*page));
    QCOMPARE(page->model()->rowCount(), 3);
    const int a = page->model()->rowOf(homePath(QStringLiteral("ws1"), QStringLiteral("taskA")));
    const int b = page->model()->rowOf(homePath(QStringLiteral("ws1"), QStringLiteral("taskB")));
    const int c = page->model()->rowOf(homePath(QStringLiteral("ws2"), QStringLiteral("taskC")));
    QVERIFY(a >= 0 && b >= 0 && c >= 0);
    QCOMPARE(page->model()->report(a).status(), Severity::Info);
    QCOMPARE(page->model()->index(a, HomesModel::StatusColumn).data().toString(), QStringLiteral("ok"));
    QCOMPARE(page->model()->index(a, HomesModel::FindingsColumn).data().toInt(), 0);
    QVERIFY(hasFinding(page->model()->report(b).findings, FindingCode::AuthLinkBroken));
    QVERIFY(page->model()->index(b, HomesModel::FindingsColumn).data().toInt() >= 1);
    QCOMPARE(page->model()->index(c, HomesModel::BlockColumn).data().toString(), QStringLiteral("absent"));
    QCOMPARE(page->model()->index(a, HomesModel::BlockColumn).data().toString(), QStringLiteral("current"));
    QCOMPARE(page->model()->index(a, HomesModel::WorkspaceColumn).data().toString(), QStringLiteral("ws1"));
    QVERIFY(!page->model()->index(b, HomesModel::StatusColumn).data(Qt::DecorationRole).value<QIcon>().isNull());
}

void TestHomesPage::homesPage_statusFilterAndSearchNarrowTheTable()
{
    auto page = makePage();
    QVERIFY(scanAndWait(*page));
    QCOMPARE(page->filter()->rowCount(), 3);

    auto *combo = page->findChild<QComboBox *>(QStringLiteral("homesStatusCombo"));
    QVERIFY(combo);
    combo->setCurrentIndex(combo->findData(int(HomesFilter::Status::Ok)));
    QCOMPARE(page->filter()->rowCount(), 1);
    QCOMPARE(page->filter()->index(0, HomesModel::TaskColumn).data().toString(), QStringLiteral("taskA"));
    combo->setCurrentIndex(combo->findData(int(HomesFilter::Status::Problems)));
    QCOMPARE(page->filter()->rowCount(), 2);
    combo->setCurrentIndex(combo->findData(int(HomesFilter::Status::All)));
    QCOMPARE(page->filter()->rowCount(), 3);

    auto *search = page->findChild<QLineEdit *>(QStringLiteral("homesSearchEdit"));
    QVERIFY(search);
    QTest::keyClicks(search, QStringLiteral("taskb"));
    QCOMPARE(page->filter()->rowCount(), 1);
    QCOMPARE(page->filter()->index(0, HomesModel::TaskColumn).data().toString(), QStringLiteral("taskB"));
    search->clear();
    QTest::keyClicks(search, QStringLiteral("auth-link-broken"));  // a finding code
    QCOMPARE(page->filter()->rowCount(), 1);
    search->clear();
    QTest::keyClicks(search, QStringLiteral("ws2"));
    QCOMPARE(page->filter()->rowCount(), 1);
    QCOMPARE(page->filter()->index(0, HomesModel::TaskColumn).data().toString(), QStringLiteral("taskC"));
    search->clear();
    QCOMPARE(page->filter()->rowCount(), 3);
}

void TestHomesPage::homesPage_headersSort()
{
    auto page = makePage();
    QVERIFY(scanAndWait(*page));
    QHeaderView *header = page->view()->header();
    const int x = header->sectionViewportPosition(HomesModel::TaskColumn) + 5;
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    const Qt::SortOrder first = header->sortIndicatorOrder();
    QCOMPARE(header->sortIndicatorSection(), int(HomesModel::TaskColumn));
    QStringList tasks;
    for (int row = 0; row < 3; ++row)
        tasks << page->filter()->index(row, HomesModel::TaskColumn).data().toString();
    QStringList sorted{QStringLiteral("taskA"), QStringLiteral("taskB"), QStringLiteral("taskC")};
    if (first == Qt::DescendingOrder)
        std::reverse(sorted.begin(), sorted.end());
    QCOMPARE(tasks, sorted);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    QVERIFY(header->sortIndicatorOrder() != first);
    std::reverse(sorted.begin(), sorted.end());
    tasks.clear();
    for (int row = 0; row < 3; ++row)
        tasks << page->filter()->index(row, HomesModel::TaskColumn).data().toString();
    QCOMPARE(tasks, sorted);
}

void TestHomesPage::homesPage_detailDrawsBrokenLinkInRed()
{
    auto page = makePage();
    QVERIFY(scanAndWait(*page));
    selectTasks(*page, {QStringLiteral("taskB")});
    auto *detail = page->findChild<HomeDetailView *>(QStringLiteral("homeDetail"));
    QVERIFY(detail);
    const QString target = m_dir->filePath(QStringLiteral("gone/auth.json"));
    const QString plain = detail->toPlainText();
    QVERIFY2(plain.contains(QStringLiteral("auth.json \u2192 ") + target), qPrintable(plain));
    QVERIFY(plain.contains(QStringLiteral("broken")));

    // The fragment naming the broken target is drawn in the palette's red.
    const QColor red = DiffColors::forPalette(detail->palette()).removedSign;
    bool foundRed = false;
    for (QTextBlock block = detail->document()->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (fragment.text().contains(target) && fragment.charFormat().foreground().color() == red)
                foundRed = true;
        }
    }
    QVERIFY(foundRed);
    // The ok home's auth.json link is not red.
    selectTasks(*page, {QStringLiteral("taskA")});
    for (QTextBlock block = detail->document()->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            if (it.fragment().text().contains(m_shared + QLatin1String("/auth.json")))
                QVERIFY(it.fragment().charFormat().foreground().color() != red);
        }
    }
}

// Issue #11.1: the detail pane says, as status does, which sandbox Codex will
// run in the selected home, and whether that is its policy's.
void TestHomesPage::homesPage_detailShowsWhatCodexWillRun()
{
    makeDaemonHome(homePath(QStringLiteral("ws2"), QStringLiteral("taskD")), m_shared,
                   currentConfig(QByteArrayLiteral("default_permissions = \":read-only\"\n")));
    auto page = makePage();
    QVERIFY(scanAndWait(*page));
    auto *detail = page->findChild<HomeDetailView *>(QStringLiteral("homeDetail"));
    QVERIFY(detail);

    selectTasks(*page, {QStringLiteral("taskA")});
    QString plain = detail->toPlainText();
    QVERIFY2(plain.contains(QStringLiteral("Codex will run: filesystem restricted, network enabled — decided by "
                                           "sandbox_mode")),
             qPrintable(plain));
    QVERIFY2(plain.contains(QStringLiteral("That is the policy's sandbox.")), qPrintable(plain));

    selectTasks(*page, {QStringLiteral("taskD")});
    plain = detail->toPlainText();
    QVERIFY2(plain.contains(QStringLiteral("Codex will run: filesystem restricted, network restricted — decided by "
                                           "default_permissions = \":read-only\"")),
             qPrintable(plain));
    QVERIFY2(plain.contains(QStringLiteral("That is not the policy's sandbox.")), qPrintable(plain));
    QVERIFY2(plain.contains(QStringLiteral("default_permissions")) && plain.contains(QStringLiteral("(line ")),
             qPrintable(plain));
    // The line is drawn in red, as a broken link is.
    const QColor red = DiffColors::forPalette(detail->palette()).removedSign;
    bool foundRed = false;
    for (QTextBlock block = detail->document()->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            if (it.fragment().text().contains(QStringLiteral("Codex will run"))
                && it.fragment().charFormat().foreground().color() == red)
                foundRed = true;
        }
    }
    QVERIFY(foundRed);
}

void TestHomesPage::homesPage_repairFixesBrokenLink()
{
    auto page = makePage();
    QVERIFY(scanAndWait(*page));
    selectTasks(*page, {QStringLiteral("taskB")});
    auto *repair = page->findChild<QPushButton *>(QStringLiteral("homesRepairButton"));
    QVERIFY(repair && repair->isEnabled());

    QSignalSpy done(page.get(), &HomesPage::jobFinished);
    Prompt::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(repair, Qt::LeftButton);
    QVERIFY(done.wait(20000));
    QVERIFY(Prompt::lastText().contains(QStringLiteral("1 home")));

    const QString home = homePath(QStringLiteral("ws1"), QStringLiteral("taskB"));
    QCOMPARE(QFileInfo(home + QLatin1String("/auth.json")).symLinkTarget(), m_shared + QLatin1String("/auth.json"));
    const HomeReport &report = page->model()->report(page->model()->rowOf(home));
    QVERIFY(!hasFinding(report.findings, FindingCode::AuthLinkBroken));
    QCOMPARE(report.status(), Severity::Info);
    auto *detail = page->findChild<HomeDetailView *>(QStringLiteral("homeDetail"));
    QVERIFY(detail->toPlainText().contains(QStringLiteral("auth.json \u2192 ") + m_shared + QLatin1String("/auth.json")));
}

void TestHomesPage::homesPage_applyWritesBlockToBatch_afterOneConfirmation()
{
    auto page = makePage();
    QVERIFY(scanAndWait(*page));
    selectTasks(*page, {QStringLiteral("taskA"), QStringLiteral("taskC")});
    QSignalSpy done(page.get(), &HomesPage::jobFinished);
    Prompt::setNextAnswer(QMessageBox::Apply);
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("homesApplyButton")), Qt::LeftButton);
    QVERIFY(done.wait(20000));
    QVERIFY2(Prompt::lastText().contains(QStringLiteral("2 homes")), qPrintable(Prompt::lastText()));

    const QString c = homePath(QStringLiteral("ws2"), QStringLiteral("taskC"));
    QVERIFY(readFile(c + QLatin1String("/config.toml")).startsWith(BlockBeginMarker));
    QCOMPARE(page->model()->report(page->model()->rowOf(c)).block, BlockState::Current);
    // A current home is left alone: same bytes.
    const QString a = homePath(QStringLiteral("ws1"), QStringLiteral("taskA"));
    QCOMPARE(readFile(a + QLatin1String("/config.toml")), currentConfig());
}

void TestHomesPage::homesPage_declinedApplyWritesNothing()
{
    auto page = makePage();
    QVERIFY(scanAndWait(*page));
    selectTasks(*page, {QStringLiteral("taskC")});
    Prompt::setNextAnswer(QMessageBox::Cancel);
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("homesApplyButton")), Qt::LeftButton);
    QVERIFY(!page->isBusy());
    const QString c = homePath(QStringLiteral("ws2"), QStringLiteral("taskC"));
    QCOMPARE(readFile(c + QLatin1String("/config.toml")), QByteArrayLiteral("model = \"o3\"\n"));
}

void TestHomesPage::homesPage_showDiffOpensDiffOfThatHome()
{
    auto page = makePage();
    QVERIFY(scanAndWait(*page));
    selectTasks(*page, {QStringLiteral("taskC")});
    QSignalSpy done(page.get(), &HomesPage::jobFinished);
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("homesDiffButton")), Qt::LeftButton);
    QVERIFY(done.wait(20000));
    auto *dialog = page->findChild<HomeDiffDialog *>(QStringLiteral("homeDiffDialog"));
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->diffView()->addedCount() >= 3);
    QVERIFY(dialog->diffView()->addedLines().contains(QString::fromLatin1(BlockBeginMarker)));
    QVERIFY(dialog->windowTitle().contains(homePath(QStringLiteral("ws2"), QStringLiteral("taskC"))));
    QVERIFY(saveHomesShot(dialog, QStringLiteral("homes-diff")));
    // Showing the diff wrote nothing.
    QCOMPARE(readFile(homePath(QStringLiteral("ws2"), QStringLiteral("taskC")) + QLatin1String("/config.toml")),
             QByteArrayLiteral("model = \"o3\"\n"));
}

void TestHomesPage::homesPage_revealOpensTheFolders()
{
    UrlCatcher catcher;
    QDesktopServices::setUrlHandler(QStringLiteral("file"), &catcher, "open");
    auto page = makePage();
    QVERIFY(scanAndWait(*page));
    selectTasks(*page, {QStringLiteral("taskA"), QStringLiteral("taskB")});
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("homesRevealButton")), Qt::LeftButton);
    QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
    QCOMPARE(catcher.urls.size(), 2);
    QVERIFY(catcher.urls.contains(QUrl::fromLocalFile(homePath(QStringLiteral("ws1"), QStringLiteral("taskA")))));
    QVERIFY(catcher.urls.contains(QUrl::fromLocalFile(homePath(QStringLiteral("ws1"), QStringLiteral("taskB")))));
}

QString TestHomesPage::makeBigRoot()
{
    // Enough homes that the walk is still running when the scan is cancelled.
    const QString big = m_dir->filePath(QStringLiteral("big"));
    for (int i = 0; i < BigRootHomes; ++i) {
        const QString home = big + QStringLiteral("/ws%1/task%2/codex-home").arg(i / 100).arg(i);
        if (!QDir().mkpath(home) || !writeFile(home + QLatin1String("/config.toml"), currentConfig()))
            return {};
    }
    return big;
}

void TestHomesPage::homesPage_cancelStopsScan()
{
    const QString big = makeBigRoot();
    QVERIFY(!big.isEmpty());
    auto page = makePage();
    page->setRoot(big);
    QSignalSpy finished(page.get(), &HomesPage::scanFinished);
    page->scan();
    auto *cancel = page->findChild<QPushButton *>(QStringLiteral("homesCancelButton"));
    QVERIFY(cancel && cancel->isVisible());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    const auto summary = finished.first().first().value<ScanSummary>();
    QVERIFY(summary.cancelled);
    QVERIFY(page->model()->rowCount() < BigRootHomes);
    QVERIFY(!cancel->isVisible());
    QVERIFY(!page->isScanning());
}

void TestHomesPage::homesPage_escapeCancelsScan()
{
    const QString big = makeBigRoot();
    QVERIFY(!big.isEmpty());
    auto page = makePage();
    page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(page.get()));
    page->setRoot(big);
    page->view()->setFocus();
    QSignalSpy finished(page.get(), &HomesPage::scanFinished);
    page->scan();
    QTest::keyClick(page->view(), Qt::Key_Escape);
    QVERIFY(finished.wait(30000));
    QVERIFY(finished.first().first().value<ScanSummary>().cancelled);
    QVERIFY(page->model()->rowCount() < BigRootHomes);
}

void TestHomesPage::homesPage_neverShowsAuthBytes()
{
    auto page = makePage();
    QVERIFY(scanAndWait(*page));
    for (const QString &task : {QStringLiteral("taskA"), QStringLiteral("taskB"), QStringLiteral("taskC")}) {
        selectTasks(*page, {task});
        QSignalSpy done(page.get(), &HomesPage::jobFinished);
        QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("homesDiffButton")), Qt::LeftButton);
        QVERIFY(done.wait(20000));
        QVERIFY2(!WidgetText::anyContains(AuthSecret), qPrintable(task));
    }
    // The collector does see the detail pane's text (so an absence means something).
    selectTasks(*page, {QStringLiteral("taskA")});
    const QStringList texts = WidgetText::collect();
    QVERIFY(std::any_of(texts.begin(), texts.end(),
                        [&](const QString &t) { return t.contains(m_shared + QLatin1String("/auth.json")); }));
    QVERIFY(!WidgetText::anyContains(AuthSecret));
}

void TestHomesPage::homesPage_controlsHaveAccessibleNames()
{
    auto page = makePage();
    const QStringList unnamed = WidgetText::unnamedControls(page.get());
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QLatin1String(", "))));
}

// Renders the page in a light and a dark palette (PNGs under the build
// folder's screenshots/, for a person to look at) and checks that the broken
// link's red is the one each palette calls for.
void TestHomesPage::homesPage_brokenLinkRedFollowsPalette_lightAndDark()
{
    const QPalette original = QApplication::palette();
    QApplication::setStyle(QStringLiteral("Fusion"));
    const QString shots = QDir(qEnvironmentVariable("SANDBOXDOCTOR_BUILD_DIR")).filePath(QStringLiteral("screenshots"));
    QVERIFY(QDir().mkpath(shots));
    QList<QColor> reds;
    for (const bool dark : {false, true}) {
        QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
        auto page = makePage();
        page->resize(1100, 640);
        QVERIFY(scanAndWait(*page));
        selectTasks(*page, {QStringLiteral("taskB")});
        auto *detail = page->findChild<HomeDetailView *>(QStringLiteral("homeDetail"));
        const QColor red = DiffColors::forPalette(detail->palette()).removedSign;
        reds << red;
        QVERIFY(detail->toHtml().contains(red.name(), Qt::CaseInsensitive));
        QTest::qWait(50);  // let posted layout requests land before the picture
        const QImage image = page->grab().toImage();
        QVERIFY(!image.isNull());
        QVERIFY(image.save(shots + (dark ? QStringLiteral("/homes-dark.png") : QStringLiteral("/homes-light.png"))));
    }
    QApplication::setPalette(original);
    QVERIFY(reds.at(0) != reds.at(1));
}

QStringList TestHomesPage::makeBatchRoot()
{
    QStringList homes;
    const QString root = m_dir->filePath(QStringLiteral("batch"));
    for (int i = 0; i < BatchHomes; ++i) {
        const QString home = root + QStringLiteral("/ws%1/task%2/codex-home").arg(i / 10).arg(i, 2, 10, QLatin1Char('0'));
        makeDaemonHome(home, m_shared, QByteArrayLiteral("model = \"o3\"\n"));
        if (!QFile::remove(home + QLatin1String("/auth.json"))
            || !makeLink(m_dir->filePath(QStringLiteral("gone/auth.json")), home + QLatin1String("/auth.json")))
            return {};
        homes << home;
    }
    return homes;
}

bool TestHomesPage::selectAllHomes(HomesPage &page, int expected)
{
    page.setRoot(m_dir->filePath(QStringLiteral("batch")));
    if (!scanAndWait(page) || page.model()->rowCount() != expected)
        return false;
    page.view()->selectAll();
    return page.view()->selectionModel()->selectedRows().size() == expected;
}

QStringList TestHomesPage::changedHomes(const HomeSnapshots &before)
{
    QStringList changed;
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (snapshot(it.key()) != it.value())
            changed << it.key();
    }
    return changed;
}

QStringList TestHomesPage::tableOrder(HomesPage &page)
{
    QStringList paths;
    for (int row = 0; row < page.filter()->rowCount(); ++row)
        paths << page.model()->report(page.filter()->mapToSource(page.filter()->index(row, 0)).row()).path;
    return paths;
}

void TestHomesPage::verifyIdle(HomesPage &page)
{
    QVERIFY(!page.isBusy());
    QVERIFY(!page.isBatchRunning());
    QVERIFY(!page.findChild<QPushButton *>(QStringLiteral("homesCancelButton"))->isVisible());
    QVERIFY(!page.findChild<QProgressBar *>(QStringLiteral("homesProgress"))->isVisible());
    QVERIFY(page.findChild<QPushButton *>(QStringLiteral("homesRepairButton"))->isEnabled());
    QVERIFY(page.findChild<QPushButton *>(QStringLiteral("homesApplyButton"))->isEnabled());
    QVERIFY(page.findChild<QPushButton *>(QStringLiteral("homesScanButton"))->isEnabled());
}

// Held after its 3rd home, the batch shows "3 of 30" with a bar and Cancel;
// Cancel lets the 3rd home stand, touches no other, and says so.
void TestHomesPage::homesPage_repairBatch_cancelButtonStopsBetweenHomes()
{
    const QStringList homes = makeBatchRoot();
    QCOMPARE(homes.size(), BatchHomes);
    const HomeSnapshots before = snapshotHomes(homes);

    auto page = makePage();
    page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(page.get()));
    QVERIFY(selectAllHomes(*page, BatchHomes));
    const QStringList order = tableOrder(*page);  // a batch goes down the rows
    BatchGate gate(page.get(), 3);
    QSignalSpy done(page.get(), &HomesPage::jobFinished);
    auto *cancel = page->findChild<QPushButton *>(QStringLiteral("homesCancelButton"));
    auto *progress = page->findChild<QProgressBar *>(QStringLiteral("homesProgress"));
    auto *label = page->findChild<QLabel *>(QStringLiteral("homesProgressLabel"));
    auto *repair = page->findChild<QPushButton *>(QStringLiteral("homesRepairButton"));
    Prompt::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(repair, Qt::LeftButton);
    QVERIFY(Prompt::lastText().contains(QStringLiteral("30 homes")));

    QVERIFY(gate.waitUntilHeld());
    QTRY_COMPARE_WITH_TIMEOUT(label->text(), QStringLiteral("Repairing 3 of 30 homes\u2026"), 20000);
    QVERIFY(page->isBatchRunning());
    QVERIFY(progress->isVisible());
    QCOMPARE(progress->maximum(), BatchHomes);
    QCOMPARE(progress->value(), 3);
    QVERIFY(cancel->isVisible() && cancel->isEnabled());
    QVERIFY(!repair->isEnabled());
    QVERIFY(!page->findChild<QPushButton *>(QStringLiteral("homesApplyButton"))->isEnabled());
    QVERIFY(!page->findChild<QPushButton *>(QStringLiteral("homesScanButton"))->isEnabled());
    QTest::qWait(50);  // let posted layout requests land before the picture
    const QString shots = QDir(qEnvironmentVariable("SANDBOXDOCTOR_BUILD_DIR")).filePath(QStringLiteral("screenshots"));
    QVERIFY(QDir().mkpath(shots));
    QVERIFY(page->grab().save(shots + QLatin1String("/homes-batch.png")));

    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(!cancel->isEnabled());  // asked once; the home being written finishes first
    QVERIFY(label->text().startsWith(QStringLiteral("Stopping")));
    gate.release();
    QVERIFY(done.wait(30000));

    auto *messages = page->findChild<MessageBar *>(QStringLiteral("homesMessageBar"));
    QCOMPARE(messages->text(),
             QStringLiteral("Stopped after 3 of 30 homes: 3 changed, 0 already fine, 0 still failing, 0 failed; "
                            "27 not touched."));
    QCOMPARE(messages->kind(), MessageBar::Kind::Warning);
    const QStringList changed = changedHomes(before);
    QCOMPARE(changed, sorted(order.mid(0, 3)));
    verifyIdle(*page);
    // The written rows were inspected again; the others still show what the scan saw.
    for (const QString &home : homes) {
        const HomeReport &report = page->model()->report(page->model()->rowOf(home));
        const bool repaired = changed.contains(home);
        QCOMPARE(report.block, repaired ? BlockState::Current : BlockState::Absent);
        QCOMPARE(hasFinding(report.findings, FindingCode::AuthLinkBroken), !repaired);
        // Still under the names the scan gave it.
        QVERIFY2(home.endsWith(QStringLiteral("/%1/%2/codex-home").arg(report.workspace, report.task)), qPrintable(home));
    }
    QVERIFY(page->view()->hasFocus());  // not thrown to the root field when Cancel hid
    QTest::qWait(50);
    QVERIFY(page->grab().save(shots + QLatin1String("/homes-batch-stopped.png")));
    // One click selects what is left, ready for another Repair.
    QVERIFY(messages->actionButton()->isVisible());
    QTest::mouseClick(messages->actionButton(), Qt::LeftButton);
    QStringList selected;
    for (const HomeReport &report : [&]() {
             QList<HomeReport> reports;
             for (const QModelIndex &index : page->view()->selectionModel()->selectedRows())
                 reports << page->model()->report(page->filter()->mapToSource(index).row());
             return reports;
         }())
        selected << report.path;
    QCOMPARE(sorted(selected), sorted(order.mid(3)));
}

// Esc stops an Apply the same way, between two homes.
void TestHomesPage::homesPage_applyBatch_escapeStopsBetweenHomes()
{
    const QStringList homes = makeBatchRoot();
    QCOMPARE(homes.size(), BatchHomes);
    const HomeSnapshots before = snapshotHomes(homes);

    auto page = makePage();
    page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(page.get()));
    QVERIFY(selectAllHomes(*page, BatchHomes));
    const QStringList order = tableOrder(*page);
    BatchGate gate(page.get(), 5);
    QSignalSpy done(page.get(), &HomesPage::jobFinished);
    Prompt::setNextAnswer(QMessageBox::Apply);
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("homesApplyButton")), Qt::LeftButton);
    QVERIFY(gate.waitUntilHeld());
    auto *label = page->findChild<QLabel *>(QStringLiteral("homesProgressLabel"));
    QTRY_COMPARE_WITH_TIMEOUT(label->text(), QStringLiteral("Applying the block to 5 of 30 homes\u2026"), 20000);
    page->view()->setFocus();
    QTest::keyClick(page->view(), Qt::Key_Escape);
    QVERIFY(label->text().startsWith(QStringLiteral("Stopping")));
    gate.release();
    QVERIFY(done.wait(30000));

    // Apply writes the block only: the broken auth.json links still fail, and the summary says so.
    QVERIFY2(page->findChild<MessageBar *>(QStringLiteral("homesMessageBar"))->text().startsWith(
                 QStringLiteral("Stopped after 5 of 30 homes: 0 changed, 0 already fine, 5 still failing, 0 failed; "
                                "25 not touched.\n")),
             qPrintable(page->findChild<MessageBar *>(QStringLiteral("homesMessageBar"))->text()));
    const QStringList changed = changedHomes(before);
    QCOMPARE(changed, sorted(order.mid(0, 5)));
    for (const QString &home : changed)
        QVERIFY(readFile(home + QLatin1String("/config.toml")).startsWith(BlockBeginMarker));
    verifyIdle(*page);
}

// Cancelled from the first progress report itself (on the worker, before it
// looks at the flag again): exactly that one home is written.
void TestHomesPage::homesPage_repairBatch_cancelAtFirstReportLeavesTheRestByteIdentical()
{
    const QStringList homes = makeBatchRoot();
    QCOMPARE(homes.size(), BatchHomes);
    const HomeSnapshots before = snapshotHomes(homes);

    auto page = makePage();
    QVERIFY(selectAllHomes(*page, BatchHomes));
    const QStringList order = tableOrder(*page);
    QList<int> reported;  // written on the worker, read after it ended
    connect(page.get(), &HomesPage::batchStarted, page.get(), [&reported](HomeBatch *batch) {
        connect(batch, &HomeBatch::progress, batch, [&reported, batch](int done, int) {
            reported << done;
            batch->cancel();
        }, Qt::DirectConnection);
    }, Qt::DirectConnection);
    QSignalSpy done(page.get(), &HomesPage::jobFinished);
    Prompt::setNextAnswer(QMessageBox::Yes);
    page->repairSelected();
    QVERIFY(done.wait(30000));

    QCOMPARE(reported, QList<int>{1});
    QCOMPARE(page->findChild<MessageBar *>(QStringLiteral("homesMessageBar"))->text(),
             QStringLiteral("Stopped after 1 of 30 homes: 1 changed, 0 already fine, 0 still failing, 0 failed; "
                            "29 not touched."));
    QCOMPARE(changedHomes(before), order.mid(0, 1));
    verifyIdle(*page);
}

void TestHomesPage::homesPage_applyBatch_runsToTheEndAndReportsAllDone()
{
    const QStringList homes = makeBatchRoot();
    QCOMPARE(homes.size(), BatchHomes);
    const HomeSnapshots before = snapshotHomes(homes);

    auto page = makePage();
    QVERIFY(selectAllHomes(*page, BatchHomes));
    QSignalSpy progress(page.get(), &HomesPage::batchProgress);
    QSignalSpy done(page.get(), &HomesPage::jobFinished);
    Prompt::setNextAnswer(QMessageBox::Apply);
    page->applySelected();
    QVERIFY(done.wait(30000));

    // One report per home, in order, all heard before the summary.
    QCOMPARE(progress.size(), BatchHomes);
    for (int i = 0; i < BatchHomes; ++i) {
        QCOMPARE(progress.at(i).at(0).toInt(), i + 1);
        QCOMPARE(progress.at(i).at(1).toInt(), BatchHomes);
    }
    auto *messages = page->findChild<MessageBar *>(QStringLiteral("homesMessageBar"));
    // The block went in everywhere, but each home's auth.json link is still broken: not a success.
    QVERIFY2(messages->text().startsWith(QStringLiteral(
                 "Applied the block to 30 homes: 0 changed, 0 already fine, 30 still failing, 0 failed.\n")),
             qPrintable(messages->text()));
    QCOMPARE(messages->kind(), MessageBar::Kind::Warning);
    QCOMPARE(changedHomes(before), homes);
    for (const QString &home : homes)
        QCOMPARE(page->model()->report(page->model()->rowOf(home)).block, BlockState::Current);
    verifyIdle(*page);
}

QTEST_MAIN(TestHomesPage)
#include "test_homespage.moc"
