// Times `inspect` over a generated workspaces root against the cost of
// finding and reading every config.toml, and reports peak memory.
//
//   bench_homes [--homes N] [--runs R] [--layout seed|today] [--cli PATH] [--keep DIR]
//   bench_homes --smoke      (small trees in both layouts, checks results, no timing verdict)
//
// Baseline: `find ROOT -name config.toml -exec cat {} + > /dev/null` (a shell
// process, like the CLI run it is compared with). Each figure is the median of
// R runs after one warm-up run, so every run reads from a warm page cache.

#include "hometree.h"

#include "homes/homescan.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <cstdio>

#ifdef Q_OS_UNIX
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>
#endif

using namespace SandboxDoctor;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

struct ProcessRun final
{
    int exitCode = -1;
    qint64 ms = 0;
    QByteArray stdoutBytes;
    QByteArray stderrBytes;
};

ProcessRun runProcess(const QString &program, const QStringList &arguments, bool keepStdout)
{
    ProcessRun run;
    QProcess process;
    if (!keepStdout)
        process.setStandardOutputFile(QProcess::nullDevice());
    QElapsedTimer timer;
    timer.start();
    process.start(program, arguments);
    process.waitForFinished(-1);
    run.ms = timer.elapsed();
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    if (keepStdout)
        run.stdoutBytes = process.readAllStandardOutput();
    run.stderrBytes = process.readAllStandardError();
    return run;
}

qint64 median(QList<qint64> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

template <typename F>
qint64 timeMedian(int runs, F &&once)
{
    once();  // warm-up: page cache and dentries
    QList<qint64> times;
    for (int i = 0; i < runs; ++i)
        times += once();
    return median(times);
}

QString cpuModel()
{
    QFile cpuinfo(QStringLiteral("/proc/cpuinfo"));
    if (cpuinfo.open(QIODevice::ReadOnly)) {
        const QString text = QString::fromUtf8(cpuinfo.readAll());
        const QRegularExpressionMatch match =
            QRegularExpression(QStringLiteral("model name\\s*:\\s*(.*)")).match(text);
        if (match.hasMatch())
            return match.captured(1).trimmed();
    }
    return QSysInfo::currentCpuArchitecture();
}

#ifdef Q_OS_UNIX
// The in-process baseline: the same work as find + cat, in C++ (walk the whole
// tree without following links, read every config.toml). Returns bytes read.
qint64 walkAndReadConfigs(const QByteArray &dir)
{
    qint64 total = 0;
    DIR *handle = ::opendir(dir.constData());
    if (!handle)
        return 0;
    while (const dirent *entry = ::readdir(handle)) {
        const char *name = entry->d_name;
        if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0')))
            continue;
        const QByteArray path = dir + '/' + name;
        if (entry->d_type == DT_DIR) {
            total += walkAndReadConfigs(path);
        } else if (qstrcmp(name, "config.toml") == 0) {
            const int fd = ::open(path.constData(), O_RDONLY);
            if (fd >= 0) {
                char buffer[16384];
                ssize_t got = 0;
                while ((got = ::read(fd, buffer, sizeof buffer)) > 0)
                    total += got;
                ::close(fd);
            }
        }
    }
    ::closedir(handle);
    return total;
}
#endif

InspectOptions inspectOptions(const QString &shared)
{
    InspectOptions options;
    options.sharedHome = shared;
    options.policyInputs.platform = Platform::Linux;
    return options;
}

QStringList cliArguments(const QString &root, const QString &shared)
{
    return {QStringLiteral("inspect"), root, QStringLiteral("--json"), QStringLiteral("--shared-home"), shared,
            QStringLiteral("--platform"), QStringLiteral("linux")};
}

int smoke(const QString &cli, bool today)
{
    QTemporaryDir dir;
    const QString shared = dir.path() + QLatin1String("/shared");
    const QString root = dir.path() + QLatin1String("/root");
    HomeTreeSpec spec;
    spec.homes = 60;
    spec.tasksPerWorkspace = 7;
    spec.brokenEvery = 10;
    spec.today = today;
    out() << (today ? "today's layout:" : "the seed's layout:") << Qt::endl;
    if (!writeSharedHome(shared) || !writeHomeTree(root, shared, spec)) {
        out() << "FAIL: could not write the tree in " << dir.path() << Qt::endl;
        return 1;
    }
    int failures = 0;
    auto check = [&](bool ok, const QString &what) {
        out() << (ok ? "ok   " : "FAIL ") << what << Qt::endl;
        failures += ok ? 0 : 1;
    };

    const HomeScan scan = scanHomes(root, inspectOptions(shared));
    check(!scan.summary.failure, QStringLiteral("the root is scanned"));
    check(scan.summary.homes == 60, QStringLiteral("60 homes found (%1)").arg(scan.summary.homes));
    int broken = 0;
    int inLayout = 0;
    int entryProblems = 0;  // anything but the broken links and what the engine says of config.toml's text
    for (const HomeReport &report : scan.homes) {
        broken += hasFinding(report.findings, FindingCode::AuthLinkBroken) ? 1 : 0;
        inLayout += report.layout == (today ? HomeLayout::Today : HomeLayout::Seed) ? 1 : 0;
        for (const Finding &finding : report.findings) {
            const bool config = finding.code.startsWith(QLatin1String("block-")) || finding.code.startsWith(QLatin1String("config-"));
            if (finding.severity != Severity::Info && !config && finding.code != FindingCode::AuthLinkBroken)
                ++entryProblems;
        }
    }
    check(broken == 6, QStringLiteral("6 broken auth links (%1)").arg(broken));
    check(inLayout == 60, QStringLiteral("every home in its layout (%1)").arg(inLayout));
    check(entryProblems == 0, QStringLiteral("no other problem with any entry (%1)").arg(entryProblems));
    if (!today)
        check(scan.summary.ok == 54 && scan.summary.error == 6,
              QStringLiteral("54 homes ok, 6 errors (%1, %2)").arg(scan.summary.ok).arg(scan.summary.error));
    check(!scan.homes.isEmpty() && scan.homes.first().task == QLatin1String("task-00000"),
          QStringLiteral("task names from the layout"));

    const ProcessRun run = runProcess(cli, cliArguments(root, shared), true);
    check(run.exitCode == 1, QStringLiteral("the CLI exits 1 on errors (%1)").arg(run.exitCode));
    const QJsonObject summary =
        QJsonDocument::fromJson(run.stdoutBytes).object().value(QStringLiteral("summary")).toObject();
    check(summary.value(QStringLiteral("homes")).toInt() == 60
              && summary.value(QStringLiteral("error")).toInt() == scan.summary.error,
          QStringLiteral("the CLI's JSON summary agrees"));

    const ProcessRun baseline = runProcess(QStringLiteral("/bin/sh"),
                                           {QStringLiteral("-c"), QStringLiteral("find \"$1\" -name config.toml -exec cat {} + > /dev/null"),
                                            QStringLiteral("sh"), root},
                                           false);
    check(baseline.exitCode == 0, QStringLiteral("the find baseline runs"));
    out() << "smoke timings (not judged): inspect " << run.ms << " ms, find+cat " << baseline.ms << " ms" << Qt::endl;
    return failures == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = QCoreApplication::arguments();
    args.removeFirst();

    int homes = 10000;
    int runs = 3;
    bool today = false;
    QString cli = QStringLiteral(SANDBOXDOCTOR_CLI_PATH);
    QString keep;
    bool smokeOnly = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        const QString next = i + 1 < args.size() ? args.at(i + 1) : QString();
        if (arg == QLatin1String("--smoke")) {
            smokeOnly = true;
        } else if (arg == QLatin1String("--homes")) {
            homes = next.toInt();
            ++i;
        } else if (arg == QLatin1String("--runs")) {
            runs = std::max(1, next.toInt());
            ++i;
        } else if (arg == QLatin1String("--layout")) {
            today = next == QLatin1String("today");
            if (!today && next != QLatin1String("seed")) {
                QTextStream(stderr) << "bench_homes: --layout seed or --layout today\n";
                return 2;
            }
            ++i;
        } else if (arg == QLatin1String("--cli")) {
            cli = next;
            ++i;
        } else if (arg == QLatin1String("--keep")) {
            keep = next;
            ++i;
        } else {
            QTextStream(stderr) << "usage: bench_homes [--homes N] [--runs R] [--layout seed|today] [--cli PATH] "
                                   "[--keep DIR] | --smoke\n";
            return 2;
        }
    }
    if (smokeOnly)
        return smoke(cli, false) | smoke(cli, true);
    if (homes <= 0) {
        QTextStream(stderr) << "bench_homes: --homes needs a positive number\n";
        return 2;
    }

    QTemporaryDir temporary;
    const QString base = keep.isEmpty() ? temporary.path() : QDir(keep).absolutePath();
    const QString shared = base + QLatin1String("/shared");
    const QString root = base + QLatin1String("/root");
    QElapsedTimer generate;
    generate.start();
    HomeTreeSpec spec;
    spec.homes = homes;
    spec.today = today;
    if (!QFileInfo::exists(root)) {
        if (!writeSharedHome(shared) || !writeHomeTree(root, shared, spec)) {
            out() << "could not write the tree under " << base << Qt::endl;
            return 1;
        }
    }
    out() << "tree: " << homes << " homes in " << (today ? "today's" : "the seed's") << " layout under " << root
          << " (written in " << generate.elapsed() << " ms)" << Qt::endl;
    out() << "machine: " << cpuModel() << ", " << QThread::idealThreadCount() << " logical CPUs, "
          << QSysInfo::prettyProductName() << Qt::endl;

    const qint64 baselineMs = timeMedian(runs, [&] {
        return runProcess(QStringLiteral("/bin/sh"),
                          {QStringLiteral("-c"), QStringLiteral("find \"$1\" -name config.toml -exec cat {} + > /dev/null"),
                           QStringLiteral("sh"), root},
                          false)
            .ms;
    });
    int cliExit = -1;
    const qint64 cliMs = timeMedian(runs, [&] {
        const ProcessRun run = runProcess(cli, cliArguments(root, shared), false);
        cliExit = run.exitCode;
        return run.ms;
    });
    int inspected = 0;
    const qint64 inProcessMs = timeMedian(runs, [&] {
        QElapsedTimer timer;
        timer.start();
        const HomeScan scan = scanHomes(root, inspectOptions(shared));
        inspected = scan.summary.homes;
        return timer.elapsed();
    });

    qint64 cppBaselineMs = -1;
#ifdef Q_OS_UNIX
    cppBaselineMs = timeMedian(runs, [&] {
        QElapsedTimer timer;
        timer.start();
        walkAndReadConfigs(QFile::encodeName(root));
        return timer.elapsed();
    });
#endif

    QString peak = QStringLiteral("n/a (/usr/bin/time missing)");
    if (QFileInfo::exists(QStringLiteral("/usr/bin/time"))) {
        const ProcessRun timed = runProcess(QStringLiteral("/usr/bin/time"),
                                            QStringList{QStringLiteral("-v"), cli} + cliArguments(root, shared), false);
        const QRegularExpressionMatch match = QRegularExpression(QStringLiteral("Maximum resident set size \\(kbytes\\): (\\d+)"))
                                                  .match(QString::fromUtf8(timed.stderrBytes));
        if (match.hasMatch())
            peak = QStringLiteral("%1 MiB").arg(match.captured(1).toDouble() / 1024.0, 0, 'f', 1);
    }

    out() << "median of " << runs << " runs after a warm-up:" << Qt::endl;
    out() << "  baseline  find ROOT -name config.toml -exec cat {} + > /dev/null : " << baselineMs << " ms" << Qt::endl;
    out() << "  inspect   codex-sandbox-doctor-cli inspect ROOT --json > /dev/null : " << cliMs << " ms (exit "
          << cliExit << "), ratio " << QString::number(double(cliMs) / double(std::max<qint64>(1, baselineMs)), 'f', 2) << Qt::endl;
    out() << "  inspect   scanHomes() in process (" << inspected << " homes)            : " << inProcessMs
          << " ms, ratio " << QString::number(double(inProcessMs) / double(std::max<qint64>(1, baselineMs)), 'f', 2) << Qt::endl;
    if (cppBaselineMs >= 0)
        out() << "  baseline  C++ walk of the whole tree reading every config.toml     : " << cppBaselineMs
              << " ms; scanHomes() ratio "
              << QString::number(double(inProcessMs) / double(std::max<qint64>(1, cppBaselineMs)), 'f', 2) << Qt::endl;
    out() << "  peak memory of the CLI run (/usr/bin/time -v, max RSS): " << peak << Qt::endl;
    out() << "  goal: ratio <= 2.50, peak < 200 MiB" << Qt::endl;
    return 0;
}
