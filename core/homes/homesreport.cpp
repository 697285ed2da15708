#include "homes/homesreport.h"

#include "config/otherfiles.h"
#include "config/textdiff.h"
#include "homes/homejsontext.h"
#include "report/jsonshapes.h"
#include "report/effectivereport.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace SandboxDoctor {

namespace {

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
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

// The table's "CODEX WILL RUN" cell: the effective sandbox in short, marked
// when it is not the policy's (the home then has sandbox-overridden).
QString effectiveCell(const HomeReport &report)
{
    if (!report.effective)
        return QStringLiteral("unknown");
    if (!report.effective->runs())
        return QStringLiteral("nothing (Codex refuses config.toml)");
    return report.effective->summary()
           + (report.effectiveMatchesPolicy ? QString() : QStringLiteral(" (not the policy's)"));
}

} // namespace

QJsonObject homeReportToJson(const HomeReport &report)
{
    QJsonArray entries;
    for (const HomeEntry &entry : report.entries) {
        QJsonObject object{{QStringLiteral("name"), entry.name},
                           {QStringLiteral("kind"), entryKindName(entry.kind)},
                           {QStringLiteral("target"), textOrNull(entry.target)},
                           {QStringLiteral("state"), entryStateName(entry.state)}};
        // Only where the name does not say it: the config key naming a copied file, a session store.
        if (!entry.role.isEmpty())
            object.insert(QStringLiteral("role"), entry.role);
        entries.append(object);
    }
    return QJsonObject{{QStringLiteral("path"), report.path},
                       {QStringLiteral("workspace"), textOrNull(report.workspace)},
                       {QStringLiteral("task"), textOrNull(report.task)},
                       {QStringLiteral("status"), report.statusName()},
                       {QStringLiteral("block"), report.blockName()},
                       {QStringLiteral("preset"), policyPresetName(report.policy.preset)},
                       {QStringLiteral("preset_source"), presetSourceName(report.presetSource)},
                       {QStringLiteral("layout"), homeLayoutName(report.layout)},
                       {QStringLiteral("effective"),
                        report.effective ? QJsonValue(effectiveToJson(*report.effective, report.effectiveMatchesPolicy))
                                         : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("entries"), entries},
                       {QStringLiteral("findings"), findingsToJson(report.findings)}};
}

namespace {

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

QByteArray HomeScanJsonWriter::begin(const QString &root, const SandboxPolicy &policy, Platform platform,
                                     bool presetChosen)
{
    m_written = 0;
    return "{\n    \"root\": " + jsonString(root) + ",\n    \"policy\": "
           + nested(policyToJson(policy, platform, presetChosen), 1) + ",\n    \"homes\": [";
}

QByteArray HomeScanJsonWriter::home(const HomeReport &report)
{
    // One home per line, compact, written directly: a fraction of the time of
    // a QJsonDocument per home, and `grep` finds a home with its whole report.
    return (m_written++ == 0 ? "\n        " : ",\n        ") + homeReportJsonText(report);
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
        {QStringLiteral("policy"), policyToJson(scan.policy, platform, scan.presetChosen)},
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
    text += scan.presetChosen
                ? QStringLiteral("Preset:  %1 (chosen), for every home\n").arg(policyPresetName(scan.policy.preset))
                : QStringLiteral("Preset:  none chosen: a home carrying the multica daemon's named blocks is judged "
                                 "against multica-today, any other against seed\n");

    if (scan.homes.isEmpty()) {
        text += QStringLiteral("\nNo per-task homes (folders named codex-home) were found.\n");
    } else {
        const QStringList headers{QStringLiteral("WORKSPACE"), QStringLiteral("TASK"),      QStringLiteral("STATUS"),
                                  QStringLiteral("BLOCK"),     QStringLiteral("PRESET"),    QStringLiteral("LAYOUT"),
                                  QStringLiteral("CODEX WILL RUN"), QStringLiteral("AUTH.JSON"),
                                  QStringLiteral("SESSIONS"),  QStringLiteral("FINDINGS")};
        QList<QStringList> rows;
        rows.reserve(scan.homes.size());
        for (const HomeReport &report : scan.homes) {
            rows.append({report.workspace.isEmpty() ? QStringLiteral("-") : report.workspace,
                         report.task.isEmpty() ? QStringLiteral("-") : report.task, report.statusName(),
                         report.blockName(), policyPresetName(report.policy.preset), homeLayoutName(report.layout),
                         effectiveCell(report), entrySummary(report, EntryAuth), entrySummary(report, EntrySessions),
                         QString::number(report.findings.size())});
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
            // status's lines for the sandbox Codex will run here, before what is wrong.
            if (report.effective) {
                for (const QString &line : effectiveToText(*report.effective, report.effectiveMatchesPolicy))
                    text += QStringLiteral("  %1\n").arg(line);
            }
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
    QString text = result.dryRun ? QStringLiteral("Would prepare %1%2 (a dry run: nothing was written)\n")
                                       .arg(result.codexHome, result.createdHome ? QStringLiteral(" (would create it)")
                                                                                 : QString())
                                 : QStringLiteral("Prepared %1%2\n")
                                       .arg(result.codexHome, result.createdHome ? QStringLiteral(" (created)") : QString());
    text += QStringLiteral("  layout %1, preset %2 (%3)\n")
                .arg(homeLayoutName(result.layout), policyPresetName(result.policy.preset),
                     presetSourceName(result.presetSource));
    if (result.createdSharedSessions)
        text += result.dryRun ? QStringLiteral("  would create the shared sessions folder\n")
                              : QStringLiteral("  created the shared sessions folder\n");
    int width = int(QStringLiteral("block").size());
    for (const PrepareStep &step : result.steps)
        width = std::max(width, int(step.name.size()));
    const QString pad = QString(width, QLatin1Char(' ')) + QString(10, QLatin1Char(' '));
    for (const PrepareStep &step : result.steps) {
        text += QStringLiteral("  %1  %2  %3\n")
                    .arg(step.name.leftJustified(width), prepareActionName(step.action).leftJustified(8), step.detail);
        if (!step.warning.isEmpty() && step.warning != step.detail)
            text += QStringLiteral("  %1warning: %2\n").arg(pad, step.warning);
        if (step.error && !step.error->hint.isEmpty())
            text += QStringLiteral("  %1%2\n").arg(pad, step.error->hint);
    }
    const QString mode = sandboxModeName(result.policy.mode);
    if (result.block) {
        const bool changes = result.block->edit.changed;
        const QString what = result.dryRun ? (changes ? QStringLiteral("would be written (%1)").arg(mode)
                                                      : QStringLiteral("already current (%1)").arg(mode))
                             : result.block->written ? QStringLiteral("written (%1)").arg(mode)
                                                     : QStringLiteral("already current (%1)").arg(mode);
        text += QStringLiteral("  %1  %2\n").arg(QStringLiteral("block").leftJustified(width), what);
        if (!result.block->backupPath.isEmpty())
            text += QStringLiteral("  %1  backup: %2\n").arg(QString(width, QLatin1Char(' ')), result.block->backupPath);
        // A legacy profile's settings move to their own file in the same change.
        for (const OtherFileEdit &other : result.block->otherFiles) {
            const QString state = !other.changed() ? QStringLiteral("already as the change writes it")
                                  : result.dryRun  ? QStringLiteral("would be written (the legacy profile's settings)")
                                  : result.block->written ? QStringLiteral("written (the legacy profile's settings)")
                                                          : QStringLiteral("not written");
            text += QStringLiteral("  %1  %2: %3\n").arg(QString(width, QLatin1Char(' ')), other.name, state);
        }
        if (result.dryRun && changes) {
            text += QLatin1Char('\n') + unifiedDiff(result.block->edit.before, result.block->edit.after);
            for (const OtherFileEdit &other : result.block->otherFiles)
                text += otherFileDiff(other);
        }
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
        if (!step.warning.isEmpty())
            object.insert(QStringLiteral("warning"), step.warning);
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
        if (result.dryRun)
            block.insert(QStringLiteral("diff"), unifiedDiff(result.block->edit.before, result.block->edit.after));
        QJsonArray others;
        for (const OtherFileEdit &other : result.block->otherFiles) {
            QJsonObject file = otherFileToJson(other);
            if (result.dryRun)
                file.insert(QStringLiteral("diff"), otherFileDiff(other));
            others.append(file);
        }
        block.insert(QStringLiteral("other_files"), others);
    } else {
        block.insert(QStringLiteral("written"), false);
        block.insert(QStringLiteral("error"), result.blockError ? result.blockError->toText() : QString());
    }
    return QJsonObject{{QStringLiteral("codex_home"), result.codexHome},
                       {QStringLiteral("dry_run"), result.dryRun},
                       {QStringLiteral("layout"), homeLayoutName(result.layout)},
                       {QStringLiteral("preset"), policyPresetName(result.policy.preset)},
                       {QStringLiteral("preset_source"), presetSourceName(result.presetSource)},
                       {QStringLiteral("created"), result.createdHome},
                       {QStringLiteral("created_shared_sessions"), result.createdSharedSessions},
                       {QStringLiteral("steps"), steps},
                       {QStringLiteral("block"), block},
                       {QStringLiteral("ok"), result.ok()}};
}

} // namespace SandboxDoctor
