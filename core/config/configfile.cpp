#include "config/configfile.h"

#include "common/logging.h"
#include "config/configpaths.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>

namespace SandboxDoctor {

QByteArray sha256Hex(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

QByteArray ConfigSnapshot::sha256Hex() const
{
    return SandboxDoctor::sha256Hex(bytes);
}

Expected<ConfigSnapshot> readConfig(const QString &codexHome)
{
    const Expected<ConfigPaths> paths = resolveConfigPaths(codexHome);
    if (!paths)
        return paths.error();

    ConfigSnapshot snapshot;
    snapshot.codexHome = paths->codexHome;
    snapshot.path = paths->path;
    snapshot.writePath = paths->writePath;

    // Follow the link to what would really be read and written.
    const QFileInfo target(snapshot.writePath);
    if (!target.exists()) {
        qCDebug(lcConfig) << "no config at" << snapshot.path;
        return snapshot;
    }
    if (target.isDir())
        return refusedError(QStringLiteral("config.toml is a folder, not a file."), snapshot.writePath,
                       QStringLiteral("Move that folder away (Codex cannot use it either), then run again."));
    // A FIFO or device would block or never end; only a regular file is a config.
    if (!target.isFile())
        return refusedError(QStringLiteral("config.toml is not a regular file."), snapshot.writePath,
                       QStringLiteral("Replace it with a regular file (or a link to one), then run again."));
    if (target.size() > MaxConfigBytes)
        return refusedError(QStringLiteral("config.toml is %1 bytes, larger than the %2 MiB this tool accepts.")
                           .arg(target.size())
                           .arg(MaxConfigBytes / (1024 * 1024)),
                       snapshot.writePath,
                       QStringLiteral("A Codex config is a few kilobytes; check what filled it before editing it."));

    QFile file(snapshot.writePath);
    if (!file.open(QIODevice::ReadOnly))
        return Error{Error::Kind::Io, QStringLiteral("Cannot read config.toml: %1.").arg(file.errorString()),
                     snapshot.writePath, 0, 0,
                     QStringLiteral("Check that your user may read the file and its folder.")};
    // One byte more than allowed tells a file that grew since stat() from one that fits.
    QByteArray bytes = file.read(MaxConfigBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return Error{Error::Kind::Io, QStringLiteral("Reading config.toml failed: %1.").arg(file.errorString()),
                     snapshot.writePath, 0, 0, QStringLiteral("Check the disk and try again.")};
    if (bytes.size() > MaxConfigBytes)
        return refusedError(QStringLiteral("config.toml is larger than the %1 MiB this tool accepts.")
                           .arg(MaxConfigBytes / (1024 * 1024)),
                       snapshot.writePath,
                       QStringLiteral("A Codex config is a few kilobytes; check what filled it before editing it."));

    snapshot.exists = true;
    snapshot.bytes = std::move(bytes);
    return snapshot;
}

} // namespace SandboxDoctor
