#include "verify/sandboxprobe.h"

#include "common/logging.h"
#include "common/processrunner.h"
#include "verify/loopbacklistener.h"
#include "verify/processargs.h"
#include "verify/scratchhome.h"

#include <QEventLoop>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace SandboxDoctor {

QString probeVerdictName(ProbeVerdict verdict)
{
    switch (verdict) {
    case ProbeVerdict::MacosDnsBug: return QStringLiteral("macos-dns-bug");
    case ProbeVerdict::SandboxBlocksNetwork: return QStringLiteral("sandbox-blocks-network");
    case ProbeVerdict::SameBothSides: return QStringLiteral("same-both-sides");
    case ProbeVerdict::Offline: return QStringLiteral("offline");
    case ProbeVerdict::NoSandbox: return QStringLiteral("no-sandbox");
    case ProbeVerdict::Inconclusive: return QStringLiteral("inconclusive");
    }
    return QStringLiteral("inconclusive");
}

ProbeVerdict judgeProbe(const ProbeRun &outside, const ProbeRun &inside, Platform platform)
{
    Q_UNUSED(platform)
    if (!outside.ran)
        return ProbeVerdict::Inconclusive;
    if (outside.result.resolve != DnsProbeResult::Resolve::Resolved)
        return ProbeVerdict::Offline;
    if (!inside.ran)
        return ProbeVerdict::Inconclusive;
    if (inside.result.resolve != DnsProbeResult::Resolve::Resolved)
        return ProbeVerdict::MacosDnsBug;
    const bool outsideConnects = outside.result.connect == DnsProbeResult::Connect::Connected;
    const bool insideConnects = inside.result.connect == DnsProbeResult::Connect::Connected;
    if (outsideConnects && !insideConnects && inside.result.connect != DnsProbeResult::Connect::NotTried)
        return ProbeVerdict::SandboxBlocksNetwork;
    return ProbeVerdict::SameBothSides;
}

namespace {

QString outsideSentence(const SandboxProbeReport &report)
{
    const ProbeRun &outside = report.outside;
    if (!outside.ran)
        return QStringLiteral("The outside run gave no result: %1")
            .arg(outside.error ? outside.error->message : QStringLiteral("no result"));
    if (outside.result.resolve != DnsProbeResult::Resolve::Resolved)
        return QStringLiteral("Outside, %1 does not resolve (%2).").arg(report.host, outside.result.resolveMessage);
    return QStringLiteral("Outside, %1 resolves to %2.")
        .arg(report.host, outside.result.addresses.join(QLatin1String(", ")));
}

} // namespace

QString summarizeProbe(const SandboxProbeReport &report, Platform platform)
{
    const QString host = report.host;
    switch (report.verdict) {
    case ProbeVerdict::MacosDnsBug:
        if (platform == Platform::MacOS) {
            return QStringLiteral("%1 resolves outside but not inside Codex's sandbox (%2): this is the fingerprint of "
                                  "the macOS sandbox bug (openai/codex#10390), where network_access = true is "
                                  "ignored. Apply the managed block with danger-full-access until a fixed Codex ships.")
                .arg(host, report.ranWith);
        }
        return QStringLiteral("%1 resolves outside but not inside Codex's sandbox (%2). On macOS that is the "
                              "fingerprint of openai/codex#10390; here it means the sandbox's network is off.")
            .arg(host, report.ranWith);
    case ProbeVerdict::SandboxBlocksNetwork:
        return QStringLiteral("%1 resolves on both sides, but inside Codex's sandbox a socket cannot be opened (%2): "
                              "the sandbox's network is off with %3.")
            .arg(host, report.inside.result.connectMessage, report.ranWith);
    case ProbeVerdict::SameBothSides:
        return QStringLiteral("Inside Codex's sandbox (%1) the lookup of %2 and a loopback connection behave as "
                              "outside: the sandbox lets the network through.")
            .arg(report.ranWith, host);
    case ProbeVerdict::Offline:
        return QStringLiteral("%1 does not resolve even outside the sandbox (%2): this machine is offline or its "
                              "resolver cannot reach the name, so the sandbox cannot be judged. Check the network, "
                              "or probe a name that resolves here.")
            .arg(host, report.outside.result.resolveMessage);
    case ProbeVerdict::NoSandbox:
        return QStringLiteral("With %1 Codex runs commands without any sandbox, so there is no sandbox to probe: "
                              "inside is the same as outside. %2")
            .arg(report.settings.describe(), outsideSentence(report));
    case ProbeVerdict::Inconclusive: {
        const ProbeRun &failed = report.outside.ran ? report.inside : report.outside;
        const QString side = report.outside.ran ? QStringLiteral("inside Codex's sandbox") : QStringLiteral("outside");
        const QString why = failed.error ? failed.error->message : QStringLiteral("no result");
        return QStringLiteral("The probe could not run %1: %2").arg(side, why);
    }
    }
    return {};
}

class SandboxProbeRunner::Private final
{
public:
    explicit Private(SandboxProbeRunner *owner) : q(owner) {}

    using Handler = std::function<void(const ProcessOutcome &)>;
    // One program of the probe, on a runner of its own (they run side by side).
    void run(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment,
             int timeoutMs, Handler handler);
    void dropRuns();

    void runOutside();
    void detectStyle();
    void askDebugHelp();
    void askFormHelp();
    void styleKnown();
    void maybeRunInside();
    void runInside();
    void finish();
    ProbeRun runFromOutcome(const ProcessOutcome &outcome, const QStringList &commandLine, const QString &where) const;

    SandboxProbeRunner *q;
    SandboxProbeRequest request;
    SandboxProbeReport report;
    std::optional<LoopbackListener> listener;
    std::optional<ScratchHome> scratch;
    QList<QPointer<ProcessRunner>> runs;
    QString sandboxHelp;
    quint64 generation = 0;
    bool outsideDone = false;
    bool styleDone = false;
    bool running = false;
    bool cancelled = false;

    QStringList probeCommand() const
    {
        return {request.probeProgram, QStringLiteral("probe-dns"), request.host, QStringLiteral("--connect"),
                report.listener.toString(), QStringLiteral("--json")};
    }
    QProcessEnvironment codexEnvironment() const
    {
        return scratchEnvironment(request.codex.environment, scratch->path());
    }
};

SandboxProbeRunner::SandboxProbeRunner(QObject *parent) : QObject(parent), d(std::make_unique<Private>(this)) {}
SandboxProbeRunner::~SandboxProbeRunner() = default;  // the runners are children: they kill and reap what is left

bool SandboxProbeRunner::isRunning() const
{
    return d->running;
}

void SandboxProbeRunner::cancel()
{
    if (!d->running)
        return;
    d->cancelled = true;
    // Each running program reports itself cancelled; the probe finishes from there.
    const auto runs = d->runs;
    for (const QPointer<ProcessRunner> &runner : runs) {
        if (runner && runner->isRunning())
            runner->cancel();
    }
}

void SandboxProbeRunner::Private::run(const QString &program, const QStringList &arguments,
                                      const QProcessEnvironment &environment, int timeoutMs, Handler handler)
{
    auto *runner = new ProcessRunner(q);
    runs.append(runner);
    QObject::connect(runner, &ProcessRunner::finished, q, std::move(handler));
    ProcessSpec spec;
    spec.program = program;
    spec.arguments = arguments;
    spec.environment = environment;
    spec.workingDirectory = scratch->path();
    spec.timeoutMs = timeoutMs;
    runner->start(spec);
}

void SandboxProbeRunner::Private::dropRuns()
{
    for (const QPointer<ProcessRunner> &runner : std::as_const(runs)) {
        if (!runner)
            continue;
        QObject::disconnect(runner, nullptr, q, nullptr);
        runner->cancel();       // kills its tree now; the report goes nowhere
        runner->deleteLater();  // still a child of q until then
    }
    runs.clear();
}

void SandboxProbeRunner::start(const SandboxProbeRequest &request)
{
    d->dropRuns();  // a probe still running is replaced, not reported
    d->request = request;
    d->report = SandboxProbeReport{};
    d->report.host = request.host;
    d->report.settings = request.settings;
    d->running = true;
    d->cancelled = false;
    d->outsideDone = false;
    d->styleDone = false;
    d->sandboxHelp.clear();
    const quint64 generation = ++d->generation;

    auto failEarly = [this, generation](const Error &error) {
        d->report.outside.error = error;
        d->report.inside.error = error;
        QTimer::singleShot(0, this, [this, generation] {
            if (generation == d->generation)
                d->finish();
        });
    };

    Expected<LoopbackListener> listener = LoopbackListener::open();
    if (!listener)
        return failEarly(listener.error());
    d->listener.emplace(std::move(listener).value());
    d->report.listener = d->listener->target();

    Expected<ScratchHome> scratch = ScratchHome::create(request.scratchBase, request.configBytes, request.configExists);
    if (!scratch)
        return failEarly(scratch.error());
    d->scratch.emplace(std::move(scratch).value());

    // Outside and the sandbox-form detection do not depend on each other: run both at once.
    emit progress(QStringLiteral("resolving %1 outside the sandbox").arg(request.host));
    d->runOutside();
    if (request.settings.isFullAccess()) {
        d->report.ranWith = request.settings.describe();
        d->styleDone = true;  // no sandbox: nothing to run inside
        return;
    }
    emit progress(QStringLiteral("asking Codex how it runs a sandboxed command"));
    d->detectStyle();
}

ProbeRun SandboxProbeRunner::Private::runFromOutcome(const ProcessOutcome &outcome, const QStringList &commandLine,
                                                     const QString &where) const
{
    ProbeRun run;
    run.commandLine = commandLine;
    run.exitCode = outcome.exitCode;
    run.stderrText = QString::fromUtf8(outcome.standardError).trimmed();
    auto fail = [&](const QString &message, const QString &hint) {
        run.error = Error{Error::Kind::Process, message, commandLine.value(0), 0, 0, hint};
        return run;
    };
    switch (outcome.status) {
    case ProcessOutcome::Status::Cancelled:
        return fail(QStringLiteral("The probe %1 was cancelled.").arg(where), {});
    case ProcessOutcome::Status::FailedToStart:
        return fail(QStringLiteral("Could not start the probe %1: %2").arg(where, outcome.errorString),
                    QStringLiteral("Check that codex-sandbox-doctor-cli and Codex are installed and executable."));
    case ProcessOutcome::Status::TimedOut:
        return fail(QStringLiteral("The probe %1 did not finish within %2 s; the resolver may be unreachable "
                                   "(offline machine, VPN or firewall).")
                        .arg(where)
                        .arg(request.probeTimeoutMs / 1000),
                    QStringLiteral("Check the network connection, then probe again."));
    case ProcessOutcome::Status::Finished:
    case ProcessOutcome::Status::Crashed:
        break;
    }
    Expected<DnsProbeResult> result = dnsProbeFromJson(outcome.standardOutput);
    if (!result) {
        const QString detail = run.stderrText.isEmpty() ? QString() : QLatin1String(": ") + run.stderrText.left(400);
        return fail(QStringLiteral("The probe %1 printed no result (exit code %2)%3")
                        .arg(where)
                        .arg(outcome.exitCode)
                        .arg(detail),
                    QStringLiteral("The command it ran is shown beside the result; its own message is above."));
    }
    run.ran = true;
    run.result = std::move(result).value();
    return run;
}

void SandboxProbeRunner::Private::runOutside()
{
    const QStringList command = probeCommand();
    run(command.first(), command.mid(1), request.codex.environment, request.probeTimeoutMs, [this, command](const ProcessOutcome &outcome) {
        report.outside = runFromOutcome(outcome, command, QStringLiteral("outside the sandbox"));
        outsideDone = true;
        maybeRunInside();
    });
}

void SandboxProbeRunner::Private::detectStyle()
{
    run(request.codex.program, {QStringLiteral("sandbox"), QStringLiteral("--help")}, codexEnvironment(), request.helpTimeoutMs,
        [this](const ProcessOutcome &outcome) {
            sandboxHelp = QString::fromUtf8(outcome.standardOutput + '\n' + outcome.standardError);
            report.style = detectSandboxStyle(sandboxHelp, {}, request.platform);
            if (report.style)
                return styleKnown();
            if (!cancelled && outcome.started() && request.platform == Platform::MacOS)
                return askDebugHelp();  // the oldest macOS builds had only `codex debug seatbelt`
            styleDone = true;
            maybeRunInside();
        });
}

void SandboxProbeRunner::Private::askDebugHelp()
{
    run(request.codex.program, {QStringLiteral("debug"), QStringLiteral("--help")}, codexEnvironment(), request.helpTimeoutMs,
        [this](const ProcessOutcome &outcome) {
            report.style = detectSandboxStyle(sandboxHelp, QString::fromUtf8(outcome.standardOutput + '\n'
                                                                              + outcome.standardError),
                                              request.platform);
            if (report.style)
                return styleKnown();
            styleDone = true;
            maybeRunInside();
        });
}

void SandboxProbeRunner::Private::styleKnown()
{
    switch (*report.style) {
    case SandboxStyle::Profile:
        report.logDenials = offersLogDenials(sandboxHelp);
        break;
    case SandboxStyle::LegacyMacos:
    case SandboxStyle::DebugSeatbelt:
        if (!cancelled)
            return askFormHelp();  // its own options are in the form's help
        break;
    case SandboxStyle::LegacyLinux:
        break;  // no denial log on Linux
    }
    styleDone = true;
    maybeRunInside();
}

void SandboxProbeRunner::Private::askFormHelp()
{
    const QStringList form = *report.style == SandboxStyle::LegacyMacos
                                 ? QStringList{QStringLiteral("sandbox"), QStringLiteral("macos")}
                                 : QStringList{QStringLiteral("debug"), QStringLiteral("seatbelt")};
    run(request.codex.program, form + QStringList{QStringLiteral("--help")}, codexEnvironment(), request.helpTimeoutMs,
        [this](const ProcessOutcome &outcome) {
            report.logDenials = outcome.finishedNormally() && outcome.exitCode == 0
                                && offersLogDenials(QString::fromUtf8(outcome.standardOutput));
            styleDone = true;
            maybeRunInside();
        });
}

void SandboxProbeRunner::Private::maybeRunInside()
{
    if (!outsideDone || !styleDone)
        return;
    if (request.settings.isFullAccess())
        return finish();  // nothing to run inside: the verdict says so
    if (cancelled) {
        report.inside.error = Error{Error::Kind::Process, QStringLiteral("The probe was cancelled."), {}, 0, 0, {}};
        return finish();
    }
    if (!report.style) {
        report.inside.error = Error{Error::Kind::Process,
                                    QStringLiteral("This Codex cannot run a command in its sandbox "
                                                   "(neither `codex sandbox` nor `codex debug seatbelt` is offered)."),
                                    request.codex.program, 0, 0,
                                    QStringLiteral("Update Codex to probe DNS inside its sandbox.")};
        return finish();
    }
    runInside();
}

void SandboxProbeRunner::Private::runInside()
{
    emit q->progress(QStringLiteral("resolving %1 inside Codex's sandbox").arg(request.host));
    const SandboxInvocation invocation =
        sandboxInvocation(*report.style, request.settings, report.logDenials, scratch->path(), probeCommand());
    report.ranWith = invocation.ranWith;
    const QStringList commandLine = QStringList{request.codex.program} + invocation.arguments;
    qCDebug(lcVerify) << "probe inside:" << commandLine;
    run(request.codex.program, invocation.arguments, codexEnvironment(), request.probeTimeoutMs,
        [this, commandLine](const ProcessOutcome &outcome) {
            report.inside = runFromOutcome(outcome, commandLine, QStringLiteral("inside Codex's sandbox"));
            if (report.logDenials)
                report.denials = parseDenials(QString::fromUtf8(outcome.standardError));
            finish();
        });
}

void SandboxProbeRunner::Private::finish()
{
    if (!running)
        return;
    running = false;
    report.verdict = request.settings.isFullAccess() ? ProbeVerdict::NoSandbox
                                                     : judgeProbe(report.outside, report.inside, request.platform);
    report.summary = summarizeProbe(report, request.platform);
    for (const QPointer<ProcessRunner> &runner : std::as_const(runs)) {
        if (runner)
            runner->deleteLater();  // each has reported; what it still reaps goes with it
    }
    runs.clear();
    listener.reset();
    scratch.reset();
    emit q->finished(report);
}

SandboxProbeReport SandboxProbeRunner::runBlocking(const SandboxProbeRequest &request)
{
    SandboxProbeRunner runner;
    SandboxProbeReport report;
    QEventLoop loop;
    connect(&runner, &SandboxProbeRunner::finished, &loop, [&](const SandboxProbeReport &r) {
        report = r;
        loop.quit();
    });
    runner.start(request);
    if (runner.isRunning())
        loop.exec();
    return report;
}

} // namespace SandboxDoctor
