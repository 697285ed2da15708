#include "common/processtree.h"

#include "common/logging.h"

#include <QProcess>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/types.h>
#include <unistd.h>
#endif
#ifdef Q_OS_WIN
#include <qt_windows.h>
#endif

namespace SandboxDoctor {

ProcessTree::ProcessTree(QProcess *process) : QObject(process), m_process(process)
{
    setObjectName(QStringLiteral("processTree"));
#ifdef Q_OS_UNIX
    // Own session: no controlling terminal to read from, and one process
    // group (its id is the child's pid) to kill.
    m_process->setChildProcessModifier([] { ::setsid(); });
#endif
    connect(m_process, &QProcess::started, this, &ProcessTree::adopt);
}

ProcessTree::~ProcessTree()
{
#ifdef Q_OS_WIN
    if (m_job)
        CloseHandle(static_cast<HANDLE>(m_job));
#endif
}

ProcessTree *ProcessTree::of(const QProcess *process)
{
    return process ? process->findChild<ProcessTree *>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
}

void ProcessTree::adopt()
{
    m_pid = m_process->processId();
#ifdef Q_OS_WIN
    if (m_pid <= 0 || m_job)
        return;
    HANDLE job = CreateJobObjectW(nullptr, nullptr);
    if (!job) {
        qCWarning(lcProcess) << "could not create a job object; only the process itself can be killed";
        return;
    }
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits{};
    limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
    SetInformationJobObject(job, JobObjectExtendedLimitInformation, &limits, sizeof(limits));
    HANDLE handle = OpenProcess(PROCESS_SET_QUOTA | PROCESS_TERMINATE, FALSE, static_cast<DWORD>(m_pid));
    const bool assigned = handle && AssignProcessToJobObject(job, handle);
    if (handle)
        CloseHandle(handle);
    if (!assigned) {
        qCWarning(lcProcess) << "could not put process" << m_pid << "in a job object; only it can be killed";
        CloseHandle(job);
        return;
    }
    m_job = job;
#endif
}

void ProcessTree::kill()
{
    if (m_process->state() == QProcess::NotRunning)
        return;
#ifdef Q_OS_UNIX
    // The leader is not reaped yet, so its pid is still its group's id.
    const qint64 leader = m_pid > 0 ? m_pid : m_process->processId();
    if (leader > 0)
        ::kill(-static_cast<pid_t>(leader), SIGKILL);
#endif
#ifdef Q_OS_WIN
    if (m_job)
        TerminateJobObject(static_cast<HANDLE>(m_job), 1);
#endif
    m_process->kill();
}

} // namespace SandboxDoctor
