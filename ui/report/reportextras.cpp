#include "reportextras.h"

#include "homes/homesreport.h"
#include "report/effectivereport.h"
#include "verify/verifyjson.h"

#include <QJsonValue>
#include <QStringList>

namespace SandboxDoctor::Ui {

namespace {

QString code(const QString &text)
{
    return QLatin1Char('`') + text + QLatin1Char('`');
}

// A Markdown table cell: no pipe or line break may end it early.
QString cell(QString text)
{
    return text.replace(QLatin1Char('|'), QStringLiteral("\\|")).replace(QLatin1Char('\n'), QLatin1Char(' '));
}

QString dash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("—") : text;
}

// The short form of the sandbox Codex will run in a home, as inspect's table has it.
QString effectiveCell(const HomeReport &home)
{
    if (!home.effective)
        return QStringLiteral("unknown (config.toml unreadable)");
    if (!home.effective->runs())
        return QStringLiteral("nothing: Codex refuses config.toml");
    return home.effective->summary() + (home.effectiveMatchesPolicy ? QString() : QStringLiteral(" (not the policy's)"));
}

void homesMarkdown(QStringList &out, const std::optional<HomesScanSnapshot> &snapshot)
{
    out << QStringLiteral("### Per-task homes");
    if (!snapshot) {
        out << QStringLiteral("Not scanned yet in this window (the Per-task homes page scans them).") << QString();
        return;
    }
    const HomeScan &scan = snapshot->scan;
    const ScanSummary &summary = scan.summary;
    out << QStringLiteral("Homes scanned %1.").arg(reportTimeText(snapshot->taken));
    out << QStringLiteral("- Root: %1").arg(code(summary.root));
    out << QStringLiteral("- Shared home: %1").arg(code(snapshot->sharedHome));
    out << QStringLiteral("- Policy: %1%2, preset %3 (%4)")
               .arg(code(sandboxModeName(scan.policy.mode)),
                    scan.policy.mode == SandboxMode::WorkspaceWrite && scan.policy.networkAccess
                        ? QStringLiteral(" with network access")
                        : QString(),
                    code(policyPresetName(scan.policy.preset)),
                    scan.presetChosen ? QStringLiteral("chosen, for every home")
                                      : QStringLiteral("none chosen: each home its daemon's"));
    out << QStringLiteral("- %1 home%2: %3 ok, %4 warning, %5 error%6")
               .arg(scan.homes.size())
               .arg(scan.homes.size() == 1 ? QString() : QStringLiteral("s"))
               .arg(summary.ok)
               .arg(summary.warning)
               .arg(summary.error)
               .arg(summary.cancelled ? QStringLiteral(" (the scan was cancelled)") : QString());
    if (summary.failure)
        out << QStringLiteral("- The scan failed: %1").arg(summary.failure->toText());
    if (scan.homes.isEmpty()) {
        out << QString();
        return;
    }
    out << QString() << QStringLiteral("| Workspace | Task | Status | Block | Preset | Codex will run | Findings |")
        << QStringLiteral("|---|---|---|---|---|---|---|");
    for (const HomeReport &home : scan.homes) {
        out << QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 |")
                   .arg(cell(dash(home.workspace)), cell(dash(home.task)), home.statusName(), home.blockName(),
                        policyPresetName(home.policy.preset), cell(effectiveCell(home)))
                   .arg(home.findings.size());
    }
    bool any = false;
    for (const HomeReport &home : scan.homes) {
        if (home.findings.isEmpty())
            continue;
        if (!any)
            out << QString() << QStringLiteral("Findings by home:");
        any = true;
        out << QString() << QStringLiteral("- %1").arg(code(home.path));
        if (home.effective)
            out << QStringLiteral("  - %1").arg(effectiveToText(*home.effective, home.effectiveMatchesPolicy).join(QLatin1Char(' ')));
        for (const Finding &f : home.findings) {
            out << QStringLiteral("  - %1 %2%3: %4%5")
                       .arg(severityName(f.severity), code(f.code),
                            f.line > 0 ? QStringLiteral(" (line %1)").arg(f.line) : QString(), f.message,
                            f.fix.isEmpty() ? QString() : QStringLiteral(" — ") + f.fix);
        }
    }
    out << QString();
}

QString yesNo(const std::optional<bool> &value)
{
    return value ? (*value ? QStringLiteral("yes") : QStringLiteral("no")) : QStringLiteral("unknown");
}

QString runCell(const ProbeRun &run)
{
    if (!run.ran)
        return run.error ? QStringLiteral("no result (%1)").arg(run.error->message) : QStringLiteral("no result");
    QString text = resolveName(run.result.resolve);
    if (run.result.resolve == DnsProbeResult::Resolve::Resolved)
        text += QStringLiteral(" (%1)").arg(run.result.addresses.join(QStringLiteral(", ")));
    else if (!run.result.resolveMessage.isEmpty())
        text += QStringLiteral(" (%1)").arg(run.result.resolveMessage);
    text += QStringLiteral(", socket %1").arg(connectName(run.result.connect));
    if (!run.result.connectMessage.isEmpty() && run.result.connect != DnsProbeResult::Connect::Connected)
        text += QStringLiteral(" (%1)").arg(run.result.connectMessage);
    return text;
}

void doctorMarkdown(QStringList &out, const VerifySnapshot &verify)
{
    if (!verify.doctor) {
        out << QStringLiteral("- Codex's verdict: not checked yet in this window (Verify → Check current config).");
        return;
    }
    const VerifyResult &r = *verify.doctor;
    out << QStringLiteral("- Codex's verdict, checked %1 on the %2 config%3:")
               .arg(reportTimeText(verify.doctorTaken), r.proposed ? QStringLiteral("proposed") : QStringLiteral("current"),
                    r.codexVersion.isEmpty() ? QString() : QStringLiteral(" with Codex ") + r.codexVersion);
    switch (r.outcome) {
    case VerifyResult::Outcome::Failed:
        out << QStringLiteral("  - could not ask Codex: %1").arg(r.error ? r.error->toText() : r.note);
        return;
    case VerifyResult::Outcome::NoDoctor:
        out << QStringLiteral("  - %1").arg(r.note);
        return;
    case VerifyResult::Outcome::Answered:
        break;
    }
    out << QStringLiteral("  - config loads: %1%2")
               .arg(yesNo(r.configLoads),
                    r.configLoads == std::optional<bool>(false) ? QStringLiteral(" — ") + r.configMessage : QString());
    if (r.configLoads != std::optional<bool>(false)) {
        out << QStringLiteral("  - filesystem sandbox: %1 (policy expects %2)").arg(dash(r.sandbox.filesystem), r.expected.filesystem);
        out << QStringLiteral("  - network sandbox: %1 (policy expects %2)").arg(dash(r.sandbox.network), r.expected.network);
    }
    switch (r.match) {
    case PolicyMatch::Matches: out << QStringLiteral("  - verdict: Codex enforces what the policy asks for."); break;
    case PolicyMatch::Differs: out << QStringLiteral("  - verdict: Codex would NOT enforce what the policy asks for."); break;
    case PolicyMatch::Unknown: out << QStringLiteral("  - verdict: unknown — %1").arg(r.note); break;
    }
}

void probeMarkdown(QStringList &out, const VerifySnapshot &verify)
{
    if (!verify.probe) {
        out << QStringLiteral("- DNS probe: not run yet in this window (Verify → Probe DNS).");
        return;
    }
    const SandboxProbeReport &p = *verify.probe;
    out << QStringLiteral("- DNS probe for %1, probed %2:").arg(code(p.host), reportTimeText(verify.probeTaken));
    out << QStringLiteral("  - inside runs with: %1").arg(p.ranWith.isEmpty() ? p.settings.describe() : p.ranWith);
    out << QStringLiteral("  - outside: %1").arg(runCell(p.outside));
    out << QStringLiteral("  - inside Codex's sandbox: %1")
               .arg(p.verdict == ProbeVerdict::NoSandbox ? QStringLiteral("no sandbox: not run") : runCell(p.inside));
    if (p.logDenials)
        out << QStringLiteral("  - sandbox denials: %1").arg(p.denials.isEmpty() ? QStringLiteral("none")
                                                                                 : p.denials.join(QStringLiteral("; ")));
    out << QStringLiteral("  - verdict: %1 — %2").arg(code(probeVerdictName(p.verdict)), p.summary);
}

QJsonValue timeJson(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

} // namespace

QString reportTimeText(const QDateTime &time)
{
    if (!time.isValid())
        return QStringLiteral("at an unknown time");
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) + QStringLiteral(" UTC");
}

QString reportExtrasMarkdown(const ReportExtras &extras)
{
    QStringList out;
    homesMarkdown(out, extras.homes);
    out << QStringLiteral("### Verify");
    doctorMarkdown(out, extras.verify);
    probeMarkdown(out, extras.verify);
    out << QString();
    return out.join(QLatin1Char('\n'));
}

void addReportExtrasJson(QJsonObject &report, const ReportExtras &extras)
{
    if (extras.homes) {
        report.insert(QStringLiteral("homes_scan"),
                      QJsonObject{{QStringLiteral("taken"), timeJson(extras.homes->taken)},
                                  {QStringLiteral("shared_home"), extras.homes->sharedHome},
                                  {QStringLiteral("inspect"), homeScanToJson(extras.homes->scan, extras.homes->platform)}});
    } else {
        report.insert(QStringLiteral("homes_scan"), QJsonValue(QJsonValue::Null));
    }
    const VerifySnapshot &v = extras.verify;
    const QJsonValue doctor = v.doctor ? QJsonValue(QJsonObject{{QStringLiteral("taken"), timeJson(v.doctorTaken)},
                                                                {QStringLiteral("verify"), verifyResultToJson(*v.doctor)}})
                                       : QJsonValue(QJsonValue::Null);
    const QJsonValue probe = v.probe ? QJsonValue(QJsonObject{{QStringLiteral("taken"), timeJson(v.probeTaken)},
                                                              {QStringLiteral("probe"), probeReportToJson(*v.probe)}})
                                     : QJsonValue(QJsonValue::Null);
    report.insert(QStringLiteral("verify"), QJsonObject{{QStringLiteral("doctor"), doctor}, {QStringLiteral("probe"), probe}});
}

} // namespace SandboxDoctor::Ui
