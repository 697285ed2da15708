#pragma once

#include "homes/homeinspector.h"
#include "homes/homereport.h"
#include "page.h"

#include <QList>
#include <QPointer>
#include <QString>

#include <functional>

class QComboBox;
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
struct HomeJobOutcome;

// "Per-task homes": every codex-home under a workspaces root (the multica
// daemon's <root>/<workspace>/<task>/codex-home), judged against the shared
// CODEX_HOME the window has open. The scan runs on the core's HomeScanner
// thread and the table fills as homes are inspected; Repair (prepare), Apply
// (the block), Show diff and Reveal act on the selected homes. Every write is
// confirmed once per batch through Prompt; the page itself never touches the
// file system.
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
    void scan();
    void cancelScan();
    bool isScanning() const;
    bool isBusy() const;  // scanning, or a repair/apply/diff is running

    HomesModel *model() const { return m_model; }
    HomesFilter *filter() const { return m_filter; }
    QTreeView *view() const { return m_view; }

public slots:
    void repairSelected();
    void applySelected();
    void showDiff();
    void revealSelected();

signals:
    void scanFinished(const SandboxDoctor::ScanSummary &summary);
    void jobFinished();  // a repair, apply or diff came back

private:
    void createWidgets();
    void createActions();
    void chooseRoot();
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
    void runJob(const QString &busyText, std::function<QList<HomeJobOutcome>()> work, const QString &doneVerb);
    void finishJob(const QList<HomeJobOutcome> &outcomes, const QString &doneVerb);
    void setBusyText(const QString &text, int done = 0, int total = 0);

    HomeScanner *m_scanner;
    HomesModel *m_model;
    HomesFilter *m_filter;

    QLineEdit *m_rootEdit = nullptr;
    QPushButton *m_browseButton = nullptr;
    QPushButton *m_scanButton = nullptr;
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
    QPushButton *m_diffButton = nullptr;
    QPushButton *m_revealButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_progressLabel = nullptr;
    QPushButton *m_cancelButton = nullptr;

    bool m_scanning = false;
    bool m_jobRunning = false;
    bool m_scannedOnce = false;
    bool m_scanWhenReady = false;
    int m_staleScans = 0;        // started scans whose signals are to be ignored (superseded)
    QString m_lastOptionsKey;    // what the last scan was judged against
};

} // namespace SandboxDoctor::Ui
