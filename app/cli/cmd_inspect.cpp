#include "clicontext.h"
#include "commands.h"

#include "homes/homescan.h"
#include "homes/homesreport.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>

namespace SandboxDoctor::Cli {

// Policy inputs shared by inspect and prepare: Codex's version is asked only
// when it can change the answer (macOS with a known fixed release, or
// `askCodex`), and then once per run, never per home.
PolicyInputs homesPolicyInputs(const CliContext &context, bool askCodex)
{
    PolicyInputs inputs;
    inputs.platform = context.platform().value_or(hostPlatform());
    inputs.darwinFixedVersion = context.darwinFixedVersion();
    if (context.codexVersionText()) {
        inputs.codexVersion = Version::parse(*context.codexVersionText());
    } else if (askCodex || (inputs.platform == Platform::MacOS && inputs.darwinFixedVersion)) {
        const CodexDetection detection = context.detectCodex();
        if (detection.chosen)
            inputs.codexVersion = detection.chosen->version;
    }
    return inputs;
}

namespace {

void addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("shared-home"),
                      QStringLiteral("The shared CODEX_HOME the per-task homes link to (default: as --codex-home)."),
                      QStringLiteral("DIR")});
}

int run(CliContext &context, const QCommandLineParser &parser)
{
    const QStringList positional = parser.positionalArguments();  // "inspect", PATH
    if (positional.size() > 2)
        return context.fail({Error::Kind::Usage, QStringLiteral("inspect takes one PATH."), {}, 0, 0,
                             QStringLiteral("Give a workspaces root or one CODEX_HOME.")});
    const QString path = positional.size() == 2 ? positional.at(1) : defaultWorkspacesRoot(context.environment());

    InspectOptions options;
    options.sharedHome = parser.isSet(QStringLiteral("shared-home")) ? parser.value(QStringLiteral("shared-home"))
                                                                      : context.codexHome();
    if (options.sharedHome.isEmpty())
        return context.fail({Error::Kind::Usage, QStringLiteral("--shared-home is empty."), {}, 0, 0,
                             QStringLiteral("Give the shared CODEX_HOME, usually ~/.codex.")});
    // inspect shows the sandbox Codex will run in each home, whose rules note
    // depends on the Codex release, as status does: ask it once.
    options.policyInputs = homesPolicyInputs(context, true);
    options.chosenPreset = context.policyChoice();

    const Platform platform = options.policyInputs.platform;
    if (!context.json()) {
        const HomeScan scan = scanHomes(path, options);
        if (scan.summary.failure)
            return context.fail(*scan.summary.failure);
        context.out() << homeScanToText(scan, platform);
        context.out().flush();
        return scan.summary.error > 0 ? 1 : 0;
    }

    // JSON is written home by home as the scan goes: 10,000 homes never sit in
    // memory as one document. The header waits for the first report, so a root
    // that cannot be scanned still fails with nothing on stdout.
    HomeScanJsonWriter writer;
    bool begun = false;
    const QString root = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    auto begin = [&] {
        if (!begun)
            context.out() << writer.begin(root, scanPolicy(SharedHome::load(options.sharedHome), options), platform,
                                          options.chosenPreset.has_value());
        begun = true;
    };
    ScanCallbacks callbacks;
    callbacks.keepReports = false;
    callbacks.onReport = [&](const HomeReport &report) {
        begin();
        context.out() << writer.home(report);
    };
    const HomeScan scan = scanHomes(path, options, nullptr, callbacks);
    if (scan.summary.failure && !begun)
        return context.fail(*scan.summary.failure);
    begin();
    context.out() << writer.end(scan.summary);
    context.out().flush();
    return scan.summary.error > 0 ? 1 : 0;
}

} // namespace

Command inspectCommand()
{
    return {QStringLiteral("inspect"),
            QStringLiteral("Inspect per-task homes: a workspaces root (every codex-home up to four levels below) "
                           "or one CODEX_HOME."),
            addOptions, run};
}

} // namespace SandboxDoctor::Cli
