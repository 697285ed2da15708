#include "clicontext.h"
#include "commands.h"

#include "config/textdiff.h"
#include "report/statusreport.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace SandboxDoctor::Cli {

// What apply would change, as a unified diff; never writes.
Command diffCommand()
{
    return {QStringLiteral("diff"),
            QStringLiteral("Show, as a unified diff, what apply would change in config.toml."),
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
                const QString diff = unifiedDiff(edit.before, edit.after);
                if (context.json()) {
                    const QJsonObject object{{QStringLiteral("path"), diagnosis.config->path},
                                             {QStringLiteral("sha256"), QString::fromLatin1(diagnosis.config->sha256Hex())},
                                             {QStringLiteral("changed"), edit.changed},
                                             {QStringLiteral("diff"), diff}};
                    context.out() << QJsonDocument(object).toJson(QJsonDocument::Indented);
                } else {
                    context.out() << diff;
                }
                context.out().flush();
                return parser.isSet(QStringLiteral("exit-code")) && edit.changed ? 1 : 0;
            }};
}

} // namespace SandboxDoctor::Cli
