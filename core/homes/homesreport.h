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

// A readable aligned table (workspace, task, status, block, entries) followed
// by the findings of every home that has any.
QString homeScanToText(const HomeScan &scan, Platform platform);

// What prepare did, one line per entry, then the block.
QString prepareResultToText(const PrepareResult &result);
QJsonObject prepareResultToJson(const PrepareResult &result);

} // namespace SandboxDoctor
