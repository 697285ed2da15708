#include "report/jsonshapes.h"

#include "common/policycost.h"
#include "common/policypreset.h"

namespace SandboxDoctor {

QJsonValue jsonStringOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonValue jsonLineOrNull(int line)
{
    return line > 0 ? QJsonValue(line) : QJsonValue(QJsonValue::Null);
}

QJsonObject findingToJson(const Finding &finding)
{
    return QJsonObject{{QStringLiteral("code"), finding.code},
                       {QStringLiteral("severity"), severityName(finding.severity)},
                       {QStringLiteral("message"), finding.message},
                       {QStringLiteral("line"), jsonLineOrNull(finding.line)},
                       {QStringLiteral("fix"), jsonStringOrNull(finding.fix)}};
}

QJsonArray findingsToJson(const QList<Finding> &findings)
{
    QJsonArray array;
    for (const Finding &finding : findings)
        array.append(findingToJson(finding));
    return array;
}

QString errorKindName(Error::Kind kind)
{
    switch (kind) {
    case Error::Kind::Usage: return QStringLiteral("usage");
    case Error::Kind::Refused: return QStringLiteral("refused");
    case Error::Kind::Io: return QStringLiteral("io");
    case Error::Kind::NotFound: return QStringLiteral("not-found");
    case Error::Kind::Process: return QStringLiteral("process");
    }
    return QStringLiteral("refused");
}

QJsonObject errorToJson(const Error &error)
{
    return QJsonObject{{QStringLiteral("kind"), errorKindName(error.kind)},
                       {QStringLiteral("message"), error.message},
                       {QStringLiteral("path"), jsonStringOrNull(error.path)},
                       {QStringLiteral("line"), jsonLineOrNull(error.line)},
                       {QStringLiteral("column"), jsonLineOrNull(error.column)},
                       {QStringLiteral("hint"), jsonStringOrNull(error.hint)}};
}

QJsonObject failureToJson(const Error &error)
{
    return QJsonObject{{QStringLiteral("error"), errorToJson(error)},
                       {QStringLiteral("exit_code"), error.exitCode()}};
}

QJsonObject policyToJson(const SandboxPolicy &policy, Platform platform, bool presetChosen, const QString &customText)
{
    QJsonObject object{{QStringLiteral("platform"), platformName(platform)},
                       {QStringLiteral("mode"), sandboxModeName(policy.mode)},
                       {QStringLiteral("network_access"),
                        policy.mode == SandboxMode::WorkspaceWrite && policy.networkAccess},
                       {QStringLiteral("reason"), policy.reason},
                       {QStringLiteral("hint"), policy.hint},
                       {QStringLiteral("cost"), jsonStringOrNull(policyCost(policy, platform))},
                       {QStringLiteral("preset"), policyPresetName(policy.preset)},
                       {QStringLiteral("preset_source"),
                        presetChosen ? QStringLiteral("chosen") : QStringLiteral("default")}};
    if (policy.preset == PolicyPreset::Custom && !customText.isEmpty())
        object.insert(QStringLiteral("custom"), customText);
    return object;
}

namespace {

QJsonValue versionOrNull(const std::optional<Version> &version)
{
    return version ? QJsonValue(version->toString()) : QJsonValue(QJsonValue::Null);
}

} // namespace

QString codexErrorText(const CodexDetection &detection)
{
    if (detection.chosen && detection.chosen->error)
        return detection.chosen->error->message;
    if (!detection.chosen && detection.error)
        return detection.error->message;
    if (!detection.chosen)
        return QStringLiteral("Codex was not found.");
    return {};
}

QJsonObject codexToJson(const CodexDetection &detection, const std::optional<Version> &version)
{
    const std::optional<CodexInstall> &chosen = detection.chosen;
    QJsonArray installs;
    for (const CodexInstall &install : detection.installs) {
        installs.append(QJsonObject{{QStringLiteral("path"), jsonStringOrNull(install.path)},
                                    {QStringLiteral("version"), versionOrNull(install.version)},
                                    {QStringLiteral("source"), codexSourceName(install.source)}});
    }
    return QJsonObject{
        {QStringLiteral("path"), chosen ? jsonStringOrNull(chosen->path) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("version"), versionOrNull(version)},
        {QStringLiteral("raw"), chosen ? jsonStringOrNull(chosen->raw) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("source"), chosen ? QJsonValue(codexSourceName(chosen->source)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("error"), jsonStringOrNull(codexErrorText(detection))},
        {QStringLiteral("installs"), installs}};
}

QJsonObject otherFileToJson(const OtherFileEdit &file)
{
    return QJsonObject{{QStringLiteral("name"), file.name},
                       {QStringLiteral("path"), file.path},
                       {QStringLiteral("existed"), file.exists},
                       {QStringLiteral("changed"), file.changed()}};
}

} // namespace SandboxDoctor
