// A stand-in Codex for the Verify page's tests: a CLI from before `doctor`,
// whose `codex sandbox` runs the command directly (no sandbox at all), or,
// when FAKE_CODEX_INSIDE_JSON names a file, prints that file as if the probe
// inside the sandbox had printed it (to show the macOS bug's pattern on Linux).
// With FAKE_CODEX_LOG_DENIALS set it plays a macOS build: its help lists
// --log-denials, and with that option it prints a denial after the command.
#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    QTextStream out(stdout);
    QTextStream err(stderr);

    if (args.value(0) == QLatin1String("--version")) {
        out << "codex-cli 0.100.0\n";
        return 0;
    }
    const bool macosBuild = QProcessEnvironment::systemEnvironment().contains(QStringLiteral("FAKE_CODEX_LOG_DENIALS"));
    if (args.value(0) == QLatin1String("sandbox") && args.contains(QLatin1String("--help"))) {
        out << "Run a command inside Codex's sandbox\n\nUsage: codex sandbox [OPTIONS] -- <COMMAND>...\n\n"
               "Options:\n  -P, --permission-profile <PROFILE>\n  -C, --cd <DIR>\n";
        if (macosBuild)
            out << "      --log-denials\n          While the command runs, capture macOS sandbox denials\n";
        return 0;
    }
    const qsizetype end = args.indexOf(QLatin1String("--"));
    const bool logDenials = macosBuild && args.mid(0, end).contains(QLatin1String("--log-denials"));
    auto printDenials = [&]() {
        if (logDenials)
            err << "\n=== Sandbox denials ===\n(probe-dns) network-outbound /private/var/run/mDNSResponder\n";
    };
    if (args.value(0) == QLatin1String("sandbox")) {
        const qsizetype dashes = args.indexOf(QLatin1String("--"));
        if (dashes < 0 || dashes + 1 >= args.size()) {
            err << "error: a command is required after --\n";
            return 2;
        }
        const QString canned = QProcessEnvironment::systemEnvironment().value(QStringLiteral("FAKE_CODEX_INSIDE_JSON"));
        if (!canned.isEmpty()) {
            QFile file(canned);
            if (!file.open(QIODevice::ReadOnly)) {
                err << "fake codex: cannot read " << canned << "\n";
                return 3;
            }
            out << QString::fromUtf8(file.readAll());
            printDenials();
            return 0;
        }
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedChannels);
        child.start(args.at(dashes + 1), args.mid(dashes + 2));
        if (!child.waitForStarted(10000) || !child.waitForFinished(60000)) {
            err << "fake codex: could not run " << args.at(dashes + 1) << "\n";
            return 127;
        }
        printDenials();
        return child.exitCode();
    }
    // Everything else, `doctor` included, as a CLI that does not know it.
    err << "error: unrecognized subcommand '" << args.value(0) << "'\n\nUsage: codex [OPTIONS] [PROMPT]\n";
    return 2;
}
