#pragma once

#include "common/expected.h"
#include "homes/homepreparer.h"

#include <QByteArray>
#include <QFileDevice>
#include <QString>

#include <functional>

namespace SandboxDoctor::Detail {

// One file copied from the shared home into a per-task home, the way prepare
// does every copy: only a regular source is read (a FIFO or a device in the
// shared home is skipped, never waited on), the copy is written to a temporary
// file beside it and renamed into place without replacing anything, and an
// existing copy is kept, never overwritten, but checked against the source: a
// copy that holds only its first bytes is reported as cut short.
struct CopyRequest final
{
    QString name;         // the step's name ("config.toml", "prompts/gpt.md")
    QString source;       // absolute, in the shared home
    QString destination;  // absolute, in the home
    std::function<QByteArray(const QByteArray &)> transform;  // e.g. today's [[skills.config]] strip
    bool isConfigToml = false;  // its copy may have the block on top since (truncation check)
    bool dryRun = false;
    qint64 maxBytes = 8 * 1024 * 1024;
};
PrepareStep ensureCopy(const CopyRequest &request);

// `bytes` as a new file at `path` (which must not exist): temporary file in the
// same folder, flushed to disk, renamed without replacing. A reader sees no
// file or the whole file, never a part.
Expected<Done> writeNewFile(const QString &path, const QByteArray &bytes, QFileDevice::Permissions permissions);

} // namespace SandboxDoctor::Detail
