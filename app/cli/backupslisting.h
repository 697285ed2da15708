#pragma once

namespace SandboxDoctor::Cli {

class CliContext;

// Prints the backup history (text or --json) of the context's CODEX_HOME:
// `backups` and `restore --list`. Returns the exit code.
int printBackupHistory(CliContext &context);

} // namespace SandboxDoctor::Cli
