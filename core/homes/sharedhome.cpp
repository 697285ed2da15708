#include "homes/sharedhome.h"

#include "common/boundedread.h"
#include "common/logging.h"

#include <QDir>
#include <QFileInfo>

namespace SandboxDoctor {

namespace {

// The copies whose divergence is reported are small text files; a huge one is
// not worth holding in memory for every comparison of a scan.
constexpr qint64 MaxComparedBytes = 4 * 1024 * 1024;

std::optional<QByteArray> readSmallFile(const QString &path, const QString &what)
{
    Expected<QByteArray> bytes = readRegularFile(path, MaxComparedBytes, what);
    if (!bytes) {
        if (bytes.error().kind != Error::Kind::NotFound)
            qCInfo(lcHomes) << "not comparing copies of" << path << ":" << bytes.error().message;
        return std::nullopt;
    }
    return std::move(bytes).value();
}

} // namespace

SharedHome SharedHome::load(const QString &path)
{
    SharedHome shared;
    shared.path = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    const QFileInfo info(shared.path);
    shared.exists = info.isDir();
    if (shared.exists)
        shared.canonicalPath = info.canonicalFilePath();
    shared.authPath = shared.path + QLatin1String("/auth.json");
    shared.sessionsPath = shared.path + QLatin1String("/sessions");
    shared.sessionStorePath = shared.path + QLatin1String("/multica-sessions");
    shared.pluginCachePath = shared.path + QLatin1String("/plugins/cache");
    if (shared.exists) {
        // canonicalFilePath is a realpath: it never opens what it resolves.
        shared.authCanonical = QFileInfo(shared.authPath).canonicalFilePath();
        shared.sessionsCanonical = QFileInfo(shared.sessionsPath).canonicalFilePath();
        shared.sessionStoreCanonical = QFileInfo(shared.sessionStorePath).canonicalFilePath();
        shared.pluginCacheCanonical = QFileInfo(shared.pluginCachePath).canonicalFilePath();
        // Only the copies compared for copy-diverged and copy-truncated are read; auth.json never is.
        shared.configJson = readSmallFile(shared.path + QLatin1String("/config.json"), QStringLiteral("config.json"));
        shared.instructions =
            readSmallFile(shared.path + QLatin1String("/instructions.md"), QStringLiteral("instructions.md"));
        shared.configToml = readSmallFile(shared.path + QLatin1String("/config.toml"), QStringLiteral("config.toml"));
        const QFileInfo cache(shared.path + QLatin1String("/models_cache.json"));
        if (cache.isFile())
            shared.modelsCacheSize = cache.size();
    }
    return shared;
}

} // namespace SandboxDoctor
