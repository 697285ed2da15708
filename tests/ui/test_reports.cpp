// Issue #13.6: Copy Report and Save JSON (the main window's) include the Homes
// page's latest scan and the Verify page's latest results, each with the time
// it was taken, and say in one line when one does not exist yet. The JSON parts
// come from inspect --json's and verify --json's serializers.
#include "uitestsupport.h"

#include "homefixtures.h"

#include "homes/homesreport.h"
#include "homes/homespage.h"
#include "report/reportextras.h"
#include "report/statusreport.h"
#include "verify/doctorpanel.h"
#include "verify/probepanel.h"
#include "verify/verifyjson.h"
#include "verify/verifypage.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace SandboxDoctor;
using namespace SandboxDoctor::Ui;
using namespace HomeFixtures;
using SandboxDoctor::Ui::Testing::FixtureOptions;
using SandboxDoctor::Ui::Testing::WindowFixture;

namespace {

constexpr int Timeout = 60000;  // generous: CI machines are slow and shared

const QByteArray UserConfig = "model = \"o3\"\n";

template <typename T>
T *child(const WindowFixture &fixture, const QString &name = {})
{
    T *widget = fixture.window->findChild<T *>(name);
    if (!widget)
        qFatal("no child named %s", qPrintable(name));
    return widget;
}

QString copiedReport(const WindowFixture &fixture)
{
    QApplication::clipboard()->clear();
    child<QAction>(fixture, QStringLiteral("copyReportAction"))->trigger();
    return QApplication::clipboard()->text();
}

QJsonObject savedReport(const WindowFixture &fixture)
{
    const QString path = fixture.dir.filePath(QStringLiteral("report.json"));
    if (!fixture.window->saveJsonTo(path))
        return {};
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
}

// Linux, and the fake Codex of the Verify page's suite: it has no `doctor`
// (Codex's verdict is then this app's analysis, with a note) and its `codex
// sandbox` runs the probe without a sandbox, on loopback.
FixtureOptions verifyingOptions()
{
    FixtureOptions options;
    options.startup = [](StartupOptions &startup) {
        startup.codexPath = QStringLiteral(FAKE_CODEX_VERIFY);
        startup.codexVersionText = QStringLiteral("0.171.0");
        startup.platform = Platform::Linux;
    };
    return options;
}

} // namespace

class TestReports final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void report_withoutScanOrVerify_saysNotYet()
    {
        WindowFixture fixture(&UserConfig, {}, verifyingOptions());
        QTRY_VERIFY_WITH_TIMEOUT(fixture.window->isSettled(), Timeout);

        const QString text = copiedReport(fixture);
        QVERIFY2(text.startsWith(QLatin1String("## Codex Sandbox Doctor report")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("### Per-task homes\nNot scanned yet in this window")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("- Codex's verdict: not checked yet in this window")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("- DNS probe: not run yet in this window")), qPrintable(text));

        QJsonObject saved = savedReport(fixture);
        QVERIFY(saved.contains(QStringLiteral("homes_scan")));
        QVERIFY(saved.value(QStringLiteral("homes_scan")).isNull());
        const QJsonObject verify = saved.value(QStringLiteral("verify")).toObject();
        QVERIFY(verify.contains(QStringLiteral("doctor")) && verify.value(QStringLiteral("doctor")).isNull());
        QVERIFY(verify.contains(QStringLiteral("probe")) && verify.value(QStringLiteral("probe")).isNull());
        // The rest is what `status --json` prints.
        saved.remove(QStringLiteral("homes_scan"));
        saved.remove(QStringLiteral("verify"));
        QCOMPARE(saved, statusToJson(*fixture.session()->diagnosis()));
    }

    void report_afterScanAndVerify_holdsBothWithTheirTimes()
    {
        WindowFixture fixture(&UserConfig, {}, verifyingOptions());
        QTRY_VERIFY_WITH_TIMEOUT(fixture.window->isSettled(), Timeout);

        // Two homes under a root, judged against the window's CODEX_HOME: one
        // as the daemon makes it, one whose default_permissions beats the block.
        makeSharedHome(fixture.home);
        fixture.writeConfig(UserConfig);
        const QString root = fixture.dir.filePath(QStringLiteral("workspaces"));
        makeDaemonHome(root + QLatin1String("/ws/good/codex-home"), fixture.home);
        makeDaemonHome(root + QLatin1String("/ws/bad/codex-home"), fixture.home,
                       currentConfig(QByteArrayLiteral("default_permissions = \":read-only\"\n")));

        auto *homes = child<HomesPage>(fixture);
        homes->setRoot(root);
        QSignalSpy scanned(homes, &HomesPage::scanFinished);
        QVERIFY(fixture.window->showPage(QStringLiteral("homes")));
        QTest::mouseClick(homes->findChild<QPushButton *>(QStringLiteral("homesScanButton")), Qt::LeftButton);
        QVERIFY(scanned.wait(Timeout));
        const std::optional<HomesScanSnapshot> scan = homes->latestScan();
        QVERIFY(scan.has_value());
        QCOMPARE(scan->scan.homes.size(), 2);

        QVERIFY(fixture.window->showPage(QStringLiteral("verify")));
        auto *verify = child<VerifyPage>(fixture);
        verify->setProbeProgram(QStringLiteral(PROBE_CLI_PATH));
        verify->setScratchBase(fixture.dir.filePath(QStringLiteral("scratch")));
        QSignalSpy checked(verify->doctorPanel(), &DoctorPanel::finished);
        QTest::mouseClick(verify->findChild<QPushButton *>(QStringLiteral("verifyCurrentButton")), Qt::LeftButton);
        QVERIFY(checked.wait(Timeout));
        auto *host = verify->findChild<QLineEdit *>(QStringLiteral("probeHostEdit"));
        host->clear();
        QTest::keyClicks(host, QStringLiteral("localhost"));
        QSignalSpy probed(verify->probePanel(), &ProbePanel::finished);
        QTest::mouseClick(verify->findChild<QPushButton *>(QStringLiteral("probeButton")), Qt::LeftButton);
        QVERIFY(probed.wait(Timeout));
        QVERIFY(verify->doctorPanel()->resultTime().isValid());
        QVERIFY(verify->probePanel()->reportTime().isValid());

        // Markdown: each part with the time it was taken, as "2026-11-29 20:14 UTC".
        const QString text = copiedReport(fixture);
        const QRegularExpression stamp(QStringLiteral("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC"));
        QVERIFY2(text.contains(QStringLiteral("Homes scanned %1.").arg(reportTimeText(scan->taken))), qPrintable(text));
        QVERIFY(stamp.match(reportTimeText(scan->taken)).hasMatch());
        QVERIFY2(text.contains(QStringLiteral("- Root: `%1`").arg(root)), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("- Shared home: `%1`").arg(fixture.home)), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("- 2 homes: 1 ok, 0 warning, 1 error")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("| ws | good | ok | current |")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("| ws | bad | error | stale |")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("`sandbox-overridden`")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("Codex will run: filesystem restricted, network restricted")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("- Codex's verdict, checked %1 on the current config")
                                   .arg(reportTimeText(verify->doctorPanel()->resultTime()))),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("- DNS probe for `localhost`, probed %1:")
                                   .arg(reportTimeText(verify->probePanel()->reportTime()))),
                 qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("  - outside: resolved")), qPrintable(text));
        QVERIFY(!text.contains(QLatin1String("not scanned yet")) && !text.contains(QLatin1String("not run yet"))
                && !text.contains(QLatin1String("not checked yet")));

        // JSON: inspect --json's document and verify --json's objects, each with its time.
        const QJsonObject saved = savedReport(fixture);
        const QJsonObject homesScan = saved.value(QStringLiteral("homes_scan")).toObject();
        QCOMPARE(homesScan.value(QStringLiteral("taken")).toString(), scan->taken.toString(Qt::ISODate));
        QVERIFY(homesScan.value(QStringLiteral("taken")).toString().endsWith(QLatin1Char('Z')));
        QCOMPARE(homesScan.value(QStringLiteral("shared_home")).toString(), fixture.home);
        QCOMPARE(homesScan.value(QStringLiteral("inspect")).toObject(), homeScanToJson(scan->scan, Platform::Linux));
        const QJsonArray homesJson = homesScan.value(QStringLiteral("inspect")).toObject().value(QStringLiteral("homes")).toArray();
        QCOMPARE(homesJson.size(), 2);
        for (const QJsonValue &home : homesJson)
            QVERIFY(home.toObject().value(QStringLiteral("effective")).isObject());
        const QJsonObject verifyJson = saved.value(QStringLiteral("verify")).toObject();
        const QJsonObject doctor = verifyJson.value(QStringLiteral("doctor")).toObject();
        QCOMPARE(doctor.value(QStringLiteral("taken")).toString(),
                 verify->doctorPanel()->resultTime().toString(Qt::ISODate));
        QCOMPARE(doctor.value(QStringLiteral("verify")).toObject(), verifyResultToJson(*verify->doctorPanel()->result()));
        const QJsonObject probe = verifyJson.value(QStringLiteral("probe")).toObject();
        QCOMPARE(probe.value(QStringLiteral("taken")).toString(), verify->probePanel()->reportTime().toString(Qt::ISODate));
        QCOMPARE(probe.value(QStringLiteral("probe")).toObject(), probeReportToJson(*verify->probePanel()->report()));
        QCOMPARE(probe.value(QStringLiteral("probe")).toObject().value(QStringLiteral("host")).toString(),
                 QStringLiteral("localhost"));
    }
};

QTEST_MAIN(TestReports)
#include "test_reports.moc"
