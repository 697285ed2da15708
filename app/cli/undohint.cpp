#include "undohint.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonValue>

namespace SandboxDoctor::Cli {

QString shellWord(const QString &word)
{
    bool plain = !word.isEmpty();
    for (const QChar c : word) {
        plain = plain
                && ((c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
                    || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || QStringLiteral("_-./:+,=@%").contains(c)
                    || (c == QLatin1Char('\\') && QDir::separator() == QLatin1Char('\\')));
    }
    if (plain)
        return word;
#ifdef Q_OS_WIN
    return QLatin1Char('"') + QString(word).replace(QLatin1Char('"'), QLatin1String("\\\"")) + QLatin1Char('"');
#else
    return QLatin1Char('\'') + QString(word).replace(QLatin1Char('\''), QLatin1String("'\\''")) + QLatin1Char('\'');
#endif
}

QString restoreCommandFor(const QString &backupName, const QString &codexHome)
{
    return QStringLiteral("codex-sandbox-doctor-cli restore --backup %1 --codex-home %2")
        .arg(shellWord(backupName), shellWord(QDir::toNativeSeparators(codexHome)));
}

QJsonObject backupToJson(const BackupInfo &backup)
{
    auto orNull = [](const QString &text) { return text.isEmpty() ? QJsonValue() : QJsonValue(text); };
    QJsonArray files;
    for (const BackupFile &file : backup.files) {
        files.append(QJsonObject{{QStringLiteral("name"), file.name},
                                 {QStringLiteral("existed"), file.existed},
                                 {QStringLiteral("path"), orNull(file.path)},
                                 {QStringLiteral("size"), file.existed ? QJsonValue(file.size) : QJsonValue()},
                                 {QStringLiteral("parses"), backup.parseChecked && file.existed
                                                                ? QJsonValue(file.parses)
                                                                : QJsonValue()}});
    }
    return QJsonObject{{QStringLiteral("name"), backup.name},
                       {QStringLiteral("path"), backup.path},
                       {QStringLiteral("created"), backup.createdUtc.toString(Qt::ISODate)},
                       {QStringLiteral("size"), backup.size},
                       // null when not checked, or when config.toml did not exist before that change
                       {QStringLiteral("parses"), backup.parseChecked && backup.path != backup.recordPath
                                                      ? QJsonValue(backup.parses)
                                                      : QJsonValue()},
                       {QStringLiteral("future"), backup.future},
                       {QStringLiteral("change_record"), orNull(backup.recordPath)},
                       {QStringLiteral("files"), files}};
}

} // namespace SandboxDoctor::Cli
