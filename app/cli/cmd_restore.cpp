#include "backupslisting.h"
#include "clicontext.h"
#include "commands.h"
#include "undohint.h"

#include "config/restore.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace SandboxDoctor::Cli {

namespace {

const QString BackupOption = QStringLiteral("backup");
const QString ListOption = QStringLiteral("list");

int run(CliContext &context, const QCommandLineParser &parser)
{
    if (parser.isSet(ListOption))
        return printBackupHistory(context);
    const QString name = parser.value(BackupOption);
    if (parser.isSet(BackupOption) && name.trimmed().isEmpty())
        return context.fail({Error::Kind::Usage, QStringLiteral("--backup is empty."), {}, 0, 0,
                             QStringLiteral("Give a backup's name, as the backups command lists them.")});
    const Expected<RestoreResult> restored = restoreBackup(context.codexHome(), name);
    if (!restored)
        return context.fail(restored.error());
    const RestoreResult &result = restored.value();
    const QString undo = result.undoName.isEmpty() ? QString() : restoreCommandFor(result.undoName, context.codexHome());

    if (context.json()) {
        const QJsonValue undoJson = result.undoName.isEmpty()
                                        ? QJsonValue()
                                        : QJsonValue(QJsonObject{{QStringLiteral("name"), result.undoName},
                                                                 {QStringLiteral("path"), result.undoPath},
                                                                 {QStringLiteral("command"), undo}});
        context.out() << QJsonDocument(QJsonObject{{QStringLiteral("restored"), backupToJson(result.restored)},
                                                   {QStringLiteral("written"), result.written},
                                                   {QStringLiteral("undo"), undoJson}})
                             .toJson(QJsonDocument::Indented);
    } else if (!result.written) {
        context.out() << "Nothing to do: the files already hold " << result.restored.name << ".\n";
    } else {
        context.out() << "Restored " << result.restored.path << "\n";
        for (const BackupFile &file : result.restored.files) {
            if (!file.existed)
                context.out() << "Removed " << file.name << " (it did not exist before that change).\n";
        }
        context.out() << "The files it replaced were kept as the backup " << result.undoName << ".\n"
                      << "Undo with: " << undo << "\n";
    }
    context.out().flush();
    return 0;
}

} // namespace

// Puts back a backup (the newest, or --backup NAME), itself undoable; --list shows them.
Command restoreCommand()
{
    return {QStringLiteral("restore"),
            QStringLiteral("Put back the newest config.toml backup, or --backup NAME; --list them."),
            [](QCommandLineParser &parser) {
                parser.addOption({ListOption, QStringLiteral("List the backups, newest first (as the backups command).")});
                parser.addOption({BackupOption,
                                  QStringLiteral("Restore this backup (a name from the backups command) instead of "
                                                 "the newest."),
                                  QStringLiteral("NAME")});
            },
            run};
}

} // namespace SandboxDoctor::Cli
