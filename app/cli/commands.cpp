#include "commands.h"

namespace SandboxDoctor::Cli {

QList<Command> allCommands()
{
    return {statusCommand(),  diffCommand(),    applyCommand(),  restoreCommand(), backupsCommand(),
            inspectCommand(), prepareCommand(), verifyCommand(), probeDnsCommand()};
}

} // namespace SandboxDoctor::Cli
