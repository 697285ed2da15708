#include "detect/versionprobe.h"

#include "common/logging.h"
#include "detect/npmshim.h"

#include <QDir>
#include <QFileInfo>
#include <QTimer>

namespace SandboxDoctor {

namespace {

QString seconds(int ms)
{
    if (ms % 1000 == 0)
        return QString::number(ms / 1000) + QLatin1String(" s");
    return QString::number(ms / 1000.0, 'g', 3) + QLatin1String(" s");
}

QString firstNonEmptyLine(const QByteArray &bytes)
{
    const QStringList lines = QString::fromLocal8Bit(bytes).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (!trimmed.isEmpty())
            return trimmed;
    }
    return {};
}

// The trimmed line the version was read from.
QString versionLine(const QString &output)
{
    const QStringList lines = output.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (Version::parse(line))
            return line.trimmed();
    }
    return {};
}

bool isBatchFile(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("cmd") || suffix == QLatin1String("bat");
}

Error processError(const QString &path, QString message, QString hint)
{
    Error error;
    error.kind = Error::Kind::Process;
    error.path = QDir::toNativeSeparators(path);
    error.message = std::move(message);
    error.hint = std::move(hint);
    return error;
}

} // namespace

VersionProbe::VersionProbe(CodexCandidate candidate, QProcessEnvironment environment, int timeoutMs,
                           Platform platform, QObject *parent)
    : QObject(parent), m_environment(std::move(environment)), m_timeoutMs(timeoutMs), m_platform(platform),
      m_process(this)
{
    m_install.path = candidate.path;
    m_install.resolvedPath = QFileInfo(candidate.path).canonicalFilePath();
    m_install.source = candidate.source;
    connect(&m_process, &ProcessRunner::finished, this, &VersionProbe::onOutcome);
}

void VersionProbe::start()
{
    m_shimPackage = NpmShim::packageDirectory(m_install.path, m_platform);
    if (m_shimPackage && !NpmShim::isNodeOnPath(m_environment, m_platform)) {
        // Starting the shim would only fail: go to the native binary at once.
        qCDebug(lcDetect) << m_install.path << "is an npm shim and node is not on PATH";
        runNativeBinary();
        return;
    }
    run(m_install.path);
}

void VersionProbe::cancel()
{
    m_done = true;
    m_cancelled = true;
    m_process.cancel();
}

void VersionProbe::run(const QString &program)
{
    m_install.askedBinary = program;
    const QStringList arguments{QStringLiteral("--version")};
    if (m_platform == Platform::Windows && isBatchFile(program)) {
        // A batch file runs only through cmd; /s keeps the quoted path intact.
        QString comspec = m_environment.value(QStringLiteral("ComSpec"));
        if (comspec.isEmpty())
            comspec = QStringLiteral("cmd.exe");
        const QString native = QStringLiteral("/d /s /c \"\"%1\" --version\"").arg(QDir::toNativeSeparators(program));
        // The native command line only: QProcess would append it to any arguments.
        m_process.start(ProcessSpec{comspec, {}, m_environment, {}, native, m_timeoutMs});
        return;
    }
    m_process.start(ProcessSpec{program, arguments, m_environment, {}, {}, m_timeoutMs});
}

void VersionProbe::onOutcome(const ProcessOutcome &outcome)
{
    if (m_done)
        return;
    const bool failedForNode =
        outcome.status == ProcessOutcome::Status::FailedToStart
        || (outcome.status == ProcessOutcome::Status::Finished && outcome.exitCode != 0
            && NpmShim::looksLikeMissingNode(outcome.exitCode, outcome.standardError));
    if (m_shimPackage && !m_triedNative && failedForNode) {
        qCDebug(lcDetect) << m_install.path << "could not run under node";
        runNativeBinary();
        return;
    }
    finishWith(interpret(m_install, outcome));
}

void VersionProbe::runNativeBinary()
{
    m_triedNative = true;
    const QString native = NpmShim::findNativeBinary(*m_shimPackage, m_platform);
    qCDebug(lcDetect) << "native binary inside the npm package:" << native;
    if (native.isEmpty()) {
        CodexInstall install = m_install;
        install.error = needsNodeError();
        finishWith(install);
        return;
    }
    run(native);
}

void VersionProbe::finishWith(CodexInstall install)
{
    m_done = true;
    // Always from the event loop, so a caller may connect after start().
    QTimer::singleShot(0, this, [this, install] {
        if (!m_cancelled)
            emit finished(install);
    });
}

Error VersionProbe::needsNodeError() const
{
    return processError(
        m_install.path,
        QStringLiteral("This Codex is an npm script that needs Node.js, node is not on PATH, "
                       "and no native Codex binary was found in its package (%1).")
            .arg(QDir::toNativeSeparators(m_shimPackage->isEmpty() ? QStringLiteral("package not found")
                                                                    : *m_shimPackage)),
        QStringLiteral("Reinstall it with `npm install -g @openai/codex`, install Node.js, "
                       "or give the native codex binary with --codex."));
}

CodexInstall VersionProbe::interpret(CodexInstall install, const ProcessOutcome &outcome)
{
    const QString asked = install.program();
    const QString command = QLatin1Char('`') + QDir::toNativeSeparators(asked) + QLatin1String(" --version`");
    switch (outcome.status) {
    case ProcessOutcome::Status::TimedOut:
        install.error = processError(
            install.path,
            command + QLatin1String(" timed out after ") + seconds(outcome.timeoutMs) + QLatin1String(" and was stopped."),
            QStringLiteral("Run it in a terminal to see what it waits for, or give another Codex with --codex."));
        return install;
    case ProcessOutcome::Status::Cancelled:
        install.error = processError(install.path, command + QLatin1String(" was cancelled."),
                                     QStringLiteral("Detect again to ask it."));
        return install;
    case ProcessOutcome::Status::FailedToStart:
        install.error = processError(
            install.path, command + QLatin1String(" failed to start: ") + outcome.errorString,
            QStringLiteral("Check that the file is a program for this machine and that you may run it, "
                           "or give another Codex with --codex."));
        return install;
    case ProcessOutcome::Status::Crashed:
        install.error = processError(
            install.path, command + QLatin1String(" crashed: ") + outcome.errorString,
            QStringLiteral("Run it in a terminal to see why, or reinstall Codex."));
        return install;
    case ProcessOutcome::Status::Finished:
        break;
    }

    const QString output = QString::fromLocal8Bit(outcome.standardOutput);
    if (outcome.exitCode != 0) {
        const QString stderrLine = firstNonEmptyLine(outcome.standardError);
        install.error = processError(
            install.path,
            command + QLatin1String(" exited with code ") + QString::number(outcome.exitCode)
                + (stderrLine.isEmpty() ? QStringLiteral(" and printed no error.") : QLatin1String(": ") + stderrLine),
            QStringLiteral("Run it in a terminal to see the whole message, or reinstall Codex."));
        return install;
    }
    // Some builds may print to stderr; stdout first.
    QString source = output;
    install.version = Version::fromCommandOutput(output);
    if (!install.version) {
        source = QString::fromLocal8Bit(outcome.standardError);
        install.version = Version::fromCommandOutput(source);
    }
    if (!install.version) {
        const QString said = firstNonEmptyLine(outcome.standardOutput);
        install.error = processError(
            install.path,
            command + (said.isEmpty() ? QStringLiteral(" printed nothing.")
                                      : QLatin1String(" printed no version: ") + said),
            QStringLiteral("Check that this file is the Codex CLI, or give its version with --codex-version."));
        return install;
    }
    install.raw = versionLine(source);
    return install;
}

} // namespace SandboxDoctor
