#include "clicontext.h"
#include "commands.h"

namespace SandboxDoctor::Cli {

// Placeholder until the command's area lands; it says so rather than pretending.
Command diffCommand()
{
    return {QStringLiteral("diff"), QStringLiteral("(not available yet)"), nullptr,
            [](CliContext &context, const QCommandLineParser &) {
                context.err() << "diff is not available in this build yet." << Qt::endl;
                return 2;
            }};
}

} // namespace SandboxDoctor::Cli
