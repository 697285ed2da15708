#pragma once

#include "common/expected.h"

#include <QByteArray>
#include <QString>

namespace SandboxDoctor {

// Reads a file that someone else controls (a CODEX_HOME, a per-task home, a
// backup, the shared home) without trusting it: links are followed, but only a
// regular file is opened, and never in a way that can block (a FIFO, a device
// or a link to either is refused before anything waits on it). At most
// `maxBytes` are read; a longer file is refused, never truncated.
//
// Errors (with path and a hint): Kind::NotFound when nothing is there,
// Kind::Refused for a folder, a FIFO, a device or a file over the cap, Kind::Io
// when the file cannot be read. `what` names the file for messages
// ("config.toml", "the backup").
Expected<QByteArray> readRegularFile(const QString &path, qint64 maxBytes, const QString &what);

} // namespace SandboxDoctor
