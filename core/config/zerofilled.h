#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

namespace SandboxDoctor {

// A config.toml that a crash left full of NUL bytes (openai/codex#26421).
// Codex then refuses it with a confusing position (0.171.0: "key with no
// value, expected `=`" at the end of the first line of NULs).
struct ZeroFill final
{
    qsizetype size = 0;      // bytes in the file
    qsizetype nulBytes = 0;  // of which NUL
};

// Set when at least half of the bytes are NUL, or the file ends in a run of
// 64 or more: a crash zeroes whole blocks, often after a valid beginning. A
// stray NUL or two is an ordinary invalid file, not this.
std::optional<ZeroFill> detectZeroFill(const QByteArray &bytes);

// A backup offered in place of a damaged config.toml.
struct RestoreCandidate final
{
    QString path;          // absolute
    QString name;          // the file name, as `restore --backup NAME` takes it
    QDateTime createdUtc;  // from its name
    QByteArray bytes;      // its content, for a diff
};

// The newest backup of the CODEX_HOME's config.toml (listBackupHistory) that is
// valid UTF-8 and TOML and not zero-filled itself; nullopt when none is.
std::optional<RestoreCandidate> newestParsableBackup(const QString &codexHome);

} // namespace SandboxDoctor
