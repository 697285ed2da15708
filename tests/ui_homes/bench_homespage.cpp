// How fast the "Per-task homes" table fills: a generated workspaces root
// (tests/benchmarks/homes/hometree.h, the daemon's layout), scanned by the page
// as a person would, timed from scan() to the last row, with the process's
// peak memory. Prints numbers; asserts only that every home became a row.
//   bench_homespage [--homes N]      (default 10000; run in a Release build)
#include "homes/homesmodel.h"
#include "homes/homespage.h"
#include "hometree.h"
#include "session.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextStream>

using namespace SandboxDoctor;

namespace {

// VmHWM from /proc/self/status (Linux), in MiB; -1 elsewhere.
double peakMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("SandboxDoctorBench"));
    QTextStream out(stdout);
    const QStringList args = app.arguments();
    HomeTreeSpec spec;
    const qsizetype at = args.indexOf(QStringLiteral("--homes"));
    if (at > 0 && at + 1 < args.size())
        spec.homes = args.at(at + 1).toInt();
    spec.brokenEvery = 10;

    QTemporaryDir dir;
    const QString shared = dir.filePath(QStringLiteral("shared"));
    const QString root = dir.filePath(QStringLiteral("workspaces"));
    if (!writeSharedHome(shared) || !writeHomeTree(root, shared, spec)) {
        out << "could not write the tree under " << dir.path() << Qt::endl;
        return 1;
    }

    Ui::SessionOptions options;
    options.detect.explicitPath = dir.filePath(QStringLiteral("no-codex"));
    options.codexVersionText = QStringLiteral("0.171.0");
    options.platform = Platform::Linux;
    options.detect.useLoginShell = false;
    options.detect.searchKnownLocations = false;
    Ui::Session session(options);
    session.setCodexHome(shared);
    while (!session.diagnosis() || session.isBusy())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);

    Ui::HomesPage page(&session);
    page.resize(1100, 700);
    page.show();
    page.setRoot(root);
    QSignalSpy finished(&page, &Ui::HomesPage::scanFinished);
    QElapsedTimer timer;
    timer.start();
    page.scan();
    if (!finished.wait(600000)) {
        out << "the scan did not finish within 10 minutes" << Qt::endl;
        return 1;
    }
    const qint64 elapsed = timer.elapsed();
    const int rows = page.model()->rowCount();
    out << "homes " << spec.homes << ", rows " << rows << ", table filled in " << elapsed << " ms, peak "
        << QString::number(peakMiB(), 'f', 1) << " MiB" << Qt::endl;
    return rows == spec.homes ? 0 : 1;
}
