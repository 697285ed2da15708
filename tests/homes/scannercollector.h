#pragma once

#include "homes/homescanner.h"

#include <QList>
#include <QObject>
#include <QPair>

// Collects a HomeScanner's signals in the test's (main) thread. The scanner
// emits from its worker; a receiver living here gets them queued, so nothing
// is read while the worker writes, and a scan that ends before the test starts
// waiting is still counted (QSignalSpy::wait would miss it).
class ScannerCollector final : public QObject
{
public:
    explicit ScannerCollector(SandboxDoctor::HomeScanner &scanner)
    {
        using SandboxDoctor::HomeScanner;
        connect(&scanner, &HomeScanner::started, this, [this](const QString &) { ++started; });
        connect(&scanner, &HomeScanner::progress, this,
                [this](int done, int total) { progress.append(qMakePair(done, total)); });
        connect(&scanner, &HomeScanner::homeInspected, this,
                [this](const SandboxDoctor::HomeReport &report) { reports.append(report); });
        connect(&scanner, &HomeScanner::finished, this,
                [this](const SandboxDoctor::ScanSummary &summary) { finished.append(summary); });
    }

    int started = 0;
    QList<QPair<int, int>> progress;
    QList<SandboxDoctor::HomeReport> reports;
    QList<SandboxDoctor::ScanSummary> finished;
};
