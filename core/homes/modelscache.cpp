#include "homes/modelscache.h"

#include "common/boundedread.h"
#include "config/configfile.h"
#include "homes/configrefs.h"

#include <QCryptographicHash>
#include <QDir>

namespace SandboxDoctor {

namespace {

constexpr qint64 MaxCatalogBytes = 32 * 1024 * 1024;

void addPart(QCryptographicHash &hash, const char *name, const QByteArray &data)
{
    hash.addData(QByteArrayView(name));
    hash.addData(QByteArrayView("\0", 1));
    hash.addData(QByteArray::number(data.size()));
    hash.addData(QByteArrayView("\0", 1));
    hash.addData(data);
}

} // namespace

Expected<QByteArray> modelsCacheFingerprint(const QString &sharedHome)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray configToml;
    for (const char *name : {"config.json", "config.toml"}) {
        const QString path = sharedHome + QLatin1Char('/') + QLatin1String(name);
        Expected<QByteArray> data = readRegularFile(path, MaxConfigBytes, QLatin1String(name));
        if (!data && data.error().kind == Error::Kind::NotFound) {
            hash.addData(QByteArrayView(name));
            hash.addData(QByteArrayView("\0missing\0", 9));
            continue;
        }
        if (!data)
            return data.error();
        addPart(hash, name, *data);
        if (qstrcmp(name, "config.toml") == 0)
            configToml = std::move(data).value();
    }
    for (const ConfigReference &reference : configReferences(configToml)) {
        if (reference.key != QLatin1String("model_catalog_json"))
            continue;
        const QString path = resolveReference(reference.value, sharedHome, QDir::homePath());
        if (path.isEmpty())
            return refusedError(QStringLiteral("model_catalog_json names a path this tool cannot place."),
                                sharedHome + QLatin1String("/config.toml"), {});
        const Expected<QByteArray> catalog = readRegularFile(path, MaxCatalogBytes, QStringLiteral("model_catalog_json"));
        if (!catalog)
            return catalog.error();
        addPart(hash, "model_catalog_json", *catalog);
        break;
    }
    return hash.result().toHex();
}

} // namespace SandboxDoctor
