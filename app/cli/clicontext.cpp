#include "clicontext.h"

#include "report/jsonshapes.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>

namespace SandboxDoctor::Cli {

CliContext::CliContext(QTextStream &out, QTextStream &err, QProcessEnvironment environment, SavedSettings saved)
    : m_out(out), m_err(err), m_environment(std::move(environment)), m_saved(std::move(saved))
{
}

void CliContext::addCommonOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("codex-home"), QStringLiteral("The CODEX_HOME to work on (default: $CODEX_HOME, else ~/.codex)."),
         QStringLiteral("DIR")},
        {QStringLiteral("codex"), QStringLiteral("The Codex executable to ask (default: detected)."), QStringLiteral("PATH")},
        {QStringLiteral("codex-version"),
         QStringLiteral("Use this version instead of asking Codex: 'codex-cli 0.121.0', '0.121.0' or 'unknown'."),
         QStringLiteral("TEXT")},
        {QStringLiteral("platform"), QStringLiteral("macos (alias darwin), linux or windows (default: this machine)."),
         QStringLiteral("NAME")},
        {QStringLiteral("darwin-fixed-version"),
         QStringLiteral("First Codex version whose macOS sandbox honours network_access (default: saved setting, else none)."),
         QStringLiteral("V")},
        {QStringLiteral("policy"),
         QStringLiteral("The policy table: seed, multica-today, or custom:PLATFORM=MODE[,...] with MODE one of "
                        "read-only, workspace-write, workspace-write+network, danger-full-access (default: saved "
                        "setting, else seed for a CODEX_HOME and, for a per-task home, the preset of the daemon "
                        "that wrote it)."),
         QStringLiteral("PRESET")},
        {QStringLiteral("json"), QStringLiteral("Machine-readable report on stdout.")},
    });
}

std::optional<Error> CliContext::readCommonOptions(const QCommandLineParser &parser)
{
    auto usage = [](QString message, QString hint) {
        return Error{Error::Kind::Usage, std::move(message), {}, 0, 0, std::move(hint)};
    };

    m_json = parser.isSet(QStringLiteral("json"));

    m_codexHome = parser.isSet(QStringLiteral("codex-home")) ? parser.value(QStringLiteral("codex-home"))
                                                             : defaultCodexHome(m_environment);
    if (m_codexHome.isEmpty())
        return usage(QStringLiteral("--codex-home is empty."), QStringLiteral("Give the folder that holds config.toml."));
    m_codexHome = QDir::cleanPath(QFileInfo(m_codexHome).absoluteFilePath());

    m_codexPath = parser.isSet(QStringLiteral("codex")) ? parser.value(QStringLiteral("codex")) : m_saved.codexPath;

    if (parser.isSet(QStringLiteral("codex-version")))
        m_codexVersionText = parser.value(QStringLiteral("codex-version"));

    if (parser.isSet(QStringLiteral("platform"))) {
        const QString name = parser.value(QStringLiteral("platform"));
        m_platform = parsePlatformName(name);
        if (!m_platform)
            return usage(QStringLiteral("Unknown platform '%1'.").arg(name),
                         QStringLiteral("Use macos (or darwin), linux or windows."));
    }

    const QString fixed = parser.isSet(QStringLiteral("darwin-fixed-version"))
                              ? parser.value(QStringLiteral("darwin-fixed-version"))
                              : m_saved.darwinFixedVersion;
    if (!fixed.trimmed().isEmpty()) {
        m_darwinFixedVersion = Version::parse(fixed);
        if (!m_darwinFixedVersion)
            return usage(QStringLiteral("'%1' is not a version.").arg(fixed),
                         QStringLiteral("Give --darwin-fixed-version as X.Y.Z, for example 0.180.0."));
    }

    const bool policyGiven = parser.isSet(QStringLiteral("policy"));
    const QString policy = policyGiven ? parser.value(QStringLiteral("policy")) : m_saved.policyPreset;
    if (policyGiven || !policy.trimmed().isEmpty()) {
        QString why;
        m_policyChoice = parsePolicyChoice(policy, &why);
        if (!m_policyChoice)
            return usage(why, policyGiven ? QStringLiteral("Give --policy seed, multica-today or custom:linux=workspace-write+network.")
                                          : QStringLiteral("The saved setting \"policy/preset\" is wrong: choose a "
                                                           "preset in Settings, or pass --policy."));
    }
    return std::nullopt;
}

DetectOptions CliContext::detectOptions() const
{
    DetectOptions options;
    options.explicitPath = m_codexPath;
    options.environment = m_environment;
    return options;
}

CodexDetection CliContext::detectCodex() const
{
    if (!m_codexVersionText)
        return CodexLocator::detectBlocking(detectOptions());

    // --codex-version: believe the caller and run nothing.
    CodexDetection detection;
    CodexInstall install;
    install.path = m_codexPath;
    install.resolvedPath = m_codexPath;
    install.source = CodexSource::Explicit;
    install.version = Version::parse(*m_codexVersionText);
    install.raw = *m_codexVersionText;
    detection.chosen = install;
    detection.installs = {install};
    return detection;
}

DiagnoseRequest CliContext::diagnoseRequest() const
{
    DiagnoseRequest request;
    request.codexHome = m_codexHome;
    request.platform = m_platform;
    request.codexVersionText = m_codexVersionText;
    request.darwinFixedVersion = m_darwinFixedVersion;
    request.policyChoice = m_policyChoice;
    return request;
}

Diagnosis CliContext::diagnoseHome() const
{
    return diagnose(diagnoseRequest(), detectCodex());
}

int CliContext::fail(const Error &error)
{
    m_err << "codex-sandbox-doctor: " << error.toText() << Qt::endl;
    if (m_json)
        printErrorJson(error);
    return error.exitCode();
}

void CliContext::printErrorJson(const Error &error)
{
    m_out << QJsonDocument(failureToJson(error)).toJson(QJsonDocument::Indented) << Qt::flush;
}

} // namespace SandboxDoctor::Cli
