#include "detect/boundedprocess.h"

#include "common/logging.h"

#include <QProcess>

#include <utility>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/types.h>
#include <unistd.h>
#endif

namespace SandboxDoctor {

namespace {
// A killed process ends within milliseconds; one that does not (stuck in the
// kernel) must not hold the caller up, so we report without it.
constexpr int killGraceMs = 1000;
} // namespace

BoundedProcess::BoundedProcess(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_graceTimer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &BoundedProcess::onTimeout);
    connect(&m_graceTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcDetect) << "process did not end after being killed; leaving it behind";
        ProcessOutcome outcome;
        outcome.status = ProcessOutcome::Status::TimedOut;
        outcome.timeoutMs = m_timeoutMs;
        report(outcome);
    });
}

BoundedProcess::~BoundedProcess()
{
    cancel();
}

void BoundedProcess::start(const QString &program, const QStringList &arguments,
                           const QProcessEnvironment &environment, int timeoutMs,
                           const QString &nativeArguments)
{
    cancel();
    m_timeoutMs = timeoutMs;
    m_timedOut = false;
    m_process = new QProcess(this);
    m_process->setProgram(program);
    m_process->setArguments(arguments);
#ifdef Q_OS_WIN
    if (!nativeArguments.isEmpty())
        m_process->setNativeArguments(nativeArguments);
#else
    Q_UNUSED(nativeArguments);
#endif
    m_process->setProcessEnvironment(environment);
    // Nothing we run may wait for input: a profile that reads stdin gets EOF.
    m_process->setStandardInputFile(QProcess::nullDevice());
#ifdef Q_OS_UNIX
    // Own session: no controlling terminal to read from, and one process
    // group to kill on timeout.
    m_process->setChildProcessModifier([] { ::setsid(); });
#endif
    connect(m_process, &QProcess::finished, this,
            [this](int exitCode, QProcess::ExitStatus status) {
                onFinished(exitCode, status == QProcess::CrashExit);
            });
    connect(m_process, &QProcess::errorOccurred, this, &BoundedProcess::onErrorOccurred);
    qCDebug(lcDetect) << "running" << program << arguments;
    m_process->start();
    m_timer.start(timeoutMs);
}

void BoundedProcess::cancel()
{
    m_timer.stop();
    m_graceTimer.stop();
    if (!m_process)
        return;
    disconnect(m_process, nullptr, this, nullptr);
    killTree();
    detachProcess();
}

void BoundedProcess::onFinished(int exitCode, bool crashed)
{
    ProcessOutcome outcome;
    outcome.exitCode = exitCode;
    outcome.timeoutMs = m_timeoutMs;
    outcome.standardOutput = m_process->readAllStandardOutput();
    outcome.standardError = m_process->readAllStandardError();
    if (m_timedOut)
        outcome.status = ProcessOutcome::Status::TimedOut;
    else if (crashed) {
        outcome.status = ProcessOutcome::Status::Crashed;
        outcome.errorString = m_process->errorString();
    }
    report(outcome);
}

void BoundedProcess::onErrorOccurred()
{
    // Only a failed start ends the run here; crashes and timeouts still
    // deliver finished(), which carries the output.
    if (m_process->error() != QProcess::FailedToStart)
        return;
    ProcessOutcome outcome;
    outcome.status = ProcessOutcome::Status::FailedToStart;
    outcome.errorString = m_process->errorString();
    outcome.timeoutMs = m_timeoutMs;
    report(outcome);
}

void BoundedProcess::onTimeout()
{
    qCInfo(lcDetect) << m_process->program() << "did not finish within" << m_timeoutMs << "ms; killing it";
    m_timedOut = true;
    killTree();
    m_graceTimer.start(killGraceMs);
}

void BoundedProcess::killTree()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
#ifdef Q_OS_UNIX
    const qint64 pid = m_process->processId();
    if (pid > 0)
        ::kill(-static_cast<pid_t>(pid), SIGKILL);  // the whole session's group
#endif
    m_process->kill();
}

void BoundedProcess::report(ProcessOutcome outcome)
{
    m_timer.stop();
    m_graceTimer.stop();
    if (m_process) {
        disconnect(m_process, nullptr, this, nullptr);
        detachProcess();
    }
    emit finished(outcome);
}

void BoundedProcess::detachProcess()
{
    // Never wait for a child on the caller's thread: a process still running
    // (killed, not yet reaped) deletes itself once it has ended.
    QProcess *process = std::exchange(m_process, nullptr);
    if (process->state() == QProcess::NotRunning) {
        process->deleteLater();
        return;
    }
    process->setParent(nullptr);
    connect(process, &QProcess::finished, process, &QObject::deleteLater);
}

} // namespace SandboxDoctor
