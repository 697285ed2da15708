#include "verify/doctorrunner.h"

#include "common/logging.h"
#include "common/processrunner.h"
#include "verify/doctornetwork.h"
#include "verify/doctorreport.h"
#include "verify/loopbacklistener.h"
#include "verify/processargs.h"
#include "verify/scratchhome.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <optional>

namespace SandboxDoctor {

class DoctorRunner::Private final
{
public:
    explicit Private(DoctorRunner *owner) : q(owner) {}

    void onOutcome(const ProcessOutcome &outcome);
    void fail(Error error);
    void finish(VerifyResult result);

    DoctorRunner *q;
    VerifyRequest request;
    std::optional<ScratchHome> scratch;
    std::optional<LoopbackListener> closedPort;  // held until doctor has ended: nothing else may answer there
    QStringList overrides;
    QString networkNote;
    QString program;
    ProcessRunner process;
    QElapsedTimer clock;
    quint64 generation = 0;  // which start() an early failure belongs to
    int outcomesDue = 0;     // doctor runs started whose outcome has not arrived yet
    int staleOutcomes = 0;   // how many of those belong to runs a newer start() replaced
    bool running = false;
};

DoctorRunner::DoctorRunner(QObject *parent) : QObject(parent), d(std::make_unique<Private>(this))
{
    connect(&d->process, &ProcessRunner::finished, this,
            [this](const ProcessOutcome &outcome) { d->onOutcome(outcome); });
}

DoctorRunner::~DoctorRunner() = default;

bool DoctorRunner::isRunning() const
{
    return d->running;
}

void DoctorRunner::cancel()
{
    if (d->running)
        d->process.cancel();  // finished() follows with the cancelled outcome
}

void DoctorRunner::start(const VerifyRequest &request)
{
    if (d->outcomesDue > 0) {
        // The old run is over for the caller: its outcome (still running, or
        // reported and not delivered yet) is dropped, the new one reported.
        d->staleOutcomes = d->outcomesDue;
        d->process.cancel();
    }
    d->request = request;
    d->running = true;
    d->clock.start();
    const quint64 generation = ++d->generation;
    d->overrides.clear();
    d->networkNote.clear();

    auto failLater = [this, generation](const Error &error) {
        // Report later, never from inside start(): callers connect after starting too.
        QTimer::singleShot(0, this, [this, error, generation] {
            if (generation == d->generation)
                d->fail(error);
        });
    };
    Expected<ScratchHome> scratch = ScratchHome::create(request.scratchBase, request.configBytes, request.configExists);
    if (!scratch)
        return failLater(scratch.error());
    d->scratch.emplace(std::move(scratch).value());
    Expected<LoopbackListener> port = LoopbackListener::reserveClosed();
    if (!port)
        return failLater(port.error());
    d->closedPort.emplace(std::move(port).value());
    const QString home = d->scratch->path();

    const DoctorNetwork network = keepDoctorLocal(request.configBytes, scratchEnvironment(request.codex.environment, home),
                                                  d->closedPort->target().port);
    d->overrides = network.arguments;
    d->networkNote = network.note;
    const ProcessArgs command =
        wrapCommand(request.codex, QStringList{QStringLiteral("doctor"), QStringLiteral("--json")} + network.arguments);
    d->program = command.program;

    ProcessSpec spec;
    spec.program = command.program;
    spec.arguments = command.arguments;
    spec.environment = network.environment;
    // Codex layers a project's .codex/config.toml from the working folder: run
    // where there is nothing but the config under test.
    spec.workingDirectory = home;
    spec.timeoutMs = request.timeoutMs;
    qCDebug(lcVerify) << "doctor:" << command.program << command.arguments << "CODEX_HOME=" << home;
    emit started(home);
    ++d->outcomesDue;
    d->process.start(spec);
}

void DoctorRunner::Private::fail(Error error)
{
    VerifyResult result;
    result.outcome = VerifyResult::Outcome::Failed;
    result.error = std::move(error);
    result.note = result.error->message;
    finish(std::move(result));
}

void DoctorRunner::Private::onOutcome(const ProcessOutcome &outcome)
{
    --outcomesDue;
    if (staleOutcomes > 0) {
        --staleOutcomes;  // a run replaced by a newer start()
        return;
    }
    if (!running)
        return;

    VerifyResult result;
    result.proposed = request.proposed;
    result.exitCode = outcome.status == ProcessOutcome::Status::Finished ? outcome.exitCode : -1;
    result.stderrText = QString::fromUtf8(outcome.standardError).trimmed();
    result.expected = expectedSandbox(request.policy);
    result.overrides = overrides;

    switch (outcome.status) {
    case ProcessOutcome::Status::FailedToStart:
        return fail(Error{Error::Kind::Process, QStringLiteral("Could not start Codex: %1").arg(outcome.errorString),
                          program, 0, 0, QStringLiteral("Check the Codex executable chosen in Settings.")});
    case ProcessOutcome::Status::Cancelled:
    case ProcessOutcome::Status::TimedOut: {
        const bool cancelled = outcome.status == ProcessOutcome::Status::Cancelled;
        const QString message = cancelled ? QStringLiteral("Verification was cancelled.")
                                          : QStringLiteral("Codex did not finish `doctor` within %1 s.")
                                                .arg(request.timeoutMs / 1000);
        result.error = Error{Error::Kind::Process, message, program, 0, 0,
                             cancelled ? QString()
                                       : QStringLiteral("Check again; if it keeps timing out, this Codex hangs in its "
                                                        "own `doctor` check.")};
        result.note = message;
        return finish(std::move(result));
    }
    case ProcessOutcome::Status::Finished:
    case ProcessOutcome::Status::Crashed:
        break;
    }

    Expected<DoctorReport> report = parseDoctorJson(outcome.standardOutput);
    if (report) {
        result.outcome = VerifyResult::Outcome::Answered;
        result.codexVersion = report->codexVersion;
        result.configLoads = report->configLoads;
        result.configMessage = report->configMessage;
        result.configFile = report->configFile;
        result.configLine = report->configLine;
        result.configColumn = report->configColumn;
        result.configRemediation = report->configRemediation;
        result.sandbox = report->sandbox;
        result.match = compareSandbox(result.sandbox, result.expected);
        if (result.configLoads == std::optional<bool>(false))
            result.note = QStringLiteral("Codex cannot load this config.toml, so it would not start with it.");
        else if (result.match == PolicyMatch::Unknown)
            result.note = QStringLiteral("Codex loaded the config but did not report its sandbox.");
        if (!networkNote.isEmpty())
            result.note = result.note.isEmpty() ? networkNote : result.note + QLatin1Char(' ') + networkNote;
        return finish(std::move(result));
    }

    const bool finished = outcome.status == ProcessOutcome::Status::Finished;
    if (finished && (looksLikeUnknownSubcommand(outcome.standardOutput, outcome.standardError) || outcome.exitCode == 0)) {
        result.outcome = VerifyResult::Outcome::NoDoctor;
        result.note = QStringLiteral("This Codex has no `codex doctor --json`, so it cannot judge the config itself; "
                                     "showing this app's own analysis of the same file instead. Update Codex to "
                                     "let it verify.");
        result.fallback = analyzeConfig(request.configBytes, request.configExists, request.policy);
        return finish(std::move(result));
    }

    const QString detail =
        result.stderrText.isEmpty() ? QString::fromUtf8(outcome.standardOutput).trimmed() : result.stderrText;
    const QString message = finished
                                ? QStringLiteral("Codex `doctor` exited with code %1 without a report.").arg(outcome.exitCode)
                                : QStringLiteral("Codex `doctor` crashed.");
    result.error = Error{Error::Kind::Process, detail.isEmpty() ? message : message + QLatin1Char(' ') + detail.left(400),
                         program, 0, 0,
                         QStringLiteral("The message above is Codex's own; update or reinstall Codex if it persists.")};
    result.note = message;
    finish(std::move(result));
}

void DoctorRunner::Private::finish(VerifyResult result)
{
    if (!running)
        return;
    running = false;
    result.proposed = request.proposed;
    if (result.expected.filesystem.isEmpty())
        result.expected = expectedSandbox(request.policy);
    result.elapsedMs = clock.elapsed();
    scratch.reset();     // removes the scratch home: nothing of the config stays behind
    closedPort.reset();
    emit q->finished(result);
}

VerifyResult DoctorRunner::runBlocking(const VerifyRequest &request)
{
    DoctorRunner runner;
    VerifyResult result;
    QEventLoop loop;
    connect(&runner, &DoctorRunner::finished, &loop, [&](const VerifyResult &r) {
        result = r;
        loop.quit();
    });
    runner.start(request);
    if (runner.isRunning())
        loop.exec();
    return result;
}

} // namespace SandboxDoctor
