#include "detect/codexlocator.h"

#include "common/logging.h"
#include "common/platform.h"
#include "detect/candidatesearch.h"
#include "detect/loginshellquery.h"
#include "detect/versionprobe.h"

#include <QDir>
#include <QEventLoop>
#include <QHash>
#include <QPointer>
#include <QTimer>

#include <algorithm>

namespace SandboxDoctor {

namespace {

// Precedence bands: the lower the rank, the earlier the source in search
// order (explicit, PATH, login shell, known places); within a band, the order found.
constexpr int explicitRank = 0;
constexpr int pathRank = 100000;
constexpr int loginShellRank = 200000;
constexpr int knownRank = 300000;

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

} // namespace

class CodexLocator::Private
{
public:
    struct Entry
    {
        CodexCandidate candidate;
        int rank = 0;
        CodexInstall install;
        bool done = false;
        QPointer<VersionProbe> probe;
    };

    Private(CodexLocator *owner, DetectOptions detectOptions) : q(owner), options(std::move(detectOptions)) {}

    void start();
    void cancel();
    void addCandidate(const CodexCandidate &candidate, int rank);
    void addMissingExplicit();
    void onShellAnswer(const LoginShellAnswer &answer);
    void startShell();
    void maybeFinish();
    CodexDetection assemble() const;
    Error notFoundError() const;

    CodexLocator *q;
    DetectOptions options;
    Platform platform = hostPlatform();
    QList<Entry> entries;
    QHash<QString, qsizetype> indexByIdentity;
    QPointer<LoginShellQuery> shell;
    LoginShellAnswer shellAnswer;
    bool shellPending = false;
    // The login shell waits for the explicit Codex's answer and runs only if
    // it has none (see start()).
    qsizetype shellAfterEntry = -1;
    bool running = false;
};

void CodexLocator::Private::start()
{
    running = true;
    entries.clear();
    indexByIdentity.clear();
    shellAnswer = {};
    const QProcessEnvironment &env = options.environment;

    if (!options.explicitPath.trimmed().isEmpty()) {
        const QString resolved = CandidateSearch::resolveExplicit(options.explicitPath, env, platform);
        if (resolved.isEmpty())
            addMissingExplicit();
        else
            addCandidate({resolved, CodexSource::Explicit}, explicitRank);
    }

    const QList<CodexCandidate> onPath = CandidateSearch::onPath(env, platform);
    for (qsizetype i = 0; i < onPath.size(); ++i)
        addCandidate(onPath.at(i), pathRank + int(i));

    // The login shell is the slow one (a login shell may start dozens of
    // processes): it is needed only to find a Codex nobody named. With --codex
    // or a saved path, it runs only if that Codex does not answer; otherwise
    // it is asked while the others answer.
    shellAfterEntry = -1;
    if (options.useLoginShell && platform != Platform::Windows) {
        shellPending = true;
        const bool explicitRuns = !entries.isEmpty() && entries.constFirst().candidate.source == CodexSource::Explicit
                                  && !entries.constFirst().done;
        if (explicitRuns)
            shellAfterEntry = 0;
        else
            startShell();
    }

    QList<KnownPlace> places;
    if (options.searchKnownLocations)
        places = CandidateSearch::knownPlaces(env, platform);
    places += CandidateSearch::extraPlaces(options.extraKnownLocations, platform);
    const QList<CodexCandidate> known = CandidateSearch::existing(places, platform);
    for (qsizetype i = 0; i < known.size(); ++i)
        addCandidate(known.at(i), knownRank + int(i));

    // finished() always comes from the event loop, even with nothing to ask.
    QTimer::singleShot(0, q, [this] { maybeFinish(); });
}

void CodexLocator::Private::startShell()
{
    shellPending = true;
    shell = new LoginShellQuery(options.environment, options.loginShellTimeoutMs, q);
    QObject::connect(shell, &LoginShellQuery::finished, q,
                     [this](const LoginShellAnswer &answer) { onShellAnswer(answer); });
    shell->start();
}

void CodexLocator::Private::cancel()
{
    running = false;
    shellPending = false;
    if (shell) {
        QObject::disconnect(shell, nullptr, q, nullptr);
        shell->cancel();
        shell->deleteLater();
    }
    for (Entry &entry : entries) {
        if (entry.probe) {
            QObject::disconnect(entry.probe, nullptr, q, nullptr);
            entry.probe->cancel();
            entry.probe->deleteLater();
        }
    }
}

void CodexLocator::Private::addCandidate(const CodexCandidate &candidate, int rank)
{
    const QString key = CandidateSearch::identity(candidate.path, platform);
    if (key.isEmpty())
        return;
    if (const auto found = indexByIdentity.constFind(key); found != indexByIdentity.constEnd()) {
        // The same file found again: it keeps the source that comes first.
        Entry &entry = entries[*found];
        if (rank < entry.rank) {
            entry.rank = rank;
            entry.candidate = candidate;
        }
        return;
    }
    const qsizetype index = entries.size();
    indexByIdentity.insert(key, index);
    Entry entry;
    entry.candidate = candidate;
    entry.rank = rank;
    entry.probe = new VersionProbe(candidate, options.environment, options.versionTimeoutMs, platform, q);
    QObject::connect(entry.probe, &VersionProbe::finished, q, [this, index](const CodexInstall &install) {
        Entry &done = entries[index];
        done.install = install;
        done.done = true;
        if (done.probe)
            done.probe->deleteLater();
        if (index == shellAfterEntry && running) {
            shellAfterEntry = -1;
            if (install.version)
                shellPending = false;  // the named Codex answers: no need to ask the shell
            else
                startShell();
        }
        maybeFinish();
    });
    VersionProbe *probe = entry.probe;
    entries.append(entry);
    probe->start();
}

void CodexLocator::Private::addMissingExplicit()
{
    Entry entry;
    entry.candidate = {options.explicitPath, CodexSource::Explicit};
    entry.rank = explicitRank;
    entry.done = true;
    entry.install.path = options.explicitPath;
    entry.install.source = CodexSource::Explicit;
    Error error;
    error.kind = Error::Kind::NotFound;
    error.path = native(options.explicitPath);
    error.message = QStringLiteral("No runnable Codex at the path given with --codex or saved in the settings.");
    error.hint = QStringLiteral("Check the path, or clear the saved path so detection searches PATH, "
                                "the login shell and the usual install places.");
    entry.install.error = error;
    entries.append(entry);
}

void CodexLocator::Private::onShellAnswer(const LoginShellAnswer &answer)
{
    shellAnswer = answer;
    shellPending = false;
    if (shell)
        shell->deleteLater();
    if (!answer.path.isEmpty() && CandidateSearch::isExecutableFile(answer.path, platform))
        addCandidate({answer.path, CodexSource::LoginShell}, loginShellRank);
    maybeFinish();
}

void CodexLocator::Private::maybeFinish()
{
    if (!running || shellPending)
        return;
    for (const Entry &entry : std::as_const(entries)) {
        if (!entry.done)
            return;
    }
    running = false;
    const CodexDetection detection = assemble();
    emit q->finished(detection);
}

CodexDetection CodexLocator::Private::assemble() const
{
    QList<Entry> sorted = entries;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Entry &a, const Entry &b) { return a.rank < b.rank; });
    CodexDetection detection;
    bool anyExists = false;
    for (const Entry &entry : std::as_const(sorted)) {
        CodexInstall install = entry.install;
        // The probe ran with whichever path came first in time; report the
        // one that comes first in precedence.
        install.path = entry.candidate.path;
        install.source = entry.candidate.source;
        detection.installs.append(install);
        anyExists = anyExists || !install.resolvedPath.isEmpty();
    }
    if (!detection.installs.isEmpty())
        detection.chosen = detection.installs.constFirst();
    if (!anyExists)
        detection.error = notFoundError();
    return detection;
}

Error CodexLocator::Private::notFoundError() const
{
    QStringList searched;
    if (!options.explicitPath.trimmed().isEmpty())
        searched << native(options.explicitPath) + QLatin1String(" (--codex)");
    const QStringList pathDirs = CandidateSearch::pathDirectories(options.environment, platform);
    searched << QLatin1String("PATH (") + (pathDirs.isEmpty() ? QStringLiteral("empty") : native(pathDirs.join(QDir::listSeparator()))) + QLatin1Char(')');
    if (options.useLoginShell && platform != Platform::Windows) {
        searched << QLatin1String("the login shell ") + shellAnswer.shell
                        + (shellAnswer.problem.isEmpty() ? QString() : QLatin1String(" (") + shellAnswer.problem + QLatin1Char(')'));
    }
    QList<KnownPlace> places;
    if (options.searchKnownLocations)
        places = CandidateSearch::knownPlaces(options.environment, platform);
    places += CandidateSearch::extraPlaces(options.extraKnownLocations, platform);
    for (const KnownPlace &place : std::as_const(places))
        searched << native(place.pattern);

    Error error;
    error.kind = Error::Kind::NotFound;
    error.message = QStringLiteral("No Codex CLI found.");
    error.hint = QStringLiteral("Install it (npm install -g @openai/codex, or Homebrew), or give its path with --codex. "
                                "Searched: ") + searched.join(QLatin1String("; ")) + QLatin1Char('.');
    return error;
}

CodexLocator::CodexLocator(DetectOptions options, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(this, std::move(options)))
{
}

CodexLocator::~CodexLocator()
{
    d->cancel();
}

void CodexLocator::start()
{
    if (d->running)
        return;
    d->start();
}

void CodexLocator::cancel()
{
    d->cancel();
}

bool CodexLocator::isRunning() const
{
    return d->running;
}

CodexDetection CodexLocator::detectBlocking(const DetectOptions &options)
{
    CodexLocator locator(options);
    CodexDetection result;
    QEventLoop loop;
    QObject::connect(&locator, &CodexLocator::finished, &loop, [&result, &loop](const CodexDetection &detection) {
        result = detection;
        loop.quit();
    });
    locator.start();
    loop.exec();
    return result;
}

} // namespace SandboxDoctor
