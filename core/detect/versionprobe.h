#pragma once

#include "common/platform.h"
#include "common/processrunner.h"
#include "detect/candidatesearch.h"
#include "detect/codexinstall.h"

#include <QObject>
#include <QProcessEnvironment>

#include <optional>

namespace SandboxDoctor {

// Asks one candidate `--version`, bounded in time. An npm shim whose `node`
// is missing is answered by the native binary inside its package instead
// (up front when node is not on PATH, or after the shim failed to start).
// finished() comes exactly once, always from the event loop, never after
// cancel().
class VersionProbe final : public QObject
{
    Q_OBJECT

public:
    VersionProbe(CodexCandidate candidate, QProcessEnvironment environment, int timeoutMs,
                 Platform platform, QObject *parent = nullptr);

    void start();
    void cancel();

    // What a finished run means: the version (first line that holds one) or
    // an error naming the program, the exit code and its stderr. Public for tests.
    static CodexInstall interpret(CodexInstall install, const ProcessOutcome &outcome);

signals:
    void finished(const SandboxDoctor::CodexInstall &install);

private:
    void run(const QString &program);
    void onOutcome(const ProcessOutcome &outcome);
    // Asks the native binary inside the npm package, or reports that node is needed.
    void runNativeBinary();
    void finishWith(CodexInstall install);
    Error needsNodeError() const;

    CodexInstall m_install;
    QProcessEnvironment m_environment;
    int m_timeoutMs = 0;
    Platform m_platform = Platform::Linux;
    std::optional<QString> m_shimPackage;  // set when the candidate is an npm shim
    bool m_triedNative = false;
    bool m_done = false;
    bool m_cancelled = false;
    ProcessRunner m_process;  // a child too, so the probe's whole object tree holds its QProcess
};

} // namespace SandboxDoctor
