#pragma once

#include "common/error.h"
#include "common/policy.h"
#include "config/configanalysis.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace SandboxDoctor {

// How to start the chosen Codex. `wrapper` is prepended to every command line
// (tests use {"unshare", "-rn"} so doctor's network checks never leave the
// machine; Windows npm shims use {"cmd", "/c"}).
struct CodexCommand final
{
    QString program;       // the native binary when known (CodexInstall::askedBinary), else the path
    QStringList wrapper;   // may be empty
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();  // CODEX_HOME is replaced
};

// What `verify` asks Codex about: exactly these config bytes, in a scratch
// CODEX_HOME that holds only config.toml (never auth.json, never the user's folder).
struct VerifyRequest final
{
    CodexCommand codex;
    QByteArray configBytes;
    bool configExists = true;      // false: the scratch home gets no config.toml at all
    bool proposed = false;         // the bytes are what `apply` would write (for reports only)
    SandboxPolicy policy;          // what the verdict compares Codex's answer with
    QString scratchBase;           // parent of the scratch folder; empty: defaultScratchBase()
    int timeoutMs = 60000;         // doctor answers in about a second with its network checks kept local
};

// The sandbox Codex reports (checks["sandbox.helpers"].details), raw spellings:
// "restricted", "unrestricted", "enabled", ... Empty when Codex did not say.
struct SandboxReport final
{
    QString filesystem;
    QString network;
};

// The sandbox a policy should produce, in doctor's spelling (observed on Codex 0.171.0):
// danger-full-access -> unrestricted/enabled, workspace-write+network ->
// restricted/enabled, workspace-write -> restricted/restricted,
// read-only -> restricted/restricted.
SandboxReport expectedSandbox(const SandboxPolicy &policy);

enum class PolicyMatch { Matches, Differs, Unknown };
QString policyMatchName(PolicyMatch match);  // "matches", "differs", "unknown"

struct VerifyResult final
{
    enum class Outcome {
        Answered,   // doctor printed its JSON report (whatever its exit code)
        NoDoctor,   // this Codex has no `doctor --json`: see note and fallback
        Failed,     // could not start, timed out, crashed, cancelled: see error
    };

    Outcome outcome = Outcome::Failed;
    bool proposed = false;
    QString codexVersion;          // doctor's "codexVersion", when it said

    // config.load
    std::optional<bool> configLoads;    // nullopt when Codex did not say
    QString configMessage;              // Codex's own words when it failed ("invalid configuration")
    QString configFile;                 // details.file
    int configLine = 0;                 // details.line (1-based), 0 when absent
    int configColumn = 0;               // details.column (1-based), 0 when absent
    QString configRemediation;          // Codex's remediation text

    SandboxReport sandbox;              // what Codex says it would enforce
    SandboxReport expected;             // expectedSandbox(request.policy)
    PolicyMatch match = PolicyMatch::Unknown;

    QString note;                       // for a person: why there is no verdict, what was done instead
    std::optional<Error> error;         // Failed: what went wrong, where, what next
    std::optional<ConfigAnalysis> fallback;  // NoDoctor: the core's own analysis of the same bytes

    QStringList overrides;              // the `-c` options that kept doctor's network checks local
    int exitCode = -1;                  // doctor's exit code (1 is normal: any failed check)
    QString stderrText;                 // doctor's stderr, trimmed (warnings)
    qint64 elapsedMs = 0;

    // Error when the config does not load, the sandbox differs from the policy,
    // or Codex could not be asked; else Info. NoDoctor: the fallback's worst.
    Severity severity() const;
};

QString outcomeName(VerifyResult::Outcome outcome);  // "answered", "no-doctor", "failed"

} // namespace SandboxDoctor
