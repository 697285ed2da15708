#include "config/changerecord.h"

#include "config/configpaths.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace SandboxDoctor {

namespace {

const QString Format = QStringLiteral("codex-sandbox-doctor change");
constexpr int FormatVersion = 1;

Error damaged(const QString &path, const QString &what)
{
    return refusedError(QStringLiteral("The change record is damaged: %1.").arg(what), path,
                        QStringLiteral("Nothing was changed. This backup cannot be restored as a whole; its files "
                                       "(the same bak-<time> name beside each) can still be looked at by hand."));
}

bool isSha256Hex(const QString &text)
{
    if (text.size() != 64)
        return false;
    for (const QChar c : text) {
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    }
    return true;
}

} // namespace

QString changeRecordSuffix()
{
    return QStringLiteral(".change.json");
}

QByteArray changeRecordToJson(const ChangeRecord &record)
{
    QJsonArray files;
    for (const ChangeRecord::File &file : record.files) {
        QJsonObject object{{QStringLiteral("name"), file.name}, {QStringLiteral("existed"), file.existed}};
        if (file.existed)
            object.insert(QStringLiteral("sha256"), QString::fromLatin1(file.sha256));
        files.append(object);
    }
    const QJsonObject root{{QStringLiteral("format"), Format},
                           {QStringLiteral("version"), FormatVersion},
                           {QStringLiteral("codex_home"), record.codexHome},
                           {QStringLiteral("files"), files}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Expected<ChangeRecord> changeRecordFromJson(const QByteArray &json, const QString &path)
{
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return damaged(path, QStringLiteral("not JSON (%1)").arg(parseError.errorString()));
    const QJsonObject root = document.object();
    if (root.value(QStringLiteral("format")).toString() != Format)
        return damaged(path, QStringLiteral("it is not a record this tool writes"));
    if (root.value(QStringLiteral("version")).toInt() != FormatVersion)
        return damaged(path, QStringLiteral("format version %1, this tool reads %2")
                                 .arg(root.value(QStringLiteral("version")).toInt())
                                 .arg(FormatVersion));
    ChangeRecord record;
    record.codexHome = root.value(QStringLiteral("codex_home")).toString();
    if (record.codexHome.isEmpty())
        return damaged(path, QStringLiteral("it names no CODEX_HOME"));
    const QJsonArray files = root.value(QStringLiteral("files")).toArray();
    if (files.isEmpty() || files.size() > 64)
        return damaged(path, QStringLiteral("it lists %1 files").arg(files.size()));
    QSet<QString> seen;
    for (const QJsonValue &value : files) {
        const QJsonObject object = value.toObject();
        ChangeRecord::File file;
        file.name = object.value(QStringLiteral("name")).toString();
        if (!isHomeConfigFileName(file.name))
            return damaged(path, QStringLiteral("'%1' is not a file name this tool writes").arg(file.name));
        if (seen.contains(file.name))
            return damaged(path, QStringLiteral("%1 is listed twice").arg(file.name));
        seen.insert(file.name);
        if (!object.value(QStringLiteral("existed")).isBool())
            return damaged(path, QStringLiteral("it does not say whether %1 existed").arg(file.name));
        file.existed = object.value(QStringLiteral("existed")).toBool();
        if (file.existed) {
            const QString hash = object.value(QStringLiteral("sha256")).toString();
            if (!isSha256Hex(hash))
                return damaged(path, QStringLiteral("no valid sha256 for %1").arg(file.name));
            file.sha256 = hash.toLatin1();
        }
        record.files.append(file);
    }
    return record;
}

} // namespace SandboxDoctor
