#include "homes/homesreport.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace SandboxDoctor {

namespace {

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonObject findingToJson(const Finding &finding)
{
    QJsonObject object{{QStringLiteral("code"), finding.code},
                       {QStringLiteral("severity"), severityName(finding.severity)},
                       {QStringLiteral("message"), finding.message}};
    if (finding.line > 0)
        object.insert(QStringLiteral("line"), finding.line);
    if (!finding.fix.isEmpty())
        object.insert(QStringLiteral("fix"), finding.fix);
    return object;
}

QString entrySummary(const HomeReport &report, QLatin1String name)
{
    const HomeEntry *entry = report.entry(name);
    if (!entry)
        return QStringLiteral("-");
    if (entry->kind == EntryKind::Missing)
        return QStringLiteral("missing");
    return entryKindName(entry->kind) + QLatin1Char(':') + entryStateName(entry->state);
}

} // namespace

QJsonObject homeReportToJson(const HomeReport &report)
{
    QJsonArray entries;
    for (const HomeEntry &entry : report.entries) {
        entries.append(QJsonObject{{QStringLiteral("name"), entry.name},
                                   {QStringLiteral("kind"), entryKindName(entry.kind)},
                                   {QStringLiteral("target"), textOrNull(entry.target)},
                                   {QStringLiteral("state"), entryStateName(entry.state)}});
    }
    QJsonArray findings;
    for (const Finding &finding : report.findings)
        findings.append(findingToJson(finding));
    return QJsonObject{{QStringLiteral("path"), report.path},
                       {QStringLiteral("workspace"), textOrNull(report.workspace)},
                       {QStringLiteral("task"), textOrNull(report.task)},
                       {QStringLiteral("status"), report.statusName()},
                       {QStringLiteral("block"), blockStateName(report.block)},
                       {QStringLiteral("entries"), entries},
                       {QStringLiteral("findings"), findings}};
}

namespace {

QJsonObject policyToJson(const SandboxPolicy &policy, Platform platform)
{
    return QJsonObject{{QStringLiteral("platform"), platformName(platform)},
                       {QStringLiteral("mode"), sandboxModeName(policy.mode)},
                       {QStringLiteral("network_access"),
                        policy.mode == SandboxMode::WorkspaceWrite && policy.networkAccess},
                       {QStringLiteral("reason"), policy.reason},
                       {QStringLiteral("hint"), policy.hint}};
}

QJsonObject summaryToJson(const ScanSummary &summary)
{
    return QJsonObject{{QStringLiteral("homes"), summary.homes},
                       {QStringLiteral("ok"), summary.ok},
                       {QStringLiteral("warning"), summary.warning},
                       {QStringLiteral("error"), summary.error}};
}

// An indented JSON value placed `depth` levels deep in the streamed document.
QByteArray nested(const QJsonObject &object, int depth)
{
    QByteArray text = QJsonDocument(object).toJson(QJsonDocument::Indented).trimmed();
    QByteArray newline("\n");
    newline += QByteArray(depth * 4, ' ');
    text.replace('\n', newline);
    return text;
}

QByteArray jsonString(const QString &text)
{
    // A one-element array is the cheapest way to get QJsonDocument's escaping.
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

} // namespace

QByteArray HomeScanJsonWriter::begin(const QString &root, const SandboxPolicy &policy, Platform platform)
{
    m_written = 0;
    return "{\n    \"root\": " + jsonString(root) + ",\n    \"policy\": " + nested(policyToJson(policy, platform), 1)
           + ",\n    \"homes\": [";
}

QByteArray HomeScanJsonWriter::home(const HomeReport &report)
{
    return (m_written++ == 0 ? "\n        " : ",\n        ") + nested(homeReportToJson(report), 2);
}

QByteArray HomeScanJsonWriter::end(const ScanSummary &summary)
{
    QByteArray text = m_written == 0 ? QByteArray("]") : QByteArray("\n    ]");
    text += ",\n    \"summary\": " + nested(summaryToJson(summary), 1);
    if (summary.cancelled)
        text += ",\n    \"cancelled\": true";
    return text + "\n}\n";
}

QJsonObject homeScanToJson(const HomeScan &scan, Platform platform)
{
    QJsonArray homes;
    for (const HomeReport &report : scan.homes)
        homes.append(homeReportToJson(report));
    QJsonObject root{
        {QStringLiteral("root"), scan.summary.root},
        {QStringLiteral("policy"), policyToJson(scan.policy, platform)},
        {QStringLiteral("homes"), homes},
        {QStringLiteral("summary"), summaryToJson(scan.summary)},
    };
    if (scan.summary.cancelled)
        root.insert(QStringLiteral("cancelled"), true);
    return root;
}

QString homeScanToText(const HomeScan &scan, Platform platform)
{
    QString text;
    text += QStringLiteral("Root:    %1%2\n").arg(scan.summary.root,
                                                  scan.summary.singleHome ? QStringLiteral(" (one CODEX_HOME)") : QString());
    text += QStringLiteral("Policy:  %1%2 on %3\n         %4\n")
                .arg(sandboxModeName(scan.policy.mode),
                     scan.policy.mode == SandboxMode::WorkspaceWrite && scan.policy.networkAccess
                         ? QStringLiteral(" with network access")
                         : QString(),
                     platformName(platform), scan.policy.reason);

    if (scan.homes.isEmpty()) {
        text += QStringLiteral("\nNo per-task homes (folders named codex-home) were found.\n");
    } else {
        const QStringList headers{QStringLiteral("WORKSPACE"), QStringLiteral("TASK"), QStringLiteral("STATUS"),
                                  QStringLiteral("BLOCK"),     QStringLiteral("AUTH.JSON"), QStringLiteral("SESSIONS"),
                                  QStringLiteral("FINDINGS")};
        QList<QStringList> rows;
        rows.reserve(scan.homes.size());
        for (const HomeReport &report : scan.homes) {
            rows.append({report.workspace.isEmpty() ? QStringLiteral("-") : report.workspace,
                         report.task.isEmpty() ? QStringLiteral("-") : report.task, report.statusName(),
                         blockStateName(report.block), entrySummary(report, EntryAuth),
                         entrySummary(report, EntrySessions), QString::number(report.findings.size())});
        }
        QList<int> widths;
        for (const QString &header : headers)
            widths += int(header.size());
        for (const QStringList &row : rows) {
            for (int i = 0; i < row.size(); ++i)
                widths[i] = std::max(widths[i], int(row.at(i).size()));
        }
        auto line = [&](const QStringList &cells) -> QString {
            QString out;
            for (int i = 0; i < cells.size(); ++i)
                out += i + 1 < cells.size() ? cells.at(i).leftJustified(widths.at(i) + 2) : cells.at(i);
            return out + QLatin1Char('\n');
        };
        text += QLatin1Char('\n') + line(headers);
        for (const QStringList &row : rows)
            text += line(row);

        bool any = false;
        for (const HomeReport &report : scan.homes) {
            if (report.findings.isEmpty())
                continue;
            if (!any)
                text += QStringLiteral("\nFindings:\n");
            any = true;
            text += QStringLiteral("\n%1\n").arg(report.path);
            for (const Finding &finding : report.findings) {
                const QString where = finding.line > 0 ? QStringLiteral(" (line %1)").arg(finding.line) : QString();
                text += QStringLiteral("  %1 %2%3: %4\n")
                            .arg(severityName(finding.severity).leftJustified(7), finding.code, where, finding.message);
                if (!finding.fix.isEmpty())
                    text += QStringLiteral("          %1\n").arg(finding.fix);
            }
        }
    }

    text += QStringLiteral("\n%1 home%2: %3 ok, %4 warning, %5 error%6\n")
                .arg(scan.summary.homes)
                .arg(scan.summary.homes == 1 ? QString() : QStringLiteral("s"))
                .arg(scan.summary.ok)
                .arg(scan.summary.warning)
                .arg(scan.summary.error)
                .arg(scan.summary.cancelled ? QStringLiteral(" (cancelled)") : QString());
    return text;
}

QString prepareResultToText(const PrepareResult &result)
{
    QString text = QStringLiteral("Prepared %1%2\n").arg(result.codexHome,
                                                         result.createdHome ? QStringLiteral(" (created)") : QString());
    if (result.createdSharedSessions)
        text += QStringLiteral("  created the shared sessions folder\n");
    int width = 0;
    for (const PrepareStep &step : result.steps)
        width = std::max(width, int(step.name.size()));
    for (const PrepareStep &step : result.steps) {
        text += QStringLiteral("  %1  %2  %3\n")
                    .arg(step.name.leftJustified(width), prepareActionName(step.action).leftJustified(8), step.detail);
        if (step.error && !step.error->hint.isEmpty())
            text += QStringLiteral("  %1  %2  %3\n").arg(QString(width, QLatin1Char(' ')), QString(8, QLatin1Char(' ')),
                                                          step.error->hint);
    }
    if (result.block) {
        const QString what = result.block->written
                                 ? QStringLiteral("written (%1)").arg(sandboxModeName(result.policy.mode))
                                 : QStringLiteral("already current (%1)").arg(sandboxModeName(result.policy.mode));
        text += QStringLiteral("  %1  %2\n").arg(QStringLiteral("block").leftJustified(width), what);
        if (!result.block->backupPath.isEmpty())
            text += QStringLiteral("  %1  backup: %2\n").arg(QString(width, QLatin1Char(' ')), result.block->backupPath);
    } else if (result.blockError) {
        text += QStringLiteral("  %1  not written: %2\n").arg(QStringLiteral("block").leftJustified(width),
                                                               result.blockError->toText());
    }
    return text;
}

QJsonObject prepareResultToJson(const PrepareResult &result)
{
    QJsonArray steps;
    for (const PrepareStep &step : result.steps) {
        QJsonObject object{{QStringLiteral("name"), step.name},
                           {QStringLiteral("action"), prepareActionName(step.action)},
                           {QStringLiteral("method"), textOrNull(linkMethodName(step.method))},
                           {QStringLiteral("detail"), step.detail}};
        if (step.error)
            object.insert(QStringLiteral("error"), step.error->toText());
        steps.append(object);
    }
    QJsonObject block{{QStringLiteral("mode"), sandboxModeName(result.policy.mode)},
                      {QStringLiteral("network_access"),
                       result.policy.mode == SandboxMode::WorkspaceWrite && result.policy.networkAccess}};
    if (result.block) {
        block.insert(QStringLiteral("written"), result.block->written);
        block.insert(QStringLiteral("backup"), textOrNull(result.block->backupPath));
    } else {
        block.insert(QStringLiteral("written"), false);
        block.insert(QStringLiteral("error"), result.blockError ? result.blockError->toText() : QString());
    }
    return QJsonObject{{QStringLiteral("codex_home"), result.codexHome},
                       {QStringLiteral("created"), result.createdHome},
                       {QStringLiteral("created_shared_sessions"), result.createdSharedSessions},
                       {QStringLiteral("steps"), steps},
                       {QStringLiteral("block"), block},
                       {QStringLiteral("ok"), result.ok()}};
}

} // namespace SandboxDoctor
