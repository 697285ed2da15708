#pragma once

#include "command.h"

#include <QList>

namespace SandboxDoctor::Cli {

// Each defined in its own cmd_<name>.cpp.
Command statusCommand();
Command diffCommand();
Command applyCommand();
Command restoreCommand();
Command backupsCommand();
Command inspectCommand();
Command prepareCommand();
Command verifyCommand();
Command probeDnsCommand();

QList<Command> allCommands();

} // namespace SandboxDoctor::Cli
