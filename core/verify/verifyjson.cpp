#include "verify/verifyjson.h"

#include "report/jsonshapes.h"

#include <QJsonArray>

namespace SandboxDoctor {

namespace {

QJsonValue nullable(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

// errorToJson() (report/jsonshapes.h), or null when there was none.
QJsonValue errorJson(const std::optional<Error> &error)
{
    return error ? QJsonValue(errorToJson(*error)) : QJsonValue();
}

QJsonObject sandboxJson(const SandboxReport &report)
{
    return {{QStringLiteral("filesystem"), nullable(report.filesystem)},
            {QStringLiteral("network"), nullable(report.network)}};
}

QJsonObject runJson(const ProbeRun &run)
{
    QJsonObject object{
        {QStringLiteral("ran"), run.ran},
        {QStringLiteral("command"), QJsonArray::fromStringList(run.commandLine)},
        {QStringLiteral("exit_code"), run.exitCode},
        {QStringLiteral("error"), errorJson(run.error)},
    };
    if (run.ran)
        object.insert(QStringLiteral("result"), dnsProbeToJson(run.result));
    else
        object.insert(QStringLiteral("result"), QJsonValue());
    if (!run.stderrText.isEmpty())
        object.insert(QStringLiteral("stderr"), run.stderrText);
    return object;
}

} // namespace

QJsonObject verifyResultToJson(const VerifyResult &result)
{
    QJsonObject config{
        {QStringLiteral("loads"), result.configLoads ? QJsonValue(*result.configLoads) : QJsonValue()},
        {QStringLiteral("message"), nullable(result.configMessage)},
        {QStringLiteral("line"), result.configLine > 0 ? QJsonValue(result.configLine) : QJsonValue()},
        {QStringLiteral("column"), result.configColumn > 0 ? QJsonValue(result.configColumn) : QJsonValue()},
        {QStringLiteral("remediation"), nullable(result.configRemediation)},
    };
    QJsonObject object{
        {QStringLiteral("outcome"), outcomeName(result.outcome)},
        {QStringLiteral("proposed"), result.proposed},
        {QStringLiteral("codex_version"), nullable(result.codexVersion)},
        {QStringLiteral("config"), config},
        {QStringLiteral("sandbox"), sandboxJson(result.sandbox)},
        {QStringLiteral("expected"), sandboxJson(result.expected)},
        {QStringLiteral("match"), policyMatchName(result.match)},
        {QStringLiteral("severity"), severityName(result.severity())},
        {QStringLiteral("note"), nullable(result.note)},
        {QStringLiteral("error"), errorJson(result.error)},
        {QStringLiteral("exit_code"), result.exitCode},
        {QStringLiteral("elapsed_ms"), static_cast<double>(result.elapsedMs)},
        {QStringLiteral("overrides"), QJsonArray::fromStringList(result.overrides)},
    };
    if (result.fallback) {
        object.insert(QStringLiteral("fallback"),
                      QJsonObject{{QStringLiteral("block"), blockStateName(result.fallback->block)},
                                  {QStringLiteral("invalid"), errorJson(result.fallback->invalid)},
                                  {QStringLiteral("findings"), findingsToJson(result.fallback->findings)}});
    }
    return object;
}

QJsonObject sandboxSettingsToJson(const SandboxSettings &settings)
{
    const bool profile = settings.usesProfile();
    const bool workspace = !profile && settings.mode == SandboxMode::WorkspaceWrite;
    return QJsonObject{
        {QStringLiteral("describe"), settings.describe()},
        {QStringLiteral("permission_profile"), profile ? QJsonValue(settings.permissionProfile) : QJsonValue()},
        {QStringLiteral("sandbox_mode"), profile ? QJsonValue() : QJsonValue(sandboxModeName(settings.mode))},
        {QStringLiteral("network_access"), workspace ? QJsonValue(settings.networkAccess) : QJsonValue()},
        {QStringLiteral("full_access"), settings.isFullAccess()},
        {QStringLiteral("options"), QJsonArray::fromStringList(settings.codexSandboxOptions())},
    };
}

QJsonObject probeReportToJson(const SandboxProbeReport &report)
{
    return QJsonObject{
        {QStringLiteral("host"), report.host},
        {QStringLiteral("style"), report.style ? QJsonValue(sandboxStyleName(*report.style)) : QJsonValue()},
        {QStringLiteral("profile"), report.settings.usesProfile() ? QJsonValue(report.settings.permissionProfile)
                                                                 : QJsonValue()},
        {QStringLiteral("settings"), sandboxSettingsToJson(report.settings)},
        {QStringLiteral("ran_with"), nullable(report.ranWith)},
        {QStringLiteral("log_denials"), report.logDenials},
        {QStringLiteral("denials"), QJsonArray::fromStringList(report.denials)},
        {QStringLiteral("listener"), report.listener.port ? QJsonValue(report.listener.toString()) : QJsonValue()},
        {QStringLiteral("outside"), runJson(report.outside)},
        {QStringLiteral("inside"), runJson(report.inside)},
        {QStringLiteral("verdict"), probeVerdictName(report.verdict)},
        {QStringLiteral("summary"), report.summary},
    };
}

} // namespace SandboxDoctor
