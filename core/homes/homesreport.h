#pragma once

#include "common/platform.h"
#include "homes/homepreparer.h"
#include "homes/homescan.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace SandboxDoctor {

// `inspect --json` (cli-contract.md): root, policy, homes[], summary.
QJsonObject homeReportToJson(const HomeReport &report);
QJsonObject homeScanToJson(const HomeScan &scan, Platform platform);

// The same document written piece by piece, so 10,000 homes never sit in
// memory as one JSON tree: begin(), then home() for each report as it comes
// (one compact line per home), then end(). Keys: root, policy, homes, summary
// (the contract's order).
class HomeScanJsonWriter final
{
public:
    // `presetChosen`: the user chose the preset (policy.preset_source "chosen"), else "default".
    QByteArray begin(const QString &root, const SandboxPolicy &policy, Platform platform, bool presetChosen = false);
    QByteArray home(const HomeReport &report);
    QByteArray end(const ScanSummary &summary);

private:
    int m_written = 0;
};

// A readable aligned table (workspace, task, status, block, the sandbox Codex will
// run, entries) followed by, for every home with findings, "Codex will run: …"
// (status's lines) and the findings.
QString homeScanToText(const HomeScan &scan, Platform platform);

// What prepare did, one line per entry, then the block.
QString prepareResultToText(const PrepareResult &result);
QJsonObject prepareResultToJson(const PrepareResult &result);

} // namespace SandboxDoctor
