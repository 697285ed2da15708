#include "homes/homescan.h"

#include "common/boundedread.h"
#include "common/logging.h"
#include "common/userhome.h"
#include "config/configfile.h"
#include "homes/homefinder.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

namespace SandboxDoctor {

namespace {

// Names for a home given on its own: <workspace>/<task>/codex-home.
TaskNames namesFromParents(const QString &homePath)
{
    if (QFileInfo(homePath).fileName() != QLatin1String("codex-home"))
        return {};
    const QStringList parts = homePath.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (parts.size() < 3)
        return {};
    return {parts.at(parts.size() - 3), parts.at(parts.size() - 2)};
}

} // namespace

QString defaultWorkspacesRoot(const QProcessEnvironment &environment)
{
    const QString fromEnv = environment.value(QStringLiteral("MULTICA_WORKSPACES_ROOT"));
    if (!fromEnv.isEmpty())
        return QDir::cleanPath(QFileInfo(fromEnv).absoluteFilePath());
    return userHomeDirectory(environment) + QLatin1String("/multica_workspaces");
}

SandboxPolicy scanPolicy(const SharedHome &shared, const InspectOptions &options)
{
    PolicyInputs inputs = options.policyInputs;
    inputs.choice = options.chosenPreset.value_or(PolicyChoice{});
    if (inputs.platform == Platform::Windows) {
        // Bounded and never blocking: the shared home's config.toml may be anything.
        const Expected<QByteArray> bytes =
            readRegularFile(shared.path + QLatin1String("/config.toml"), MaxConfigBytes, QStringLiteral("config.toml"));
        if (bytes)
            inputs.windowsSandbox = readWindowsSandboxSetting(*bytes);
        else
            inputs.windowsSandbox = bytes.error().kind == Error::Kind::NotFound ? WindowsSandboxSetting::Absent
                                                                               : WindowsSandboxSetting::Unreadable;
    }
    return choosePolicy(inputs);
}

HomeScan scanHomes(const QString &path, const InspectOptions &options, const std::atomic_bool *cancel,
                   const ScanCallbacks &callbacks)
{
    QElapsedTimer timer;
    timer.start();

    HomeScan scan;
    scan.summary.root = QDir::cleanPath(QFileInfo(path).absoluteFilePath());

    const SharedHome shared = SharedHome::load(options.sharedHome);
    scan.policy = scanPolicy(shared, options);
    scan.presetChosen = options.chosenPreset.has_value();

    // One policy object per preset for every home (off Windows): its strings
    // are shared, not copied 10,000 times.
    InspectOptions homeOptions = options;
    if (!homeOptions.policy) {
        PolicyInputs inputs = options.policyInputs;
        inputs.choice = options.chosenPreset.value_or(PolicyChoice{});
        homeOptions.policy = choosePolicy(inputs);
    }
    if (!homeOptions.todayPolicy && !options.chosenPreset) {
        PolicyInputs inputs = options.policyInputs;
        inputs.choice.preset = PolicyPreset::MulticaToday;
        homeOptions.todayPolicy = choosePolicy(inputs);
    }

    auto inspectOne = [&](const QString &home, const TaskNames &names) {
        HomeReport report = inspectHome(home, shared, homeOptions);
        report.workspace = names.workspace;
        report.task = names.task;
        scan.summary.count(report);
        if (callbacks.onReport)
            callbacks.onReport(report);
        if (callbacks.keepReports)
            scan.homes += std::move(report);
    };

    const QFileInfo info(scan.summary.root);
    if (info.isDir() && looksLikeCodexHome(scan.summary.root)) {
        scan.summary.singleHome = true;
        if (callbacks.onProgress)
            callbacks.onProgress(0, 1);
        inspectOne(scan.summary.root, namesFromParents(scan.summary.root));
        if (callbacks.onProgress)
            callbacks.onProgress(1, 1);
        scan.summary.elapsedMs = timer.elapsed();
        return scan;
    }

    // Progress is reported every so often, not per home: a GUI repaints on each.
    constexpr int ProgressEvery = 32;
    int found = 0;
    std::function<void(const QString &)> onFound;
    if (callbacks.onProgress) {
        callbacks.onProgress(0, -1);
        onFound = [&](const QString &) {
            if (++found % ProgressEvery == 0)
                callbacks.onProgress(found, -1);
        };
    }
    const Expected<QStringList> homes = findCodexHomes(scan.summary.root, MaxHomeDepth, cancel, onFound);
    if (!homes) {
        scan.summary.failure = homes.error();
        scan.summary.elapsedMs = timer.elapsed();
        return scan;
    }
    const int total = int(homes->size());
    if (callbacks.keepReports)
        scan.homes.reserve(total);
    if (callbacks.onProgress)
        callbacks.onProgress(0, total);
    int done = 0;
    for (const QString &home : *homes) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            break;
        inspectOne(home, taskNamesFor(scan.summary.root, home));
        ++done;
        if (callbacks.onProgress && (done % ProgressEvery == 0 || done == total))
            callbacks.onProgress(done, total);
    }
    if (cancel && cancel->load(std::memory_order_relaxed))
        scan.summary.cancelled = true;
    scan.summary.elapsedMs = timer.elapsed();
    qCInfo(lcHomes) << "scanned" << scan.summary.homes << "homes under" << scan.summary.root << "in"
                    << scan.summary.elapsedMs << "ms";
    return scan;
}

} // namespace SandboxDoctor
