#include "homes/sharedhome.h"

#include "common/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace SandboxDoctor {

namespace {

// The copies whose divergence is reported are small text files; a huge one is
// not worth holding in memory for every comparison of a scan.
constexpr qint64 MaxComparedBytes = 4 * 1024 * 1024;

std::optional<QByteArray> readSmallFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    if (file.size() > MaxComparedBytes) {
        qCInfo(lcHomes) << "not comparing copies of" << path << "(larger than" << MaxComparedBytes << "bytes)";
        return std::nullopt;
    }
    return file.readAll();
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
    if (shared.exists) {
        shared.authCanonical = QFileInfo(shared.authPath).canonicalFilePath();
        shared.sessionsCanonical = QFileInfo(shared.sessionsPath).canonicalFilePath();
        // Only the two copies compared for copy-diverged are read; auth.json never is.
        shared.configJson = readSmallFile(shared.path + QLatin1String("/config.json"));
        shared.instructions = readSmallFile(shared.path + QLatin1String("/instructions.md"));
    }
    return shared;
}

} // namespace SandboxDoctor
