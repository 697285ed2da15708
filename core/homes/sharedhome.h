#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace SandboxDoctor {

// What inspect compares every per-task home with, read once per scan: where
// the shared home's links should point, and the bytes of the copies whose
// divergence (or truncation) is reported (config.json, instructions.md,
// config.toml). auth.json is only located here, never read. Every file is
// read through readRegularFile: a FIFO or a device in the shared home is
// skipped, never waited on.
struct SharedHome final
{
    QString path;               // absolute, clean (the --shared-home, else CODEX_HOME / ~/.codex)
    QString canonicalPath;      // symlinks resolved; empty when the folder does not exist
    bool exists = false;
    QString authPath;           // <path>/auth.json
    QString sessionsPath;       // <path>/sessions
    QString authCanonical;      // auth.json with symlinks resolved; empty when it does not exist
    QString sessionsCanonical;  // likewise for sessions
    // Today's daemon (v0.4.32) links a task's sessions into a per-issue store
    // under here, and every home's plugins/cache to the shared one.
    QString sessionStorePath;       // <path>/multica-sessions
    QString sessionStoreCanonical;  // empty when it does not exist
    QString pluginCachePath;        // <path>/plugins/cache
    QString pluginCacheCanonical;   // empty when it does not exist
    std::optional<QByteArray> configJson;     // nullopt when the shared file is absent or unreadable
    std::optional<QByteArray> instructions;   // nullopt when absent or unreadable
    std::optional<QByteArray> configToml;     // nullopt when absent or unreadable
    qint64 modelsCacheSize = -1;              // models_cache.json's size (lstat); -1 when absent

    bool hasAuth() const { return !authCanonical.isEmpty(); }

    // Reads the shared home (missing is fine: then every link counts as wrong
    // or broken as it is on disk, and no copy is compared).
    static SharedHome load(const QString &path);
};

} // namespace SandboxDoctor
