// The desktop app: parses the command line, builds the main window, and in
// --screenshot mode saves the window as a PNG once the analysis is done.
#include "appsettings.h"
#include "mainwindow.h"
#include "sessionoptions.h"
#include "theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QPixmap>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <memory>
#include <vector>

using namespace SandboxDoctor;

namespace {

struct Arguments
{
    Ui::StartupOptions startup;
    QString screenshot;
    QString page;
    bool dark = false;
    bool sideBySide = false;
};

// Parses the options; on a usage error prints it and returns the exit code.
std::optional<int> parseArguments(QCommandLineParser &parser, Arguments &args)
{
    parser.setApplicationDescription(QStringLiteral("Diagnose and fix the Codex CLI sandbox configuration."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("codex-home"), QStringLiteral("The CODEX_HOME to open (default: $CODEX_HOME, else ~/.codex)."),
         QStringLiteral("DIR")},
        {QStringLiteral("codex"), QStringLiteral("The Codex executable to ask (default: saved setting, else detected)."),
         QStringLiteral("PATH")},
        {QStringLiteral("codex-version"), QStringLiteral("Use this version instead of asking Codex."),
         QStringLiteral("TEXT")},
        {QStringLiteral("platform"), QStringLiteral("Preview another platform: macos, linux or windows."),
         QStringLiteral("NAME")},
        {QStringLiteral("darwin-fixed-version"),
         QStringLiteral("First Codex version whose macOS sandbox honours network_access."), QStringLiteral("V")},
        {QStringLiteral("policy"),
         QStringLiteral("The policy table for this run: seed, multica-today or custom:PLATFORM=MODE[,...] (default: "
                        "the preset saved in Settings, else the seed's table; per-task homes follow their daemon)."),
         QStringLiteral("PRESET")},
        {QStringLiteral("screenshot"),
         QStringLiteral("Save the window as a PNG once the analysis is done, then exit (ignores saved settings)."),
         QStringLiteral("PATH")},
        {QStringLiteral("page"), QStringLiteral("The page to show first: overview, preview, verify or homes."), QStringLiteral("NAME")},
        {QStringLiteral("dark"), QStringLiteral("Use a dark palette.")},
        {QStringLiteral("side-by-side"), QStringLiteral("Show the preview side by side (saved for next time).")},
    });
    QCommandLineOption renamedPlatform(QStringLiteral("sandbox-platform"), QString(), QStringLiteral("NAME"));
    renamedPlatform.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(renamedPlatform);
    parser.process(*QCoreApplication::instance());  // --help and --version exit here

    QTextStream err(stderr);
    auto value = [&](const char *name) -> std::optional<QString> {
        const QString option = QString::fromLatin1(name);
        return parser.isSet(option) ? std::optional<QString>(parser.value(option)) : std::nullopt;
    };
    args.startup.codexHome = value("codex-home");
    args.startup.codexPath = value("codex");
    args.startup.codexVersionText = value("codex-version");
    args.startup.darwinFixedVersion = value("darwin-fixed-version");
    if (const auto name = value("sandbox-platform") ? value("sandbox-platform") : value("platform")) {
        args.startup.platform = parsePlatformName(*name);
        if (!args.startup.platform) {
            err << "codex-sandbox-doctor: unknown platform '" << *name << "'.\n  Use macos (or darwin), linux or windows."
                << Qt::endl;
            return 2;
        }
    }
    if (args.startup.darwinFixedVersion && !args.startup.darwinFixedVersion->trimmed().isEmpty()
        && !Version::parse(*args.startup.darwinFixedVersion)) {
        err << "codex-sandbox-doctor: '" << *args.startup.darwinFixedVersion
            << "' is not a version.\n  Give --darwin-fixed-version as X.Y.Z, for example 0.180.0." << Qt::endl;
        return 2;
    }
    if (const auto policy = value("policy")) {
        QString why;
        if (!parsePolicyChoice(*policy, &why)) {
            err << "codex-sandbox-doctor: " << why
                << "\n  Give --policy seed, multica-today or custom:linux=workspace-write+network." << Qt::endl;
            return 2;
        }
        args.startup.policy = *policy;
    }
    args.screenshot = value("screenshot").value_or(QString());
    args.page = value("page").value_or(QString());
    args.dark = parser.isSet(QStringLiteral("dark"));
    args.sideBySide = parser.isSet(QStringLiteral("side-by-side"));
    return std::nullopt;
}

// QGuiApplication takes `--platform NAME` as its own `-platform` (the Qt
// platform plugin). Ours means the sandbox platform, as in the CLI: rename it
// before Qt sees it. `-platform offscreen` (one dash) still reaches Qt.
std::vector<char *> renamePlatformOption(int argc, char *argv[], std::vector<QByteArray> &storage)
{
    std::vector<char *> args;
    storage.reserve(argc);
    for (int i = 0; i < argc; ++i) {
        QByteArray arg(argv[i]);
        if (arg == "--platform" || arg.startsWith("--platform="))
            arg.replace(0, int(qstrlen("--platform")), "--sandbox-platform");
        storage.push_back(arg);
    }
    for (QByteArray &arg : storage)
        args.push_back(arg.data());
    args.push_back(nullptr);
    return args;
}

void setApplicationNames()
{
    QCoreApplication::setOrganizationName(QStringLiteral("CodexSandboxDoctor"));
    QCoreApplication::setApplicationName(QStringLiteral("codex-sandbox-doctor"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SANDBOXDOCTOR_VERSION));
}

// --version and --help print and exit; they must work without a display
// (packaging checks, SSH sessions), so no QApplication is made for them.
bool wantsTextOnly(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--version" || arg == "-v" || arg == "--help" || arg == "-h" || arg == "--help-all")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    std::vector<QByteArray> storage;
    std::vector<char *> args = renamePlatformOption(argc, argv, storage);
    if (wantsTextOnly(argc, args.data())) {
        QCoreApplication app(argc, args.data());
        setApplicationNames();
        QCommandLineParser parser;
        Arguments parsed;
        return parseArguments(parser, parsed).value_or(0);  // process() prints and exits
    }

    QApplication app(argc, args.data());
    setApplicationNames();
    QApplication::setApplicationDisplayName(QStringLiteral("Codex Sandbox Doctor"));
    // Lets Wayland match the window to the installed .desktop file and its icon.
    QGuiApplication::setDesktopFileName(QStringLiteral("codex-sandbox-doctor"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/app.svg")));

    QCommandLineParser parser;
    Arguments parsed;
    if (const auto code = parseArguments(parser, parsed))
        return *code;

    if (parsed.dark) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(Ui::darkPalette());
    }

    // A screenshot shows what the command line says, not this user's saved
    // settings, and leaves them untouched (no recent home is recorded): it is
    // taken at the window's default size, never at the size it was last closed
    // with (tests/ui/test_windowstate.cpp runs this).
    QTemporaryDir scratch;
    std::unique_ptr<Ui::AppSettings> settings =
        parsed.screenshot.isEmpty() ? std::make_unique<Ui::AppSettings>()
                                  : std::make_unique<Ui::AppSettings>(scratch.filePath(QStringLiteral("settings.ini")));

    if (parsed.sideBySide)
        settings->setSideBySide(true);
    Ui::MainWindow window(settings.get(), parsed.startup);
    if (!parsed.screenshot.isEmpty()) {
        window.setFitsScreen(false);
        window.resize(Ui::MainWindow::DefaultSize);
    }
    if (!parsed.page.isEmpty() && !window.showPage(parsed.page)) {
        QTextStream(stderr) << "codex-sandbox-doctor: no page named '" << parsed.page << "'." << Qt::endl;
        return 2;
    }
    window.show();

    if (!parsed.screenshot.isEmpty()) {
        auto save = [&window, path = parsed.screenshot]() {
            // One more turn of the event loop so the last layout requests are
            // handled; grab() itself lays out and paints what it captures.
            QTimer::singleShot(0, &window, [&window, path]() {
                const QPixmap shot = window.grab();
                if (!shot.save(path, "PNG")) {
                    QTextStream(stderr) << "codex-sandbox-doctor: could not write " << QDir::toNativeSeparators(path)
                                        << ".\n  Choose a folder you can write to." << Qt::endl;
                    QCoreApplication::exit(4);
                    return;
                }
                QCoreApplication::exit(0);
            });
        };
        if (window.isSettled())
            save();
        else
            QObject::connect(&window, &Ui::MainWindow::settled, &window, save, Qt::SingleShotConnection);
        QTimer::singleShot(120000, &window, []() {
            QTextStream(stderr) << "codex-sandbox-doctor: the analysis did not finish within 2 minutes; no screenshot."
                                << Qt::endl;
            QCoreApplication::exit(1);
        });
    }
    return QApplication::exec();
}
