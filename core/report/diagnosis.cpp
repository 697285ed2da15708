#include "report/diagnosis.h"

#include "common/userhome.h"
#include "config/leftovers.h"

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

// The policy table's inputs. `[windows] sandbox` matters only on Windows, so
// other platforms skip parsing the file for it.
PolicyInputs policyInputs(const DiagnoseRequest &request, const std::optional<Version> &version,
                          Platform platform, const Expected<ConfigSnapshot> &config)
{
    PolicyInputs inputs;
    inputs.platform = platform;
    inputs.codexVersion = version;
    inputs.darwinFixedVersion = request.darwinFixedVersion;
    inputs.choice = request.policyChoice.value_or(PolicyChoice{});
    if (platform != Platform::Windows)
        inputs.windowsSandbox = WindowsSandboxSetting::Absent;
    else if (!config)
        inputs.windowsSandbox = WindowsSandboxSetting::Unreadable;
    else if (config->exists)
        inputs.windowsSandbox = readWindowsSandboxSetting(config->bytes);
    else
        inputs.windowsSandbox = WindowsSandboxSetting::Absent;
    return inputs;
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
    return userHomeDirectory(environment) + QLatin1String("/.codex");
}

Diagnosis diagnose(const DiagnoseRequest &request, const CodexDetection &codex)
{
    Diagnosis d;
    d.codexHome = request.codexHome;
    d.codex = codex;
    d.codexVersion = policyVersion(request, codex);
    d.platform = describePlatform(request.platform);
    d.config = readConfig(request.codexHome);

    d.policy = choosePolicy(policyInputs(request, d.codexVersion, d.platform.platform, d.config));
    d.policyChoice = request.policyChoice.value_or(PolicyChoice{});
    d.presetChosen = request.policyChoice.has_value();

    if (d.config) {
        AnalysisContext context;
        context.platform = d.platform.platform;
        context.codexVersion = d.codexVersion;
        context.codexHome = d.config->codexHome;
        context.configWritePath = d.config->writePath;
        d.analysis = analyzeConfig(d.config->bytes, d.config->exists, d.policy, context);
        // Not about the file's content, but about the write that should have replaced it.
        d.analysis.findings += leftoverFindings(d.config->codexHome, d.config->writePath);
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

SandboxPolicy decidePolicy(const DiagnoseRequest &request, const CodexDetection &codex)
{
    const Platform platform = request.platform.value_or(hostPlatform());
    const Expected<ConfigSnapshot> config =
        platform == Platform::Windows ? readConfig(request.codexHome) : Expected<ConfigSnapshot>(ConfigSnapshot{});
    return choosePolicy(policyInputs(request, policyVersion(request, codex), platform, config));
}

} // namespace SandboxDoctor
