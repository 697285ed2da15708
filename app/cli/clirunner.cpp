#include "clirunner.h"

#include "clicontext.h"
#include "commands.h"

#include <QCommandLineParser>

namespace SandboxDoctor::Cli {

namespace {

const char *const ProgramName = "codex-sandbox-doctor-cli";

QString generalHelp(const QList<Command> &commands)
{
    QString text = QStringLiteral("Usage: %1 COMMAND [options]\n\n"
                                  "Diagnose and fix the Codex CLI sandbox configuration in a CODEX_HOME.\n\n"
                                  "Commands:\n")
                       .arg(QLatin1String(ProgramName));
    for (const Command &command : commands)
        text += QStringLiteral("  %1%2\n").arg(command.name.leftJustified(12), command.summary);
    text += QStringLiteral("\nRun '%1 COMMAND --help' for a command's options.\n").arg(QLatin1String(ProgramName));
    return text;
}

} // namespace

int runCli(const QStringList &arguments, CliContext &context)
{
    const QList<Command> commands = allCommands();

    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    CliContext::addCommonOptions(parser);
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption versionOption(QStringLiteral("version"), QStringLiteral("Show the version."));
    parser.addOption(helpOption);
    parser.addOption(versionOption);
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("What to do: ")
                                     + [&] {
                                           QStringList names;
                                           for (const Command &c : commands)
                                               names += c.name;
                                           return names.join(QStringLiteral(", "));
                                       }());

    // First pass: every command's options, so options may stand before or
    // after the command name. The chosen command then parses again with only
    // its own options, which refuses options that belong to another command.
    for (const Command &command : commands) {
        if (command.addOptions)
            command.addOptions(parser);
    }

    if (!parser.parse(arguments)) {
        context.err() << ProgramName << ": " << parser.errorText() << "\n"
                      << "Run '" << ProgramName << " --help' for usage." << Qt::endl;
        return 2;
    }
    if (parser.isSet(versionOption)) {
        context.out() << ProgramName << " " << SANDBOXDOCTOR_VERSION << Qt::endl;
        return 0;
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        (parser.isSet(helpOption) ? context.out() : context.err()) << generalHelp(commands);
        return parser.isSet(helpOption) ? 0 : 2;
    }

    const QString name = positional.first();
    const Command *command = nullptr;
    for (const Command &candidate : commands) {
        if (candidate.name == name)
            command = &candidate;
    }
    if (!command) {
        context.err() << ProgramName << ": unknown command '" << name << "'.\n" << generalHelp(commands);
        return 2;
    }
    if (parser.isSet(helpOption)) {
        QCommandLineParser help;
        help.setApplicationDescription(command->summary);
        CliContext::addCommonOptions(help);
        if (command->addOptions)
            command->addOptions(help);
        context.out() << help.helpText().replace(QStringLiteral("[options]"),
                                                 name + QStringLiteral(" [options]"));
        return 0;
    }

    QCommandLineParser own;
    own.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    CliContext::addCommonOptions(own);
    if (command->addOptions)
        command->addOptions(own);
    own.addPositionalArgument(QStringLiteral("command"), {});
    if (!own.parse(arguments)) {
        context.err() << ProgramName << " " << name << ": " << own.errorText() << "\n"
                      << "Run '" << ProgramName << " " << name << " --help' for its options." << Qt::endl;
        return 2;
    }
    if (const auto error = context.readCommonOptions(own))
        return context.fail(*error);
    return command->run(context, own);
}

} // namespace SandboxDoctor::Cli
