#pragma once

#include "config/applier.h"
#include "config/restore.h"
#include "report/diagnosis.h"
#include "sessionoptions.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

#include <memory>
#include <optional>

class QFileSystemWatcher;
class QTimer;

namespace SandboxDoctor {
class CodexLocator;
}

namespace SandboxDoctor::Ui {

// What the window knows about one CODEX_HOME, and the only door to the core:
// detection (CodexLocator, asynchronous), analysis, apply and restore (on Qt
// Concurrent's pool). Results come back on the GUI thread as signals; stale
// results (an older home or an older analysis) are dropped.
class Session final : public QObject
{
    Q_OBJECT

public:
    enum class Activity { Idle, Detecting, Analysing, Applying, Restoring, Creating };
    Q_ENUM(Activity)

    explicit Session(SessionOptions options, QObject *parent = nullptr);
    ~Session() override;

    const QString &codexHome() const { return m_codexHome; }
    const SessionOptions &options() const { return m_options; }

    Activity activity() const { return m_activity; }
    bool isBusy() const { return m_activity != Activity::Idle; }

    // Empty until the first analysis has finished.
    const std::optional<Diagnosis> &diagnosis() const { return m_diagnosis; }
    const QList<BackupInfo> &backups() const { return m_backups; }

    bool canApply() const;  // a change is proposed for a readable config, and nothing runs
    bool canUndo() const;   // undoTarget() exists, and nothing runs
    bool canRedo() const;   // redoTarget() exists, and nothing runs
    // config.toml is zero-filled, a backup that parses is offered
    // (ConfigAnalysis::restoreCandidate), and nothing runs.
    bool canRestoreCandidate() const;

    // The backup Undo would put back: the newest one, unless an Undo made it
    // (it holds the change that Undo took away: putting it back is Redo, and a
    // second Undo must never re-apply silently).
    std::optional<BackupInfo> undoTarget() const;
    // The backup Redo would put back: the one the last Undo made, while it is
    // still the newest and config.toml is still what that Undo left.
    std::optional<BackupInfo> redoTarget() const;

    // False once an analysis has seen that the CODEX_HOME folder is not there
    // (a first start); true before any analysis.
    bool codexHomeExists() const { return m_homeExists; }

    // Work starts with the first setCodexHome() unless the owner holds it back
    // until start() (the window starts once it has painted, so the first paint
    // never waits for detection). Held back is only work that starts
    // processes: with a known Codex version (--codex-version) nothing is
    // detected, and reading config.toml on the pool starts at once.
    void setStartDeferred(bool deferred) { m_deferred = deferred; }
    bool isStarted() const { return !m_deferred; }

    // Debounce for changes seen on disk; tests may shorten it.
    void setWatchDelay(int ms);

public slots:
    void setCodexHome(const QString &home);       // analyses the new home
    void setOptions(const SandboxDoctor::Ui::SessionOptions &options);  // detects again
    void refresh();     // detect Codex again, then analyse
    void reanalyse();   // analyse again with the Codex already found
    void apply();       // the previewed edit, refused if the file changed since
    void undo();        // restore undoTarget()
    void redo();        // restore redoTarget()
    // Puts the offered backup back over the zero-filled config.toml, refused
    // if the file changed since. Like Apply, a change of its own: Undo puts
    // the replaced file back.
    void restoreCandidate();

    // Puts back one entry of the backup history by name (the Backups view):
    // every file of it, as restoreBackup() does. What it replaces becomes the
    // newest entry, so Undo takes this restore back. Refused, writing nothing,
    // when config.toml's hash is no longer `expectedSha` (the file the diff showed).
    void restoreEntry(const QString &name, const QByteArray &expectedSha);
    void start();       // begins work held back by setStartDeferred(true)
    void createCodexHome();  // makes the missing CODEX_HOME folder, then analyses it

signals:
    void activityChanged(SandboxDoctor::Ui::Session::Activity activity);
    void codexHomeChanged(const QString &home);
    void diagnosisChanged();
    void applied(const SandboxDoctor::ApplyResult &result);
    void restored(const SandboxDoctor::BackupInfo &backup);  // an Undo
    void redone(const SandboxDoctor::BackupInfo &backup);
    void candidateRestored(const SandboxDoctor::BackupInfo &backup);  // restoreCandidate() put it back
    void entryRestored(const SandboxDoctor::RestoreResult &result);  // a restoreEntry()
    void codexHomeCreated(const QString &home);
    // Apply or undo failed; nothing was written. `changedSincePreview`: the file
    // is no longer the one the preview showed, so a refresh is the way on.
    void actionFailed(const SandboxDoctor::Error &error, bool changedSincePreview);
    // The config changed on disk, not through this window; already re-analysed.
    void configChangedOutside();

private:
    struct Analysis;
    void startDetection();
    void startAnalysis(bool external);
    void finishAnalysis(quint64 generation, bool external, const Analysis &result);
    void begin(Activity activity);
    void end(Activity activity);
    void watchConfig();
    void onPathChanged();
    void restore(bool redo);
    QByteArray currentSha() const;

    SessionOptions m_options;
    QString m_codexHome;
    std::optional<CodexDetection> m_detection;
    std::optional<Diagnosis> m_diagnosis;
    QList<BackupInfo> m_backups;
    bool m_homeExists = true;
    bool m_deferred = false;
    bool m_pendingStart = false;  // setCodexHome() came while deferred

    // Undo/Redo over the backups: paths of backups an Undo made (never undo
    // targets), and the one Redo may put back with the file's hash after that Undo.
    QSet<QString> m_madeByUndo;
    QString m_redoPath;
    QByteArray m_redoSha;

    std::unique_ptr<CodexLocator> m_locator;
    quint64 m_detectGeneration = 0;
    quint64 m_analysisGeneration = 0;
    int m_running[6] = {};        // jobs in flight per Activity
    Activity m_activity = Activity::Idle;

    QFileSystemWatcher *m_watcher = nullptr;
    QTimer *m_watchTimer = nullptr;
    QSet<QByteArray> m_ownWrites;  // hashes of files this window wrote: not "outside" changes
};

} // namespace SandboxDoctor::Ui
