#include "clirunner.h"

#include "clicontext.h"
#include "commands.h"

#include "common/error.h"

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

// The command is the first argument that is neither an option nor the value
// of a common option given as "--name value"; so common options may stand
// before the command and the command's own options after it.
QString findCommandName(const QStringList &arguments)
{
    static const QStringList valueOptions = {
        QStringLiteral("--codex-home"), QStringLiteral("--codex"), QStringLiteral("--codex-version"),
        QStringLiteral("--platform"), QStringLiteral("--darwin-fixed-version"), QStringLiteral("--policy")};
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == QLatin1String("--"))
            return {};
        if (!argument.startsWith(QLatin1Char('-')))
            return argument;
        QString option = argument;
        if (option.startsWith(QLatin1String("-")) && !option.startsWith(QLatin1String("--")))
            option.prepend(QLatin1Char('-'));  // single-dash long options, as the parser accepts them
        if (valueOptions.contains(option))
            ++i;
    }
    return {};
}

} // namespace

int runCli(const QStringList &arguments, CliContext &context)
{
    const QList<Command> commands = allCommands();
    const QString name = findCommandName(arguments);
    const Command *command = nullptr;
    for (const Command &candidate : commands) {
        if (candidate.name == name)
            command = &candidate;
    }
    // Usage errors come before the options are read: under --json they still
    // print the error object on stdout (CliContext::fail).
    const bool json = arguments.contains(QLatin1String("--json")) || arguments.contains(QLatin1String("-json"));
    if (!name.isEmpty() && !command) {
        context.err() << ProgramName << ": unknown command '" << name << "'.\n" << generalHelp(commands);
        if (json)
            context.printErrorJson({Error::Kind::Usage, QStringLiteral("Unknown command '%1'.").arg(name), {}, 0, 0,
                                    QStringLiteral("Run '%1 --help' for the commands.").arg(QLatin1String(ProgramName))});
        return 2;
    }

    // One parser: the common options and the chosen command's own, so an
    // option that belongs to another command is refused as unknown.
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    CliContext::addCommonOptions(parser);
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption versionOption(QStringLiteral("version"), QStringLiteral("Show the version."));
    parser.addOption(helpOption);
    parser.addOption(versionOption);
    if (command) {
        parser.setApplicationDescription(command->summary);
        if (command->addOptions)
            command->addOptions(parser);
    }
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("The command to run."));

    if (!parser.parse(arguments)) {
        QString where = QLatin1String(ProgramName);
        if (command)
            where += QLatin1Char(' ') + name;
        context.err() << where << ": " << parser.errorText() << "\n"
                      << "Run '" << where << " --help' for the options." << Qt::endl;
        if (json)
            context.printErrorJson({Error::Kind::Usage, parser.errorText(), {}, 0, 0,
                                    QStringLiteral("Run '%1 --help' for the options.").arg(where)});
        return 2;
    }
    if (parser.isSet(versionOption)) {
        context.out() << ProgramName << " " << SANDBOXDOCTOR_VERSION << Qt::endl;
        return 0;
    }
    if (!command) {
        (parser.isSet(helpOption) ? context.out() : context.err()) << generalHelp(commands);
        return parser.isSet(helpOption) ? 0 : 2;
    }
    if (parser.isSet(helpOption)) {
        context.out() << parser.helpText().replace(QStringLiteral("[options] command"),
                                                   name + QStringLiteral(" [options]"));
        return 0;
    }

    if (const auto error = context.readCommonOptions(parser))
        return context.fail(*error);
    return command->run(context, parser);
}

} // namespace SandboxDoctor::Cli
