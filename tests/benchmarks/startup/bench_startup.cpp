// How long the desktop app takes from start to a saved screenshot, against a
// bare Qt Widgets window doing the same (bare_window.cpp), on the same machine
// in the same run: the ratio is what to read, absolute times drift with the
// machine's load. Goal: at most 3x.
//
//   bench_startup [--runs N] [--smoke]
//
// Each run starts the program afresh (QT_QPA_PLATFORM=offscreen), with
// --codex-version so no Codex is asked, on a small CODEX_HOME made here; the
// two programs alternate so that drifting load hits both alike. --smoke runs
// each once and checks the screenshots, never the times (what CTest runs).
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImageReader>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

struct Program
{
    QString name;
    QString path;
    QStringList arguments;
};

// Milliseconds from start to exit, or -1 when the program failed.
double runOnce(const Program &program, const QString &shot, QString *error)
{
    QFile::remove(shot);
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer timer;
    timer.start();
    process.start(program.path, program.arguments + QStringList{QStringLiteral("--screenshot"), shot});
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *error = QStringLiteral("%1 failed: %2 (exit %3)").arg(program.name, process.errorString()).arg(process.exitCode());
        return -1;
    }
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    QImageReader reader(shot);
    if (!reader.canRead() || reader.size().isEmpty()) {
        *error = QStringLiteral("%1 saved no readable screenshot at %2").arg(program.name, shot);
        return -1;
    }
    return ms;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const bool smoke = args.contains(QStringLiteral("--smoke"));
    int runs = smoke ? 1 : 15;
    if (const qsizetype i = args.indexOf(QStringLiteral("--runs")); i > 0)
        runs = qMax(1, args.value(i + 1).toInt());
    QTextStream out(stdout);

    QTemporaryDir dir;
    const QString home = dir.filePath(QStringLiteral("codex-home"));
    QDir().mkpath(home);
    QFile config(home + QStringLiteral("/config.toml"));
    if (!config.open(QIODevice::WriteOnly) || config.write("model = \"o3\"\n\n[tui]\nnotifications = true\n") < 0)
        return 4;
    config.close();

    const QList<Program> programs = {
        {QStringLiteral("bare Qt Widgets window"), QStringLiteral(SANDBOXDOCTOR_BARE_WINDOW_PATH), {}},
        {QStringLiteral("codex-sandbox-doctor"), QStringLiteral(SANDBOXDOCTOR_GUI_PATH),
         {QStringLiteral("--codex-home"), home, QStringLiteral("--codex-version"), QStringLiteral("0.121.0"),
          QStringLiteral("--platform"), QStringLiteral("macos")}},
    };
    std::vector<std::vector<double>> times(programs.size());
    // One unmeasured round first: the page cache, fontconfig's cache.
    for (int round = smoke ? 0 : -1; round < runs; ++round) {
        for (qsizetype p = 0; p < programs.size(); ++p) {
            QString error;
            const double ms = runOnce(programs.at(p), dir.filePath(QStringLiteral("shot-%1.png").arg(p)), &error);
            if (ms < 0) {
                out << "bench_startup: " << error << Qt::endl;
                return 1;
            }
            if (round >= 0)
                times[size_t(p)].push_back(ms);
        }
    }
    if (smoke) {
        out << "bench_startup: smoke pass: both programs saved a screenshot (times not checked)" << Qt::endl;
        return 0;
    }
    const double bare = median(times[0]);
    const double gui = median(times[1]);
    out << QStringLiteral("%1 runs each, wall time from start to exit (median; min-max)\n").arg(runs);
    for (qsizetype p = 0; p < programs.size(); ++p) {
        const auto &t = times[size_t(p)];
        out << QStringLiteral("  %1: %2 ms (%3-%4)\n")
                   .arg(programs.at(p).name, -24)
                   .arg(median(t), 0, 'f', 0)
                   .arg(*std::min_element(t.begin(), t.end()), 0, 'f', 0)
                   .arg(*std::max_element(t.begin(), t.end()), 0, 'f', 0);
    }
    out << QStringLiteral("  ratio: %1x (goal: at most 3x)").arg(gui / bare, 0, 'f', 2) << Qt::endl;
    return 0;
}
