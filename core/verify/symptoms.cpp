#include "verify/symptoms.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace SandboxDoctor {

namespace {

const QString BuiltInPath = QStringLiteral(":/sandboxdoctor/symptoms.json");

Error malformed(const QString &what)
{
    return Error{Error::Kind::Refused, QStringLiteral("The symptom table is malformed: %1").arg(what), {}, 0, 0,
                 QStringLiteral("Fix resources/symptoms.json; each row needs id, patterns and cause.")};
}

bool isHostName(QStringView host)
{
    static const QRegularExpression name(QStringLiteral(
        "^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$"));
    // match(QStringView) is deprecated from Qt 6.5, and matchView() is not in 6.4.
    return name.match(host.toString()).hasMatch();
}

// Trailing punctuation a sentence or log line leaves on a host: "HOST.", "HOST:443", "'HOST'".
QString cleanHost(QString host)
{
    static const QLatin1String quotes("'\"`\u2018\u2019()[]<>,;");
    while (!host.isEmpty() && (quotes.contains(host.back()) || host.back() == QLatin1Char('.')))
        host.chop(1);
    while (!host.isEmpty() && quotes.contains(host.front()))
        host.remove(0, 1);
    const qsizetype colon = host.indexOf(QLatin1Char(':'));
    if (colon > 0)
        host.truncate(colon);
    return host;
}

} // namespace

Expected<SymptomCatalog> SymptomCatalog::builtIn()
{
    QFile file(BuiltInPath);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error{Error::Kind::NotFound, QStringLiteral("The built-in symptom table is missing."), BuiltInPath, 0, 0,
                     QStringLiteral("The build did not embed resources/symptoms.json; rebuild the verify library.")};
    }
    return fromJson(file.readAll());
}

Expected<SymptomCatalog> SymptomCatalog::fromJson(const QByteArray &json)
{
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return malformed(QStringLiteral("not JSON (%1 at offset %2)").arg(parseError.errorString()).arg(parseError.offset));
    const QJsonArray rows = document.object().value(QLatin1String("symptoms")).toArray();
    if (rows.isEmpty())
        return malformed(QStringLiteral("no \"symptoms\" array"));

    SymptomCatalog catalog;
    for (qsizetype index = 0; index < rows.size(); ++index) {
        const QJsonObject row = rows.at(index).toObject();
        Symptom symptom;
        symptom.id = row.value(QLatin1String("id")).toString();
        symptom.cause = row.value(QLatin1String("cause")).toString();
        symptom.explanation = row.value(QLatin1String("explanation")).toString();
        symptom.fixId = row.value(QLatin1String("fix_id")).toString();
        symptom.fix = row.value(QLatin1String("fix")).toString();
        for (const QJsonValue &pattern : row.value(QLatin1String("patterns")).toArray())
            symptom.patterns.append(pattern.toString());
        const QString where = symptom.id.isEmpty() ? QStringLiteral("row %1").arg(index + 1)
                                                   : QStringLiteral("\"%1\"").arg(symptom.id);
        if (symptom.id.isEmpty() || symptom.cause.isEmpty() || symptom.patterns.isEmpty())
            return malformed(QStringLiteral("%1 lacks id, cause or patterns").arg(where));

        QList<QRegularExpression> compiled;
        for (const QString &pattern : std::as_const(symptom.patterns)) {
            QRegularExpression expression(pattern, QRegularExpression::CaseInsensitiveOption);
            if (pattern.isEmpty() || !expression.isValid()) {
                return malformed(QStringLiteral("%1 has an invalid pattern '%2' (%3)")
                                     .arg(where, pattern, expression.errorString()));
            }
            compiled.append(expression);
        }
        catalog.m_symptoms.append(symptom);
        catalog.m_compiled.append(compiled);
    }
    return catalog;
}

Explanation SymptomCatalog::explain(QStringView text) const
{
    Explanation explanation;
    const QString subject = text.toString();
    for (qsizetype index = 0; index < m_symptoms.size(); ++index) {
        std::optional<QRegularExpressionMatch> first;
        for (const QRegularExpression &expression : m_compiled.at(index)) {
            const QRegularExpressionMatch match = expression.match(subject);
            if (match.hasMatch() && (!first || match.capturedStart() < first->capturedStart()))
                first = match;
        }
        if (first) {
            explanation.matches.append(SymptomMatch{m_symptoms.at(index), first->captured(),
                                                    static_cast<int>(first->capturedStart())});
        }
    }
    explanation.host = extractHost(text);
    return explanation;
}

QString extractHost(QStringView text)
{
    // Most specific first: the forms resolvers and tools print around the name.
    static const QRegularExpression forms[] = {
        QRegularExpression(QStringLiteral("lookup\\s+(\\S+?)(?:\\s+on\\s+\\S+)?:\\s"),
                           QRegularExpression::CaseInsensitiveOption),
        QRegularExpression(QStringLiteral("could not resolve host:?\\s+(\\S+)"), QRegularExpression::CaseInsensitiveOption),
        QRegularExpression(QStringLiteral("getaddrinfo\\s+(?:ENOTFOUND|EAI_AGAIN)\\s+(\\S+)"),
                           QRegularExpression::CaseInsensitiveOption),
        QRegularExpression(QStringLiteral("failed to (?:look ?up|resolve) host:?\\s+['\"]?(\\S+)"),
                           QRegularExpression::CaseInsensitiveOption),
        QRegularExpression(QStringLiteral("\\b(?:https?|wss?)://(?:[^@/\\s]+@)?([^/:\\s?#'\"]+)"),
                           QRegularExpression::CaseInsensitiveOption),
    };
    const QString subject = text.toString();
    for (const QRegularExpression &form : forms) {
        QRegularExpressionMatchIterator it = form.globalMatch(subject);
        while (it.hasNext()) {
            const QString host = cleanHost(it.next().captured(1));
            if (isHostName(host))
                return host;
        }
    }
    return {};
}

} // namespace SandboxDoctor
