#include "session.h"

#include "background.h"
#include "common/codexhomefolder.h"
#include "common/logging.h"
#include "config/configfile.h"
#include "detect/codexlocator.h"

#include <QDir>
#include <QFileSystemWatcher>
#include <QTimer>

namespace SandboxDoctor::Ui {

namespace {

// --codex-version: believe the caller and run nothing, as the CLI does.
CodexDetection assumedDetection(const SessionOptions &options)
{
    CodexInstall install;
    install.path = options.detect.explicitPath;
    install.resolvedPath = options.detect.explicitPath;
    install.source = CodexSource::Explicit;
    install.version = Version::parse(*options.codexVersionText);
    install.raw = *options.codexVersionText;
    CodexDetection detection;
    detection.chosen = install;
    detection.installs = {install};
    return detection;
}

struct ApplyOutcome
{
    Expected<ApplyResult> result = Error{};
    bool changedSincePreview = false;
};

struct RestoreOutcome
{
    Expected<BackupInfo> result = Error{};
    QByteArray shaAfter;
    QString madeBackup;  // the backup of the file the restore replaced
    bool changedSinceShown = false;  // refused: the file is not the one the window showed
};

struct EntryRestoreOutcome
{
    Expected<RestoreResult> result = Error{};
    QByteArray shaAfter;
};

struct CreateOutcome
{
    Expected<QString> result = Error{};
};

} // namespace

struct Session::Analysis
{
    Diagnosis diagnosis;
    QList<BackupInfo> backups;
    bool homeExists = true;
};

Session::Session(SessionOptions options, QObject *parent)
    : QObject(parent),
      m_options(std::move(options)),
      m_watcher(new QFileSystemWatcher(this)),
      m_watchTimer(new QTimer(this))
{
    qRegisterMetaType<SandboxDoctor::CodexDetection>();
    m_watchTimer->setSingleShot(true);
    m_watchTimer->setInterval(400);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &Session::onPathChanged);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, &Session::onPathChanged);
    connect(m_watchTimer, &QTimer::timeout, this, [this]() { startAnalysis(true); });
}

Session::~Session()
{
    if (m_locator)
        m_locator->cancel();
}

bool Session::canApply() const
{
    return !isBusy() && m_diagnosis && m_diagnosis->config.hasValue() && m_diagnosis->proposal.hasValue()
           && m_diagnosis->proposal->changed;
}

bool Session::canUndo() const
{
    return !isBusy() && undoTarget().has_value();
}

bool Session::canRedo() const
{
    return !isBusy() && redoTarget().has_value();
}

bool Session::canRestoreCandidate() const
{
    return !isBusy() && m_diagnosis && m_diagnosis->config.hasValue()
           && m_diagnosis->analysis.restoreCandidate.has_value();
}

std::optional<BackupInfo> Session::undoTarget() const
{
    if (m_backups.isEmpty() || m_madeByUndo.contains(m_backups.constFirst().path))
        return std::nullopt;
    return m_backups.constFirst();
}

std::optional<BackupInfo> Session::redoTarget() const
{
    // An apply, an outside edit or another tool's backup since the Undo: what
    // Undo took away is no longer the step back from the file as it is.
    if (m_redoPath.isEmpty() || m_backups.isEmpty() || m_backups.constFirst().path != m_redoPath
        || currentSha() != m_redoSha)
        return std::nullopt;
    return m_backups.constFirst();
}

QByteArray Session::currentSha() const
{
    return m_diagnosis && m_diagnosis->config.hasValue() ? m_diagnosis->config->sha256Hex() : QByteArray();
}

void Session::setWatchDelay(int ms)
{
    m_watchTimer->setInterval(ms);
}

void Session::setCodexHome(const QString &home)
{
    const QString clean = QDir::cleanPath(home);
    if (clean == m_codexHome && m_diagnosis)
        return;
    m_codexHome = clean;
    m_ownWrites.clear();
    m_diagnosis.reset();
    m_backups.clear();
    m_homeExists = true;
    m_madeByUndo.clear();
    m_redoPath.clear();
    m_redoSha.clear();
    emit codexHomeChanged(m_codexHome);
    emit diagnosisChanged();
    if (m_deferred && !m_options.codexVersionText) {
        m_pendingStart = true;  // detection starts processes: not before start()
        return;
    }
    if (m_detection || m_running[int(Activity::Detecting)] > 0)
        startAnalysis(false);
    else
        startDetection();
}

void Session::setOptions(const SessionOptions &options)
{
    m_options = options;
    refresh();
}

void Session::start()
{
    if (!m_deferred)
        return;
    m_deferred = false;
    if (m_pendingStart) {
        m_pendingStart = false;
        startDetection();
    }
}

void Session::refresh()
{
    if (m_deferred && !m_options.codexVersionText) {
        m_pendingStart = true;
        return;
    }
    startDetection();
}

void Session::reanalyse()
{
    if (m_detection)
        startAnalysis(false);
    else
        startDetection();
}

void Session::startDetection()
{
    const quint64 generation = ++m_detectGeneration;
    if (m_locator) {
        m_locator->cancel();
        m_locator.release()->deleteLater();  // it may be inside its own signal
        end(Activity::Detecting);
    }
    if (m_options.codexVersionText) {
        m_detection = assumedDetection(m_options);
        startAnalysis(false);
        return;
    }
    begin(Activity::Detecting);
    m_locator = std::make_unique<CodexLocator>(m_options.detect);
    connect(m_locator.get(), &CodexLocator::finished, this,
            [this, generation](const SandboxDoctor::CodexDetection &detection) {
                if (generation != m_detectGeneration)
                    return;
                m_detection = detection;
                if (m_locator)
                    m_locator.release()->deleteLater();
                startAnalysis(false);
                end(Activity::Detecting);
            });
    m_locator->start();
}

void Session::startAnalysis(bool external)
{
    if (!m_detection || m_codexHome.isEmpty())
        return;
    const quint64 generation = ++m_analysisGeneration;
    DiagnoseRequest request;
    request.codexHome = m_codexHome;
    request.platform = m_options.platform;
    request.codexVersionText = m_options.codexVersionText;
    request.darwinFixedVersion = m_options.darwinFixedVersion;
    request.policyChoice = m_options.policyChoice;
    const CodexDetection detection = *m_detection;

    begin(Activity::Analysing);
    runInBackground(
        this,
        [request, detection]() {
            Analysis analysis{diagnose(request, detection), {}, true};
            analysis.homeExists = SandboxDoctor::codexHomeExists(request.codexHome);
            if (analysis.homeExists) {
                if (auto backups = listBackups(request.codexHome))
                    analysis.backups = *backups;
            }
            return analysis;
        },
        [this, generation, external](const Analysis &result) {
            end(Activity::Analysing);
            finishAnalysis(generation, external, result);
        });
}

void Session::finishAnalysis(quint64 generation, bool external, const Analysis &result)
{
    if (generation != m_analysisGeneration)
        return;  // a newer analysis (or another home) has been asked for since

    auto shaOf = [](const std::optional<Diagnosis> &d) {
        return d && d->config.hasValue() ? d->config->sha256Hex() : QByteArray();
    };
    const QByteArray before = shaOf(m_diagnosis);
    const bool hadDiagnosis = m_diagnosis.has_value();
    m_diagnosis = result.diagnosis;
    m_backups = result.backups;
    m_homeExists = result.homeExists;
    const QByteArray after = shaOf(m_diagnosis);
    watchConfig();
    emit diagnosisChanged();

    if (external && hadDiagnosis && before != after && !m_ownWrites.contains(after)) {
        qCDebug(lcConfig) << "config.toml changed outside the app:" << m_codexHome;
        emit configChangedOutside();
    }
}

void Session::apply()
{
    if (!canApply())
        return;
    const QString home = m_codexHome;
    const SandboxPolicy policy = m_diagnosis->policy;
    ApplyOptions options;
    options.expectSha256 = m_diagnosis->config->sha256Hex();
    options.keepBackups = m_options.keepBackups;

    begin(Activity::Applying);
    runInBackground(
        this,
        [home, policy, options]() {
            ApplyOutcome outcome;
            outcome.result = applyManagedBlock(home, policy, options);
            if (!outcome.result && outcome.result.error().kind == Error::Kind::Refused) {
                // Was it refused because the file is no longer the previewed one?
                const auto now = readConfig(home);
                outcome.changedSincePreview = now && now->sha256Hex() != options.expectSha256;
            }
            return outcome;
        },
        [this, home](const ApplyOutcome &outcome) {
            end(Activity::Applying);
            if (home != m_codexHome)
                return;
            if (outcome.result) {
                m_ownWrites.insert(sha256Hex(outcome.result->edit.after));
                if (outcome.result->written)
                    m_redoPath.clear();  // a new change: what Undo took away is not the next step any more
                emit applied(*outcome.result);
            } else {
                emit actionFailed(outcome.result.error(), outcome.changedSincePreview);
            }
            startAnalysis(false);
        });
}

void Session::undo()
{
    if (canUndo())
        restore(false);
}

void Session::redo()
{
    if (canRedo())
        restore(true);
}

// Both put the newest backup back (the only restore core offers today): Undo
// when that backup is the file before a change, Redo when an Undo made it.
// Either way the file being replaced is backed up first, so each step can be
// taken back; the window knows which backup plays which part.
void Session::restore(bool redo)
{
    const std::optional<BackupInfo> target = redo ? redoTarget() : undoTarget();
    if (!target)
        return;
    const QString home = m_codexHome;
    const QString expected = target->path;
    begin(Activity::Restoring);
    runInBackground(
        this,
        [home, expected]() {
            RestoreOutcome outcome;
            // Another tool may have backed up (or pruned) since the window
            // looked: restore only the backup the user was asked about.
            const auto before = listBackups(home);
            if (!before || before->isEmpty() || before->constFirst().path != expected) {
                outcome.result = refusedError(
                    QStringLiteral("The backup to put back is no longer the newest one; nothing was written."),
                    expected, QStringLiteral("Refresh, then look at what Undo offers now."));
                return outcome;
            }
            outcome.result = restoreNewestBackup(home);
            if (const auto now = readConfig(home))
                outcome.shaAfter = now->sha256Hex();
            if (const auto after = listBackups(home); after && !after->isEmpty()
                && after->constFirst().path != expected)
                outcome.madeBackup = after->constFirst().path;
            return outcome;
        },
        [this, home, redo](const RestoreOutcome &outcome) {
            end(Activity::Restoring);
            if (home != m_codexHome)
                return;
            if (outcome.result) {
                m_ownWrites.insert(outcome.shaAfter);
                if (redo) {
                    m_redoPath.clear();
                    m_redoSha.clear();
                    emit redone(*outcome.result);
                } else {
                    if (!outcome.madeBackup.isEmpty())
                        m_madeByUndo.insert(outcome.madeBackup);
                    m_redoPath = outcome.madeBackup;
                    m_redoSha = outcome.shaAfter;
                    emit restored(*outcome.result);
                }
            } else {
                emit actionFailed(outcome.result.error(), false);
            }
            startAnalysis(false);
        });
}

void Session::restoreCandidate()
{
    if (!canRestoreCandidate())
        return;
    const QString home = m_codexHome;
    const QString name = m_diagnosis->analysis.restoreCandidate->name;
    const QByteArray expectedSha = m_diagnosis->config->sha256Hex();
    begin(Activity::Restoring);
    runInBackground(
        this,
        [home, name, expectedSha]() {
            RestoreOutcome outcome;
            // The diff showed this file; a save since (by Codex or an
            // editor) may be worth more than the backup.
            const auto now = readConfig(home);
            if (!now || now->sha256Hex() != expectedSha) {
                outcome.result = refusedError(
                    QStringLiteral("config.toml changed since the window showed it; nothing was written."),
                    home + QStringLiteral("/config.toml"), QStringLiteral("Refresh, then look at it again."));
                outcome.changedSinceShown = true;
                return outcome;
            }
            const Expected<RestoreResult> result = restoreBackup(home, name);
            if (!result) {
                outcome.result = result.error();
                return outcome;
            }
            outcome.result = result->restored;
            if (const auto after = readConfig(home))
                outcome.shaAfter = after->sha256Hex();
            return outcome;
        },
        [this, home](const RestoreOutcome &outcome) {
            end(Activity::Restoring);
            if (home != m_codexHome)
                return;
            if (outcome.result) {
                m_ownWrites.insert(outcome.shaAfter);
                m_redoPath.clear();  // a new change, as an apply is: Undo takes it back
                emit candidateRestored(*outcome.result);
            } else {
                emit actionFailed(outcome.result.error(), outcome.changedSinceShown);
            }
            startAnalysis(false);
        });
}

void Session::createCodexHome()
{
    if (isBusy() || m_homeExists || m_codexHome.isEmpty())
        return;
    const QString home = m_codexHome;
    begin(Activity::Creating);
    runInBackground(
        this, [home]() { return CreateOutcome{SandboxDoctor::createCodexHome(home)}; },
        [this, home](const CreateOutcome &outcome) {
            end(Activity::Creating);
            if (home != m_codexHome)
                return;
            if (outcome.result)
                emit codexHomeCreated(*outcome.result);
            else
                emit actionFailed(outcome.result.error(), false);
            startAnalysis(false);
        });
}

void Session::begin(Activity activity)
{
    ++m_running[int(activity)];
    m_activity = activity;
    emit activityChanged(m_activity);
}

void Session::end(Activity activity)
{
    if (m_running[int(activity)] > 0)
        --m_running[int(activity)];
    // The most telling job still running names the activity.
    Activity next = Activity::Idle;
    for (Activity candidate :
         {Activity::Analysing, Activity::Detecting, Activity::Creating, Activity::Restoring, Activity::Applying}) {
        if (m_running[int(candidate)] > 0)
            next = candidate;
    }
    if (next != m_activity) {
        m_activity = next;
        emit activityChanged(m_activity);
    }
}

void Session::watchConfig()
{
    // Editors and our own writer replace the file by rename, which drops a
    // watch on the file itself: watch the folder too, and re-arm after each look.
    QStringList wanted;
    if (m_diagnosis && m_diagnosis->config.hasValue()) {
        const ConfigSnapshot &config = *m_diagnosis->config;
        wanted << config.codexHome;
        if (config.exists) {
            wanted << config.path;
            if (!config.writePath.isEmpty() && config.writePath != config.path)
                wanted << config.writePath;
        }
    }
    // A file watch follows the inode, not the name. When config.toml is
    // replaced by rename while its old inode lives on (apply and restore keep
    // the old file as a hard-linked backup), the watch silently moves with the
    // backup: watch the name afresh after every look.
    if (!m_watcher->files().isEmpty())
        m_watcher->removePaths(m_watcher->files());
    const QStringList watched = m_watcher->directories();
    QStringList stale;
    for (const QString &path : watched) {
        if (!wanted.contains(path))
            stale << path;
    }
    if (!stale.isEmpty())
        m_watcher->removePaths(stale);
    QStringList missing;
    for (const QString &path : wanted) {
        if (!watched.contains(path))
            missing << path;
    }
    if (!missing.isEmpty())
        m_watcher->addPaths(missing);
}

void Session::onPathChanged()
{
    m_watchTimer->start();
}

// Any entry, not only the newest: the files are written as one change and
// this window's own write is not reported as an outside edit. A new change
// (unlike an Undo), so what an earlier Undo took away is no longer Redo's.
void Session::restoreEntry(const QString &name, const QByteArray &expectedSha)
{
    if (isBusy() || m_codexHome.isEmpty() || name.isEmpty())
        return;
    const QString home = m_codexHome;
    begin(Activity::Restoring);
    runInBackground(
        this,
        [home, name, expectedSha]() {
            EntryRestoreOutcome outcome;
            // The person agreed to the diff they saw; a save since then (by
            // Codex or an editor) was not part of it.
            const auto before = readConfig(home);
            if (!before || before->sha256Hex() != expectedSha) {
                outcome.result = refusedError(
                    QStringLiteral("config.toml changed since the Backups view showed it; nothing was written."),
                    home + QStringLiteral("/config.toml"),
                    QStringLiteral("Look at the diff again (the list has been read again), then Restore."));
                return outcome;
            }
            outcome.result = restoreBackup(home, name);
            if (const auto now = readConfig(home))
                outcome.shaAfter = now->sha256Hex();
            return outcome;
        },
        [this, home](const EntryRestoreOutcome &outcome) {
            end(Activity::Restoring);
            if (home != m_codexHome)
                return;
            if (outcome.result) {
                m_ownWrites.insert(outcome.shaAfter);
                if (outcome.result->written) {
                    m_redoPath.clear();
                    m_redoSha.clear();
                }
                emit entryRestored(*outcome.result);
            } else {
                emit actionFailed(outcome.result.error(), false);
            }
            startAnalysis(false);
        });
}

} // namespace SandboxDoctor::Ui
