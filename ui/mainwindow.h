#pragma once

#include "sessionoptions.h"

#include <QList>
#include <QMainWindow>
#include <QPointer>
#include <QSize>

class QAction;
class QLabel;
class QListWidget;
class QProgressBar;
class QStackedWidget;

namespace SandboxDoctor {
struct ApplyResult;
struct BackupInfo;
struct Error;
struct RestoreResult;
} // namespace SandboxDoctor

namespace SandboxDoctor::Ui {

class AppSettings;
class BackupsDialog;
class HomeChooser;
class MessageBar;
class Page;
class PreviewPage;
class Session;
struct ReportExtras;
struct SettingsValues;

// The main window: the CODEX_HOME chooser on top, a message bar for what just
// happened, the pages (Overview, Preview, and the pages other areas add) in a
// sidebar, and every action in the menus and the toolbar.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    // `settings` must outlive the window. `startup` holds the command line's
    // overrides: they apply to this run only and are never saved (a field the
    // user changes in Settings replaces its override). Detection starts once
    // the window has painted.
    MainWindow(AppSettings *settings, StartupOptions startup, QWidget *parent = nullptr);
    ~MainWindow() override;

    // The first-run size, and every --screenshot's: the layout the pages are
    // drawn for (smaller when the screen is). The window goes down to MinimumSize.
    static constexpr QSize DefaultSize{1180, 840};
    static constexpr QSize MinimumSize{720, 480};

    Session *session() const { return m_session; }
    MessageBar *messageBar() const { return m_messageBar; }

    // Appends a page to the sidebar (shortcut Ctrl+<position>).
    void addPage(Page *page);
    bool showPage(const QString &pageId);
    QString currentPageId() const;

    // True once the first analysis is done and nothing is running.
    bool isSettled() const;

    // On by default: the window (saved or default size) is fitted onto the
    // screen it opens on. --screenshot turns it off to draw at DefaultSize
    // whatever the screen.
    void setFitsScreen(bool fits) { m_fitsScreen = fits; }

    // Another platform is previewed (--platform or Settings, this run only).
    bool isPreviewingOtherPlatform() const;

public slots:
    void setCodexHome(const QString &home);
    void openHome();
    void refresh();
    void applyChange();
    void undoChange();
    void redoChange();
    void showBackups();  // the Backups view of this CODEX_HOME (ui/backups/)
    void backToThisMachine();
    void showAbout();
    void copyReport();
    void saveJson();
    bool saveJsonTo(const QString &path);  // false: the message bar says why
    void openSettings();

signals:
    // The analysis is done and nothing runs (for --screenshot).
    void settled();

protected:
    void closeEvent(QCloseEvent *event) override;
    // What Copy Report and Save JSON add to the diagnosis: the Homes page's
    // latest scan and the Verify page's latest results.
    ReportExtras reportExtras() const;
    void showEvent(QShowEvent *event) override;
    bool event(QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void createCentralWidget();
    void createStatusBar();
    void createPages();
    void restoreWindowState();
    void saveWindowState();
    void fitOnScreen(bool placed);
    void startSession();
    void updatePreviewBar();
    SessionOptions sessionOptions() const;
    void applySettings(const SettingsValues &shown, const SettingsValues &values);
    void updateActions();
    void updateBusy();
    void onApplied(const SandboxDoctor::ApplyResult &result);
    void onRestored(const SandboxDoctor::BackupInfo &backup);
    void onRedone(const SandboxDoctor::BackupInfo &backup);
    void onCandidateRestored(const SandboxDoctor::BackupInfo &backup);
    void onEntryRestored(const SandboxDoctor::RestoreResult &result);
    void onActionFailed(const SandboxDoctor::Error &error, bool changedSincePreview);
    void onConfigChangedOutside();

    AppSettings *m_settings;
    StartupOptions m_startup;
    Session *m_session;

    HomeChooser *m_homeChooser = nullptr;
    MessageBar *m_messageBar = nullptr;
    MessageBar *m_previewBar = nullptr;
    QListWidget *m_pageList = nullptr;
    QStackedWidget *m_pageStack = nullptr;
    QList<Page *> m_pages;
    PreviewPage *m_preview = nullptr;
    QLabel *m_statusLabel = nullptr;
    QProgressBar *m_busy = nullptr;

    QAction *m_refreshAction = nullptr;
    QAction *m_applyAction = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QAction *m_backupsAction = nullptr;
    QPointer<BackupsDialog> m_backupsDialog;
    QAction *m_openHomeAction = nullptr;
    QAction *m_copyReportAction = nullptr;
    QAction *m_saveJsonAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QList<QAction *> m_pageActions;
    bool m_sessionStarted = false;
    bool m_geometryRestored = false;
    bool m_fitsScreen = true;
};

} // namespace SandboxDoctor::Ui
