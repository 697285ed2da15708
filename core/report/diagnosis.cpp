#include "report/diagnosis.h"

#include <QDir>

#include <algorithm>

namespace SandboxDoctor {

namespace {

// The version the policy should use: the one the caller gave (--codex-version,
// where "unknown" means unknown), else what the chosen install answered.
std::optional<Version> policyVersion(const DiagnoseRequest &request, const CodexDetection &codex)
{
    if (request.codexVersionText)
        return Version::parse(*request.codexVersionText);
    if (codex.chosen)
        return codex.chosen->version;
    return std::nullopt;
}

} // namespace

Severity Diagnosis::worstSeverity() const
{
    Severity worst = SandboxDoctor::worstSeverity(analysis.findings);
    if (!config || !proposal || analysis.invalid)
        worst = Severity::Error;
    // No Codex, or one that does not answer, makes the policy a guess, not a failure:
    // the config can still be fixed, so it warns.
    if (!codex.chosen || !codexVersion)
        worst = std::max(worst, Severity::Warning);
    return worst;
}

QString defaultCodexHome(const QProcessEnvironment &environment)
{
    const QString fromEnv = environment.value(QStringLiteral("CODEX_HOME"));
    if (!fromEnv.isEmpty())
        return fromEnv;
#ifdef Q_OS_WIN
    QString home = environment.value(QStringLiteral("USERPROFILE"));
#else
    QString home = environment.value(QStringLiteral("HOME"));
#endif
    if (home.isEmpty())
        home = QDir::homePath();
    return QDir(home).filePath(QStringLiteral(".codex"));
}

Diagnosis diagnose(const DiagnoseRequest &request, const CodexDetection &codex)
{
    Diagnosis d;
    d.codexHome = request.codexHome;
    d.codex = codex;
    d.codexVersion = policyVersion(request, codex);
    d.platform = describePlatform(request.platform);
    d.config = readConfig(request.codexHome);

    PolicyInputs inputs;
    inputs.platform = d.platform.platform;
    inputs.codexVersion = d.codexVersion;
    inputs.darwinFixedVersion = request.darwinFixedVersion;
    if (!d.config)
        inputs.windowsSandbox = WindowsSandboxSetting::Unreadable;
    else if (d.config->exists)
        inputs.windowsSandbox = readWindowsSandboxSetting(d.config->bytes);
    else
        inputs.windowsSandbox = WindowsSandboxSetting::Absent;
    d.policy = choosePolicy(inputs);

    if (d.config) {
        d.analysis = analyzeConfig(d.config->bytes, d.config->exists, d.policy);
        d.proposal = proposeEdit(d.config->bytes, d.policy);
        if (!d.proposal) {
            Error error = d.proposal.error();
            if (error.path.isEmpty())
                error.path = d.config->path;
            d.proposal = error;
        }
    } else {
        d.proposal = d.config.error();
    }
    return d;
}

} // namespace SandboxDoctor
