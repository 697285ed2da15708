#pragma once

#include "common/processoutcome.h"

#include <QElapsedTimer>
#include <QObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTimer>

class QProcess;

namespace SandboxDoctor {

// One external program to run, and how long it may take.
struct ProcessSpec final
{
    QString program;
    QStringList arguments;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QString workingDirectory;  // empty: this process's
    QString nativeArguments;   // Windows only: a command line cmd /c needs quoted its own way
    int timeoutMs = 30000;
};

// The one way the core runs a program: with a time limit, cancellable, never
// blocking the caller's thread. start() returns at once and finished()
// reports exactly once per start(), always from the event loop (never from
// inside start() or cancel()), also for a timeout, a cancel, or a program that
// could not start. A timeout or cancel kills the program's whole process tree
// (ProcessTree). Stdin is the null device: nothing run here may wait for input.
//
// A killed program is reaped in the background; its QProcess stays a child of
// the runner until then, and the destructor kills and reaps whatever is left,
// so nothing outlives the runner: no process, no QProcess.
class ProcessRunner final : public QObject
{
    Q_OBJECT

public:
    explicit ProcessRunner(QObject *parent = nullptr);
    ~ProcessRunner() override;

    // A run still in progress is cancelled first (and reported as such).
    void start(const ProcessSpec &spec);
    void cancel();
    // From start() until the run's outcome is known; finished() follows.
    bool isRunning() const { return m_process != nullptr; }

signals:
    void finished(const SandboxDoctor::ProcessOutcome &outcome);

private:
    void onFinished(int exitCode, bool crashed);
    void onFailedToStart();
    void onTimeout();
    ProcessOutcome outcomeSoFar(ProcessOutcome::Status status) const;
    void report(const ProcessOutcome &outcome);

    QProcess *m_process = nullptr;  // the run in progress
    QTimer m_timer;                 // its time limit
    QTimer m_graceTimer;            // after a kill: how long to wait to hear it end
    QElapsedTimer m_clock;
    int m_timeoutMs = 0;
    bool m_timedOut = false;
};

} // namespace SandboxDoctor
