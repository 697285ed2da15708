#pragma once

#include "common/platform.h"
#include "homes/homescan.h"
#include "verify/sandboxprobe.h"
#include "verify/verifytypes.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace SandboxDoctor::Ui {

// The Homes page's latest scan, as Copy Report and Save JSON include it.
struct HomesScanSnapshot final
{
    HomeScan scan;        // root, policy and summary of the scan; the page's reports (repairs included)
    QString sharedHome;   // what the homes were judged against
    Platform platform = Platform::Linux;
    QDateTime taken;      // when the scan finished (UTC)
};

// The Verify page's latest results; each part is unset until it first ran.
struct VerifySnapshot final
{
    std::optional<VerifyResult> doctor;
    QDateTime doctorTaken;
    std::optional<SandboxProbeReport> probe;
    QDateTime probeTaken;
};

// What the main window's report adds to the diagnosis of the open CODEX_HOME.
struct ReportExtras final
{
    std::optional<HomesScanSnapshot> homes;
    VerifySnapshot verify;
};

// "2026-11-29 20:14 UTC": when a part of the report was taken.
QString reportTimeText(const QDateTime &time);

// Markdown sections for the report: the homes scan (root, shared home, one row
// per home with its status and the sandbox Codex will run, then each home's
// findings) and Verify's doctor verdict and DNS probe, each with its time; a
// part that does not exist yet is one line saying so.
QString reportExtrasMarkdown(const ReportExtras &extras);

// The same parts for Save JSON, added to status --json's object:
//   "homes_scan": null | {"taken", "shared_home", "inspect": <inspect --json>}
//   "verify": {"doctor": null | {"taken", "verify": <verify --json's verify>},
//              "probe": null | {"taken", "probe": <verify --json's probe>}}
// Each inner document comes from the serializer of that command.
void addReportExtrasJson(QJsonObject &report, const ReportExtras &extras);

} // namespace SandboxDoctor::Ui
