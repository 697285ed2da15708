#include "verify/processargs.h"

namespace SandboxDoctor {

ProcessArgs wrapCommand(const CodexCommand &codex, const QStringList &arguments)
{
    if (codex.wrapper.isEmpty())
        return {codex.program, arguments};
    return {codex.wrapper.first(), codex.wrapper.mid(1) + QStringList{codex.program} + arguments};
}

QProcessEnvironment scratchEnvironment(QProcessEnvironment environment, const QString &codexHome)
{
    environment.insert(QStringLiteral("CODEX_HOME"), codexHome);
    for (const QString &name : {QStringLiteral("OPENAI_API_KEY"), QStringLiteral("CODEX_API_KEY"),
                                QStringLiteral("AZURE_OPENAI_API_KEY")})
        environment.remove(name);
    return environment;
}

} // namespace SandboxDoctor
