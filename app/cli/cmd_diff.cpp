#include "clicontext.h"
#include "commands.h"

#include "config/otherfiles.h"
#include "config/textdiff.h"
#include "report/statusreport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace SandboxDoctor::Cli {

// What apply would change, as a unified diff; never writes.
Command diffCommand()
{
    return {QStringLiteral("diff"),
            QStringLiteral("Show, as a unified diff, what apply would change in config.toml (and a profile file it writes)."),
            [](QCommandLineParser &parser) {
                parser.addOption({QStringLiteral("exit-code"),
                                  QStringLiteral("Exit with 1 when apply would change the file, 0 when not.")});
            },
            [](CliContext &context, const QCommandLineParser &parser) {
                const Diagnosis diagnosis = context.diagnoseHome();
                if (!diagnosis.config)
                    return context.fail(diagnosis.config.error());
                if (!diagnosis.proposal)
                    return context.fail(diagnosis.proposal.error());
                const ProposedEdit &edit = diagnosis.proposal.value();
                // A legacy profile's migration writes a second file: its diff follows.
                const Expected<QList<OtherFileEdit>> others = otherFileEdits(diagnosis.config->codexHome, edit);
                if (!others)
                    return context.fail(others.error());
                const QString diff = unifiedDiff(edit.before, edit.after);
                QString otherDiffs;
                QJsonArray files{QJsonObject{{QStringLiteral("name"), QStringLiteral("config.toml")},
                                             {QStringLiteral("path"), diagnosis.config->path},
                                             {QStringLiteral("exists"), diagnosis.config->exists},
                                             {QStringLiteral("changed"), edit.changed},
                                             {QStringLiteral("diff"), diff}}};
                for (const OtherFileEdit &other : others.value()) {
                    const QString otherDiff = otherFileDiff(other);
                    otherDiffs += otherDiff;
                    files.append(QJsonObject{{QStringLiteral("name"), other.name},
                                             {QStringLiteral("path"), other.path},
                                             {QStringLiteral("exists"), other.exists},
                                             {QStringLiteral("changed"), other.changed()},
                                             {QStringLiteral("diff"), otherDiff}});
                }
                if (context.json()) {
                    const QJsonObject object{{QStringLiteral("path"), diagnosis.config->path},
                                             {QStringLiteral("sha256"), QString::fromLatin1(diagnosis.config->sha256Hex())},
                                             {QStringLiteral("changed"), edit.changed},
                                             {QStringLiteral("diff"), diff},
                                             {QStringLiteral("files"), files}};
                    context.out() << QJsonDocument(object).toJson(QJsonDocument::Indented);
                } else {
                    context.out() << diff << otherDiffs;
                }
                context.out().flush();
                return parser.isSet(QStringLiteral("exit-code")) && edit.changed ? 1 : 0;
            }};
}

} // namespace SandboxDoctor::Cli
