#include "clicontext.h"
#include "commands.h"

#include "report/statusreport.h"

#include <QJsonDocument>

namespace SandboxDoctor::Cli {

// Reports; never writes. Exit 1 when anything of error severity was found.
Command statusCommand()
{
    return {QStringLiteral("status"),
            QStringLiteral("Show Codex, the platform, the chosen policy and the state of config.toml."), nullptr,
            [](CliContext &context, const QCommandLineParser &) {
                const Diagnosis diagnosis = context.diagnoseHome();
                if (context.json())
                    context.out() << QJsonDocument(statusToJson(diagnosis)).toJson(QJsonDocument::Indented);
                else
                    context.out() << statusToText(diagnosis);
                context.out().flush();
                return diagnosis.worstSeverity() == Severity::Error ? 1 : 0;
            }};
}

} // namespace SandboxDoctor::Cli
