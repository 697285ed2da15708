// The Verify page asking the real Codex 0.171.0 (npm): doctor runs under
// `unshare -rn` (its network checks stay in a private namespace), the probe
// resolves `localhost` and connects to a loopback listener. Verdicts: the
// current config (no block) differs from the policy, the proposed one
// matches, a broken file does not load and its line is shown; inside
// `codex sandbox` with the workspace profile sockets are denied.
#include "session.h"
#include "verify/doctorpanel.h"
#include "verify/probepanel.h"
#include "verify/verifypage.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace SandboxDoctor;
using namespace SandboxDoctor::Ui;

class TestVerifyPageRealCodex : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void verifyPage_realCodex_currentDiffers_proposedMatches();
    void verifyPage_realCodex_brokenConfigShowsCodexMessageAndLine();
    void verifyPage_realCodex_probeShowsSocketsDeniedInside();

private:
    std::unique_ptr<Session> startSession(const QString &home) const;
    std::unique_ptr<VerifyPage> makePage(Session *session, const QString &scratch) const;
    static QString text(QWidget *root, const QString &name);
    static bool writeConfig(const QString &home, const QByteArray &bytes);

    QString m_codex;
};

void TestVerifyPageRealCodex::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    const QString prefix = qEnvironmentVariable("SANDBOXDOCTOR_CODEX_PREFIX");
    QVERIFY2(!prefix.isEmpty(), "SANDBOXDOCTOR_CODEX_PREFIX is not set");
    m_codex = prefix + QLatin1String("/lib/node_modules/@openai/codex/node_modules/@openai/codex-linux-x64/vendor/"
                                     "x86_64-unknown-linux-musl/bin/codex");
    QVERIFY2(QFile::exists(m_codex), qPrintable(m_codex));
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("unshare")).isEmpty(), "unshare is needed to keep doctor offline");
}

bool TestVerifyPageRealCodex::writeConfig(const QString &home, const QByteArray &bytes)
{
    QDir().mkpath(home);
    QFile file(home + QLatin1String("/config.toml"));
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

std::unique_ptr<Session> TestVerifyPageRealCodex::startSession(const QString &home) const
{
    SessionOptions options;
    options.detect.explicitPath = m_codex;  // its version is asked: a local call, no network
    options.platform = Platform::Linux;
    options.detect.useLoginShell = false;
    options.detect.searchKnownLocations = false;
    auto session = std::make_unique<Session>(options);
    session->setCodexHome(home);
    return session;
}

std::unique_ptr<VerifyPage> TestVerifyPageRealCodex::makePage(Session *session, const QString &scratch) const
{
    auto page = std::make_unique<VerifyPage>(session);
    page->setProbeProgram(QStringLiteral(PROBE_CLI_PATH));
    page->setScratchBase(scratch);
    page->setDoctorWrapper({QStringLiteral("unshare"), QStringLiteral("-rn")});
    page->resize(980, 1100);
    page->show();
    return page;
}

QString TestVerifyPageRealCodex::text(QWidget *root, const QString &name)
{
    auto *label = root->findChild<QLabel *>(name);
    return label ? label->text() : QStringLiteral("<no label %1>").arg(name);
}

void TestVerifyPageRealCodex::verifyPage_realCodex_currentDiffers_proposedMatches()
{
    QTemporaryDir dir;
    const QString home = dir.filePath(QStringLiteral("home"));
    QVERIFY(writeConfig(home, "model = \"o3\"\n"));
    auto session = startSession(home);
    QTRY_VERIFY_WITH_TIMEOUT(session->diagnosis().has_value() && !session->isBusy(), 30000);
    auto page = makePage(session.get(), dir.filePath(QStringLiteral("scratch")));

    QSignalSpy finished(page->doctorPanel(), &DoctorPanel::finished);
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("verifyCurrentButton")), Qt::LeftButton);
    QVERIFY(finished.wait(90000));
    VerifyResult result = *page->doctorPanel()->result();
    QVERIFY2(result.outcome == VerifyResult::Outcome::Answered, qPrintable(result.note));
    QCOMPARE(result.configLoads, std::optional<bool>(true));
    QCOMPARE(text(page.get(), QStringLiteral("verifyLoadsLabel")), QStringLiteral("yes"));
    QCOMPARE(result.match, PolicyMatch::Differs);
    QVERIFY2(text(page.get(), QStringLiteral("verifyVerdictLabel")).startsWith(QStringLiteral("Codex gives")),
             qPrintable(text(page.get(), QStringLiteral("verifyVerdictLabel"))));

    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("verifyProposedButton")), Qt::LeftButton);
    QVERIFY(finished.wait(90000));
    result = *page->doctorPanel()->result();
    QVERIFY(result.proposed);
    QCOMPARE(result.match, PolicyMatch::Matches);
    QVERIFY2(text(page.get(), QStringLiteral("verifyVerdictLabel"))
                 .startsWith(QStringLiteral("Codex loads the proposed config and gives the sandbox the policy asks for")),
             qPrintable(text(page.get(), QStringLiteral("verifyVerdictLabel"))));
    QVERIFY(text(page.get(), QStringLiteral("verifyNetworkLabel")).contains(QStringLiteral("as the policy expects")));

    const QString shots = QDir(qEnvironmentVariable("SANDBOXDOCTOR_BUILD_DIR")).filePath(QStringLiteral("screenshots"));
    QDir().mkpath(shots);
    QTest::qWait(50);
    QVERIFY(page->grab().save(shots + QLatin1String("/verify-realcodex-proposed.png")));
}

void TestVerifyPageRealCodex::verifyPage_realCodex_brokenConfigShowsCodexMessageAndLine()
{
    QTemporaryDir dir;
    const QString home = dir.filePath(QStringLiteral("home"));
    // A dotted-key table reopened by a header: invalid TOML, and Codex names line 3.
    QVERIFY(writeConfig(home, "sandbox_workspace_write.network_access = true\nmodel = \"o3\"\n"
                              "[sandbox_workspace_write]\nwritable_roots = []\n"));
    auto session = startSession(home);
    QTRY_VERIFY_WITH_TIMEOUT(session->diagnosis().has_value() && !session->isBusy(), 30000);
    auto page = makePage(session.get(), dir.filePath(QStringLiteral("scratch")));

    QSignalSpy finished(page->doctorPanel(), &DoctorPanel::finished);
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("verifyCurrentButton")), Qt::LeftButton);
    QVERIFY(finished.wait(90000));
    const VerifyResult result = *page->doctorPanel()->result();
    QCOMPARE(result.configLoads, std::optional<bool>(false));
    QCOMPARE(result.configLine, 3);
    const QString loads = text(page.get(), QStringLiteral("verifyLoadsLabel"));
    QVERIFY2(loads.startsWith(QStringLiteral("no: ")) && loads.contains(QStringLiteral("line 3")), qPrintable(loads));
    QVERIFY(loads.contains(result.configMessage));
    QVERIFY(text(page.get(), QStringLiteral("verifyVerdictLabel")).startsWith(QStringLiteral("Codex does not load")));
}

void TestVerifyPageRealCodex::verifyPage_realCodex_probeShowsSocketsDeniedInside()
{
    QTemporaryDir dir;
    const QString home = dir.filePath(QStringLiteral("home"));
    QVERIFY(writeConfig(home, "model = \"o3\"\n"));
    auto session = startSession(home);
    QTRY_VERIFY_WITH_TIMEOUT(session->diagnosis().has_value() && !session->isBusy(), 30000);
    auto page = makePage(session.get(), dir.filePath(QStringLiteral("scratch")));
    page->probePanel()->setHost(QStringLiteral("localhost"));
    QSignalSpy finished(page->probePanel(), &ProbePanel::finished);
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("probeButton")), Qt::LeftButton);
    QVERIFY(finished.wait(90000));
    const SandboxProbeReport report = *page->probePanel()->report();
    QVERIFY2(report.inside.ran, qPrintable(report.inside.error ? report.inside.error->toText() : report.summary));
    QVERIFY(text(page.get(), QStringLiteral("probe_outside_socket")).startsWith(QStringLiteral("yes: connected")));
    QVERIFY2(text(page.get(), QStringLiteral("probe_inside_socket")).startsWith(QStringLiteral("no: socket() denied")),
             qPrintable(text(page.get(), QStringLiteral("probe_inside_socket"))));
    QCOMPARE(report.verdict, ProbeVerdict::SandboxBlocksNetwork);
    QVERIFY(text(page.get(), QStringLiteral("probeHeadlineLabel")).contains(QStringLiteral("the sandbox blocks sockets")));

    const QString shots = QDir(qEnvironmentVariable("SANDBOXDOCTOR_BUILD_DIR")).filePath(QStringLiteral("screenshots"));
    QDir().mkpath(shots);
    QTest::qWait(50);
    QVERIFY(page->grab().save(shots + QLatin1String("/verify-realcodex-probe.png")));
}

QTEST_MAIN(TestVerifyPageRealCodex)
#include "test_verifypage_realcodex.moc"
