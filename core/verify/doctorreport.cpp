#include "verify/doctorreport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

namespace SandboxDoctor {

namespace {

// doctor prints details as strings ("4"); accept numbers too, in case a later
// schema version types them.
int intOf(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toInt();
    bool ok = false;
    const int number = value.toString().trimmed().toInt(&ok);
    return ok ? number : 0;
}

QString textOf(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toDouble());
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return {};
}

// The outermost {...} of the output: Windows shims and wrappers may print a
// line before it.
std::optional<QJsonObject> findJsonObject(const QByteArray &bytes)
{
    const qsizetype first = bytes.indexOf('{');
    const qsizetype last = bytes.lastIndexOf('}');
    if (first < 0 || last <= first)
        return std::nullopt;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes.mid(first, last - first + 1), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

} // namespace

Expected<DoctorReport> parseDoctorJson(const QByteArray &stdoutBytes)
{
    const std::optional<QJsonObject> root = findJsonObject(stdoutBytes);
    if (!root || !root->value(QLatin1String("checks")).isObject()) {
        return Error{Error::Kind::Process, QStringLiteral("Codex did not print a doctor report (no JSON object with \"checks\")."),
                     {}, 0, 0, QStringLiteral("This Codex may be too old for `codex doctor --json`; update Codex.")};
    }

    DoctorReport report;
    report.codexVersion = root->value(QLatin1String("codexVersion")).toString();
    report.overallStatus = root->value(QLatin1String("overallStatus")).toString();

    const QJsonObject checks = root->value(QLatin1String("checks")).toObject();
    const QJsonObject load = checks.value(QLatin1String("config.load")).toObject();
    if (!load.isEmpty()) {
        const QString status = load.value(QLatin1String("status")).toString();
        if (status == QLatin1String("ok") || status == QLatin1String("warning"))
            report.configLoads = true;
        else if (status == QLatin1String("fail") || status == QLatin1String("error"))
            report.configLoads = false;
        const QJsonObject details = load.value(QLatin1String("details")).toObject();
        if (report.configLoads == std::optional<bool>(false)) {
            report.configMessage = textOf(details.value(QLatin1String("error")));
            if (report.configMessage.isEmpty())
                report.configMessage = load.value(QLatin1String("summary")).toString();
        }
        report.configFile = textOf(details.value(QLatin1String("file")));
        report.configLine = intOf(details.value(QLatin1String("line")));
        report.configColumn = intOf(details.value(QLatin1String("column")));
        report.configRemediation = textOf(load.value(QLatin1String("remediation")));
    }

    const QJsonObject helpers = checks.value(QLatin1String("sandbox.helpers")).toObject()
                                    .value(QLatin1String("details")).toObject();
    report.sandbox.filesystem = textOf(helpers.value(QLatin1String("filesystem sandbox")));
    report.sandbox.network = textOf(helpers.value(QLatin1String("network sandbox")));
    return report;
}

PolicyMatch compareSandbox(const SandboxReport &reported, const SandboxReport &expected)
{
    if (reported.filesystem.isEmpty() || reported.network.isEmpty() || expected.filesystem.isEmpty())
        return PolicyMatch::Unknown;
    const bool same = reported.filesystem.compare(expected.filesystem, Qt::CaseInsensitive) == 0
                      && reported.network.compare(expected.network, Qt::CaseInsensitive) == 0;
    return same ? PolicyMatch::Matches : PolicyMatch::Differs;
}

bool looksLikeUnknownSubcommand(const QByteArray &stdoutBytes, const QByteArray &stderrBytes)
{
    const QString text = QString::fromUtf8(stderrBytes + '\n' + stdoutBytes);
    static const QLatin1String markers[] = {
        QLatin1String("unrecognized subcommand"), QLatin1String("unexpected argument"),
        QLatin1String("unknown command"),         QLatin1String("unrecognized command"),
        QLatin1String("invalid subcommand"),      QLatin1String("Usage: codex"),
    };
    for (const QLatin1String &marker : markers) {
        if (text.contains(marker, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace SandboxDoctor
