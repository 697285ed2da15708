#include "config/configfile.h"

#include "common/logging.h"
#include "config/configpaths.h"

#include <QCryptographicHash>
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

Expected<ConfigSnapshot> readHomeFile(const QString &codexHome, const QString &fileName)
{
    const Expected<ConfigPaths> paths = resolveHomeFile(codexHome, fileName);
    if (!paths)
        return paths.error();

    ConfigSnapshot snapshot;
    snapshot.codexHome = paths->codexHome;
    snapshot.path = paths->path;
    snapshot.writePath = paths->writePath;

    // The link, if any, is followed to what would really be read and written;
    // what is found there is opened only if it is a regular file.
    Expected<StampedBytes> read = readStamped(snapshot.writePath, MaxConfigBytes, fileName, Links::Follow);
    if (!read) {
        Error error = read.error();
        if (error.kind == Error::Kind::NotFound) {
            qCDebug(lcConfig) << "no" << fileName << "at" << snapshot.path;
            return snapshot;
        }
        // A folder in its place: Codex cannot use it either, so say what to do about it.
        if (error.kind == Error::Kind::Refused && QFileInfo(snapshot.writePath).isDir())
            error.hint = QStringLiteral("Nothing was read or changed. Move that folder away (Codex cannot use it "
                                        "either), then run again.");
        else if (error.kind == Error::Kind::Refused && error.message.contains(QLatin1String("larger than")))
            error.hint = QStringLiteral("Nothing was read or changed. A Codex config is a few kilobytes; check what "
                                        "filled it before editing it.");
        return error;
    }
    snapshot.exists = true;
    snapshot.bytes = std::move(read->bytes);
    snapshot.stamp = read->stamp;
    return snapshot;
}

Expected<ConfigSnapshot> readConfig(const QString &codexHome)
{
    return readHomeFile(codexHome, QStringLiteral("config.toml"));
}

} // namespace SandboxDoctor
