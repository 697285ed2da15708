#include "verify/sandboxprobe.h"

#include "common/logging.h"
#include "verify/loopbacklistener.h"
#include "verify/processargs.h"
#include "verify/processjob.h"
#include "verify/scratchhome.h"

#include <QEventLoop>
#include <QTimer>

namespace SandboxDoctor {

QString probeVerdictName(ProbeVerdict verdict)
{
    switch (verdict) {
    case ProbeVerdict::MacosDnsBug: return QStringLiteral("macos-dns-bug");
    case ProbeVerdict::SandboxBlocksNetwork: return QStringLiteral("sandbox-blocks-network");
    case ProbeVerdict::SameBothSides: return QStringLiteral("same-both-sides");
    case ProbeVerdict::Offline: return QStringLiteral("offline");
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

QString summarizeProbe(const SandboxProbeReport &report, Platform platform)
{
    const QString host = report.host;
    switch (report.verdict) {
    case ProbeVerdict::MacosDnsBug:
        if (platform == Platform::MacOS) {
            return QStringLiteral("%1 resolves outside but not inside Codex's sandbox: this is the fingerprint of the "
                                  "macOS sandbox bug (openai/codex#10390), where network_access = true is ignored. "
                                  "Apply the managed block with danger-full-access until a fixed Codex ships.")
                .arg(host);
        }
        return QStringLiteral("%1 resolves outside but not inside Codex's sandbox (resolves outside, blocked inside). "
                              "On macOS that is the fingerprint of openai/codex#10390; here it means the sandbox's "
                              "network is off for this profile.")
            .arg(host);
    case ProbeVerdict::SandboxBlocksNetwork:
        return QStringLiteral("%1 resolves on both sides, but inside Codex's sandbox a socket cannot be opened (%2): "
                              "the sandbox's network is off for profile %3.")
            .arg(host, report.inside.result.connectMessage, report.profile);
    case ProbeVerdict::SameBothSides:
        return QStringLiteral("Inside Codex's sandbox the lookup of %1 and a loopback connection behave as outside: "
                              "the sandbox lets the network through.")
            .arg(host);
    case ProbeVerdict::Offline:
        return QStringLiteral("%1 does not resolve even outside the sandbox (%2): this machine is offline or its "
                              "resolver cannot reach the name, so the sandbox cannot be judged. Check the network, "
                              "or probe a name that resolves here.")
            .arg(host, report.outside.result.resolveMessage);
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

    void runOutside();
    void detectStyle();
    void askDebugHelp();
    void maybeRunInside();
    void runInside();
    void finish();
    ProbeRun runFromOutcome(const ProcessOutcome &outcome, const QStringList &commandLine, const QString &where) const;

    SandboxProbeRunner *q;
    SandboxProbeRequest request;
    SandboxProbeReport report;
    std::optional<LoopbackListener> listener;
    std::optional<ScratchHome> scratch;
    ProcessJob *outsideJob = nullptr;
    ProcessJob *helpJob = nullptr;
    ProcessJob *insideJob = nullptr;
    QString sandboxHelp;
    bool outsideDone = false;
    bool styleDone = false;
    bool running = false;
    bool cancelled = false;

    QStringList probeCommand() const
    {
        return {request.probeProgram, QStringLiteral("probe-dns"), request.host, QStringLiteral("--connect"),
                report.listener.toString(), QStringLiteral("--json")};
    }
};

SandboxProbeRunner::SandboxProbeRunner(QObject *parent) : QObject(parent), d(std::make_unique<Private>(this)) {}
SandboxProbeRunner::~SandboxProbeRunner() = default;

bool SandboxProbeRunner::isRunning() const
{
    return d->running;
}

void SandboxProbeRunner::cancel()
{
    if (!d->running)
        return;
    d->cancelled = true;
    for (ProcessJob *job : {d->outsideJob, d->helpJob, d->insideJob}) {
        if (job && job->isRunning())
            job->cancel();
    }
}

void SandboxProbeRunner::start(const SandboxProbeRequest &request)
{
    if (d->running)
        cancel();
    d->request = request;
    d->report = SandboxProbeReport{};
    d->report.host = request.host;
    d->report.profile = request.profileOverride.value_or(permissionProfileFor(request.policy));
    d->running = true;
    d->cancelled = false;
    d->outsideDone = false;
    d->styleDone = false;
    d->sandboxHelp.clear();

    auto failEarly = [this](const Error &error) {
        d->report.outside.error = error;
        d->report.inside.error = error;
        QTimer::singleShot(0, this, [this] { d->finish(); });
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
    emit progress(QStringLiteral("asking Codex how it runs a sandboxed command"));
    d->detectStyle();
}

ProbeRun SandboxProbeRunner::Private::runFromOutcome(const ProcessOutcome &outcome, const QStringList &commandLine,
                                                     const QString &where) const
{
    ProbeRun run;
    run.commandLine = commandLine;
    run.exitCode = outcome.exitCode;
    run.stderrText = QString::fromUtf8(outcome.err).trimmed();
    auto fail = [&](const QString &message, const QString &hint) {
        run.error = Error{Error::Kind::Process, message, commandLine.value(0), 0, 0, hint};
        return run;
    };
    if (outcome.cancelled)
        return fail(QStringLiteral("The probe %1 was cancelled.").arg(where), {});
    if (!outcome.started) {
        return fail(QStringLiteral("Could not start the probe %1: %2").arg(where, outcome.errorString),
                    QStringLiteral("Check that codex-sandbox-doctor-cli and Codex are installed and executable."));
    }
    if (outcome.timedOut) {
        return fail(QStringLiteral("The probe %1 did not finish within %2 s; the resolver may be unreachable "
                                   "(offline machine, VPN or firewall).")
                        .arg(where)
                        .arg(request.probeTimeoutMs / 1000),
                    QStringLiteral("Check the network connection, then probe again."));
    }
    Expected<DnsProbeResult> result = dnsProbeFromJson(outcome.out);
    if (!result) {
        const QString detail = run.stderrText.isEmpty() ? QString() : QLatin1String(": ") + run.stderrText.left(400);
        return fail(QStringLiteral("The probe %1 printed no result (exit code %2)%3")
                        .arg(where)
                        .arg(outcome.exitCode)
                        .arg(detail),
                    QStringLiteral("Run the command line shown here in a terminal to see what happens."));
    }
    run.ran = true;
    run.result = std::move(result).value();
    return run;
}

void SandboxProbeRunner::Private::runOutside()
{
    outsideJob = new ProcessJob(q);
    const QStringList command = probeCommand();
    QObject::connect(outsideJob, &ProcessJob::done, q, [this, command](const ProcessOutcome &outcome) {
        report.outside = runFromOutcome(outcome, command, QStringLiteral("outside the sandbox"));
        outsideDone = true;
        maybeRunInside();
    });
    outsideJob->start(command.first(), command.mid(1), QProcessEnvironment::systemEnvironment(), scratch->path(),
                      request.probeTimeoutMs);
}

void SandboxProbeRunner::Private::detectStyle()
{
    helpJob = new ProcessJob(q);
    QObject::connect(helpJob, &ProcessJob::done, q, [this](const ProcessOutcome &outcome) {
        sandboxHelp = QString::fromUtf8(outcome.out + '\n' + outcome.err);
        report.style = detectSandboxStyle(sandboxHelp, {}, request.platform);
        if (report.style || cancelled || !outcome.started || request.platform != Platform::MacOS) {
            styleDone = true;
            maybeRunInside();
            return;
        }
        askDebugHelp();  // the oldest macOS builds had only `codex debug seatbelt`
    });
    helpJob->start(request.codex.program, {QStringLiteral("sandbox"), QStringLiteral("--help")},
                   scratchEnvironment(request.codex.environment, scratch->path()), scratch->path(),
                   request.helpTimeoutMs);
}

void SandboxProbeRunner::Private::askDebugHelp()
{
    auto *job = new ProcessJob(q);
    helpJob = job;
    QObject::connect(job, &ProcessJob::done, q, [this](const ProcessOutcome &outcome) {
        report.style = detectSandboxStyle(sandboxHelp, QString::fromUtf8(outcome.out + '\n' + outcome.err),
                                          request.platform);
        styleDone = true;
        maybeRunInside();
    });
    job->start(request.codex.program, {QStringLiteral("debug"), QStringLiteral("--help")},
               scratchEnvironment(request.codex.environment, scratch->path()), scratch->path(), request.helpTimeoutMs);
}

void SandboxProbeRunner::Private::maybeRunInside()
{
    if (!outsideDone || !styleDone)
        return;
    if (cancelled) {
        report.inside.error = Error{Error::Kind::Process, QStringLiteral("The probe was cancelled."), {}, 0, 0, {}};
        finish();
        return;
    }
    if (!report.style) {
        report.inside.error = Error{Error::Kind::Process,
                                    QStringLiteral("This Codex cannot run a command in its sandbox "
                                                   "(neither `codex sandbox` nor `codex debug seatbelt` is offered)."),
                                    request.codex.program, 0, 0,
                                    QStringLiteral("Update Codex to probe DNS inside its sandbox.")};
        finish();
        return;
    }
    runInside();
}

void SandboxProbeRunner::Private::runInside()
{
    emit q->progress(QStringLiteral("resolving %1 inside Codex's sandbox").arg(request.host));
    const QStringList arguments = sandboxArguments(*report.style, report.profile, scratch->path(), probeCommand());
    const QStringList commandLine = QStringList{request.codex.program} + arguments;
    insideJob = new ProcessJob(q);
    QObject::connect(insideJob, &ProcessJob::done, q, [this, commandLine](const ProcessOutcome &outcome) {
        report.inside = runFromOutcome(outcome, commandLine, QStringLiteral("inside Codex's sandbox"));
        finish();
    });
    qCDebug(lcVerify) << "probe inside:" << commandLine;
    insideJob->start(request.codex.program, arguments, scratchEnvironment(request.codex.environment, scratch->path()),
                     scratch->path(), request.probeTimeoutMs);
}

void SandboxProbeRunner::Private::finish()
{
    if (!running)
        return;
    running = false;
    report.verdict = judgeProbe(report.outside, report.inside, request.platform);
    report.summary = summarizeProbe(report, request.platform);
    for (ProcessJob **job : {&outsideJob, &helpJob, &insideJob}) {
        if (*job) {
            (*job)->deleteLater();
            *job = nullptr;
        }
    }
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
