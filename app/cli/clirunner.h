#pragma once

#include <QStringList>

namespace SandboxDoctor::Cli {

class CliContext;

// Parses argv (argv[0] included), runs the command, returns the exit code of
// the contract: 0 done, 1 findings, 2 usage, 3 refused, 4 I/O.
int runCli(const QStringList &arguments, CliContext &context);

} // namespace SandboxDoctor::Cli
