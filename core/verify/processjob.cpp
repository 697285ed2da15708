#include "verify/processjob.h"

#include <QProcess>
#include <QTimer>

namespace SandboxDoctor {

ProcessJob::ProcessJob(QObject *parent) : QObject(parent) {}

ProcessJob::~ProcessJob()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(3000);
    }
}

void ProcessJob::start(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment,
                       const QString &workingDirectory, int timeoutMs)
{
    m_running = true;
    m_timedOut = false;
    m_cancelled = false;
    m_process = new QProcess(this);
    m_process->setProgram(program);
    m_process->setArguments(arguments);
    m_process->setProcessEnvironment(environment);
    if (!workingDirectory.isEmpty())
        m_process->setWorkingDirectory(workingDirectory);
    m_process->setStandardInputFile(QProcess::nullDevice());

    auto *timer = new QTimer(m_process);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this] {
        m_timedOut = true;
        if (m_process)
            m_process->kill();
    });

    connect(m_process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        ProcessOutcome outcome;
        outcome.started = true;
        outcome.timedOut = m_timedOut;
        outcome.cancelled = m_cancelled;
        outcome.crashed = status == QProcess::CrashExit;
        outcome.exitCode = status == QProcess::NormalExit ? exitCode : -1;
        outcome.out = m_process->readAllStandardOutput();
        outcome.err = m_process->readAllStandardError();
        report(std::move(outcome));
    });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        ProcessOutcome outcome;
        outcome.errorString = m_process->errorString();
        outcome.cancelled = m_cancelled;
        report(std::move(outcome));
    });

    timer->start(timeoutMs);
    m_process->start();
}

void ProcessJob::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    if (m_process)
        m_process->kill();
}

void ProcessJob::report(ProcessOutcome outcome)
{
    if (!m_running)
        return;
    m_running = false;
    if (m_process) {
        m_process->disconnect(this);
        m_process->deleteLater();
        m_process = nullptr;
    }
    emit done(outcome);
}

} // namespace SandboxDoctor
