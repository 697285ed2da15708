#pragma once

#include "common/expected.h"

#include <QByteArray>
#include <QString>

namespace SandboxDoctor {

// What today's daemon (v0.4.32, codexModelsCacheConfigFingerprint) writes to
// a task's .models_cache_config.sha256: the SHA-256 (hex) of the shared home's
// config.json and config.toml (each as name, NUL, length, NUL, bytes, or name,
// NUL, "missing", NUL) and of the file its model_catalog_json names. A cache
// whose binding matches is reused by the daemon; any other it drops and Codex
// fetches the model list again, so a wrong value costs a download, no more.
// Fails when a file cannot be read (then no cache is seeded).
Expected<QByteArray> modelsCacheFingerprint(const QString &sharedHome);

} // namespace SandboxDoctor
