#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace SandboxDoctor {

// What inspect compares every per-task home with, read once per scan: where
// the shared home's links should point, and the bytes of the two copied files
// whose divergence is reported (config.json, instructions.md). auth.json is
// only located here, never read.
struct SharedHome final
{
    QString path;               // absolute, clean (the --shared-home, else CODEX_HOME / ~/.codex)
    QString canonicalPath;      // symlinks resolved; empty when the folder does not exist
    bool exists = false;
    QString authPath;           // <path>/auth.json
    QString sessionsPath;       // <path>/sessions
    QString authCanonical;      // auth.json with symlinks resolved; empty when it does not exist
    QString sessionsCanonical;  // likewise for sessions
    std::optional<QByteArray> configJson;     // nullopt when the shared file is absent
    std::optional<QByteArray> instructions;   // nullopt when absent

    // Reads the shared home (missing is fine: then every link counts as wrong
    // or broken as it is on disk, and no copy is compared).
    static SharedHome load(const QString &path);
};

} // namespace SandboxDoctor
