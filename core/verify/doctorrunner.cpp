#include "verify/doctorrunner.h"

#include "common/logging.h"
#include "verify/doctorreport.h"
#include "verify/processargs.h"
#include "verify/scratchhome.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QPointer>
#include <QProcess>
#include <QTimer>

#include <optional>

namespace SandboxDoctor {

class DoctorRunner::Private final
{
public:
    explicit Private(DoctorRunner *owner) : q(owner) {}

    void finish(VerifyResult result);
    void onProcessFinished(int exitCode, QProcess::ExitStatus status);
    void fail(Error error);

    DoctorRunner *q;
    VerifyRequest request;
    std::optional<ScratchHome> scratch;
    QPointer<QProcess> process;
    QTimer timer;
    QElapsedTimer clock;
    bool running = false;
    bool timedOut = false;
    bool cancelled = false;
};

DoctorRunner::DoctorRunner(QObject *parent) : QObject(parent), d(std::make_unique<Private>(this))
{
    d->timer.setSingleShot(true);
    connect(&d->timer, &QTimer::timeout, this, [this] {
        d->timedOut = true;
        if (d->process)
            d->process->kill();
    });
}

DoctorRunner::~DoctorRunner()
{
    if (d->process) {
        d->process->disconnect(this);
        d->process->kill();
        d->process->waitForFinished(3000);
        delete d->process;
    }
}

bool DoctorRunner::isRunning() const
{
    return d->running;
}

void DoctorRunner::cancel()
{
    if (!d->running)
        return;
    d->cancelled = true;
    if (d->process)
        d->process->kill();  // finished() follows from the process's own signal
}

void DoctorRunner::start(const VerifyRequest &request)
{
    if (d->running)
        cancel();
    d->request = request;
    d->running = true;
    d->timedOut = false;
    d->cancelled = false;
    d->clock.start();

    Expected<ScratchHome> scratch = ScratchHome::create(request.scratchBase, request.configBytes, request.configExists);
    if (!scratch) {
        // Report later, never from inside start(): callers connect after starting too.
        const Error error = scratch.error();
        QTimer::singleShot(0, this, [this, error] { d->fail(error); });
        return;
    }
    d->scratch.emplace(std::move(scratch).value());
    const QString home = d->scratch->path();

    const ProcessArgs command = wrapCommand(request.codex, {QStringLiteral("doctor"), QStringLiteral("--json")});
    auto *process = new QProcess(this);
    d->process = process;
    process->setProgram(command.program);
    process->setArguments(command.arguments);
    process->setProcessEnvironment(scratchEnvironment(request.codex.environment, home));
    // Codex layers a project's .codex/config.toml from the working folder: run
    // where there is nothing but the config under test.
    process->setWorkingDirectory(home);
    process->setStandardInputFile(QProcess::nullDevice());

    connect(process, &QProcess::finished, this,
            [this](int exitCode, QProcess::ExitStatus status) { d->onProcessFinished(exitCode, status); });
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;  // crashes and kills arrive through finished()
        d->fail(Error{Error::Kind::Process,
                      QStringLiteral("Could not start Codex: %1").arg(process->errorString()), process->program(), 0, 0,
                      QStringLiteral("Check the Codex path in Settings (or --codex).")});
    });

    qCDebug(lcVerify) << "doctor:" << command.program << command.arguments << "CODEX_HOME=" << home;
    emit started(home);
    d->timer.start(request.timeoutMs);
    process->start();
}

void DoctorRunner::Private::fail(Error error)
{
    VerifyResult result;
    result.outcome = VerifyResult::Outcome::Failed;
    result.error = std::move(error);
    result.note = result.error->message;
    finish(std::move(result));
}

void DoctorRunner::Private::onProcessFinished(int exitCode, QProcess::ExitStatus status)
{
    if (!running || !process)
        return;
    const QByteArray out = process->readAllStandardOutput();
    const QByteArray err = process->readAllStandardError();
    const QString program = process->program();

    VerifyResult result;
    result.proposed = request.proposed;
    result.exitCode = status == QProcess::NormalExit ? exitCode : -1;
    result.stderrText = QString::fromUtf8(err).trimmed();
    result.expected = expectedSandbox(request.policy);

    if (cancelled || timedOut) {
        const QString message = cancelled ? QStringLiteral("Verification was cancelled.")
                                          : QStringLiteral("Codex did not finish `doctor` within %1 s.")
                                                .arg(request.timeoutMs / 1000);
        result.error = Error{Error::Kind::Process, message, program, 0, 0,
                             cancelled ? QString()
                                       : QStringLiteral("Try again; if it keeps timing out, run `codex doctor` "
                                                        "in a terminal to see where it stops.")};
        result.note = message;
        finish(std::move(result));
        return;
    }

    Expected<DoctorReport> report = parseDoctorJson(out);
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
        finish(std::move(result));
        return;
    }

    if (status == QProcess::NormalExit && (looksLikeUnknownSubcommand(out, err) || exitCode == 0)) {
        result.outcome = VerifyResult::Outcome::NoDoctor;
        result.note = QStringLiteral("This Codex has no `codex doctor --json`, so it cannot judge the config itself; "
                                     "showing this app's own analysis of the same file instead. Update Codex to "
                                     "let it verify.");
        result.fallback = analyzeConfig(request.configBytes, request.configExists, request.policy);
        finish(std::move(result));
        return;
    }

    const QString detail = result.stderrText.isEmpty() ? QString::fromUtf8(out).trimmed() : result.stderrText;
    const QString message = status == QProcess::CrashExit
                                ? QStringLiteral("Codex `doctor` crashed.")
                                : QStringLiteral("Codex `doctor` exited with code %1 without a report.").arg(exitCode);
    result.error = Error{Error::Kind::Process, detail.isEmpty() ? message : message + QLatin1Char(' ') + detail.left(400),
                         program, 0, 0, QStringLiteral("Run `codex doctor` in a terminal to see the full message.")};
    result.note = message;
    finish(std::move(result));
}

void DoctorRunner::Private::finish(VerifyResult result)
{
    if (!running)
        return;
    running = false;
    timer.stop();
    result.proposed = request.proposed;
    if (result.expected.filesystem.isEmpty())
        result.expected = expectedSandbox(request.policy);
    result.elapsedMs = clock.elapsed();
    if (process) {
        process->disconnect(q);
        process->deleteLater();
        process = nullptr;
    }
    scratch.reset();  // removes the scratch home: nothing of the config stays behind
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
