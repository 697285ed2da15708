#include "clicontext.h"
#include "clirunner.h"

#include <QCoreApplication>
#include <QSettings>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("CodexSandboxDoctor"));
    QCoreApplication::setApplicationName(QStringLiteral("codex-sandbox-doctor"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SANDBOXDOCTOR_VERSION));

    // The GUI and the CLI share one settings store.
    const QSettings settings;
    SandboxDoctor::Cli::SavedSettings saved;
    saved.codexPath = settings.value(QStringLiteral("codex/path")).toString();
    saved.darwinFixedVersion = settings.value(QStringLiteral("policy/darwinFixedVersion")).toString();
    saved.policyPreset = settings.value(QStringLiteral("policy/preset")).toString();

    QTextStream out(stdout);
    QTextStream err(stderr);
    SandboxDoctor::Cli::CliContext context(out, err, QProcessEnvironment::systemEnvironment(), saved);
    const int code = SandboxDoctor::Cli::runCli(QCoreApplication::arguments(), context);
    out.flush();
    err.flush();
    return code;
}
