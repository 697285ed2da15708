#pragma once

#include "common/error.h"
#include "common/platform.h"
#include "common/sandboxsettings.h"
#include "verify/dnsprobe.h"
#include "verify/sandboxinvocation.h"
#include "verify/verifytypes.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace SandboxDoctor {

struct SandboxProbeRequest final
{
    CodexCommand codex;            // runs `codex sandbox ...`; its wrapper is not used: the probe must
                                   // reach the loopback listener in this network namespace
    QString probeProgram;          // codex-sandbox-doctor-cli: runs `probe-dns HOST --connect ... --json`
    QString host = QStringLiteral("api.openai.com");
    QByteArray configBytes;        // the config under test, in the scratch CODEX_HOME
    bool configExists = true;
    SandboxSettings settings;      // the sandbox the config under test gives the agent: `codex sandbox`
                                   // is told exactly these (0.171 ignores sandbox_mode from the file)
    Platform platform = hostPlatform();      // for detectSandboxStyle
    QString scratchBase;           // empty: defaultScratchBase()
    int probeTimeoutMs = 20000;    // each run (outside, inside); a hung resolver is killed then
    int helpTimeoutMs = 10000;     // `codex sandbox --help`
};

// One side of the comparison.
struct ProbeRun final
{
    bool ran = false;                 // the probe printed a result
    DnsProbeResult result;            // valid when ran
    std::optional<Error> error;       // why there is no result (timed out, could not start, ...)
    QStringList commandLine;          // what was run, for a person
    int exitCode = -1;
    QString stderrText;
};

// What the two runs mean together.
enum class ProbeVerdict {
    MacosDnsBug,        // resolves outside, name lookup blocked inside: the fingerprint of openai/codex#10390
    SandboxBlocksNetwork,  // resolves outside; inside, sockets are denied (network sandbox on)
    SameBothSides,      // inside behaves like outside (network allowed in the sandbox)
    Offline,            // does not resolve outside either: this machine has no DNS for the host
    NoSandbox,          // the settings are danger-full-access: there is no sandbox to probe, only the outside run
    Inconclusive,       // a run failed; see the runs' errors
};
QString probeVerdictName(ProbeVerdict verdict);  // "macos-dns-bug", "sandbox-blocks-network", ...

struct SandboxProbeReport final
{
    QString host;
    std::optional<SandboxStyle> style;   // nullopt: this Codex cannot run a command in its sandbox (or was not asked)
    SandboxSettings settings;            // what the request asked the inside run to use
    QString ranWith;                     // what it ran with, for a person (settings.describe(), or a legacy form's own)
    bool logDenials = false;             // --log-denials was passed (this Codex's help lists it: macOS)
    QStringList denials;                 // what Codex printed under "=== Sandbox denials ==="
    LoopbackTarget listener;             // the loopback listener both runs tried to reach
    ProbeRun outside;
    ProbeRun inside;
    ProbeVerdict verdict = ProbeVerdict::Inconclusive;
    QString summary;                     // one or two sentences for a person
};

// The verdict and summary for two runs (pure; the runner calls it).
ProbeVerdict judgeProbe(const ProbeRun &outside, const ProbeRun &inside, Platform platform);
QString summarizeProbe(const SandboxProbeReport &report, Platform platform);

// Opens a loopback listener, runs the probe program outside, detects the
// sandbox form, then runs it inside Codex's sandbox with the request's
// settings and CODEX_HOME set to a scratch folder holding the config under
// test. Under danger-full-access there is no sandbox: only the outside run is
// made (verdict NoSandbox). Asynchronous like DoctorRunner: finished() comes
// exactly once per start(), also after cancel().
class SandboxProbeRunner final : public QObject
{
    Q_OBJECT

public:
    explicit SandboxProbeRunner(QObject *parent = nullptr);
    ~SandboxProbeRunner() override;

    void start(const SandboxProbeRequest &request);
    void cancel();
    bool isRunning() const;

    static SandboxProbeReport runBlocking(const SandboxProbeRequest &request);

signals:
    void progress(const QString &step);  // "resolving outside", "detecting sandbox", "resolving inside"
    void finished(const SandboxDoctor::SandboxProbeReport &report);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace SandboxDoctor
