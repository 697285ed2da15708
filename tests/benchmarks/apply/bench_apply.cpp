// Times apply on a generated ~1 MiB config.toml against one plain toml++ parse
// of the same file (median of N runs each). A benchmark, not a test: ctest runs
// it only with --smoke, which checks the results and never the times.
//
//   bench_apply [--runs N] [--size BYTES] [--smoke]

#include "config/applier.h"
#include "config/configfile.h"
#include "config/editplanner.h"
#include "policytesting.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#if __has_include(<toml++/toml.h>)
#include <toml++/toml.h>
#else
#include <toml.hpp>
#endif

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <string_view>
#include <vector>

using namespace SandboxDoctor;

namespace {

QByteArray generateConfig(qsizetype targetBytes)
{
    QByteArray text = "model = \"gpt-5\"\napproval_policy = \"on-request\"\n\n[sandbox_workspace_write]\n"
                      "writable_roots = [\"/srv/data\"]\n\n[tui]\ntheme = \"dark\"\n\n";
    for (int i = 0; text.size() < targetBytes; ++i) {
        text += "[projects.\"/home/user/src/team-" + QByteArray::number(i % 37) + "/project-" + QByteArray::number(i)
                + "\"]\ntrust_level = \"trusted\"\n\n";
        if (i % 2 == 0) {
            text += "[mcp_servers.server_" + QByteArray::number(i) + "]\ncommand = \"npx\"\nargs = [\"-y\", \"@acme/mcp-"
                    + QByteArray::number(i) + "\", \"--port\", \"" + QByteArray::number(3000 + i % 1000)
                    + "\"]\nenv = { API_URL = \"https://example.invalid/" + QByteArray::number(i)
                    + "\", LOG = \"warn\" }\nstartup_timeout_sec = 20\n\n";
        }
    }
    return text;
}

// Wall time (QElapsedTimer) and this process's CPU time (std::clock): on a
// shared machine the CPU time is the steadier figure; both are printed.
struct Sample final
{
    std::vector<qint64> wallNs;
    std::vector<qint64> cpuNs;
};

class Stopwatch final
{
public:
    void start()
    {
        m_cpu = std::clock();
        m_wall.start();
    }
    void stopInto(Sample &sample) const
    {
        sample.wallNs.push_back(m_wall.nsecsElapsed());
        sample.cpuNs.push_back(qint64(double(std::clock() - m_cpu) * 1e9 / CLOCKS_PER_SEC));
    }

private:
    QElapsedTimer m_wall;
    std::clock_t m_cpu = 0;
};

double medianMs(std::vector<qint64> nanos)
{
    std::sort(nanos.begin(), nanos.end());
    const size_t n = nanos.size();
    const double mid = n % 2 ? double(nanos[n / 2]) : (double(nanos[n / 2 - 1]) + double(nanos[n / 2])) / 2.0;
    return mid / 1e6;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

QString cpuModel()
{
    QFile file(QStringLiteral("/proc/cpuinfo"));
    if (file.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : file.readAll().split('\n')) {
            if (line.startsWith("model name"))
                return QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
        }
    }
    return QStringLiteral("unknown CPU");
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool smoke = args.contains(QStringLiteral("--smoke"));
    int runs = smoke ? 1 : 21;
    qsizetype size = 1024 * 1024;
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QStringLiteral("--runs"))
            runs = std::max(1, args[i + 1].toInt());
        if (args[i] == QStringLiteral("--size"))
            size = std::max<qsizetype>(1024, args[i + 1].toLongLong());
    }
    QTextStream out(stdout);
    auto fail = [&out](const QString &why) {
        out << "FAIL: " << why << Qt::endl;
        return 1;
    };

    const QByteArray config = generateConfig(size);
    const SandboxPolicy policy = choosePolicy(policyInputs(Platform::Linux));
    QTemporaryDir home;
    const QString path = home.filePath(QStringLiteral("config.toml"));

    Sample parse, propose, read, apply, applyNoBackup, noop;
    Stopwatch timer;
    for (int run = 0; run < runs; ++run) {
        timer.start();
        try {
            const toml::table table = toml::parse(std::string_view(config.constData(), size_t(config.size())));
            if (table.empty())
                return fail(QStringLiteral("the parse found nothing"));
        } catch (const toml::parse_error &error) {
            return fail(QStringLiteral("the generated config does not parse: %1").arg(QString::fromUtf8(error.what())));
        }
        timer.stopInto(parse);

        timer.start();
        const Expected<ProposedEdit> edit = proposeEdit(config, policy);
        timer.stopInto(propose);
        if (!edit || !edit->changed)
            return fail(QStringLiteral("proposeEdit: %1").arg(edit ? QStringLiteral("no change") : edit.error().toText()));

        if (!writeFile(path, config))
            return fail(QStringLiteral("cannot write %1").arg(path));
        timer.start();
        const Expected<ConfigSnapshot> snapshot = readConfig(home.path());
        timer.stopInto(read);
        if (!snapshot || snapshot->bytes != config)
            return fail(QStringLiteral("readConfig did not return the file"));

        for (const bool backup : {true, false}) {
            if (!writeFile(path, config))
                return fail(QStringLiteral("cannot write %1").arg(path));
            ApplyOptions options;
            options.backup = backup;
            options.keepBackups = 1;
            timer.start();
            const Expected<ApplyResult> applied = applyManagedBlock(home.path(), policy, options);
            timer.stopInto(backup ? apply : applyNoBackup);
            if (!applied || !applied->written)
                return fail(QStringLiteral("apply: %1").arg(applied ? QStringLiteral("not written")
                                                                    : applied.error().toText()));
            if (applied->edit.after != edit->after)
                return fail(QStringLiteral("apply wrote something else than proposeEdit proposed"));
        }

        timer.start();
        const Expected<ApplyResult> again = applyManagedBlock(home.path(), policy);
        timer.stopInto(noop);
        if (!again || again->written || again->edit.changed)
            return fail(QStringLiteral("a second apply was not a no-op"));
    }

    // What was written must be the block on top, and everything from [tui] on
    // untouched (the user's [sandbox_workspace_write] table above it has to
    // become dotted keys beside the block's dotted network_access).
    QFile written(path);
    if (!written.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read back %1").arg(path));
    const QByteArray result = written.readAll();
    if (!result.startsWith(renderManagedBlock(policy)) || !result.endsWith(config.mid(config.indexOf("[tui]"))))
        return fail(QStringLiteral("the written file is not the block on top of the user's tables"));

    out << "config: " << config.size() << " bytes, " << config.count("\n[") + 1 << " tables; median of " << runs
        << " runs\n"
        << "machine: " << QThread::idealThreadCount() << " threads, " << cpuModel() << "\n"
        << "                                 wall ms   (x parse)     cpu ms   (x parse)\n";
    const double parseWall = medianMs(parse.wallNs), parseCpu = medianMs(parse.cpuNs);
    auto row = [&](const char *name, const Sample &sample) {
        const double wall = medianMs(sample.wallNs), cpu = medianMs(sample.cpuNs);
        out << QStringLiteral("%1 %2   (%3x)   %4   (%5x)\n")
                   .arg(QString::fromLatin1(name).leftJustified(28))
                   .arg(wall, 10, 'f', 2)
                   .arg(wall / parseWall, 5, 'f', 2)
                   .arg(cpu, 10, 'f', 2)
                   .arg(cpu / parseCpu, 5, 'f', 2);
    };
    row("toml++ parse", parse);
    row("readConfig (read)        ", read);
    row("proposeEdit (in memory)", propose);
    row("apply (backup, fsync)", apply);
    row("apply --no-backup", applyNoBackup);
    row("apply, already current", noop);
    out << (smoke ? "smoke run: results checked, times not judged\n" : "goal: apply <= 3x one parse\n");
    out.flush();
    return 0;
}
