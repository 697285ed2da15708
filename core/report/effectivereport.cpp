#include "report/effectivereport.h"

#include <QJsonArray>

namespace SandboxDoctor {

namespace {

QJsonValue settingJson(const ConfigSetting &setting)
{
    if (!setting.isSet())
        return QJsonValue(QJsonValue::Null);
    return QJsonObject{{QStringLiteral("key"), setting.key},
                       {QStringLiteral("value"), setting.value},
                       {QStringLiteral("line"), setting.line > 0 ? QJsonValue(setting.line) : QJsonValue()}};
}

QJsonValue refusalJson(const std::optional<CodexRefusal> &refusal)
{
    if (!refusal)
        return QJsonValue(QJsonValue::Null);
    return QJsonObject{{QStringLiteral("message"), refusal->message},
                       {QStringLiteral("in"), refusal->key.isEmpty() ? QJsonValue() : QJsonValue(refusal->key)},
                       {QStringLiteral("key"), refusal->about.isEmpty() ? QJsonValue() : QJsonValue(refusal->about)},
                       {QStringLiteral("line"), refusal->line > 0 ? QJsonValue(refusal->line) : QJsonValue()},
                       {QStringLiteral("codex_wording"), refusal->codexWording}};
}

QJsonArray chainJson(const QList<PermissionProfileLink> &chain)
{
    QJsonArray out;
    for (const PermissionProfileLink &link : chain) {
        out.append(QJsonObject{{QStringLiteral("name"), link.name},
                               {QStringLiteral("line"), link.line > 0 ? QJsonValue(link.line) : QJsonValue()},
                               {QStringLiteral("extends"), settingJson(link.extends)},
                               {QStringLiteral("network_enabled"), settingJson(link.network)}});
    }
    return out;
}

QJsonArray ignoredJson(const QList<IgnoredSetting> &ignored)
{
    QJsonArray out;
    for (const IgnoredSetting &item : ignored) {
        QJsonObject object = settingJson(item.setting).toObject();
        object.insert(QStringLiteral("reason"), item.reason);
        out.append(object);
    }
    return out;
}

QJsonValue nullWhen(bool isNull, const QString &text)
{
    return isNull ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

QJsonObject effectiveToJson(const ConfigAnalysis &analysis)
{
    return effectiveToJson(analysis.effective, analysis.effectiveMatchesPolicy);
}

QJsonObject effectiveToJson(const EffectiveSandbox &e, bool matchesPolicy)
{
    const bool refused = !e.runs();
    return QJsonObject{
        {QStringLiteral("runs"), e.runs()},
        {QStringLiteral("filesystem"), nullWhen(refused, filesystemSandboxName(e.filesystem))},
        {QStringLiteral("network"), nullWhen(refused, networkSandboxName(e.network))},
        {QStringLiteral("mode"), nullWhen(refused, sandboxModeName(e.mode))},
        {QStringLiteral("matches_policy"), matchesPolicy},
        {QStringLiteral("decided_by"), nullWhen(refused, sandboxDeciderName(e.decider))},
        {QStringLiteral("setting"), settingJson(e.decidedBy)},
        {QStringLiteral("network_setting"), settingJson(e.networkSetting)},
        {QStringLiteral("profile_chain"), chainJson(e.profileChain)},
        {QStringLiteral("ignored"), ignoredJson(e.ignored)},
        {QStringLiteral("project_dependent"), e.projectDependent},
        {QStringLiteral("sandbox_options"),
         refused ? QJsonValue(QJsonValue::Null) : QJsonValue(QJsonArray::fromStringList(e.settings.codexSandboxOptions()))},
        {QStringLiteral("refused"), refusalJson(e.refusal)},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(e.warnings)},
        {QStringLiteral("text"), e.sentence()},
        {QStringLiteral("rules_version"), e.rulesVersion.toString()},
        {QStringLiteral("may_differ"), e.mayDiffer},
        {QStringLiteral("version_note"), nullWhen(e.versionNote.isEmpty(), e.versionNote)},
    };
}

QStringList effectiveToText(const ConfigAnalysis &analysis)
{
    return effectiveToText(analysis.effective, analysis.effectiveMatchesPolicy);
}

QStringList effectiveToText(const EffectiveSandbox &e, bool matchesPolicy)
{
    QStringList lines{e.sentence()};
    if (e.runs())
        lines << (matchesPolicy ? QStringLiteral("That is the policy's sandbox.")
                                                  : QStringLiteral("That is not the policy's sandbox."));
    if (e.projectDependent)
        lines << QStringLiteral("Inside a project for which config.toml records a trust decision, Codex defaults "
                                "to workspace-write instead (and then reads network_access).");
    for (const QString &warning : e.warnings)
        lines << QStringLiteral("Codex warns: ") + warning;
    if (!e.versionNote.isEmpty())
        lines << e.versionNote;
    return lines;
}

} // namespace SandboxDoctor
