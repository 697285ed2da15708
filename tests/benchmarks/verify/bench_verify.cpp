// Times `verify` (Codex's own doctor on a scratch copy of config.toml) and
// `verify --probe-dns` (plus the DNS probe outside and inside Codex's
// sandbox), end to end through the CLI, by wall clock.
//
//   bench_verify --codex PATH | --codex-prefix NPM_PREFIX
//                [--runs R] [--cli PATH] [--wrapper 'unshare -rn'] [--host localhost] [--work DIR]
//   bench_verify --smoke ...   (one run of each, checks the results, no timing verdict)
//
// Each figure is the median of R runs after one warm-up run (min and max
// beside it). The config is workspace-write with network access; the probe
// resolves a name from /etc/hosts and connects to a loopback listener, so
// nothing but doctor's own checks could leave the machine, and those are
// pointed at a closed loopback port (or run under --wrapper).

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSysInfo>
#include <QTextStream>
#include <QThread>

#include <algorithm>

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

struct Run final
{
    qint64 ms = 0;
    int exitCode = -1;
    QJsonObject json;
    QByteArray stderrBytes;
};

Run runCli(const QString &cli, const QStringList &arguments)
{
    Run run;
    QProcess process;
    QElapsedTimer timer;
    timer.start();
    process.start(cli, arguments);
    process.waitForFinished(-1);
    run.ms = timer.elapsed();
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.json = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    run.stderrBytes = process.readAllStandardError();
    return run;
}

// What a correct answer looks like; empty when it is one.
QString checkRun(const Run &run, bool probe)
{
    const QJsonObject verify = run.json.value(QLatin1String("verify")).toObject();
    if (verify.value(QLatin1String("outcome")).toString() != QLatin1String("answered"))
        return QStringLiteral("doctor did not answer: ") + QString::fromUtf8(run.stderrBytes).left(400);
    if (!verify.value(QLatin1String("config")).toObject().value(QLatin1String("loads")).toBool())
        return QStringLiteral("Codex did not load the config");
    if (verify.value(QLatin1String("sandbox")).toObject().value(QLatin1String("network")).toString()
        != QLatin1String("enabled"))
        return QStringLiteral("doctor's network sandbox is not 'enabled' for workspace-write + network");
    if (!probe)
        return {};
    const QJsonObject report = run.json.value(QLatin1String("probe")).toObject();
    if (!report.value(QLatin1String("outside")).toObject().value(QLatin1String("ran")).toBool()
        || !report.value(QLatin1String("inside")).toObject().value(QLatin1String("ran")).toBool())
        return QStringLiteral("the probe did not run on both sides: ") + report.value(QLatin1String("summary")).toString();
    return {};
}

struct Stats final
{
    qint64 median = 0, min = 0, max = 0;
};

Stats stats(QList<qint64> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? Stats{} : Stats{values.at(values.size() / 2), values.first(), values.last()};
}

QString nativeCodexIn(const QString &prefix)
{
    QDirIterator it(prefix + QStringLiteral("/lib/node_modules/@openai/codex/node_modules"), {QStringLiteral("codex")},
                    QDir::Files | QDir::Executable, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.contains(QLatin1String("/vendor/")) && path.endsWith(QLatin1String("/bin/codex")))
            return path;
    }
    return {};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({
        {QStringLiteral("codex"), QStringLiteral("The Codex executable."), QStringLiteral("PATH")},
        {QStringLiteral("codex-prefix"), QStringLiteral("An npm prefix holding @openai/codex (its native binary is used)."),
         QStringLiteral("DIR")},
        {QStringLiteral("cli"), QStringLiteral("codex-sandbox-doctor-cli to time."), QStringLiteral("PATH"),
         QStringLiteral(SANDBOXDOCTOR_CLI_PATH)},
        {QStringLiteral("runs"), QStringLiteral("Timed runs per figure."), QStringLiteral("N"), QStringLiteral("11")},
        {QStringLiteral("wrapper"), QStringLiteral("--doctor-wrapper for the CLI, e.g. 'unshare -rn'."), QStringLiteral("CMD")},
        {QStringLiteral("host"), QStringLiteral("The host the probe resolves."), QStringLiteral("HOST"),
         QStringLiteral("localhost")},
        {QStringLiteral("work"), QStringLiteral("Where the CODEX_HOME and scratch homes go (not under /tmp)."),
         QStringLiteral("DIR"), QDir::currentPath() + QStringLiteral("/bench-verify-work")},
        {QStringLiteral("smoke"), QStringLiteral("One run of each; check the results, no timing verdict.")},
    });
    parser.addHelpOption();
    parser.process(app);

    QString codex = parser.value(QStringLiteral("codex"));
    if (codex.isEmpty() && parser.isSet(QStringLiteral("codex-prefix")))
        codex = nativeCodexIn(parser.value(QStringLiteral("codex-prefix")));
    if (codex.isEmpty() || !QFileInfo(codex).isExecutable()) {
        out() << "bench_verify: give a runnable Codex with --codex or --codex-prefix\n";
        return 2;
    }
    const bool smoke = parser.isSet(QStringLiteral("smoke"));
    const int runs = smoke ? 1 : std::max(1, parser.value(QStringLiteral("runs")).toInt());
    const QString work = QDir::cleanPath(parser.value(QStringLiteral("work")));
    const QString home = work + QStringLiteral("/codex-home");
    const QString scratch = work + QStringLiteral("/scratch");
    if (!QDir().mkpath(home) || !QDir().mkpath(scratch)) {
        out() << "bench_verify: cannot create " << work << "\n";
        return 2;
    }
    QFile config(home + QStringLiteral("/config.toml"));
    if (!config.open(QIODevice::WriteOnly)
        || config.write("sandbox_mode = \"workspace-write\"\n\n[sandbox_workspace_write]\nnetwork_access = true\n") < 0) {
        out() << "bench_verify: cannot write " << config.fileName() << "\n";
        return 2;
    }
    config.close();

    QStringList base{QStringLiteral("verify"), QStringLiteral("--json"), QStringLiteral("--codex"), codex,
                     QStringLiteral("--codex-home"), home, QStringLiteral("--scratch-dir"), scratch,
                     QStringLiteral("--platform"), QStringLiteral("linux")};
    if (parser.isSet(QStringLiteral("wrapper")))
        base << QStringLiteral("--doctor-wrapper") << parser.value(QStringLiteral("wrapper"));
    const QStringList withProbe = base + QStringList{QStringLiteral("--probe-dns"), parser.value(QStringLiteral("host"))};
    const QString cli = parser.value(QStringLiteral("cli"));

    out() << "Codex:   " << codex << "\nCLI:     " << cli << "\nwrapper: "
          << (parser.isSet(QStringLiteral("wrapper")) ? parser.value(QStringLiteral("wrapper")) : QStringLiteral("(none)"))
          << "\nmachine: " << QSysInfo::prettyProductName() << ", " << QThread::idealThreadCount() << " threads\n\n";
    out().flush();

    int failures = 0;
    for (const bool probe : {false, true}) {
        const QStringList &arguments = probe ? withProbe : base;
        if (!smoke)
            runCli(cli, arguments);  // warm-up: page cache, Codex's first start
        QList<qint64> times;
        for (int i = 0; i < runs; ++i) {
            const Run run = runCli(cli, arguments);
            const QString problem = checkRun(run, probe);
            if (!problem.isEmpty()) {
                out() << (probe ? "verify --probe-dns" : "verify") << ": " << problem << "\n";
                ++failures;
                break;
            }
            times << run.ms;
        }
        const Stats s = stats(times);
        out() << (probe ? "verify --probe-dns " : "verify             ") << "median " << s.median << " ms (min "
              << s.min << ", max " << s.max << ", " << times.size() << " runs)\n";
        out().flush();
    }
    QDir(work).removeRecursively();
    return failures == 0 ? 0 : 1;
}
