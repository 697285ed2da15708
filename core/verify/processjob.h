#pragma once

#include <QByteArray>
#include <QObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

class QProcess;

namespace SandboxDoctor {

// Internal to core/verify: one external command with a time limit, reported
// once through done(). Never blocks.
struct ProcessOutcome final
{
    bool started = false;
    bool timedOut = false;
    bool cancelled = false;
    bool crashed = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QString errorString;  // QProcess's, when it could not start
};

class ProcessJob final : public QObject
{
    Q_OBJECT

public:
    explicit ProcessJob(QObject *parent = nullptr);
    ~ProcessJob() override;

    void start(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment,
               const QString &workingDirectory, int timeoutMs);
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    void done(const SandboxDoctor::ProcessOutcome &outcome);

private:
    void report(ProcessOutcome outcome);

    QProcess *m_process = nullptr;
    bool m_running = false;
    bool m_timedOut = false;
    bool m_cancelled = false;
};

} // namespace SandboxDoctor
