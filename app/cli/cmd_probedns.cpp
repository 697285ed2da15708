#include "clicontext.h"
#include "commands.h"

namespace SandboxDoctor::Cli {

// Placeholder until the command's area lands; it says so rather than pretending.
Command probeDnsCommand()
{
    return {QStringLiteral("probe-dns"), QStringLiteral("(not available yet)"), nullptr,
            [](CliContext &context, const QCommandLineParser &) {
                context.err() << "probe-dns is not available in this build yet." << Qt::endl;
                return 2;
            }};
}

} // namespace SandboxDoctor::Cli
