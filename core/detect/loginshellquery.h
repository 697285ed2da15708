#pragma once

#include "common/processrunner.h"

#include <QObject>
#include <QProcessEnvironment>
#include <QString>

namespace SandboxDoctor {

// What the user's login shell says `codex` is.
struct LoginShellAnswer final
{
    QString shell;    // the shell asked, empty when there was none to ask
    QString path;     // the absolute path it printed, empty when none
    QString problem;  // why there is no path (timed out, exited with N, ...); for logs and hints
};

// A desktop app inherits a bare PATH; the user's login shell knows the PATH
// their profile builds (Homebrew, nvm, ~/.local/bin). Asks
// `$SHELL -l -c 'command -v codex'` with the injected environment, bounded in
// time. Unix only. finished() comes once, from the event loop.
class LoginShellQuery final : public QObject
{
    Q_OBJECT

public:
    LoginShellQuery(QProcessEnvironment environment, int timeoutMs, QObject *parent = nullptr);

    void start();
    void cancel();

    // The last line of stdout that is an absolute path: profiles may print
    // banners, fortunes or warnings before the answer.
    static QString parseOutput(const QByteArray &standardOutput);

    // $SHELL from the environment, else the account's shell, else /bin/sh.
    static QString shellFor(const QProcessEnvironment &environment);

signals:
    void finished(const SandboxDoctor::LoginShellAnswer &answer);

private:
    void onOutcome(const ProcessOutcome &outcome);
    void finishWith(LoginShellAnswer answer);

    QProcessEnvironment m_environment;
    int m_timeoutMs = 0;
    LoginShellAnswer m_answer;
    bool m_done = false;
    bool m_cancelled = false;
    ProcessRunner m_process;  // a child too, so the probe's whole object tree holds its QProcess
};

} // namespace SandboxDoctor
