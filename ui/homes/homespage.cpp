#include "homespage.h"

#include "homedetailview.h"
#include "homesfilter.h"
#include "homesmodel.h"
#include "homes/homescan.h"
#include "homes/homescanner.h"
#include "icons.h"
#include "report/diagnosis.h"
#include "session.h"
#include "widgets/messagebar.h"

#include <algorithm>

#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMimeData>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QTreeView>

#include <algorithm>

namespace SandboxDoctor::Ui {

namespace {

const QString RootKey = QStringLiteral("homes/workspacesRoot");
const QString SharedKey = QStringLiteral("homes/sharedHome");

QString nativePath(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

} // namespace

HomesPage::HomesPage(Session *session, QWidget *parent)
    : Page(session, parent), m_scanner(new HomeScanner(this)), m_model(new HomesModel(this)), m_filter(new HomesFilter(this))
{
    setObjectName(QStringLiteral("page_homes"));
    qRegisterMetaType<SandboxDoctor::HomeReport>();
    qRegisterMetaType<SandboxDoctor::ScanSummary>();
    m_filter->setSourceModel(m_model);

    createWidgets();
    createActions();

    connect(m_scanner, &HomeScanner::progress, this, &HomesPage::onProgress);
    connect(m_scanner, &HomeScanner::homeInspected, this, &HomesPage::onHomeInspected);
    connect(m_scanner, &HomeScanner::finished, this, &HomesPage::onScanFinished);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &HomesPage::updateCount);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &HomesPage::updateCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &HomesPage::updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &HomesPage::updateCount);
    connect(m_filter, &QAbstractItemModel::dataChanged, this, &HomesPage::updateSelection);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &HomesPage::updateSelection);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &HomesPage::updateSelection);
    if (session) {
        connect(session, &Session::codexHomeChanged, this, &HomesPage::onSessionChanged);
        connect(session, &Session::diagnosisChanged, this, &HomesPage::onSessionChanged);
    }

    QString root = QSettings().value(RootKey).toString();
    if (root.isEmpty()) {
        root = defaultWorkspacesRoot(session ? session->options().detect.environment
                                             : QProcessEnvironment::systemEnvironment());
    }
    m_rootEdit->setText(nativePath(root));
    m_sharedEdit->setText(nativePath(QSettings().value(SharedKey).toString()));
    setAcceptDrops(true);
    updateSharedLabel();
    updateCount();
    updateActions();
}

HomesPage::~HomesPage()
{
    m_scanner->cancel();
    // Stops before the next home and waits for the one being written.
    delete m_batch;
}

QIcon HomesPage::icon() const
{
    return Icons::icon(QStringLiteral("homes"));
}

void HomesPage::activated()
{
    if (m_scannedOnce || m_scanning)
        return;
    // Before a root is chosen there is nothing wrong to report: say how to choose one.
    if (rootWasChosen())
        scan();
    else
        showChooseRootHint();
}

InspectOptions HomesPage::inspectOptions() const
{
    InspectOptions options;
    const SessionOptions defaults;
    const SessionOptions &sessionOptions = session() ? session()->options() : defaults;
    options.sharedHome = sharedHome();
    options.policyInputs.platform = sessionOptions.platform.value_or(hostPlatform());
    options.policyInputs.darwinFixedVersion = sessionOptions.darwinFixedVersion;
    // The preset chosen in Settings (or with --policy) for every home; none: each its daemon's.
    options.chosenPreset = sessionOptions.policyChoice;
    if (session() && session()->diagnosis()) {
        const Diagnosis &diagnosis = *session()->diagnosis();
        options.policyInputs.platform = diagnosis.platform.platform;
        options.policyInputs.codexVersion = diagnosis.codexVersion;
    }
    return options;
}

std::optional<HomesScanSnapshot> HomesPage::latestScan() const
{
    if (!m_lastSummary || m_scanning)
        return std::nullopt;
    HomesScanSnapshot snapshot;
    snapshot.sharedHome = m_scanOptions.sharedHome;
    snapshot.platform = m_scanOptions.policyInputs.platform;
    snapshot.taken = m_lastScanTime;
    HomeScan &scan = snapshot.scan;
    SharedHome shared;
    shared.path = m_scanOptions.sharedHome;
    scan.policy = scanPolicy(shared, m_scanOptions);
    scan.presetChosen = m_scanOptions.chosenPreset.has_value();
    // The counts of the rows as they are now: a Repair since the scan re-inspected some.
    scan.summary = *m_lastSummary;
    scan.summary.homes = scan.summary.ok = scan.summary.warning = scan.summary.error = 0;
    scan.homes.reserve(m_model->rowCount());
    for (int row = 0; row < m_model->rowCount(); ++row) {
        scan.homes.append(m_model->report(row));
        scan.summary.count(scan.homes.last());
    }
    std::sort(scan.homes.begin(), scan.homes.end(),
              [](const HomeReport &a, const HomeReport &b) { return a.path < b.path; });
    return snapshot;
}

QString HomesPage::optionsKey() const
{
    const InspectOptions options = inspectOptions();
    return QStringList{options.sharedHome, options.chosenPreset ? options.chosenPreset->toText() : QString(),
                       platformName(options.policyInputs.platform),
                       options.policyInputs.codexVersion ? options.policyInputs.codexVersion->toString() : QString(),
                       options.policyInputs.darwinFixedVersion ? options.policyInputs.darwinFixedVersion->toString() : QString()}
        .join(QLatin1Char('\n'));
}

void HomesPage::scan()
{
    const QString path = root();
    if (path.isEmpty()) {
        m_messages->showMessage(MessageBar::Kind::Warning, tr("Type or choose a workspaces root to scan."));
        return;
    }
    // Before the first analysis the Codex version is unknown, and with it the
    // policy: wait for it rather than judge every home against a guess.
    if (session() && session()->isBusy() && !session()->diagnosis()) {
        m_scanWhenReady = true;
        setBusyText(tr("Waiting for the analysis of the shared home…"));
        return;
    }
    // A scan empties the table the batch's results go to: it waits for the batch.
    if (m_jobRunning) {
        m_scanAfterJob = true;
        return;
    }
    m_scanWhenReady = false;
    if (m_scanning)
        ++m_staleScans;
    m_messages->dismiss();
    m_model->clear();
    m_detail->clearReport(tr("Select a home to see its entries, block and findings."));
    m_scanning = true;
    m_scannedOnce = true;
    m_lastOptionsKey = optionsKey();
    updateSharedLabel();
    setBusyText(tr("Looking for homes…"), 0, 0);
    m_scanOptions = inspectOptions();
    m_lastSummary.reset();  // the table no longer shows it
    m_scanner->start(path, m_scanOptions);
    updateActions();
}

void HomesPage::cancelScan()
{
    if (m_scanning)
        m_scanner->cancel();
}

bool HomesPage::isScanning() const
{
    return m_scanning;
}

bool HomesPage::isBusy() const
{
    return m_scanning || m_jobRunning;
}

void HomesPage::cancelRunning()
{
    if (m_batch)
        cancelBatch();
    else if (m_scanning)
        cancelScan();
}

void HomesPage::onProgress(int done, int total)
{
    if (m_staleScans > 0)
        return;
    if (total < 0)
        setBusyText(tr("Looking for homes… %n found", nullptr, done), 0, 0);
    else
        setBusyText(tr("Inspecting %1 of %2 homes…").arg(done).arg(total), done, total);
}

void HomesPage::onHomeInspected(const HomeReport &report)
{
    if (m_staleScans > 0)
        return;
    m_model->append(report);
}

void HomesPage::onScanFinished(const ScanSummary &summary)
{
    if (m_staleScans > 0) {
        --m_staleScans;
        return;
    }
    m_model->flush();
    m_scanning = false;
    m_lastSummary = summary;
    m_lastScanTime = QDateTime::currentDateTimeUtc();
    setBusyText(QString());
    if (summary.failure) {
        m_messages->showMessage(MessageBar::Kind::Error, summary.failure->toText());
    } else if (summary.cancelled) {
        m_messages->showMessage(MessageBar::Kind::Warning,
                                tr("Scan cancelled after %1; the table shows those.").arg(homesCount(summary.homes)),
                                tr("Scan again"), [this]() { scan(); });
    } else if (summary.homes == 0) {
        m_messages->showMessage(MessageBar::Kind::Info,
                                tr("No per-task homes under %1. The daemon makes them as "
                                   "<root>/<workspace>/<task>/codex-home; choose the root it uses.")
                                    .arg(nativePath(summary.root)));
    }
    const QString elapsed = summary.elapsedMs < 1000 ? tr("%1 ms").arg(summary.elapsedMs)
                                                     : tr("%1 s").arg(double(summary.elapsedMs) / 1000.0, 0, 'f', 1);
    m_progressLabel->setText(summary.cancelled       ? tr("Cancelled")
                             : summary.elapsedMs > 0 ? tr("Scanned %1 in %2").arg(homesCount(summary.homes), elapsed)
                                                     : tr("Scanned %1").arg(homesCount(summary.homes)));
    if (!m_view->currentIndex().isValid() && m_filter->rowCount() > 0)
        m_view->setCurrentIndex(m_filter->index(0, 0));
    updateCount();
    updateActions();
    emit scanFinished(summary);
}

void HomesPage::setBusyText(const QString &text, int done, int total)
{
    const bool busy = !text.isEmpty();
    m_progress->setVisible(busy);
    m_cancelButton->setVisible(m_scanning || m_batch);
    m_progressLabel->setText(text);
    if (busy) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    }
}

void HomesPage::updateCount()
{
    const int shown = m_filter->rowCount();
    const int total = m_model->rowCount();
    const ScanSummary counts = [this]() {
        ScanSummary s;
        for (int row = 0; row < m_model->rowCount(); ++row)
            s.count(m_model->report(row));
        return s;
    }();
    QString text = shown == total ? homesCount(total) : tr("%1 of %2").arg(shown).arg(homesCount(total));
    QStringList parts;
    if (counts.ok > 0)
        parts << tr("%1 ok").arg(counts.ok);
    if (counts.warning > 0)
        parts << (counts.warning == 1 ? tr("1 warning") : tr("%1 warnings").arg(counts.warning));
    if (counts.error > 0)
        parts << (counts.error == 1 ? tr("1 error") : tr("%1 errors").arg(counts.error));
    if (!parts.isEmpty())
        text += QStringLiteral(" · ") + parts.join(QStringLiteral(", "));
    m_countLabel->setText(text);
}

void HomesPage::updateSharedLabel()
{
    const QString shared = nativePath(sharedHome());
    const bool own = !m_sharedEdit->text().trimmed().isEmpty();
    m_sharedEdit->setPlaceholderText(own ? QString() : tr("The CODEX_HOME this window has open: %1").arg(shared));
    const InspectOptions options = inspectOptions();
    const QString preset = options.chosenPreset
                               ? tr("every home is judged by the %1 preset chosen in Settings")
                                     .arg(policyPresetName(options.chosenPreset->preset))
                               : tr("each home is judged by the preset of the daemon that wrote it (multica-today "
                                    "when it carries the daemon's named blocks, else seed)");
    m_sharedLabel->setText(own ? tr("Links are checked against the shared home %1 (set here); %2.").arg(shared, preset)
                               : tr("Links are checked against the shared home %1 (the CODEX_HOME this window has "
                                    "open); %2.")
                                     .arg(shared, preset));
}

void HomesPage::onSessionChanged()
{
    updateSharedLabel();
    if (m_scanWhenReady && session() && session()->diagnosis()) {
        scan();
        return;
    }
    // The shared home or the policy changed: the findings were judged against the old one.
    // (scan() waits for a running batch.)
    if (m_scannedOnce && !m_scanning && session() && session()->diagnosis() && optionsKey() != m_lastOptionsKey)
        scan();
}

QList<HomeReport> HomesPage::selectedReports() const
{
    // In the table's order, so a batch goes down the rows as a person reads them.
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<HomeReport> reports;
    for (const QModelIndex &index : rows) {
        const QModelIndex source = m_filter->mapToSource(index);
        if (source.isValid())
            reports << m_model->report(source.row());
    }
    return reports;
}

const HomeReport *HomesPage::currentReport() const
{
    // The home the pane shows: the current row when it is selected, else the first selected.
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return nullptr;
    const QModelIndex current = m_view->currentIndex();
    const bool currentSelected = current.isValid() && m_view->selectionModel()->isRowSelected(current.row(), current.parent());
    const QModelIndex source = m_filter->mapToSource(currentSelected ? current : rows.first());
    return source.isValid() ? &m_model->report(source.row()) : nullptr;
}

const HomeReport *HomesPage::reportAt(const QString &path) const
{
    const int row = m_model->rowOf(path);
    return row >= 0 ? &m_model->report(row) : nullptr;
}

void HomesPage::updateSelection()
{
    // The pane follows the selection (currentReport), and clears once it is empty.
    const int selected = int(m_view->selectionModel()->selectedRows().size());
    if (const HomeReport *report = currentReport())
        m_detail->setReport(*report, selected);
    else if (!m_scanning)
        m_detail->clearReport(m_model->rowCount() ? tr("Select a home to see its entries, block and findings.")
                                                  : tr("No homes to show yet."));
    updateActions();
}

void HomesPage::updateActions()
{
    const bool any = m_view->selectionModel()->hasSelection();
    // Writes wait for the scan: it is still replacing the rows they would act on.
    const bool idle = !m_jobRunning && !m_scanning;
    m_repairButton->setEnabled(any && idle);
    m_applyButton->setEnabled(any && idle);
    m_diffButton->setEnabled(currentReport() != nullptr && idle);
    m_revealButton->setEnabled(any);
    m_scanButton->setText(m_scannedOnce ? tr("Re&scan") : tr("&Scan"));
    m_scanButton->setEnabled(!m_jobRunning);
    m_cancelButton->setVisible(m_scanning || m_batch);
    if (m_batch) {
        m_cancelButton->setEnabled(!m_batch->isCancelRequested());
        m_cancelButton->setAccessibleName(tr("Stop the %1").arg(m_batchWords.name));
        m_cancelButton->setToolTip(tr("Stop after the home being written; the rest are left untouched (Esc)"));
        m_progress->setAccessibleName(tr("Progress of the %1").arg(m_batchWords.name));
    } else {
        m_cancelButton->setEnabled(true);
        m_cancelButton->setAccessibleName(tr("Cancel the scan"));
        m_cancelButton->setToolTip(tr("Stop the scan (Esc)"));
        m_progress->setAccessibleName(tr("Scan progress"));
    }
}

} // namespace SandboxDoctor::Ui
