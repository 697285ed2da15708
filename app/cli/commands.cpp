#include "commands.h"

namespace SandboxDoctor::Cli {

QList<Command> allCommands()
{
    return {statusCommand(),  diffCommand(),    applyCommand(),  restoreCommand(),
            inspectCommand(), prepareCommand(), verifyCommand(), probeDnsCommand()};
}

} // namespace SandboxDoctor::Cli
