#include "clicontext.h"
#include "commands.h"

#include "homes/homepreparer.h"
#include "homes/homesreport.h"
#include "report/diagnosis.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>

namespace SandboxDoctor::Cli {

// Shared with inspect, defined in cmd_inspect.cpp.
PolicyInputs homesPolicyInputs(const CliContext &context, bool askCodex);

namespace {

void addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("shared-home"),
                      QStringLiteral("The shared CODEX_HOME to link to and copy from (default: $CODEX_HOME, else ~/.codex)."),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("no-backup"),
                      QStringLiteral("Do not leave a config.toml.bak-<UTC time> copy when the block is written.")});
    parser.addOption({QStringLiteral("layout"),
                      QStringLiteral("Whose layout to make: seed (sessions linked to the shared home; the default) or "
                                     "today (the multica daemon v0.4.32: sessions in the task, models cache, plugin "
                                     "cache and skills linked, the files config.toml names copied)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("replace-links"),
                      QStringLiteral("Replace a config.toml link that leaves the home by a copy of the shared "
                                     "config.toml (without it, nothing is written through such a link).")});
    parser.addOption({QStringLiteral("dry-run"),
                      QStringLiteral("Say what each step would do, and show the change to config.toml; write nothing.")});
}

int run(CliContext &context, const QCommandLineParser &parser)
{
    // The target must be named: preparing the default home (~/.codex) as a
    // per-task home would link the shared home to itself.
    if (!parser.isSet(QStringLiteral("codex-home")))
        return context.fail({Error::Kind::Usage, QStringLiteral("prepare needs --codex-home TARGET."), {}, 0, 0,
                             QStringLiteral("Give the task's codex-home folder, e.g. "
                                            "~/multica_workspaces/<workspace>/<task>/codex-home.")});
    if (parser.positionalArguments().size() > 1)
        return context.fail({Error::Kind::Usage, QStringLiteral("prepare takes no PATH argument."), {}, 0, 0,
                             QStringLiteral("Name the home with --codex-home TARGET.")});

    PrepareOptions options;
    const QString shared = parser.isSet(QStringLiteral("shared-home")) ? parser.value(QStringLiteral("shared-home"))
                                                                        : defaultCodexHome(context.environment());
    if (shared.isEmpty())
        return context.fail({Error::Kind::Usage, QStringLiteral("--shared-home is empty."), {}, 0, 0,
                             QStringLiteral("Give the shared CODEX_HOME, usually ~/.codex.")});
    options.sharedHome = QDir::cleanPath(QFileInfo(shared).absoluteFilePath());
    options.backup = !parser.isSet(QStringLiteral("no-backup"));
    options.policyInputs = homesPolicyInputs(context, false);
    options.chosenPreset = context.policyChoice();
    options.replaceLinks = parser.isSet(QStringLiteral("replace-links"));
    options.dryRun = parser.isSet(QStringLiteral("dry-run"));
    if (parser.isSet(QStringLiteral("layout"))) {
        const QString name = parser.value(QStringLiteral("layout"));
        const std::optional<HomeLayout> layout = parseHomeLayout(name);
        if (!layout)
            return context.fail({Error::Kind::Usage, QStringLiteral("Unknown layout '%1'.").arg(name), {}, 0, 0,
                                 QStringLiteral("Give --layout seed or --layout today.")});
        options.layout = *layout;
    }

    const Expected<PrepareResult> prepared = prepareHome(context.codexHome(), options);
    if (!prepared)
        return context.fail(prepared.error());
    const PrepareResult &result = prepared.value();

    if (context.json())
        context.out() << QJsonDocument(prepareResultToJson(result)).toJson(QJsonDocument::Indented);
    else
        context.out() << prepareResultToText(result);
    context.out().flush();

    if (result.blockError)
        return result.blockError->exitCode();
    return result.ok() ? 0 : 4;  // a link or a copy could not be made: an I/O failure, nothing lost
}

} // namespace

Command prepareCommand()
{
    return {QStringLiteral("prepare"),
            QStringLiteral("Create or repair a per-task CODEX_HOME as the multica daemon does, then write the block."),
            addOptions, run};
}

} // namespace SandboxDoctor::Cli
