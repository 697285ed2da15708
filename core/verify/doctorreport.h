#pragma once

#include "common/expected.h"
#include "verify/verifytypes.h"

#include <QByteArray>

namespace SandboxDoctor {

// What `codex doctor --json` printed, reduced to what verify needs. Pure: no
// process here, so tests feed it recorded output.
struct DoctorReport final
{
    QString codexVersion;
    QString overallStatus;
    std::optional<bool> configLoads;
    QString configMessage;
    QString configFile;
    int configLine = 0;
    int configColumn = 0;
    QString configRemediation;
    SandboxReport sandbox;
};

// Finds the JSON object in doctor's stdout (text before or after it is
// ignored) and reads config.load and sandbox.helpers. An Error (Kind::Process)
// when there is no JSON object with "checks": the caller treats that as
// "this Codex has no doctor".
Expected<DoctorReport> parseDoctorJson(const QByteArray &stdoutBytes);

// Compares what Codex reports with what the policy should give.
PolicyMatch compareSandbox(const SandboxReport &reported, const SandboxReport &expected);

// True when stderr/stdout look like a CLI that does not know `doctor`
// ("unrecognized subcommand", "unexpected argument", "Usage: codex ...").
bool looksLikeUnknownSubcommand(const QByteArray &stdoutBytes, const QByteArray &stderrBytes);

} // namespace SandboxDoctor
