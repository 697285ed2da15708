#include "clicontext.h"
#include "commands.h"

#include "report/jsonshapes.h"
#include "report/statusreport.h"
#include "verify/doctorrunner.h"
#include "verify/sandboxprobe.h"
#include "verify/verifyinput.h"
#include "verify/verifyjson.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>

namespace SandboxDoctor::Cli {

namespace {

void addOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("proposed"), QStringLiteral("verify: check what apply would write instead of the current file.")},
        {QStringLiteral("probe-dns"),
         QStringLiteral("verify: also resolve HOST outside and inside Codex's sandbox (for example api.openai.com)."),
         QStringLiteral("HOST")},
        {QStringLiteral("scratch-dir"),
         QStringLiteral("verify: where the scratch CODEX_HOME is made (default: the cache folder; not under /tmp)."),
         QStringLiteral("DIR")},
        {QStringLiteral("doctor-wrapper"),
         QStringLiteral("verify: run `codex doctor` under this command, e.g. 'unshare -rn' to keep its network checks "
                        "on this machine."),
         QStringLiteral("CMD")},
    });
}

// The probe runs this very program inside the sandbox; from the GUI it is the
// CLI installed beside the app.
QString probeProgram()
{
    const QString self = QCoreApplication::applicationFilePath();
    if (QFileInfo(self).completeBaseName() == QLatin1String("codex-sandbox-doctor-cli"))
        return self;
#ifdef Q_OS_WIN
    const QString sibling = QCoreApplication::applicationDirPath() + QLatin1String("/codex-sandbox-doctor-cli.exe");
#else
    const QString sibling = QCoreApplication::applicationDirPath() + QLatin1String("/codex-sandbox-doctor-cli");
#endif
    return QFileInfo::exists(sibling) ? sibling : self;
}

QString yesNo(const std::optional<bool> &value)
{
    return value ? (*value ? QStringLiteral("yes") : QStringLiteral("NO")) : QStringLiteral("unknown");
}

QString orUnknown(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("(not reported)") : text;
}

void printVerify(QTextStream &out, const VerifyResult &result)
{
    out << "Codex says (" << (result.proposed ? "proposed" : "current") << " config";
    if (!result.codexVersion.isEmpty())
        out << ", Codex " << result.codexVersion;
    out << "):\n";
    switch (result.outcome) {
    case VerifyResult::Outcome::Failed:
        out << "  could not ask Codex: " << (result.error ? result.error->toText() : result.note) << "\n";
        return;
    case VerifyResult::Outcome::NoDoctor:
        out << "  " << result.note << "\n";
        if (result.fallback) {
            out << "  this app's analysis: block " << blockStateName(result.fallback->block) << "\n";
            if (result.fallback->invalid)
                out << "    " << result.fallback->invalid->toText() << "\n";
            for (const Finding &finding : result.fallback->findings) {
                out << "    " << severityName(finding.severity) << " " << finding.code;
                if (finding.line > 0)
                    out << " (line " << finding.line << ")";
                out << ": " << finding.message << "\n";
            }
        }
        return;
    case VerifyResult::Outcome::Answered:
        break;
    }
    out << "  config loads:       " << yesNo(result.configLoads);
    if (result.configLoads == std::optional<bool>(false)) {
        out << " — " << orUnknown(result.configMessage);
        if (result.configLine > 0)
            out << " at line " << result.configLine;
        if (result.configColumn > 0)
            out << ", column " << result.configColumn;
        if (!result.configRemediation.isEmpty())
            out << "\n    " << result.configRemediation;
    }
    out << "\n";
    if (result.configLoads != std::optional<bool>(false)) {
        out << "  filesystem sandbox: " << orUnknown(result.sandbox.filesystem) << " (policy expects "
            << result.expected.filesystem << ")\n";
        out << "  network sandbox:    " << orUnknown(result.sandbox.network) << " (policy expects "
            << result.expected.network << ")\n";
    }
    switch (result.match) {
    case PolicyMatch::Matches: out << "  verdict: Codex enforces what the policy asks for.\n"; break;
    case PolicyMatch::Differs:
        out << "  verdict: Codex would NOT enforce what the policy asks for.\n";
        if (!result.proposed)
            out << "  Run `apply` to write the managed block; `verify --proposed` checks what it would write.\n";
        break;
    case PolicyMatch::Unknown: out << "  verdict: unknown — " << result.note << "\n"; break;
    }
}

QString resolveCell(const ProbeRun &run)
{
    if (!run.ran)
        return QStringLiteral("no result");
    if (run.result.resolve == DnsProbeResult::Resolve::Resolved)
        return QStringLiteral("resolved: ") + run.result.addresses.join(QLatin1String(", "));
    return resolveName(run.result.resolve) + QLatin1String(" (") + run.result.resolveMessage + QLatin1Char(')');
}

QString connectCell(const ProbeRun &run)
{
    if (!run.ran)
        return QStringLiteral("no result");
    if (run.result.connect == DnsProbeResult::Connect::Connected || run.result.connect == DnsProbeResult::Connect::NotTried)
        return connectName(run.result.connect);
    return connectName(run.result.connect) + QLatin1String(" (") + run.result.connectMessage + QLatin1Char(')');
}

QString insideCell(const SandboxProbeReport &report, QString (*cell)(const ProbeRun &))
{
    if (report.verdict == ProbeVerdict::NoSandbox)
        return QStringLiteral("no sandbox: not run");
    return cell(report.inside);
}

void printProbe(QTextStream &out, const SandboxProbeReport &report)
{
    out << "\nDNS probe for " << report.host;
    if (report.style)
        out << " (codex sandbox form: " << sandboxStyleName(*report.style) << ")";
    out << ":\n";
    out << "  inside runs with: " << (report.ranWith.isEmpty() ? report.settings.describe() : report.ranWith) << "\n";
    const int width = 38;
    out << "  " << QStringLiteral("").leftJustified(8) << QStringLiteral("outside").leftJustified(width)
        << "inside Codex's sandbox\n";
    out << "  " << QStringLiteral("resolve").leftJustified(8) << resolveCell(report.outside).leftJustified(width) << " "
        << insideCell(report, resolveCell) << "\n";
    out << "  " << QStringLiteral("socket").leftJustified(8) << connectCell(report.outside).leftJustified(width) << " "
        << insideCell(report, connectCell) << "\n";
    for (const ProbeRun *run : {&report.outside, &report.inside}) {
        if (run->error)
            out << "  " << run->error->toText() << "\n";
    }
    if (report.logDenials) {
        out << "  sandbox denials (--log-denials):";
        if (report.denials.isEmpty())
            out << " none\n";
        else
            out << "\n    " << report.denials.join(QLatin1String("\n    ")) << "\n";
    }
    out << "  " << report.summary << "\n";
}

int run(CliContext &context, const QCommandLineParser &parser)
{
    const Diagnosis diagnosis = context.diagnoseHome();
    if (!diagnosis.config)
        return context.fail(diagnosis.config.error());
    if (!diagnosis.codex.chosen || diagnosis.codex.chosen->path.isEmpty()) {
        Error error = diagnosis.codex.error.value_or(Error{});
        error.kind = Error::Kind::NotFound;
        if (error.message.isEmpty())
            error.message = QStringLiteral("No Codex CLI was found to verify with.");
        if (error.hint.isEmpty())
            error.hint = QStringLiteral("Install Codex, or give its path with --codex.");
        return context.fail(error);
    }
    const CodexInstall &codex = *diagnosis.codex.chosen;

    const bool proposed = parser.isSet(QStringLiteral("proposed"));
    Expected<VerifyInput> input = verifyInputFor(*diagnosis.config, diagnosis.policy, proposed);
    if (!input)
        return context.fail(input.error());

    CodexCommand command;
    command.program = codex.program();
    command.environment = context.environment();
    const QString wrapper = parser.value(QStringLiteral("doctor-wrapper")).trimmed();
    if (!wrapper.isEmpty())
        command.wrapper = QProcess::splitCommand(wrapper);

    VerifyRequest request;
    request.codex = command;
    request.configBytes = input->bytes;
    request.configExists = input->exists;
    request.proposed = proposed;
    request.policy = diagnosis.policy;
    request.scratchBase = parser.value(QStringLiteral("scratch-dir"));

    // doctor and the probe do not depend on each other: run both at once.
    QEventLoop loop;
    int pending = 0;
    VerifyResult verify;
    std::optional<SandboxProbeReport> probe;

    DoctorRunner doctor;
    QObject::connect(&doctor, &DoctorRunner::finished, &loop, [&](const VerifyResult &result) {
        verify = result;
        if (--pending == 0)
            loop.quit();
    });
    SandboxProbeRunner prober;
    QObject::connect(&prober, &SandboxProbeRunner::finished, &loop, [&](const SandboxProbeReport &report) {
        probe = report;
        if (--pending == 0)
            loop.quit();
    });

    ++pending;
    doctor.start(request);
    if (parser.isSet(QStringLiteral("probe-dns"))) {
        SandboxProbeRequest probeRequest;
        probeRequest.codex = CodexCommand{command.program, {}, context.environment()};
        probeRequest.probeProgram = probeProgram();
        probeRequest.host = parser.value(QStringLiteral("probe-dns"));
        probeRequest.configBytes = input->bytes;
        probeRequest.configExists = input->exists;
        // The sandbox the config under test (current or proposed) gives the agent.
        probeRequest.settings = probeSettingsFor(input->bytes, input->exists, diagnosis.codexVersion);
        probeRequest.platform = hostPlatform();  // the sandbox that runs is this machine's
        probeRequest.scratchBase = request.scratchBase;
        ++pending;
        prober.start(probeRequest);
    }
    loop.exec();

    const bool probeFoundBug = probe && probe->verdict == ProbeVerdict::MacosDnsBug
                               && hostPlatform() == Platform::MacOS;
    const int code = verify.severity() == Severity::Error || probeFoundBug ? 1 : 0;

    if (context.json()) {
        // The shared shapes of `status --json`, plus what only verify knows.
        // verify runs this install: its own version, not a --codex-version given for the policy.
        QJsonObject codexJson = codexToJson(diagnosis.codex, codex.version);
        codexJson.insert(QStringLiteral("asked"), command.program);
        QJsonObject configJson = statusConfigToJson(diagnosis);
        configJson.insert(QStringLiteral("proposed"), proposed);
        QJsonObject root{
            {QStringLiteral("codex"), codexJson},
            {QStringLiteral("config"), configJson},
            {QStringLiteral("policy"), policyToJson(diagnosis.policy, diagnosis.platform.platform,
                                                    diagnosis.presetChosen, diagnosis.policyChoice.toText())},
            {QStringLiteral("verify"), verifyResultToJson(verify)},
            {QStringLiteral("probe"), probe ? QJsonValue(probeReportToJson(*probe)) : QJsonValue()},
        };
        context.out() << QJsonDocument(root).toJson(QJsonDocument::Indented);
        return code;
    }

    QTextStream &out = context.out();
    out << "Codex:  " << codex.path;
    if (codex.version)
        out << " (" << codex.version->toString() << ")";
    out << "\nConfig: " << diagnosis.config->path << (diagnosis.config->exists ? "" : " (missing)")
        << (proposed ? ", as apply would write it" : "") << "\n";
    out << "Policy: " << sandboxModeName(diagnosis.policy.mode);
    if (diagnosis.policy.mode == SandboxMode::WorkspaceWrite)
        out << (diagnosis.policy.networkAccess ? " with network access" : " without network access");
    out << " — " << diagnosis.policy.reason << "\n\n";
    printVerify(out, verify);
    if (probe)
        printProbe(out, *probe);
    return code;
}

} // namespace

Command verifyCommand()
{
    return {QStringLiteral("verify"),
            QStringLiteral("Ask the real Codex (codex doctor) what it makes of the current or proposed config."),
            addOptions, run};
}

} // namespace SandboxDoctor::Cli
