#pragma once

#include <QByteArray>
#include <QObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTimer>

class QProcess;

namespace SandboxDoctor {

// How a bounded run ended, as a plain value for the one who asked.
struct ProcessOutcome final
{
    enum class Status { Finished, Crashed, TimedOut, FailedToStart };

    Status status = Status::Finished;
    int exitCode = 0;
    QByteArray standardOutput;
    QByteArray standardError;
    QString errorString;  // from QProcess when it could not start or crashed
    int timeoutMs = 0;    // the bound it ran under, for messages
};

// Runs one program with a time limit, entirely through signals: start()
// returns at once and finished() reports exactly once (never after cancel()).
// On Unix the child leads its own session, so a timeout kills everything it
// spawned (a login shell's profile may start helpers that keep running).
class BoundedProcess final : public QObject
{
    Q_OBJECT

public:
    explicit BoundedProcess(QObject *parent = nullptr);
    ~BoundedProcess() override;

    // nativeArguments is used on Windows only (cmd /c needs its own quoting).
    void start(const QString &program, const QStringList &arguments,
               const QProcessEnvironment &environment, int timeoutMs,
               const QString &nativeArguments = {});
    void cancel();
    bool isRunning() const { return m_process != nullptr; }

signals:
    void finished(const SandboxDoctor::ProcessOutcome &outcome);

private:
    void onFinished(int exitCode, bool crashed);
    void onErrorOccurred();
    void onTimeout();
    void killTree();
    void report(ProcessOutcome outcome);
    void detachProcess();

    QProcess *m_process = nullptr;
    QTimer m_timer;       // the time limit
    QTimer m_graceTimer;  // after a kill, how long we wait to hear the process end
    int m_timeoutMs = 0;
    bool m_timedOut = false;
};

} // namespace SandboxDoctor
