#pragma once

#include "homebatch.h"
#include "homes/homeinspector.h"
#include "homes/homereport.h"
#include "page.h"
#include "report/reportextras.h"

#include <QList>
#include <QPointer>
#include <QString>

#include <functional>

class QComboBox;
class QDragEnterEvent;
class QDragMoveEvent;
class QDropEvent;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSplitter;
class QTreeView;

namespace SandboxDoctor {
class HomeScanner;
}

namespace SandboxDoctor::Ui {

class HomeDetailView;
class HomesFilter;
class HomesModel;
class MessageBar;

// "Per-task homes": every codex-home under a workspaces root (the multica
// daemon's <root>/<workspace>/<task>/codex-home), judged against a shared
// home shown beside the root (by default the CODEX_HOME the window has open;
// only its own field changes it). The scan runs on the core's HomeScanner
// thread and the table fills as homes are inspected; Repair (prepare, in the
// layout each home has), Apply (the block), Show changes and Reveal act on the
// selected homes, from the buttons, the table's context menu and a
// double-click. Every write is confirmed once per batch through Prompt; a
// batch (HomeBatch) shows its progress where the scan does and stops between
// two homes on Cancel or Esc. A folder dropped on the page becomes the root.
// The page itself never touches the file system.
class HomesPage final : public Page
{
    Q_OBJECT

public:
    explicit HomesPage(Session *session, QWidget *parent = nullptr);
    ~HomesPage() override;

    QString pageId() const override { return QStringLiteral("homes"); }
    QString title() const override { return tr("Per-task homes"); }
    QIcon icon() const override;
    void activated() override;

    QString root() const;
    // Remembers the root (QSettings "homes/workspacesRoot"); scan() looks there.
    void setRoot(const QString &root);
    // The shared home the homes are judged against: the one set on this page
    // (QSettings "homes/sharedHome"), else the CODEX_HOME the window has open.
    QString sharedHome() const;
    // Empty: follow the window's CODEX_HOME again. Rescans when it changes the judge.
    void setSharedHome(const QString &home);
    void scan();
    void cancelScan();
    bool isScanning() const;
    bool isBusy() const;  // scanning, or a repair/apply/diff is running
    bool isBatchRunning() const;
    // Stops a running Repair or Apply before its next home; the home being
    // written is finished. The page then says how many were done and left.
    void cancelBatch();

    HomesModel *model() const { return m_model; }
    // The latest finished scan as the table shows it now (repairs included), with
    // when it finished, for the window's report; unset before a scan finished
    // and while a new one runs.
    std::optional<HomesScanSnapshot> latestScan() const;
    HomesFilter *filter() const { return m_filter; }
    QTreeView *view() const { return m_view; }

public slots:
    void repairSelected();
    void applySelected();
    void showChanges();  // what Repair and Apply would do to the current home, with both buttons
    void revealSelected();
    void copySelectedPaths();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

signals:
    void scanFinished(const SandboxDoctor::ScanSummary &summary);
    void jobFinished();  // a repair, apply or diff came back (finished or stopped)
    // A Repair or Apply is about to start: connect to its progress here (tests
    // do, with Qt::DirectConnection, to cancel at a chosen home).
    void batchStarted(SandboxDoctor::Ui::HomeBatch *batch);
    void batchProgress(int done, int total);  // in the page's thread, queued from the worker

private:
    void createWidgets();
    void createActions();
    void chooseRoot();
    void chooseSharedHome();
    bool rootWasChosen() const;  // saved, set in the environment, or the default folder exists
    void showChooseRootHint();
    void showContextMenu(const QPoint &position);
    void repairHomes(const QList<HomeReport> &reports, bool confirm);
    void applyHomes(const QList<HomeReport> &reports, bool confirm);
    void onProgress(int done, int total);
    void onHomeInspected(const SandboxDoctor::HomeReport &report);
    void onScanFinished(const SandboxDoctor::ScanSummary &summary);
    void updateSelection();
    void updateActions();
    void updateCount();
    void updateSharedLabel();
    void onSessionChanged();
    InspectOptions inspectOptions() const;
    QString optionsKey() const;
    QList<HomeReport> selectedReports() const;
    const HomeReport *currentReport() const;
    const HomeReport *reportAt(const QString &path) const;
    // The words of one kind of batch, for its progress and its summary.
    struct BatchWords
    {
        QString running;  // "Repairing %1 of %2 homes…"
        QString title;    // "Repaired" (+ " 412 homes.")
        QString done;     // "repaired" (in "Stopped: 37 repaired, 375 not touched.")
        QString name;     // "repair" (the Cancel button's accessible name)
    };
    static QString batchSummary(const HomeBatchResult &result, const BatchWords &words, QStringList *problems,
                                bool *failed, bool *stillFailing);
    void runBatch(const QList<HomeJobTarget> &targets, std::function<HomeJobOutcome(const HomeJobTarget &)> step,
                  const BatchWords &words);
    void onBatchProgress(int done, int total);
    QString stoppingText() const;  // the progress line once Cancel was asked
    void finishBatch();
    void selectPaths(const QStringList &paths);
    void cancelRunning();  // the Cancel button and Esc: the scan or the batch
    void setBusyText(const QString &text, int done = 0, int total = 0);

    HomeScanner *m_scanner;
    HomesModel *m_model;
    HomesFilter *m_filter;

    QLineEdit *m_rootEdit = nullptr;
    QPushButton *m_browseButton = nullptr;
    QPushButton *m_scanButton = nullptr;
    QLineEdit *m_sharedEdit = nullptr;
    QPushButton *m_sharedBrowseButton = nullptr;
    QLabel *m_sharedLabel = nullptr;
    MessageBar *m_messages = nullptr;
    QLineEdit *m_searchEdit = nullptr;
    QComboBox *m_statusCombo = nullptr;
    QLabel *m_countLabel = nullptr;
    QSplitter *m_splitter = nullptr;
    QTreeView *m_view = nullptr;
    HomeDetailView *m_detail = nullptr;
    QPushButton *m_repairButton = nullptr;
    QPushButton *m_applyButton = nullptr;
    QPushButton *m_diffButton = nullptr;  // "Show changes"
    QPushButton *m_revealButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_progressLabel = nullptr;
    QPushButton *m_cancelButton = nullptr;

    HomeBatch *m_batch = nullptr;  // the running Repair or Apply
    BatchWords m_batchWords;

    bool m_scanning = false;
    bool m_jobRunning = false;     // a batch or a diff
    bool m_scanAfterJob = false;   // the session changed while a batch wrote: rescan after it
    bool m_scannedOnce = false;
    bool m_scanWhenReady = false;
    int m_staleScans = 0;        // started scans whose signals are to be ignored (superseded)
    QString m_lastOptionsKey;    // what the last scan was judged against
    InspectOptions m_scanOptions;              // what the running or last scan was judged with
    std::optional<ScanSummary> m_lastSummary;  // the last scan that finished (not superseded)
    QDateTime m_lastScanTime;                  // when it finished (UTC)
};

} // namespace SandboxDoctor::Ui
