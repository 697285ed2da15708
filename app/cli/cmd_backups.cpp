#include "backupslisting.h"
#include "clicontext.h"
#include "commands.h"

#include "config/backups.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace SandboxDoctor::Cli {

namespace {

const QString DeleteOption = QStringLiteral("delete");

int deleteChosen(CliContext &context, const QStringList &names)
{
    const Expected<QStringList> removed = deleteBackups(context.codexHome(), names);
    if (!removed)
        return context.fail(removed.error());
    if (context.json()) {
        context.out() << QJsonDocument(QJsonObject{{QStringLiteral("deleted"), QJsonArray::fromStringList(names)},
                                                   {QStringLiteral("removed"), QJsonArray::fromStringList(*removed)}})
                             .toJson(QJsonDocument::Indented);
    } else {
        for (const QString &path : removed.value())
            context.out() << "Deleted " << path << "\n";
    }
    context.out().flush();
    return 0;
}

int run(CliContext &context, const QCommandLineParser &parser)
{
    if (parser.isSet(DeleteOption))
        return deleteChosen(context, parser.values(DeleteOption));
    return printBackupHistory(context);
}

} // namespace

// The backup history of a CODEX_HOME: every entry restore can put back, and
// the entries under a backup's name that are not offered, with why.
Command backupsCommand()
{
    return {QStringLiteral("backups"),
            QStringLiteral("List the backups of config.toml (newest first), or --delete chosen ones."),
            [](QCommandLineParser &parser) {
                parser.addOption({DeleteOption,
                                  QStringLiteral("Delete this backup (every file of its change); may be repeated."),
                                  QStringLiteral("NAME")});
            },
            run};
}

} // namespace SandboxDoctor::Cli
