#pragma once

#include <QByteArray>
#include <QString>

namespace SandboxDoctor {

// How one run of an external program ended, as a plain value: the one type
// every caller of ProcessRunner reads (version probe, login shell, `codex
// doctor`, `codex sandbox`, the DNS probe, help detection).
struct ProcessOutcome final
{
    enum class Status {
        Finished,       // exited on its own; exitCode holds its code
        Crashed,        // ended by a signal or an exception
        TimedOut,       // ran past its time limit; its process tree was killed
        Cancelled,      // cancel() was called; its process tree was killed
        FailedToStart,  // could not be started at all; errorString says why
    };

    Status status = Status::FailedToStart;
    int exitCode = -1;         // meaningful for Finished only
    QByteArray standardOutput;
    QByteArray standardError;
    QString errorString;       // QProcess's words when it could not start or crashed
    int timeoutMs = 0;         // the limit it ran under, for messages
    qint64 elapsedMs = 0;

    bool started() const { return status != Status::FailedToStart; }
    bool finishedNormally() const { return status == Status::Finished; }
};

} // namespace SandboxDoctor
