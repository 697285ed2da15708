#include "homefixtures.h"
#include "scannercollector.h"

#include "homes/homefinder.h"
#include "homes/homescan.h"
#include "homes/homescanner.h"
#include "homes/homesreport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace SandboxDoctor;
using namespace HomeFixtures;

// Finding homes under a workspaces root, the synchronous scan, its reports,
// and the background scanner the "Per-task homes" page uses.
class TestHomeScan final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_shared;
    QString m_root;

    InspectOptions options() const
    {
        InspectOptions o;
        o.sharedHome = m_shared;
        o.policyInputs.platform = Platform::Linux;
        return o;
    }

    QString home(const QString &relative) const { return m_root + QLatin1Char('/') + relative; }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_shared = m_dir.path() + QLatin1String("/shared");
        m_root = m_dir.path() + QLatin1String("/root");
        makeSharedHome(m_shared);
        // ws-a/t1 ok, ws-a/t2 broken auth (error), ws-b/t3 no config (warning), ws-b/t4 local sessions (ok)
        makeDaemonHome(home(QStringLiteral("ws-a/t1/codex-home")), m_shared);
        makeDaemonHome(home(QStringLiteral("ws-a/t2/codex-home")), m_shared);
        QVERIFY(QFile::remove(home(QStringLiteral("ws-a/t2/codex-home/auth.json"))));
        QVERIFY(QFile::link(m_dir.path() + QLatin1String("/gone"), home(QStringLiteral("ws-a/t2/codex-home/auth.json"))));
        makeDaemonHome(home(QStringLiteral("ws-b/t3/codex-home")), m_shared);
        QVERIFY(QFile::remove(home(QStringLiteral("ws-b/t3/codex-home/config.toml"))));
        makeDaemonHome(home(QStringLiteral("ws-b/t4/codex-home")), m_shared);
        QVERIFY(QFile::remove(home(QStringLiteral("ws-b/t4/codex-home/sessions"))));
        QVERIFY(QDir().mkpath(home(QStringLiteral("ws-b/t4/codex-home/sessions"))));
        // Task folders beside the home, as the daemon makes them.
        QVERIFY(QDir().mkpath(home(QStringLiteral("ws-a/t1/workdir/src"))));
        QVERIFY(QDir().mkpath(home(QStringLiteral("ws-a/t1/logs"))));
    }

    void find_homesUpToFourLevels()
    {
        const QString deep = m_dir.path() + QLatin1String("/deep");
        QVERIFY(QDir().mkpath(deep + QLatin1String("/codex-home")));                 // depth 1
        QVERIFY(QDir().mkpath(deep + QLatin1String("/a/b/c/codex-home")));           // depth 4
        QVERIFY(QDir().mkpath(deep + QLatin1String("/a/b/c/d/codex-home")));         // depth 5: too deep
        QVERIFY(QDir().mkpath(deep + QLatin1String("/x/codex-home/nested/codex-home")));  // inside a home
        QVERIFY(QDir().mkpath(deep + QLatin1String("/.hidden/t/codex-home")));       // hidden folders count
        QVERIFY(QFile::link(deep + QLatin1String("/a"), deep + QLatin1String("/linked")));  // not followed
        const Expected<QStringList> found = findCodexHomes(deep);
        QVERIFY(found);
        QCOMPARE(*found, (QStringList{deep + QLatin1String("/.hidden/t/codex-home"),
                                      deep + QLatin1String("/a/b/c/codex-home"), deep + QLatin1String("/codex-home"),
                                      deep + QLatin1String("/x/codex-home")}));
    }

    void find_missingRootIsAnError()
    {
        const Expected<QStringList> found = findCodexHomes(m_dir.path() + QLatin1String("/absent"));
        QVERIFY(!found);
        QCOMPARE(found.error().kind, Error::Kind::NotFound);
        QVERIFY(!found.error().hint.isEmpty());
    }

    void scan_rootCountsStatuses()
    {
        const HomeScan scan = scanHomes(m_root, options());
        QVERIFY(!scan.summary.failure);
        QVERIFY(!scan.summary.singleHome);
        QCOMPARE(scan.homes.size(), 4);
        QCOMPARE(scan.summary.homes, 4);
        QCOMPARE(scan.summary.ok, 2);
        QCOMPARE(scan.summary.warning, 1);
        QCOMPARE(scan.summary.error, 1);
        QCOMPARE(scan.homes.at(0).workspace, QStringLiteral("ws-a"));
        QCOMPARE(scan.homes.at(0).task, QStringLiteral("t1"));
        QCOMPARE(scan.homes.at(1).statusName(), QStringLiteral("error"));
        QCOMPARE(scan.homes.at(2).statusName(), QStringLiteral("warning"));
        QCOMPARE(scan.homes.at(3).statusName(), QStringLiteral("ok"));
        QCOMPARE(scan.policy.mode, SandboxMode::WorkspaceWrite);
    }

    void scan_oneCodexHome()
    {
        const HomeScan scan = scanHomes(home(QStringLiteral("ws-a/t2/codex-home")), options());
        QVERIFY(scan.summary.singleHome);
        QCOMPARE(scan.homes.size(), 1);
        QCOMPARE(scan.homes.first().workspace, QStringLiteral("ws-a"));
        QCOMPARE(scan.homes.first().task, QStringLiteral("t2"));
        QCOMPARE(scan.summary.error, 1);
    }

    void scan_missingPathFails()
    {
        const HomeScan scan = scanHomes(m_dir.path() + QLatin1String("/absent"), options());
        QVERIFY(scan.summary.failure);
        QVERIFY(scan.homes.isEmpty());
    }

    void scan_cancelStopsBetweenHomes()
    {
        std::atomic_bool cancel{false};
        ScanCallbacks callbacks;
        int seen = 0;
        callbacks.onReport = [&](const HomeReport &) {
            if (++seen == 2)
                cancel = true;
        };
        const HomeScan scan = scanHomes(m_root, options(), &cancel, callbacks);
        QVERIFY(scan.summary.cancelled);
        QCOMPARE(scan.summary.homes, 2);
    }

    void json_matchesContractShape()
    {
        const HomeScan scan = scanHomes(m_root, options());
        const QJsonObject json = homeScanToJson(scan, Platform::Linux);
        QCOMPARE(json.value(QStringLiteral("root")).toString(), m_root);
        const QJsonObject policy = json.value(QStringLiteral("policy")).toObject();
        QCOMPARE(policy.value(QStringLiteral("platform")).toString(), QStringLiteral("linux"));
        QCOMPARE(policy.value(QStringLiteral("mode")).toString(), QStringLiteral("workspace-write"));
        QCOMPARE(policy.value(QStringLiteral("network_access")).toBool(), true);
        QVERIFY(!policy.value(QStringLiteral("reason")).toString().isEmpty());
        const QJsonArray homes = json.value(QStringLiteral("homes")).toArray();
        QCOMPARE(homes.size(), 4);
        const QJsonObject broken = homes.at(1).toObject();
        for (const char *key : {"path", "workspace", "task", "status", "block", "entries", "findings"})
            QVERIFY2(broken.contains(QLatin1String(key)), key);
        QCOMPARE(broken.value(QStringLiteral("status")).toString(), QStringLiteral("error"));
        QCOMPARE(broken.value(QStringLiteral("block")).toString(), QStringLiteral("current"));
        const QJsonObject auth = broken.value(QStringLiteral("entries")).toArray().at(0).toObject();
        QCOMPARE(auth.value(QStringLiteral("name")).toString(), QStringLiteral("auth.json"));
        QCOMPARE(auth.value(QStringLiteral("kind")).toString(), QStringLiteral("symlink"));
        QCOMPARE(auth.value(QStringLiteral("target")).toString(), m_dir.path() + QLatin1String("/gone"));
        QCOMPARE(auth.value(QStringLiteral("state")).toString(), QStringLiteral("broken"));
        const QJsonObject finding = broken.value(QStringLiteral("findings")).toArray().at(0).toObject();
        QCOMPARE(finding.value(QStringLiteral("code")).toString(), QStringLiteral("auth-link-broken"));
        QCOMPARE(finding.value(QStringLiteral("severity")).toString(), QStringLiteral("error"));
        const QJsonObject summary = json.value(QStringLiteral("summary")).toObject();
        QCOMPARE(summary.value(QStringLiteral("homes")).toInt(), 4);
        QCOMPARE(summary.value(QStringLiteral("ok")).toInt(), 2);
        QCOMPARE(summary.value(QStringLiteral("warning")).toInt(), 1);
        QCOMPARE(summary.value(QStringLiteral("error")).toInt(), 1);
    }

    // The CLI streams its JSON home by home; parsed, it is the same document.
    void json_streamedEqualsWhole()
    {
        const HomeScan scan = scanHomes(m_root, options());
        HomeScanJsonWriter writer;
        QByteArray streamed = writer.begin(scan.summary.root, scan.policy, Platform::Linux);
        for (const HomeReport &report : scan.homes)
            streamed += writer.home(report);
        streamed += writer.end(scan.summary);
        QJsonParseError error;
        const QJsonDocument parsed = QJsonDocument::fromJson(streamed, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(parsed.object(), homeScanToJson(scan, Platform::Linux));
        QVERIFY(streamed.indexOf("\"root\"") < streamed.indexOf("\"homes\""));  // the contract's key order

        HomeScanJsonWriter empty;
        const QByteArray none = empty.begin(m_root, scan.policy, Platform::Linux) + empty.end(ScanSummary{});
        QCOMPARE(QJsonDocument::fromJson(none).object().value(QStringLiteral("homes")).toArray().size(), 0);
    }

    // The streamed home is written without QJsonObject: it must parse to exactly
    // what homeReportToJson() says, odd characters and optional members included.
    void json_directTextEqualsTheObject()
    {
        HomeReport report;
        report.path = QStringLiteral("/r/\"quoted\"\\back\tslash/\u00e9t\u00e9 \U0001F600/codex-home");
        report.task = QStringLiteral("t\x01\x1f");
        report.blockKnown = false;
        HomeEntry entry;
        entry.name = QStringLiteral("prompts/gpt.md");
        entry.kind = EntryKind::Symlink;
        entry.target = QStringLiteral("/x\ny");
        entry.state = EntryState::Truncated;
        entry.role = QStringLiteral("model_instructions_file");
        report.entries << entry << HomeEntry{};
        Finding withLine;
        withLine.code = QStringLiteral("config-invalid");
        withLine.severity = Severity::Error;
        withLine.message = QStringLiteral("bad \"value\"");
        withLine.line = 7;
        withLine.fix = QStringLiteral("fix it");
        Finding bare;
        bare.code = QStringLiteral("sessions-local");
        report.findings << withLine << bare;
        HomeScanJsonWriter writer;
        const QByteArray text = writer.begin(QStringLiteral("/r"), SandboxPolicy{}, Platform::Linux) + writer.home(report)
                                + writer.end(ScanSummary{});
        QJsonParseError error;
        const QJsonDocument parsed = QJsonDocument::fromJson(text, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(parsed.object().value(QStringLiteral("homes")).toArray().at(0).toObject(), homeReportToJson(report));
    }

    void text_isATableWithFindings()
    {
        const QString text = homeScanToText(scanHomes(m_root, options()), Platform::Linux);
        QVERIFY(text.contains(QStringLiteral("WORKSPACE")));
        QVERIFY(text.contains(QStringLiteral("auth-link-broken")));
        QVERIFY(text.contains(QStringLiteral("config-missing")));
        QVERIFY(text.contains(QStringLiteral("4 homes: 2 ok, 1 warning, 1 error")));
        // Aligned: every row of the table starts its STATUS column at the same place.
        const QStringList lines = text.split(QLatin1Char('\n'));
        int header = -1;
        for (int i = 0; i < lines.size(); ++i) {
            if (lines.at(i).startsWith(QLatin1String("WORKSPACE")))
                header = i;
        }
        QVERIFY(header >= 0);
        const int column = int(lines.at(header).indexOf(QLatin1String("STATUS")));
        for (int i = header + 1; i <= header + 4; ++i) {
            const QString cell = lines.at(i).mid(column).section(QLatin1Char(' '), 0, 0);
            QVERIFY2(cell == QLatin1String("ok") || cell == QLatin1String("warning") || cell == QLatin1String("error"),
                     qPrintable(lines.at(i)));
        }
    }

    void scanner_streamsReportsAndFinishesOnce()
    {
        HomeScanner scanner;
        ScannerCollector got(scanner);
        scanner.start(m_root, options());
        QTRY_COMPARE_WITH_TIMEOUT(got.finished.size(), 1, 10000);
        QVERIFY(scanner.wait(10000));
        QCoreApplication::processEvents();
        QCOMPARE(got.finished.size(), 1);
        QCOMPARE(got.started, 1);
        QCOMPARE(got.reports.size(), 4);
        const ScanSummary summary = got.finished.first();
        QCOMPARE(summary.homes, 4);
        QCOMPARE(summary.error, 1);
        QVERIFY(!summary.cancelled);
        QCOMPARE(got.reports.first().task, QStringLiteral("t1"));
        QVERIFY(!got.progress.isEmpty());
        QCOMPARE(got.progress.last(), qMakePair(4, 4));
        QCOMPARE(got.progress.first().second, -1);  // the walk comes first, its total unknown
        QVERIFY(!scanner.isRunning());
    }

    void scanner_cancelReportsCancelled()
    {
        // Enough homes that stopping early is visible.
        const QString big = m_dir.path() + QLatin1String("/big");
        for (int i = 0; i < 400; ++i)
            makeDaemonHome(big + QStringLiteral("/ws/t%1/codex-home").arg(i), m_shared);
        HomeScanner scanner;
        ScannerCollector got(scanner);
        // Cancelled from the worker thread itself, right after the first report:
        // the scan must stop before the second home, whatever the timing.
        connect(&scanner, &HomeScanner::homeInspected, &scanner, [&scanner] { scanner.cancel(); },
                Qt::DirectConnection);
        scanner.start(big, options());
        QTRY_COMPARE_WITH_TIMEOUT(got.finished.size(), 1, 20000);
        const ScanSummary summary = got.finished.first();
        QVERIFY(summary.cancelled);
        QCOMPARE(summary.homes, 1);
        QCOMPARE(got.reports.size(), 1);
    }

    void scanner_restartCancelsTheOldScan()
    {
        HomeScanner scanner;
        ScannerCollector got(scanner);
        scanner.start(m_dir.path() + QLatin1String("/big"), options());
        scanner.start(m_root, options());
        QTRY_COMPARE_WITH_TIMEOUT(got.finished.size(), 2, 20000);
        // The old scan reports first (cancelled, unless it was already done).
        QVERIFY(got.finished.at(0).cancelled || got.finished.at(0).homes == 400);
        QVERIFY(got.finished.at(0).root.endsWith(QLatin1String("/big")));
        const ScanSummary second = got.finished.at(1);
        QVERIFY(!second.cancelled);
        QCOMPARE(second.homes, 4);
    }

    void scanner_missingRootFinishesWithFailure()
    {
        HomeScanner scanner;
        ScannerCollector got(scanner);
        scanner.start(m_dir.path() + QLatin1String("/absent"), options());
        QTRY_COMPARE_WITH_TIMEOUT(got.finished.size(), 1, 10000);
        QVERIFY(got.finished.first().failure);
    }
};

QTEST_GUILESS_MAIN(TestHomeScan)
#include "test_homescan.moc"
