#pragma once

#include "homes/homeinspector.h"
#include "homes/homereport.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class QThread;

namespace SandboxDoctor {

// Scans a workspaces root (or one CODEX_HOME) on a thread of its own and
// reports each home as soon as it is inspected, so a table can fill while the
// scan runs. Signals arrive in the thread that owns the scanner (queued).
//
//   scanner.start(root, options);
//   connect(&scanner, &HomeScanner::homeInspected, model, &Model::append);
//   connect(&scanner, &HomeScanner::finished, ...);   // exactly once per start()
//
// One scan at a time: start() while running cancels the old scan first (its
// finished() still arrives, with cancelled = true, before the new scan's
// signals). The destructor cancels and waits.
class HomeScanner final : public QObject
{
    Q_OBJECT

public:
    explicit HomeScanner(QObject *parent = nullptr);
    ~HomeScanner() override;

    void start(const QString &path, const InspectOptions &options);
    void cancel();             // returns at once; finished(cancelled = true) follows
    bool isRunning() const;
    bool wait(int msecs = -1); // blocks until the worker thread ends; for tests and shutdown

signals:
    void started(const QString &root);
    // While the tree is walked the total is unknown: total = -1, done = homes found so far.
    // Then done counts inspected homes out of total.
    void progress(int done, int total);
    void homeInspected(const SandboxDoctor::HomeReport &report);
    void finished(const SandboxDoctor::ScanSummary &summary);

private:
    QThread *m_thread = nullptr;
    std::shared_ptr<std::atomic_bool> m_cancel;
};

} // namespace SandboxDoctor
