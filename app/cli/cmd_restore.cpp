#include "clicontext.h"
#include "commands.h"

#include "config/applier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace SandboxDoctor::Cli {

namespace {

QJsonObject backupJson(const BackupInfo &backup)
{
    return QJsonObject{{QStringLiteral("path"), backup.path},
                       {QStringLiteral("created"), backup.createdUtc.toString(Qt::ISODate)},
                       {QStringLiteral("size"), backup.size}};
}

int list(CliContext &context)
{
    const Expected<QList<BackupInfo>> backups = listBackups(context.codexHome());
    if (!backups)
        return context.fail(backups.error());
    if (context.json()) {
        QJsonArray array;
        for (const BackupInfo &backup : backups.value())
            array.append(backupJson(backup));
        context.out() << QJsonDocument(QJsonObject{{QStringLiteral("backups"), array}}).toJson(QJsonDocument::Indented);
    } else if (backups->isEmpty()) {
        context.out() << "No backups of config.toml in " << context.codexHome() << "\n";
    } else {
        for (const BackupInfo &backup : backups.value())
            context.out() << backup.createdUtc.toString(Qt::ISODate) << "  " << backup.size << " bytes  "
                          << backup.path << "\n";
    }
    context.out().flush();
    return 0;
}

int run(CliContext &context, const QCommandLineParser &parser)
{
    if (parser.isSet(QStringLiteral("list")))
        return list(context);
    const Expected<BackupInfo> restored = restoreNewestBackup(context.codexHome());
    if (!restored)
        return context.fail(restored.error());
    if (context.json())
        context.out() << QJsonDocument(QJsonObject{{QStringLiteral("restored"), backupJson(restored.value())}})
                             .toJson(QJsonDocument::Indented);
    else
        context.out() << "Restored " << restored->path << "\n"
                      << "The file it replaced was kept as the newest backup: run restore again to undo.\n";
    context.out().flush();
    return 0;
}

} // namespace

// Puts back the newest backup (itself undoable), or lists the backups.
Command restoreCommand()
{
    return {QStringLiteral("restore"), QStringLiteral("Put back the newest config.toml backup, or --list them."),
            [](QCommandLineParser &parser) {
                parser.addOption({QStringLiteral("list"), QStringLiteral("List the backups, newest first.")});
            },
            run};
}

} // namespace SandboxDoctor::Cli
