#pragma once

#include "common/expected.h"

#include <QByteArray>
#include <QString>

namespace SandboxDoctor {

// config.toml as read from a CODEX_HOME, with what a safe write needs to know.
struct ConfigSnapshot final
{
    QString codexHome;      // the folder, absolute
    QString path;           // <codexHome>/config.toml
    QString writePath;      // where a write lands: the symlink's final target, else path
    bool exists = false;
    QByteArray bytes;       // the whole file, untouched (BOM, CRLF and all)

    // Of bytes, lower-case hex (of empty bytes when missing). Computed on
    // demand: only a preview-to-apply check needs it, and on a large file it
    // costs a fifth of a TOML parse.
    QByteArray sha256Hex() const;
};

// Largest config.toml we accept; larger ones are refused, never truncated.
inline constexpr qint64 MaxConfigBytes = 8 * 1024 * 1024;

// Reads <codexHome>/config.toml. A missing file is a snapshot with exists=false.
// Errors (Kind::Refused or Io, with path and hint): CODEX_HOME missing or not a
// folder, config.toml is a folder, larger than MaxConfigBytes, unreadable.
Expected<ConfigSnapshot> readConfig(const QString &codexHome);

QByteArray sha256Hex(const QByteArray &bytes);

} // namespace SandboxDoctor
