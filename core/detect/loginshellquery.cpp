#include "detect/loginshellquery.h"

#include "common/logging.h"

#include <QFileInfo>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace SandboxDoctor {

LoginShellQuery::LoginShellQuery(QProcessEnvironment environment, int timeoutMs, QObject *parent)
    : QObject(parent), m_environment(std::move(environment)), m_timeoutMs(timeoutMs), m_process(this)
{
    connect(&m_process, &ProcessRunner::finished, this, &LoginShellQuery::onOutcome);
}

QString LoginShellQuery::shellFor(const QProcessEnvironment &environment)
{
    const QString shell = environment.value(QStringLiteral("SHELL"));
    if (!shell.isEmpty())
        return shell;
#ifdef Q_OS_UNIX
    // Apps started by launchd or a desktop session may lack SHELL; the
    // account's shell is the one whose profile the user edits.
    if (const passwd *entry = ::getpwuid(::getuid()); entry && entry->pw_shell && *entry->pw_shell)
        return QString::fromLocal8Bit(entry->pw_shell);
#endif
    return QStringLiteral("/bin/sh");
}

void LoginShellQuery::start()
{
    m_answer.shell = shellFor(m_environment);
    if (!QFileInfo(m_answer.shell).isExecutable()) {
        LoginShellAnswer answer = m_answer;
        answer.problem = QStringLiteral("the shell %1 is not an executable file").arg(m_answer.shell);
        finishWith(answer);
        return;
    }
    ProcessSpec spec;
    spec.program = m_answer.shell;
    spec.arguments = {QStringLiteral("-l"), QStringLiteral("-c"), QStringLiteral("command -v codex")};
    spec.environment = m_environment;
    spec.timeoutMs = m_timeoutMs;
    m_process.start(spec);
}

void LoginShellQuery::cancel()
{
    m_done = true;
    m_cancelled = true;
    m_process.cancel();
}

QString LoginShellQuery::parseOutput(const QByteArray &standardOutput)
{
    const QStringList lines = QString::fromLocal8Bit(standardOutput).split(QLatin1Char('\n'));
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        const QString line = it->trimmed();
        if (line.startsWith(QLatin1Char('/')))
            return line;
    }
    return {};
}

void LoginShellQuery::onOutcome(const ProcessOutcome &outcome)
{
    if (m_done)
        return;
    LoginShellAnswer answer = m_answer;
    switch (outcome.status) {
    case ProcessOutcome::Status::TimedOut:
        answer.problem = QStringLiteral("%1 -l did not answer within %2 ms").arg(answer.shell).arg(outcome.timeoutMs);
        break;
    case ProcessOutcome::Status::Cancelled:
        return;  // cancel() already ended the query; nothing is reported
    case ProcessOutcome::Status::FailedToStart:
    case ProcessOutcome::Status::Crashed:
        answer.problem = QStringLiteral("%1 -l failed: %2").arg(answer.shell, outcome.errorString);
        break;
    case ProcessOutcome::Status::Finished:
        answer.path = parseOutput(outcome.standardOutput);
        if (answer.path.isEmpty())
            answer.problem = QStringLiteral("%1 -l -c 'command -v codex' found no codex (exit code %2)")
                                 .arg(answer.shell)
                                 .arg(outcome.exitCode);
        break;
    }
    qCDebug(lcDetect) << "login shell" << answer.shell << "says" << answer.path << answer.problem;
    finishWith(answer);
}

void LoginShellQuery::finishWith(LoginShellAnswer answer)
{
    m_done = true;
    QTimer::singleShot(0, this, [this, answer] {
        if (!m_cancelled)
            emit finished(answer);
    });
}

} // namespace SandboxDoctor
