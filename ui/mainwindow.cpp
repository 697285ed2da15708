#include "mainwindow.h"

#include "appsettings.h"
#include "homes/homespage.h"
#include "icons.h"
#include "overview/overviewpage.h"
#include "page.h"
#include "policytext.h"
#include "preview/previewpage.h"
#include "session.h"
#include "shortcuttext.h"
#include "verify/verifypage.h"
#include "widgets/homechooser.h"
#include "widgets/messagebar.h"
#include "widgets/pagescrollarea.h"
#include "widgets/sidebardelegate.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace SandboxDoctor::Ui {

namespace {

// A dropped folder, or the folder of a dropped config.toml.
QString homeFromDrop(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls() || mime->urls().size() != 1 || !mime->urls().first().isLocalFile())
        return {};
    QString path = QDir::cleanPath(mime->urls().first().toLocalFile());
    if (path.endsWith(QLatin1String("/config.toml")))
        path.chop(int(QStringLiteral("/config.toml").size()));
    return path;
}

} // namespace

MainWindow::MainWindow(AppSettings *settings, StartupOptions startup, QWidget *parent)
    : QMainWindow(parent), m_settings(settings), m_startup(std::move(startup)), m_session(nullptr)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Codex Sandbox Doctor"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/app.svg")));
    setAcceptDrops(true);
    setMinimumSize(MinimumSize);
    resize(DefaultSize);

    m_session = new Session(sessionOptions(), this);
    // Nothing runs before the window has painted (see event()): the first
    // paint never waits for a process to start or a file to be read.
    m_session->setStartDeferred(true);

    createActions();
    createMenus();
    createToolBar();
    createCentralWidget();
    createStatusBar();
    createPages();
    restoreWindowState();

    connect(m_session, &Session::activityChanged, this, [this]() {
        updateBusy();
        updateActions();
        if (isSettled())
            emit settled();
    });
    connect(m_session, &Session::diagnosisChanged, this, [this]() {
        updateActions();
        if (isSettled())
            emit settled();
    });
    connect(m_session, &Session::applied, this, &MainWindow::onApplied);
    connect(m_session, &Session::restored, this, &MainWindow::onRestored);
    connect(m_session, &Session::redone, this, &MainWindow::onRedone);
    connect(m_session, &Session::candidateRestored, this, &MainWindow::onCandidateRestored);
    connect(m_session, &Session::entryRestored, this, &MainWindow::onEntryRestored);
    connect(m_session, &Session::codexHomeCreated, this, [this](const QString &home) {
        m_messageBar->showMessage(MessageBar::Kind::Success,
                                  tr("Created %1. Codex uses this folder from now on; Apply writes config.toml "
                                     "into it.")
                                      .arg(QDir::toNativeSeparators(home)));
    });
    connect(m_session, &Session::actionFailed, this, &MainWindow::onActionFailed);
    connect(m_session, &Session::configChangedOutside, this, &MainWindow::onConfigChangedOutside);
    connect(m_homeChooser, &HomeChooser::homeChosen, this, &MainWindow::setCodexHome);

    updateActions();
    updateBusy();
    updatePreviewBar();
    setCodexHome(m_startup.codexHome.value_or(defaultCodexHome(m_startup.detect.environment)));
}

MainWindow::~MainWindow() = default;

// Adding a page is one line here; each page lives in its own folder.
void MainWindow::createPages()
{
    auto *overview = new OverviewPage(m_session, this);
    connect(overview, &OverviewPage::settingsRequested, this, &MainWindow::openSettings);
    addPage(overview);
    m_preview = new PreviewPage(m_session, m_applyAction, m_undoAction, m_redoAction, this);
    m_preview->setSideBySide(m_settings->sideBySide());
    connect(m_preview, &PreviewPage::sideBySideChanged, this, [this](bool on) { m_settings->setSideBySide(on); });
    addPage(m_preview);
    addPage(new VerifyPage(m_session, m_applyAction, this));  // ui/verify/: asks the real Codex
    addPage(new HomesPage(m_session, this));                  // ui/homes/: per-task homes
    showPage(QStringLiteral("overview"));
}

void MainWindow::addPage(Page *page)
{
    if (page->objectName().isEmpty())
        page->setObjectName(QStringLiteral("page_") + page->pageId());
    m_pages << page;
    // Each page scrolls when the window is smaller than the page needs, rather
    // than forcing the window's minimum size up or squeezing its widgets onto
    // each other.
    auto *scroll = new PageScrollArea(page, m_pageStack);
    scroll->setObjectName(QStringLiteral("pageScroll_") + page->pageId());
    m_pageStack->addWidget(scroll);
    auto *item = new QListWidgetItem(page->icon(), page->title(), m_pageList);
    item->setData(Qt::UserRole, page->pageId());
    item->setData(Qt::AccessibleTextRole, page->title());

    // Ctrl+1, Ctrl+2, ... in the View menu.
    const int position = int(m_pages.size());
    auto *action = new QAction(page->icon(), page->title(), this);
    action->setObjectName(QStringLiteral("showPage_") + page->pageId());
    if (position <= 9)
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + position)));
    connect(action, &QAction::triggered, this, [this, id = page->pageId()]() { showPage(id); });
    m_pageActions << action;
    if (QMenu *view = menuBar()->findChild<QMenu *>(QStringLiteral("viewMenu")))
        view->addAction(action);

    connect(page, &Page::showPageRequested, this, &MainWindow::showPage);
}

bool MainWindow::showPage(const QString &pageId)
{
    for (int i = 0; i < m_pages.size(); ++i) {
        if (m_pages.at(i)->pageId() == pageId) {
            m_pageList->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

QString MainWindow::currentPageId() const
{
    const int row = m_pageStack->currentIndex();
    return row >= 0 && row < m_pages.size() ? m_pages.at(row)->pageId() : QString();
}

bool MainWindow::isSettled() const
{
    return m_session->diagnosis().has_value() && !m_session->isBusy();
}

bool MainWindow::isPreviewingOtherPlatform() const
{
    const auto &platform = m_session->options().platform;
    return platform && *platform != hostPlatform();
}

void MainWindow::createActions()
{
    auto make = [this](const QString &icon, const QString &text, const QString &name) {
        auto *action = new QAction(icon.isEmpty() ? QIcon() : Icons::icon(icon), text, this);
        action->setObjectName(name);
        return action;
    };
    m_refreshAction = make(QStringLiteral("refresh"), tr("&Refresh"), QStringLiteral("refreshAction"));
    // The platform's own Refresh key first (Cmd+R on macOS, F5 elsewhere), so
    // menus and tooltips show that one; F5 and Ctrl+R answer everywhere.
    QList<QKeySequence> refreshKeys = QKeySequence::keyBindings(QKeySequence::Refresh);
    for (const QKeySequence &key : {QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_R)}) {
        if (!refreshKeys.contains(key))
            refreshKeys << key;
    }
    m_refreshAction->setShortcuts(refreshKeys);
    setToolTipWithShortcut(m_refreshAction, tr("Detect Codex again and re-read config.toml"));
    m_applyAction = make(QStringLiteral("apply"), tr("&Apply…"), QStringLiteral("applyAction"));
    m_applyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_applyAction->setIconText(tr("Apply"));
    setToolTipWithShortcut(m_applyAction, tr("Write the previewed change to config.toml, keeping a backup"));
    m_undoAction = make(QStringLiteral("undo"), tr("&Undo Last Change…"), QStringLiteral("undoAction"));
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_undoAction->setIconText(tr("Undo"));
    setToolTipWithShortcut(m_undoAction, tr("Put the newest backup of config.toml back, after asking"));
    m_redoAction = make(QStringLiteral("redo"), tr("&Redo"), QStringLiteral("redoAction"));
    m_redoAction->setShortcut(QKeySequence::Redo);
    m_redoAction->setIconText(tr("Redo"));
    setToolTipWithShortcut(m_redoAction, tr("Bring back the change that Undo took away"));
    m_backupsAction = make(QString(), tr("&Backups…"), QStringLiteral("backupsAction"));
    m_backupsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    setToolTipWithShortcut(m_backupsAction, tr("Every backup of config.toml: compare, restore any one, delete old ones"));
    m_openHomeAction = make(QStringLiteral("folder"), tr("&Open CODEX_HOME…"), QStringLiteral("openHomeAction"));
    m_openHomeAction->setShortcut(QKeySequence::Open);
    setToolTipWithShortcut(m_openHomeAction, tr("Diagnose another CODEX_HOME folder"));
    m_copyReportAction = make(QStringLiteral("copy"), tr("&Copy Report"), QStringLiteral("copyReportAction"));
    m_copyReportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    setToolTipWithShortcut(m_copyReportAction, tr("Copy a Markdown report of this diagnosis to the clipboard"));
    m_saveJsonAction = make(QStringLiteral("save"), tr("&Save Report as JSON…"), QStringLiteral("saveJsonAction"));
    m_saveJsonAction->setShortcut(QKeySequence::Save);
    m_saveJsonAction->setIconText(tr("Save JSON"));
    setToolTipWithShortcut(m_saveJsonAction, tr("Save the report as JSON, for scripts and issue reports"));
    m_settingsAction = make(QStringLiteral("settings"), tr("S&ettings…"), QStringLiteral("settingsAction"));
    m_settingsAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Comma), QKeySequence::Preferences});
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    m_settingsAction->setIconText(tr("Settings"));
    setToolTipWithShortcut(m_settingsAction, tr("Codex executable, macOS fixed version, preview platform, backups"));
    m_quitAction = make(QString(), tr("&Quit"), QStringLiteral("quitAction"));
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    setToolTipWithShortcut(m_quitAction, tr("Quit"));
    m_aboutAction = make(QString(), tr("&About Codex Sandbox Doctor"), QStringLiteral("aboutAction"));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    m_aboutAction->setStatusTip(tr("Version, licence and links"));

    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refresh);
    connect(m_applyAction, &QAction::triggered, this, &MainWindow::applyChange);
    connect(m_undoAction, &QAction::triggered, this, &MainWindow::undoChange);
    connect(m_redoAction, &QAction::triggered, this, &MainWindow::redoChange);
    connect(m_backupsAction, &QAction::triggered, this, &MainWindow::showBackups);
    connect(m_openHomeAction, &QAction::triggered, this, &MainWindow::openHome);
    connect(m_copyReportAction, &QAction::triggered, this, &MainWindow::copyReport);
    connect(m_saveJsonAction, &QAction::triggered, this, &MainWindow::saveJson);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::openSettings);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openHomeAction);
    file->addSeparator();
    file->addAction(m_copyReportAction);
    file->addAction(m_saveJsonAction);
    file->addSeparator();
    file->addAction(m_settingsAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *config = menuBar()->addMenu(tr("&Config"));
    config->addAction(m_refreshAction);
    config->addSeparator();
    config->addAction(m_applyAction);
    config->addAction(m_undoAction);
    config->addAction(m_redoAction);
    config->addAction(m_backupsAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));  // pages add themselves here

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setFloatable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setIconSize(QSize(16, 16));
    bar->addAction(m_refreshAction);
    bar->addSeparator();
    bar->addAction(m_applyAction);
    bar->addAction(m_undoAction);
    bar->addAction(m_redoAction);
    bar->addSeparator();
    bar->addAction(m_copyReportAction);
    bar->addAction(m_saveJsonAction);
    auto *spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    bar->addAction(m_settingsAction);
}

void MainWindow::createCentralWidget()
{
    m_pageList = new QListWidget(this);
    m_pageList->setObjectName(QStringLiteral("pageList"));
    m_pageList->setAccessibleName(tr("Pages"));
    m_pageList->setFrameShape(QFrame::NoFrame);
    m_pageList->setFixedWidth(176);
    m_pageList->setIconSize(QSize(18, 18));
    m_pageList->setSpacing(2);
    m_pageList->setBackgroundRole(QPalette::Window);
    m_pageList->viewport()->setBackgroundRole(QPalette::Window);
    m_pageList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_pageList->setItemDelegate(new SidebarDelegate(m_pageList));
    m_pageList->setMouseTracking(true);

    m_pageStack = new QStackedWidget(this);
    m_pageStack->setObjectName(QStringLiteral("pageStack"));
    connect(m_pageList, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0 || row >= m_pages.size())
            return;
        m_pageStack->setCurrentIndex(row);
        m_pages.at(row)->activated();
    });

    m_homeChooser = new HomeChooser(this);
    m_homeChooser->setRecentHomes(m_settings->recentHomes());
    m_messageBar = new MessageBar(this);
    m_previewBar = new MessageBar(this);
    m_previewBar->setObjectName(QStringLiteral("previewBar"));
    m_previewBar->setAccessibleName(tr("Previewing another platform"));
    m_previewBar->setClosable(false);
    m_previewBar->actionButton()->setObjectName(QStringLiteral("backToThisMachineButton"));

    auto *top = new QVBoxLayout;
    top->setContentsMargins(20, 12, 20, 0);
    top->setSpacing(10);
    top->addWidget(m_homeChooser);
    top->addWidget(m_previewBar);
    top->addWidget(m_messageBar);

    auto *right = new QVBoxLayout;
    right->setContentsMargins(0, 0, 0, 0);
    right->setSpacing(0);
    right->addLayout(top);
    right->addWidget(m_pageStack, 1);

    auto *separator = new QFrame(this);
    separator->setFrameShape(QFrame::VLine);
    separator->setFrameShadow(QFrame::Plain);
    separator->setForegroundRole(QPalette::Mid);

    auto *sidebar = new QVBoxLayout;
    sidebar->setContentsMargins(8, 12, 8, 8);
    sidebar->addWidget(m_pageList);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(sidebar);
    layout->addWidget(separator);
    layout->addLayout(right, 1);
    setCentralWidget(central);

    setTabOrder(m_pageList, m_homeChooser->comboBox());
}

void MainWindow::createStatusBar()
{
    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("busyIndicator"));
    m_busy->setAccessibleName(tr("Working"));
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(140);
    m_busy->setMaximumHeight(14);
    m_busy->setTextVisible(false);
    statusBar()->addWidget(m_statusLabel, 1);
    statusBar()->addPermanentWidget(m_busy);
}

SessionOptions MainWindow::sessionOptions() const
{
    SessionOptions options;
    options.detect = m_startup.detect;
    options.detect.explicitPath = m_startup.codexPath.value_or(m_settings->codexPath());
    options.codexVersionText = m_startup.codexVersionText;
    options.platform = m_startup.platform;  // a preview is never read from saved settings
    const QString fixed = m_startup.darwinFixedVersion.value_or(m_settings->darwinFixedVersion());
    options.darwinFixedVersion = Version::parse(fixed);
    const QString preset = m_startup.policy.value_or(m_settings->policyPreset());
    if (!preset.trimmed().isEmpty())
        options.policyChoice = parsePolicyChoice(preset);  // a malformed saved one counts as none
    options.keepBackups = m_settings->keepBackups();
    return options;
}

void MainWindow::setCodexHome(const QString &home)
{
    QString path = home.trimmed();
    if (path == QLatin1String("~") || path.startsWith(QLatin1String("~/")))
        path = QDir::homePath() + path.mid(1);
    if (path.isEmpty())
        return;
    path = QDir::cleanPath(QDir(path).absolutePath());
    m_messageBar->dismiss();
    m_settings->addRecentHome(path);
    m_homeChooser->setRecentHomes(m_settings->recentHomes());
    m_homeChooser->setCurrentHome(path);
    setWindowFilePath(path);
    m_session->setCodexHome(path);
}

void MainWindow::openHome()
{
    m_homeChooser->browse();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!homeFromDrop(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QString home = homeFromDrop(event->mimeData());
    if (home.isEmpty())
        return;
    event->acceptProposedAction();
    setCodexHome(home);
}

void MainWindow::updateActions()
{
    m_applyAction->setEnabled(m_session->canApply());
    m_undoAction->setEnabled(m_session->canUndo());
    m_redoAction->setEnabled(m_session->canRedo());
    if (const auto target = m_session->undoTarget())
        setToolTipWithShortcut(m_undoAction, tr("Put back %1, after asking").arg(QFileInfo(target->path).fileName()));
    else
        setToolTipWithShortcut(m_undoAction, tr("Nothing to undo: no backup of config.toml holds an earlier state"));
    if (const auto target = m_session->redoTarget())
        setToolTipWithShortcut(m_redoAction, tr("Bring back the change Undo took away (%1)")
                                                 .arg(QFileInfo(target->path).fileName()));
    else
        setToolTipWithShortcut(m_redoAction, tr("Bring back the change that Undo took away"));
    const bool hasDiagnosis = m_session->diagnosis().has_value();
    m_copyReportAction->setEnabled(hasDiagnosis);
    m_saveJsonAction->setEnabled(hasDiagnosis);
}

void MainWindow::updateBusy()
{
    QString text;
    switch (m_session->activity()) {
    case Session::Activity::Idle: break;
    case Session::Activity::Detecting: text = tr("Detecting Codex…"); break;
    case Session::Activity::Analysing: text = tr("Reading config.toml…"); break;
    case Session::Activity::Applying: text = tr("Writing config.toml…"); break;
    case Session::Activity::Restoring: text = tr("Restoring the backup…"); break;
    case Session::Activity::Creating: text = tr("Creating the CODEX_HOME folder…"); break;
    }
    m_busy->setVisible(m_session->isBusy());
    m_statusLabel->setText(text.isEmpty() ? tr("Ready") : text);
}

} // namespace SandboxDoctor::Ui

namespace SandboxDoctor::Ui {

// A preview of another platform is a mode, not news: a bar that stays while it
// lasts, says what Apply would do here, and offers the way back.
void MainWindow::updatePreviewBar()
{
    if (!isPreviewingOtherPlatform()) {
        m_previewBar->dismiss();
        return;
    }
    const QString previewed = platformDisplayName(*m_session->options().platform);
    const QString here = platformDisplayName(hostPlatform());
    m_previewBar->showMessage(MessageBar::Kind::Warning,
                              tr("Previewing %1: the policy and the change shown are what a %1 machine needs, "
                                 "not this %2 machine. This preview lasts for this run only.")
                                  .arg(previewed, here),
                              tr("Back to This Machine"), [this]() { backToThisMachine(); });
}

void MainWindow::backToThisMachine()
{
    m_startup.platform.reset();
    m_messageBar->dismiss();
    m_session->setOptions(sessionOptions());
    updatePreviewBar();
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_sessionStarted)
        return;
    // Now the window frame's size is known: fit the frame, not only the inside.
    fitOnScreen(m_geometryRestored);
    // Normally the first paint starts the work (event()); a window that is
    // shown but never painted (minimised at start) starts a moment later.
    QTimer::singleShot(300, this, &MainWindow::startSession);
}

bool MainWindow::event(QEvent *event)
{
    const bool result = QMainWindow::event(event);
    if (event->type() == QEvent::Paint && !m_sessionStarted)
        QMetaObject::invokeMethod(this, &MainWindow::startSession, Qt::QueuedConnection);
    return result;
}

void MainWindow::startSession()
{
    if (m_sessionStarted)
        return;
    m_sessionStarted = true;
    m_session->start();
}

} // namespace SandboxDoctor::Ui
