// The "Per-task homes" page's widgets, their layout, tab order and shortcuts.
#include "homedetailview.h"
#include "homesfilter.h"
#include "homesmodel.h"
#include "homespage.h"
#include "icons.h"
#include "widgets/messagebar.h"

#include <QComboBox>
#include <QGridLayout>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace SandboxDoctor::Ui {

namespace {

QLabel *mutedLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setTextFormat(Qt::PlainText);
    return label;
}

QPushButton *actionButton(const QString &icon, const QString &text, const QString &objectName,
                          const QString &accessibleName, const QString &tip, QWidget *parent)
{
    auto *button = new QPushButton(icon.isEmpty() ? QIcon() : Icons::icon(icon), text, parent);
    button->setObjectName(objectName);
    button->setAccessibleName(accessibleName);
    button->setToolTip(tip);
    return button;
}

} // namespace

void HomesPage::createWidgets()
{
    // Row 1: the root and the scan.
    auto *rootLabel = new QLabel(tr("Workspaces r&oot:"), this);
    m_rootEdit = new QLineEdit(this);
    m_rootEdit->setObjectName(QStringLiteral("homesRootEdit"));
    m_rootEdit->setAccessibleName(tr("Workspaces root"));
    m_rootEdit->setToolTip(tr("The folder holding <workspace>/<task>/codex-home folders "
                              "(MULTICA_WORKSPACES_ROOT, else ~/multica_workspaces), or one CODEX_HOME"));
    m_rootEdit->setClearButtonEnabled(true);
    rootLabel->setBuddy(m_rootEdit);
    m_browseButton = actionButton(QStringLiteral("folder"), tr("&Browse…"), QStringLiteral("homesBrowseButton"),
                                  tr("Choose the workspaces root"), tr("Choose the workspaces root folder"), this);
    m_scanButton = actionButton(QStringLiteral("refresh"), tr("&Scan"), QStringLiteral("homesScanButton"),
                                tr("Scan the workspaces root"), tr("Inspect every per-task home under the root"), this);
    // Beside it, the shared home every home is judged against: only this field changes it.
    auto *sharedLabel = new QLabel(tr("S&hared home:"), this);
    m_sharedEdit = new QLineEdit(this);
    m_sharedEdit->setObjectName(QStringLiteral("homesSharedEdit"));
    m_sharedEdit->setAccessibleName(tr("Shared home"));
    m_sharedEdit->setToolTip(tr("The CODEX_HOME the per-task homes link to and copy from (the multica daemon's "
                                "CODEX_HOME, else ~/.codex). Empty: the CODEX_HOME this window has open."));
    m_sharedEdit->setClearButtonEnabled(true);
    sharedLabel->setBuddy(m_sharedEdit);
    m_sharedBrowseButton = actionButton(QStringLiteral("folder"), tr("Br&owse…"), QStringLiteral("homesSharedBrowseButton"),
                                        tr("Choose the shared home"), tr("Choose the shared CODEX_HOME folder"), this);
    // A folder dropped on either field lands on the page, which makes it the root:
    // nothing dropped changes the shared home.
    m_rootEdit->setAcceptDrops(false);
    m_sharedEdit->setAcceptDrops(false);
    // The two folders one above the other, fields aligned: what is scanned, and what it is judged against.
    auto *rootRow = new QGridLayout;
    rootRow->setHorizontalSpacing(8);
    rootRow->setVerticalSpacing(6);
    rootRow->addWidget(rootLabel, 0, 0);
    rootRow->addWidget(m_rootEdit, 0, 1);
    rootRow->addWidget(m_browseButton, 0, 2);
    rootRow->addWidget(m_scanButton, 0, 3);
    rootRow->addWidget(sharedLabel, 1, 0);
    rootRow->addWidget(m_sharedEdit, 1, 1);
    rootRow->addWidget(m_sharedBrowseButton, 1, 2);
    rootRow->setColumnStretch(1, 1);

    m_sharedLabel = mutedLabel(this, QStringLiteral("homesSharedLabel"));
    m_sharedLabel->setWordWrap(true);
    m_messages = new MessageBar(this);
    m_messages->setObjectName(QStringLiteral("homesMessageBar"));

    // Row 2: search and filter.
    m_searchEdit = new QLineEdit(this);
    m_searchEdit->setObjectName(QStringLiteral("homesSearchEdit"));
    m_searchEdit->setAccessibleName(tr("Search homes"));
    m_searchEdit->setPlaceholderText(tr("Search workspace, task, path or finding  (Ctrl+F)"));
    m_searchEdit->setClearButtonEnabled(true);
    m_searchEdit->setAcceptDrops(false);
    auto *statusLabel = new QLabel(tr("Sho&w:"), this);
    m_statusCombo = new QComboBox(this);
    m_statusCombo->setObjectName(QStringLiteral("homesStatusCombo"));
    m_statusCombo->setAccessibleName(tr("Show homes with status"));
    m_statusCombo->addItem(tr("All homes"), int(HomesFilter::Status::All));
    m_statusCombo->addItem(Icons::severity(Severity::Warning), tr("With problems"), int(HomesFilter::Status::Problems));
    m_statusCombo->addItem(Icons::ok(), tr("OK"), int(HomesFilter::Status::Ok));
    m_statusCombo->addItem(Icons::severity(Severity::Warning), tr("Warnings"), int(HomesFilter::Status::Warning));
    m_statusCombo->addItem(Icons::severity(Severity::Error), tr("Errors"), int(HomesFilter::Status::Error));
    statusLabel->setBuddy(m_statusCombo);
    m_countLabel = mutedLabel(this, QStringLiteral("homesCountLabel"));
    auto *filterRow = new QHBoxLayout;
    filterRow->setSpacing(8);
    filterRow->addWidget(m_searchEdit, 1);
    filterRow->addSpacing(8);
    filterRow->addWidget(statusLabel);
    filterRow->addWidget(m_statusCombo);
    filterRow->addSpacing(8);
    filterRow->addWidget(m_countLabel);

    // The table and the detail pane.
    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("homesView"));
    m_view->setAccessibleName(tr("Per-task homes"));
    m_view->setModel(m_filter);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);  // 10,000 rows scroll without measuring each
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(HomesModel::StatusColumn, Qt::DescendingOrder);  // problems first
    m_view->setAllColumnsShowFocus(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(HomesModel::WorkspaceColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(HomesModel::TaskColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(HomesModel::StatusColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(HomesModel::BlockColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(HomesModel::FindingsColumn, QHeaderView::ResizeToContents);
    m_detail = new HomeDetailView(this);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("homesSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);

    // Row 3: actions on the selection, then the progress of the scan or of a Repair/Apply batch.
    m_repairButton = actionButton(QStringLiteral("settings"), tr("&Repair…"), QStringLiteral("homesRepairButton"),
                                  tr("Repair the selected homes"),
                                  tr("Prepare the selected homes as the daemon does: links to the shared home, "
                                     "copies, then the managed block"), this);
    m_applyButton = actionButton(QStringLiteral("apply"), tr("A&pply…"), QStringLiteral("homesApplyButton"),
                                 tr("Apply the managed block to the selected homes"),
                                 tr("Write the managed block to each selected home's config.toml (backup kept)"), this);
    m_diffButton = actionButton(QStringLiteral("preview"), tr("Show &changes…"), QStringLiteral("homesDiffButton"),
                                tr("Show what Repair and Apply would change in this home"),
                                tr("What Repair would do to the current home's links and copies, and what Apply "
                                   "would write to its config.toml (also: double-click a home)"), this);
    m_revealButton = actionButton(QStringLiteral("folder"), tr("Rev&eal"), QStringLiteral("homesRevealButton"),
#if defined(Q_OS_MACOS)
                                  tr("Reveal in Finder"), tr("Open the selected homes in Finder"), this);
#elif defined(Q_OS_WIN)
                                  tr("Reveal in Explorer"), tr("Open the selected homes in Explorer"), this);
#else
                                  tr("Reveal in file manager"), tr("Open the selected homes in the file manager"), this);
#endif
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("homesProgress"));
    m_progress->setAccessibleName(tr("Scan progress"));
    m_progress->setMaximumWidth(180);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_progressLabel = mutedLabel(this, QStringLiteral("homesProgressLabel"));
    m_cancelButton = actionButton(QString(), tr("Cancel"), QStringLiteral("homesCancelButton"),
                                  tr("Cancel the scan"), tr("Stop the scan (Esc)"), this);
    m_cancelButton->hide();
    auto *actionRow = new QHBoxLayout;
    actionRow->setSpacing(8);
    actionRow->addWidget(m_repairButton);
    actionRow->addWidget(m_applyButton);
    actionRow->addWidget(m_diffButton);
    actionRow->addWidget(m_revealButton);
    actionRow->addStretch(1);
    actionRow->addWidget(m_progressLabel);
    actionRow->addWidget(m_progress);
    actionRow->addWidget(m_cancelButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 16);
    layout->setSpacing(10);
    layout->addLayout(rootRow);
    layout->addWidget(m_sharedLabel);
    layout->addWidget(m_messages);
    layout->addLayout(filterRow);
    layout->addWidget(m_splitter, 1);
    layout->addLayout(actionRow);

    setTabOrder(m_rootEdit, m_browseButton);
    setTabOrder(m_browseButton, m_sharedEdit);
    setTabOrder(m_sharedEdit, m_sharedBrowseButton);
    setTabOrder(m_sharedBrowseButton, m_scanButton);
    setTabOrder(m_scanButton, m_searchEdit);
    setTabOrder(m_searchEdit, m_statusCombo);
    setTabOrder(m_statusCombo, m_view);
    setTabOrder(m_view, m_detail);
    setTabOrder(m_detail, m_repairButton);
    setTabOrder(m_repairButton, m_applyButton);
    setTabOrder(m_applyButton, m_diffButton);
    setTabOrder(m_diffButton, m_revealButton);
    setTabOrder(m_revealButton, m_cancelButton);
}

void HomesPage::createActions()
{
    connect(m_rootEdit, &QLineEdit::returnPressed, this, [this]() {
        setRoot(m_rootEdit->text());
        scan();
    });
    connect(m_browseButton, &QPushButton::clicked, this, &HomesPage::chooseRoot);
    connect(m_sharedBrowseButton, &QPushButton::clicked, this, &HomesPage::chooseSharedHome);
    connect(m_sharedEdit, &QLineEdit::editingFinished, this, [this]() { setSharedHome(m_sharedEdit->text()); });
    connect(m_scanButton, &QPushButton::clicked, this, [this]() {
        setRoot(m_rootEdit->text());
        scan();
    });
    connect(m_cancelButton, &QPushButton::clicked, this, &HomesPage::cancelRunning);
    connect(m_searchEdit, &QLineEdit::textChanged, m_filter, &HomesFilter::setSearchText);
    connect(m_statusCombo, &QComboBox::currentIndexChanged, this, [this]() {
        m_filter->setStatus(HomesFilter::Status(m_statusCombo->currentData().toInt()));
    });
    connect(m_repairButton, &QPushButton::clicked, this, &HomesPage::repairSelected);
    connect(m_applyButton, &QPushButton::clicked, this, &HomesPage::applySelected);
    connect(m_diffButton, &QPushButton::clicked, this, &HomesPage::showChanges);
    connect(m_revealButton, &QPushButton::clicked, this, &HomesPage::revealSelected);
    // Any problem, links included: the plan shows Repair's steps beside Apply's diff.
    connect(m_view, &QTreeView::doubleClicked, this, &HomesPage::showChanges);
    connect(m_view, &QTreeView::customContextMenuRequested, this, &HomesPage::showContextMenu);
    auto *copy = new QShortcut(QKeySequence::Copy, m_view, nullptr, nullptr, Qt::WidgetShortcut);
    connect(copy, &QShortcut::activated, this, &HomesPage::copySelectedPaths);

    auto *find = new QShortcut(QKeySequence::Find, this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, [this]() {
        m_searchEdit->setFocus(Qt::ShortcutFocusReason);
        m_searchEdit->selectAll();
    });
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(escape, &QShortcut::activated, this, [this]() {
        if (m_scanning || m_batch)
            cancelRunning();
        else if (m_searchEdit->hasFocus() && !m_searchEdit->text().isEmpty())
            m_searchEdit->clear();
    });
}

} // namespace SandboxDoctor::Ui
