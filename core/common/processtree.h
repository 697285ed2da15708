#pragma once

#include <QObject>

class QProcess;

namespace SandboxDoctor {

// Makes everything a child process starts killable at once. It lives as a
// child object of its QProcess, so the two end together. POSIX: the child
// leads a session of its own, so its process group holds its descendants (a
// login shell's helpers, a sandbox wrapper's payload) unless one leaves the
// group on purpose. Windows: a job object holds the child, assigned as soon as
// it runs, and ending the job ends every process in it; a grandchild started
// in the instant before the assignment is the one gap.
class ProcessTree final : public QObject
{
    Q_OBJECT

public:
    // Call before QProcess::start(): installs the child-side setup.
    explicit ProcessTree(QProcess *process);
    ~ProcessTree() override;  // Windows: closes the job, which ends what is still in it

    // The tree of `process`, or nullptr when it has none.
    static ProcessTree *of(const QProcess *process);

    // Kills the whole tree, then the process itself. Does nothing once the
    // process has ended and been reaped: its group id may then belong to
    // someone else.
    void kill();

private:
    void adopt();  // once the process runs

    QProcess *m_process;
    qint64 m_pid = 0;
    void *m_job = nullptr;  // Windows: the job object's HANDLE
};

} // namespace SandboxDoctor
