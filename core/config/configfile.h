#pragma once

#include "common/expected.h"
#include "config/filestamp.h"

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
    FileStamp stamp;        // of writePath when these bytes were read (Missing when !exists)

    // Of bytes, lower-case hex (of empty bytes when missing). Computed on
    // demand: only a preview-to-apply check needs it, and on a large file it
    // costs a fifth of a TOML parse.
    QByteArray sha256Hex() const;
};

// Largest config.toml we accept; larger ones are refused, never truncated.
inline constexpr qint64 MaxConfigBytes = 8 * 1024 * 1024;

// Reads <codexHome>/config.toml, only through readRegularFile (boundedread.h):
// a FIFO, a device, a link to either, a folder are refused without being
// waited on, and at most MaxConfigBytes are read. A missing file is a snapshot
// with exists=false. Errors (Kind::Refused or Io, naming the file, with a
// hint): CODEX_HOME missing or not a folder, config.toml not a regular file,
// larger than MaxConfigBytes, unreadable, or changing all the time.
Expected<ConfigSnapshot> readConfig(const QString &codexHome);

// The same for another config file of the home ("<profile>.config.toml").
Expected<ConfigSnapshot> readHomeFile(const QString &codexHome, const QString &fileName);

QByteArray sha256Hex(const QByteArray &bytes);

} // namespace SandboxDoctor
