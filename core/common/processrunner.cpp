#include "common/processrunner.h"

#include "common/logging.h"
#include "common/processtree.h"

#include <QProcess>

#include <utility>

namespace SandboxDoctor {

namespace {
// A killed process ends within milliseconds; one that does not (stuck in the
// kernel) must not hold the caller up, so the run is reported without it.
constexpr int killGraceMs = 1000;
} // namespace

ProcessRunner::ProcessRunner(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_graceTimer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ProcessRunner::onTimeout);
    connect(&m_graceTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcProcess) << "process did not end within" << killGraceMs << "ms of being killed";
        report(outcomeSoFar(ProcessOutcome::Status::TimedOut));
    });
}

ProcessRunner::~ProcessRunner()
{
    // Every QProcess left is a child: the run in progress, or one killed and
    // not reaped yet. Kill what still runs and reap it here, so that neither a
    // process nor a QProcess outlives this object (the wait is for processes
    // already sent SIGKILL: milliseconds).
    const auto processes = findChildren<QProcess *>(QString(), Qt::FindDirectChildrenOnly);
    for (QProcess *process : processes) {
        disconnect(process, nullptr, this, nullptr);
        if (process->state() == QProcess::NotRunning)
            continue;
        if (ProcessTree *tree = ProcessTree::of(process))
            tree->kill();
        else
            process->kill();
        process->waitForFinished(killGraceMs);
    }
}

void ProcessRunner::start(const ProcessSpec &spec)
{
    cancel();
    m_timeoutMs = spec.timeoutMs;
    m_timedOut = false;
    m_clock.start();

    auto *process = new QProcess(this);
    m_process = process;
    process->setProgram(spec.program);
    process->setArguments(spec.arguments);
#ifdef Q_OS_WIN
    if (!spec.nativeArguments.isEmpty())
        process->setNativeArguments(spec.nativeArguments);
#endif
    process->setProcessEnvironment(spec.environment);
    if (!spec.workingDirectory.isEmpty())
        process->setWorkingDirectory(spec.workingDirectory);
    process->setStandardInputFile(QProcess::nullDevice());
    new ProcessTree(process);  // a child of the process: ends with it

    connect(process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        onFinished(exitCode, status == QProcess::CrashExit);
    });
    connect(process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        // Crashes and kills still deliver finished(), which carries the output.
        if (error == QProcess::FailedToStart)
            onFailedToStart();
    });
    qCDebug(lcProcess) << "running" << spec.program << spec.arguments;
    m_timer.start(spec.timeoutMs);
    process->start();  // may report FailedToStart from in here; report() queues it
}

void ProcessRunner::cancel()
{
    if (!m_process)
        return;
    if (ProcessTree *tree = ProcessTree::of(m_process))
        tree->kill();
    report(outcomeSoFar(ProcessOutcome::Status::Cancelled));
}

void ProcessRunner::onFinished(int exitCode, bool crashed)
{
    ProcessOutcome outcome = outcomeSoFar(ProcessOutcome::Status::Finished);
    if (m_timedOut) {
        outcome.status = ProcessOutcome::Status::TimedOut;
    } else if (crashed) {
        outcome.status = ProcessOutcome::Status::Crashed;
        outcome.errorString = m_process->errorString();
    } else {
        outcome.exitCode = exitCode;
    }
    report(outcome);
}

void ProcessRunner::onFailedToStart()
{
    ProcessOutcome outcome = outcomeSoFar(ProcessOutcome::Status::FailedToStart);
    outcome.errorString = m_process->errorString();
    report(outcome);
}

void ProcessRunner::onTimeout()
{
    qCInfo(lcProcess) << m_process->program() << "did not finish within" << m_timeoutMs << "ms; killing its tree";
    m_timedOut = true;
    if (ProcessTree *tree = ProcessTree::of(m_process))
        tree->kill();
    m_graceTimer.start(killGraceMs);  // finished() normally comes first, with the output so far
}

ProcessOutcome ProcessRunner::outcomeSoFar(ProcessOutcome::Status status) const
{
    ProcessOutcome outcome;
    outcome.status = status;
    outcome.timeoutMs = m_timeoutMs;
    outcome.elapsedMs = m_clock.elapsed();
    if (status != ProcessOutcome::Status::FailedToStart) {
        outcome.standardOutput = m_process->readAllStandardOutput();
        outcome.standardError = m_process->readAllStandardError();
    }
    return outcome;
}

void ProcessRunner::report(const ProcessOutcome &outcome)
{
    m_timer.stop();
    m_graceTimer.stop();
    QProcess *process = std::exchange(m_process, nullptr);
    disconnect(process, nullptr, this, nullptr);
    // Never wait for a child on the caller's thread: one still running (killed,
    // not reaped yet) deletes itself once it has ended, or goes with this object.
    if (process->state() == QProcess::NotRunning || outcome.status == ProcessOutcome::Status::FailedToStart)
        process->deleteLater();
    else
        connect(process, &QProcess::finished, process, &QObject::deleteLater);
    QMetaObject::invokeMethod(this, [this, outcome] { emit finished(outcome); }, Qt::QueuedConnection);
}

} // namespace SandboxDoctor
