#include "session.h"

#include "common/logging.h"
#include "config/configfile.h"
#include "detect/codexlocator.h"

#include <QDir>
#include <QFileSystemWatcher>
#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <type_traits>

namespace SandboxDoctor::Ui {

namespace {

// Runs `work` on Qt Concurrent's pool and `done(result)` on `context`'s thread.
// If `context` is gone by then, the result is dropped.
template <typename Work, typename Done>
void runInBackground(QObject *context, Work work, Done done)
{
    using Result = std::invoke_result_t<Work>;
    auto *watcher = new QFutureWatcher<Result>(context);
    QObject::connect(watcher, &QFutureWatcher<Result>::finished, context, [watcher, done = std::move(done)]() {
        done(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

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
};

} // namespace

struct Session::Analysis
{
    Diagnosis diagnosis;
    QList<BackupInfo> backups;
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
    return !isBusy() && !m_backups.isEmpty();
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
    emit codexHomeChanged(m_codexHome);
    emit diagnosisChanged();
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

void Session::refresh()
{
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
            Analysis analysis{diagnose(request, detection), {}};
            if (auto backups = listBackups(request.codexHome))
                analysis.backups = *backups;
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
                emit applied(*outcome.result);
            } else {
                emit actionFailed(outcome.result.error(), outcome.changedSincePreview);
            }
            startAnalysis(false);
        });
}

void Session::undo()
{
    if (!canUndo())
        return;
    const QString home = m_codexHome;
    begin(Activity::Restoring);
    runInBackground(
        this,
        [home]() {
            RestoreOutcome outcome;
            outcome.result = restoreNewestBackup(home);
            if (const auto now = readConfig(home))
                outcome.shaAfter = now->sha256Hex();
            return outcome;
        },
        [this, home](const RestoreOutcome &outcome) {
            end(Activity::Restoring);
            if (home != m_codexHome)
                return;
            if (outcome.result) {
                m_ownWrites.insert(outcome.shaAfter);
                emit restored(*outcome.result);
            } else {
                emit actionFailed(outcome.result.error(), false);
            }
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
    for (Activity candidate : {Activity::Analysing, Activity::Detecting, Activity::Restoring, Activity::Applying}) {
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
    const QStringList watched = m_watcher->files() + m_watcher->directories();
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

} // namespace SandboxDoctor::Ui
