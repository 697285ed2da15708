#pragma once

#include "verify/verifytypes.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace SandboxDoctor {

// Internal to core/verify: how a Codex command line is put together.
struct ProcessArgs final
{
    QString program;
    QStringList arguments;
};

// wrapper + program + arguments, split into what QProcess wants.
ProcessArgs wrapCommand(const CodexCommand &codex, const QStringList &arguments);

// The caller's environment with CODEX_HOME pointing at the scratch home and
// API keys removed: the judge must not see credentials it does not need.
QProcessEnvironment scratchEnvironment(QProcessEnvironment environment, const QString &codexHome);

} // namespace SandboxDoctor
