// The Verify page with a fake Codex (tests/ui_verify/fakecodex.cpp): a CLI
// without `doctor`, whose `codex sandbox` runs the probe directly. The probe
// resolves `localhost` and connects to a loopback listener: no traffic leaves
// the machine. The real Codex's doctor and sandbox are covered by core tests.
#include "../ui_homes/widgettext.h"
#include "session.h"
#include "theme.h"
#include "verify/tone.h"
#include "verify/dnsprobe.h"
#include "verify/doctorpanel.h"
#include "verify/probepanel.h"
#include "verify/symptompanel.h"
#include "verify/verifyjson.h"
#include "verify/verifypage.h"
#include "widgets/messagebar.h"

#include <QAction>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyle>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace SandboxDoctor;
using namespace SandboxDoctor::Ui;

class TestVerifyPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void verifyPage_codexWithoutDoctor_showsNote();
    void verifyPage_symptom_mapsDnsErrorToCause_andOffersItsHost();
    void verifyPage_symptom_fixItTriggersApply();
    void verifyPage_symptom_fixItShowsItsResultThenThatItIsApplied();
    void verifyPage_symptom_fixNotConfirmed_saysSoBesideTheButton();
    void verifyPage_symptom_alreadyApplied_saysSoInsteadOfFixIt();
    void verifyPage_symptom_recognisesCodexsOwnRefusals();
    void verifyPage_symptom_unknownTextSaysSo();
    void verifyPage_probe_showsBothSidesSideBySide();
    void verifyPage_probe_resolvesOutsideBlockedInside_headline();
    void verifyPage_probe_namesTheSettingsItRanWith();
    void verifyPage_probe_dangerFullAccessHasNoSandboxToProbe();
    void verifyPage_probe_showsTheDenialsCodexLogged();
    void verifyPage_applyAfterChecks_marksResultsStale_untilRunAgain();
    void verifyPage_proposedCheckThenApply_describesFileOnDisk();
    void verifyPage_undoBackToCheckedConfig_resultHoldsAgain();
    void verifyPage_noCodex_disablesChecks();
    void verifyPage_controlsHaveAccessibleNames();
    void verifyPage_rendersInLightAndDarkPalettes();

private:
    void startSession(const QString &codexPath, const QProcessEnvironment &extra = {},
                      Platform platform = Platform::Linux);
    QString causeFor(const QString &id) const;
    void writeConfig(const QByteArray &text);
    std::unique_ptr<VerifyPage> makePage(QAction *apply = nullptr);
    QString labelText(QWidget *root, const QString &name) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_home;
    std::unique_ptr<Session> m_session;
};

void TestVerifyPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(QFile::exists(QStringLiteral(FAKE_CODEX_PATH)));
    QVERIFY(QFile::exists(QStringLiteral(PROBE_CLI_PATH)));
}

void TestVerifyPage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_home = m_dir->filePath(QStringLiteral("codex-home"));
    QVERIFY(QDir().mkpath(m_home));
    QFile config(m_home + QLatin1String("/config.toml"));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("model = \"o3\"\n");
}

void TestVerifyPage::writeConfig(const QByteArray &text)
{
    QFile config(m_home + QLatin1String("/config.toml"));
    QVERIFY(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
    config.write(text);
}

void TestVerifyPage::cleanup()
{
    for (QWidget *top : QApplication::topLevelWidgets())
        top->close();
    m_session.reset();
    m_dir.reset();
}

void TestVerifyPage::startSession(const QString &codexPath, const QProcessEnvironment &extra, Platform platform)
{
    SessionOptions options;
    options.detect.explicitPath = codexPath;
    if (QFile::exists(codexPath))
        options.codexVersionText = QStringLiteral("0.100.0");  // believed: detection runs nothing
    options.platform = platform;
    options.detect.useLoginShell = false;
    options.detect.searchKnownLocations = false;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), m_dir->path());
    for (const QString &key : extra.keys())
        environment.insert(key, extra.value(key));
    options.detect.environment = environment;
    m_session = std::make_unique<Session>(options);
    m_session->setCodexHome(m_home);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->diagnosis().has_value() && !m_session->isBusy(), 20000);
}

std::unique_ptr<VerifyPage> TestVerifyPage::makePage(QAction *apply)
{
    auto page = std::make_unique<VerifyPage>(m_session.get(), apply);
    page->setProbeProgram(QStringLiteral(PROBE_CLI_PATH));
    page->setScratchBase(m_dir->filePath(QStringLiteral("scratch")));
    page->resize(960, 900);
    page->show();
    return page;
}

QString TestVerifyPage::labelText(QWidget *root, const QString &name) const
{
    auto *label = root->findChild<QLabel *>(name);
    return label ? label->text() : QStringLiteral("<no label %1>").arg(name);
}

void TestVerifyPage::verifyPage_codexWithoutDoctor_showsNote()
{
    startSession(QStringLiteral(FAKE_CODEX_PATH));
    auto page = makePage();
    auto *button = page->findChild<QPushButton *>(QStringLiteral("verifyCurrentButton"));
    QVERIFY(button && button->isEnabled());
    QSignalSpy finished(page->doctorPanel(), &DoctorPanel::finished);
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(page->doctorPanel()->isRunning());
    QVERIFY(page->findChild<QWidget *>(QStringLiteral("verifyBusy"))->isVisible());
    QVERIFY(finished.wait(30000));

    QCOMPARE(page->doctorPanel()->result()->outcome, VerifyResult::Outcome::NoDoctor);
    QVERIFY2(labelText(page.get(), QStringLiteral("verifyVerdictLabel")).contains(QStringLiteral("no `doctor`")),
             qPrintable(labelText(page.get(), QStringLiteral("verifyVerdictLabel"))));
    auto *note = page->findChild<QLabel *>(QStringLiteral("verifyNoteLabel"));
    QVERIFY(note->isVisible());
    QVERIFY(note->text().contains(QStringLiteral("doctor")));
    // The core's own analysis stands in: this config has no managed block.
    QVERIFY2(note->text().contains(QStringLiteral("absent")), qPrintable(note->text()));
    QVERIFY(!page->findChild<QWidget *>(QStringLiteral("verifyBusy"))->isVisible());
    QVERIFY(button->isEnabled());
}

QString TestVerifyPage::causeFor(const QString &id) const
{
    const Expected<SymptomCatalog> catalog = SymptomCatalog::builtIn();
    for (const Symptom &symptom : catalog ? catalog->symptoms() : QList<Symptom>()) {
        if (symptom.id == id)
            return symptom.cause;
    }
    return {};
}

// The error's host is offered to the probe, never put there unasked.
void TestVerifyPage::verifyPage_symptom_mapsDnsErrorToCause_andOffersItsHost()
{
    startSession(QStringLiteral(FAKE_CODEX_PATH));
    auto page = makePage();
    auto *edit = page->findChild<QPlainTextEdit *>(QStringLiteral("symptomTextEdit"));
    QVERIFY(edit);
    edit->setFocus();
    QTest::keyClicks(edit, QStringLiteral("dial tcp: lookup api.example.com: no such host"));
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("symptomExplainButton")), Qt::LeftButton);

    const QString dnsCause = causeFor(QStringLiteral("dns-blocked"));
    QVERIFY(!dnsCause.isEmpty());
    QCOMPARE(labelText(page.get(), QStringLiteral("symptomCauseLabel")), dnsCause);
    QVERIFY(!labelText(page.get(), QStringLiteral("symptomExplanationLabel")).isEmpty());
    QVERIFY(page->findChild<QPushButton *>(QStringLiteral("symptomFixButton"))->isVisible());

    auto *host = page->findChild<QLineEdit *>(QStringLiteral("probeHostEdit"));
    QCOMPARE(host->text(), QStringLiteral("api.openai.com"));  // asked, not changed
    QCOMPARE(labelText(page.get(), QStringLiteral("symptomHostLabel")),
             QStringLiteral("The error names api.example.com. Use it as the DNS probe's host?"));
    auto *use = page->findChild<QPushButton *>(QStringLiteral("symptomUseHostButton"));
    QVERIFY(use->isVisible());
    use->setFocus();
    QTest::keyClick(use, Qt::Key_Space);
    QCOMPARE(host->text(), QStringLiteral("api.example.com"));
    QVERIFY(!use->isVisible());
    QCOMPARE(labelText(page.get(), QStringLiteral("symptomHostLabel")),
             QStringLiteral("The error names api.example.com, the DNS probe's host."));

    // Typing another host makes the offer again.
    host->clear();
    QTest::keyClicks(host, QStringLiteral("localhost"));
    QVERIFY(use->isVisible());
}

void TestVerifyPage::verifyPage_symptom_fixItTriggersApply()
{
    startSession(QStringLiteral(FAKE_CODEX_PATH));
    QAction apply(QStringLiteral("Apply"));
    QSignalSpy triggered(&apply, &QAction::triggered);
    auto page = makePage(&apply);
    QSignalSpy fix(page.get(), &VerifyPage::fixRequested);
    page->symptomPanel()->setText(QStringLiteral("curl: (6) Could not resolve host: api.example.com"));
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("symptomFixButton")), Qt::LeftButton);
    QCOMPARE(fix.size(), 1);
    QCOMPARE(fix.first().first().toString(), QStringLiteral("apply-managed-block"));
    QCOMPARE(triggered.size(), 1);
}

// "Fix it" -> the window's Apply (confirmed here) -> the result beside the
// button; once the new analysis is in, the fix is what the file already has.
void TestVerifyPage::verifyPage_symptom_fixItShowsItsResultThenThatItIsApplied()
{
    startSession(QStringLiteral(FAKE_CODEX_PATH));
    QAction apply(QStringLiteral("Apply"));
    connect(&apply, &QAction::triggered, m_session.get(), [this]() { m_session->apply(); });
    auto page = makePage(&apply);
    auto *edit = page->findChild<QPlainTextEdit *>(QStringLiteral("symptomTextEdit"));
    edit->setFocus();
    QTest::keyClicks(edit, QStringLiteral("curl: (6) Could not resolve host: api.example.com"));
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("symptomExplainButton")), Qt::LeftButton);
    auto *fixButton = page->findChild<QPushButton *>(QStringLiteral("symptomFixButton"));
    auto *status = page->findChild<QLabel *>(QStringLiteral("symptomFixStatusLabel"));
    QVERIFY(fixButton->isVisible());
    QVERIFY(!status->isVisible());

    QTest::mouseClick(fixButton, Qt::LeftButton);
    QVERIFY(status->isVisible());
    QCOMPARE(status->text(), QStringLiteral("Applying…"));
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Applied: config.toml now has the managed block")),
                             20000);
    QVERIFY2(status->text().contains(QStringLiteral("config.toml.bak-")), qPrintable(status->text()));
    // Beside the button: same row.
    QCOMPARE(status->mapTo(page.get(), QPoint()).y(), fixButton->mapTo(page.get(), QPoint()).y());
    QTRY_VERIFY_WITH_TIMEOUT(!m_session->isBusy() && !m_session->canApply(), 20000);
    QVERIFY(!fixButton->isVisible());  // nothing left to apply: no "Fix it"
    QVERIFY(status->isVisible());
    const QString shots = QDir(qEnvironmentVariable("SANDBOXDOCTOR_BUILD_DIR")).filePath(QStringLiteral("screenshots"));
    QVERIFY(QDir().mkpath(shots));
    QTest::qWait(50);
    QVERIFY(page->grab().save(shots + QStringLiteral("/verify-fix-applied.png")));
}

void TestVerifyPage::verifyPage_symptom_fixNotConfirmed_saysSoBesideTheButton()
{
    startSession(QStringLiteral(FAKE_CODEX_PATH));
    QAction apply(QStringLiteral("Apply"));  // the window's question, answered Cancel: nothing runs
    auto page = makePage(&apply);
    page->symptomPanel()->setText(QStringLiteral("socket(): Operation not permitted"));
    auto *fixButton = page->findChild<QPushButton *>(QStringLiteral("symptomFixButton"));
    QTest::mouseClick(fixButton, Qt::LeftButton);
    QCOMPARE(labelText(page.get(), QStringLiteral("symptomFixStatusLabel")),
             QStringLiteral("Not applied: the change was not confirmed, so config.toml is as it was."));
    QVERIFY(fixButton->isVisible());
    const QString shots = QDir(qEnvironmentVariable("SANDBOXDOCTOR_BUILD_DIR")).filePath(QStringLiteral("screenshots"));
    QVERIFY(QDir().mkpath(shots));
    QTest::qWait(50);
    QVERIFY(page->grab().save(shots + QStringLiteral("/verify-fix-not-confirmed.png")));
    // Another error: the result was about the last one.
    page->symptomPanel()->setText(QStringLiteral("curl: (6) Could not resolve host: a.example"));
    QVERIFY(!page->findChild<QLabel *>(QStringLiteral("symptomFixStatusLabel"))->isVisible());
}

void TestVerifyPage::verifyPage_symptom_alreadyApplied_saysSoInsteadOfFixIt()
{
    startSession(QStringLiteral(FAKE_CODEX_PATH));
    m_session->apply();
    QTRY_VERIFY_WITH_TIMEOUT(!m_session->isBusy() && !m_session->canApply(), 20000);
    QAction apply(QStringLiteral("Apply"));
    QSignalSpy triggered(&apply, &QAction::triggered);
    auto page = makePage(&apply);
    page->symptomPanel()->setText(QStringLiteral("dial tcp: lookup api.example.com: no such host"));
    QVERIFY(!page->findChild<QPushButton *>(QStringLiteral("symptomFixButton"))->isVisible());
    const QString status = labelText(page.get(), QStringLiteral("symptomFixStatusLabel"));
    QVERIFY2(status.startsWith(QStringLiteral("Already applied: config.toml has the managed block")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("Check current config")) && status.contains(QStringLiteral("Probe DNS")),
             qPrintable(status));
    QCOMPARE(triggered.size(), 0);
}

void TestVerifyPage::verifyPage_symptom_recognisesCodexsOwnRefusals()
{
    startSession(QStringLiteral(FAKE_CODEX_PATH));
    auto page = makePage();
    auto *edit = page->findChild<QPlainTextEdit *>(QStringLiteral("symptomTextEdit"));
    auto *explain = page->findChild<QPushButton *>(QStringLiteral("symptomExplainButton"));
    const QList<std::pair<QString, QString>> cases{
        {QStringLiteral("Error: legacy `profile = \"work\"` config is no longer supported; use `--profile work` with "
                        "`work.config.toml` instead"),
         QStringLiteral("legacy-profile")},
        {QStringLiteral("Error: /home/me/.codex/config.toml:1:201: key with no value, expected `=`"),
         QStringLiteral("zero-filled-config")},
        {QStringLiteral("Error: invalid type: string \"yes\", expected a boolean"), QStringLiteral("config-type-error")},
        {QStringLiteral("sandbox-exec: sandbox_apply: Operation not permitted"),
         QStringLiteral("sandbox-operation-not-permitted")},
        {QStringLiteral("unexpected status 401 Unauthorized"), QStringLiteral("unauthorized-401")},
        {QStringLiteral("CODEX_SANDBOX_NETWORK_DISABLED=1"), QStringLiteral("network-disabled-env")},
    };
    for (const auto &[text, id] : cases) {
        edit->clear();
        edit->setFocus();
        QTest::keyClicks(edit, text);
        QTest::mouseClick(explain, Qt::LeftButton);
        QCOMPARE(labelText(page.get(), QStringLiteral("symptomCauseLabel")), causeFor(id));
        QVERIFY2(!labelText(page.get(), QStringLiteral("symptomFixLabel")).contains(QStringLiteral("codex-sandbox-doctor-cli")),
                 qPrintable(id));
    }
}

void TestVerifyPage::verifyPage_symptom_unknownTextSaysSo()
{
    startSession(QStringLiteral(FAKE_CODEX_PATH));
    auto page = makePage();
    page->symptomPanel()->setText(QStringLiteral("everything is fine"));
    QVERIFY(labelText(page.get(), QStringLiteral("symptomCauseLabel")).startsWith(QStringLiteral("No known cause")));
    QVERIFY(!page->findChild<QPushButton *>(QStringLiteral("symptomFixButton"))->isVisible());
    QCOMPARE(page->findChild<QLineEdit *>(QStringLiteral("probeHostEdit"))->text(), QStringLiteral("api.openai.com"));
}

void TestVerifyPage::verifyPage_probe_showsBothSidesSideBySide()
{
    startSession(QStringLiteral(FAKE_CODEX_PATH));
    auto page = makePage();
    auto *host = page->findChild<QLineEdit *>(QStringLiteral("probeHostEdit"));
    host->clear();
    QTest::keyClicks(host, QStringLiteral("localhost"));
    QSignalSpy finished(page->probePanel(), &ProbePanel::finished);
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("probeButton")), Qt::LeftButton);
    QVERIFY(finished.wait(60000));

    const SandboxProbeReport &report = *page->probePanel()->report();
    QVERIFY2(report.outside.ran && report.inside.ran,
             qPrintable(report.summary + (report.inside.error ? report.inside.error->toText() : QString())));
    QCOMPARE(report.verdict, ProbeVerdict::SameBothSides);
    for (const QString &side : {QStringLiteral("outside"), QStringLiteral("inside")}) {
        QVERIFY2(labelText(page.get(), QStringLiteral("probe_%1_resolves").arg(side)).startsWith(QStringLiteral("yes")),
                 qPrintable(labelText(page.get(), QStringLiteral("probe_%1_resolves").arg(side))));
        QVERIFY(labelText(page.get(), QStringLiteral("probe_%1_socket").arg(side)).startsWith(QStringLiteral("yes: connected to 127.0.0.1:")));
        QCOMPARE(labelText(page.get(), QStringLiteral("probe_%1_error").arg(side)), QStringLiteral("none"));
    }
    QVERIFY(labelText(page.get(), QStringLiteral("probe_inside_command")).contains(QStringLiteral("sandbox")));
    QVERIFY(labelText(page.get(), QStringLiteral("probeHeadlineLabel")).startsWith(QStringLiteral("Same inside as outside")));
    // Side by side: the inside column sits to the right of the outside one, on the same row.
    auto *outside = page->findChild<QLabel *>(QStringLiteral("probe_outside_resolves"));
    auto *inside = page->findChild<QLabel *>(QStringLiteral("probe_inside_resolves"));
    QVERIFY(inside->mapTo(page.get(), QPoint()).x() > outside->mapTo(page.get(), QPoint()).x() + outside->width() / 2);
    QCOMPARE(inside->mapTo(page.get(), QPoint()).y(), outside->mapTo(page.get(), QPoint()).y());
}

void TestVerifyPage::verifyPage_probe_resolvesOutsideBlockedInside_headline()
{
    // What the probe prints inside the macOS sandbox when the bug bites.
    DnsProbeResult blocked;
    blocked.host = QStringLiteral("localhost");
    blocked.resolve = DnsProbeResult::Resolve::NoSuchName;
    blocked.gaiCode = 8;
    blocked.resolveMessage = QStringLiteral("nodename nor servname provided, or not known");
    blocked.connect = DnsProbeResult::Connect::SocketDenied;
    blocked.connectMessage = QStringLiteral("Operation not permitted");
    QTemporaryDir dir;
    const QString canned = dir.filePath(QStringLiteral("inside.json"));
    QFile file(canned);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(dnsProbeToJson(blocked)).toJson());
    file.close();

    QProcessEnvironment extra;
    extra.insert(QStringLiteral("FAKE_CODEX_INSIDE_JSON"), canned);
    startSession(QStringLiteral(FAKE_CODEX_PATH), extra);
    auto page = makePage();
    page->probePanel()->setHost(QStringLiteral("localhost"));
    QSignalSpy finished(page->probePanel(), &ProbePanel::finished);
    page->probePanel()->probe();
    QVERIFY(finished.wait(60000));

    QCOMPARE(page->probePanel()->report()->verdict, ProbeVerdict::MacosDnsBug);
    QCOMPARE(labelText(page.get(), QStringLiteral("probeHeadlineLabel")),
             QStringLiteral("Resolves outside, blocked inside: the macOS sandbox bug"));
    QVERIFY(labelText(page.get(), QStringLiteral("probe_outside_resolves")).startsWith(QStringLiteral("yes")));
    QCOMPARE(labelText(page.get(), QStringLiteral("probe_inside_resolves")), QStringLiteral("no: no such name"));
    QVERIFY(labelText(page.get(), QStringLiteral("probe_inside_socket")).startsWith(QStringLiteral("no: socket() denied")));
    QCOMPARE(labelText(page.get(), QStringLiteral("probe_inside_error")), blocked.resolveMessage);
}

// The probe runs the sandbox config.toml gives the agent (here a user's
// default_permissions over a full-access block), not the policy's, and says so.
void TestVerifyPage::verifyPage_probe_namesTheSettingsItRanWith()
{
    writeConfig("# BEGIN multica-managed (do not edit; regenerated by daemon)\nsandbox_mode = \"danger-full-access\"\n"
                "# END multica-managed\n\ndefault_permissions = \":workspace\"\n");
    startSession(QStringLiteral(FAKE_CODEX_PATH));
    auto page = makePage();
    page->probePanel()->setHost(QStringLiteral("localhost"));
    QSignalSpy finished(page->probePanel(), &ProbePanel::finished);
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("probeButton")), Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    QCOMPARE(labelText(page.get(), QStringLiteral("probeSettingsLabel")),
             QStringLiteral("Inside Codex's sandbox, with: default_permissions = \":workspace\""));
    QVERIFY(labelText(page.get(), QStringLiteral("probe_inside_command")).contains(QStringLiteral("-P :workspace")));
    QVERIFY(!page->findChild<QLabel *>(QStringLiteral("probeDenialsLabel"))->isVisible());  // Linux: no --log-denials
}

void TestVerifyPage::verifyPage_probe_dangerFullAccessHasNoSandboxToProbe()
{
    // The macOS policy without a fixed Codex is danger-full-access, and the
    // config already gives it: nothing to probe inside.
    writeConfig("sandbox_mode = \"danger-full-access\"\n");
    startSession(QStringLiteral(FAKE_CODEX_PATH), {}, Platform::MacOS);
    QCOMPARE(m_session->diagnosis()->policy.mode, SandboxMode::DangerFullAccess);
    auto page = makePage();
    page->probePanel()->setHost(QStringLiteral("localhost"));
    QSignalSpy finished(page->probePanel(), &ProbePanel::finished);
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("probeButton")), Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    QCOMPARE(page->probePanel()->report()->verdict, ProbeVerdict::NoSandbox);
    QCOMPARE(labelText(page.get(), QStringLiteral("probeHeadlineLabel")),
             QStringLiteral("No sandbox to probe: with danger-full-access Codex runs commands unsandboxed"));
    QVERIFY(labelText(page.get(), QStringLiteral("probe_outside_resolves")).startsWith(QStringLiteral("yes")));
    QCOMPARE(labelText(page.get(), QStringLiteral("probe_inside_resolves")), QStringLiteral("no sandbox: not run"));
    QCOMPARE(labelText(page.get(), QStringLiteral("probe_inside_command")), QString());
    QVERIFY(labelText(page.get(), QStringLiteral("probeSummaryLabel")).contains(QStringLiteral("no sandbox to probe")));
}

void TestVerifyPage::verifyPage_probe_showsTheDenialsCodexLogged()
{
    QProcessEnvironment extra;
    extra.insert(QStringLiteral("FAKE_CODEX_LOG_DENIALS"), QStringLiteral("1"));
    startSession(QStringLiteral(FAKE_CODEX_PATH), extra);
    auto page = makePage();
    page->probePanel()->setHost(QStringLiteral("localhost"));
    QSignalSpy finished(page->probePanel(), &ProbePanel::finished);
    page->probePanel()->probe();
    QVERIFY(finished.wait(60000));
    const SandboxProbeReport &report = *page->probePanel()->report();
    QVERIFY(report.logDenials);
    QVERIFY(report.inside.commandLine.contains(QStringLiteral("--log-denials")));
    QCOMPARE(report.denials, QStringList{QStringLiteral("(probe-dns) network-outbound /private/var/run/mDNSResponder")});
    auto *denials = page->findChild<QLabel *>(QStringLiteral("probeDenialsLabel"));
    QVERIFY(denials->isVisible());
    QVERIFY2(denials->text().contains(QStringLiteral("network-outbound /private/var/run/mDNSResponder")),
             qPrintable(denials->text()));
    const QJsonObject json = probeReportToJson(report);
    QCOMPARE(json.value(QLatin1String("denials")).toArray().first().toString(), report.denials.first());
}

// Apply (what the window's Apply and "Fix it" end in) rewrites config.toml and
// the session analyses it again: the answers on the page are about the old
// file now, and each panel says so until it is run again. Nothing re-runs by itself.
void TestVerifyPage::verifyPage_applyAfterChecks_marksResultsStale_untilRunAgain()
{
    startSession(QStringLiteral(FAKE_CODEX_PATH));
    auto page = makePage();
    auto *doctorNotice = page->findChild<MessageBar *>(QStringLiteral("verifyNotice"));
    auto *probeNotice = page->findChild<MessageBar *>(QStringLiteral("probeNotice"));
    QVERIFY(doctorNotice && probeNotice);

    QSignalSpy doctor(page->doctorPanel(), &DoctorPanel::finished);
    page->doctorPanel()->check(false);
    QVERIFY(doctor.wait(30000));
    page->probePanel()->setHost(QStringLiteral("localhost"));
    QSignalSpy probe(page->probePanel(), &ProbePanel::finished);
    page->probePanel()->probe();
    QVERIFY(probe.wait(60000));
    QVERIFY(!doctorNotice->isVisible());  // fresh answers need no notice
    QVERIFY(!probeNotice->isVisible());

    QVERIFY(m_session->canApply());
    m_session->apply();
    QTRY_VERIFY_WITH_TIMEOUT(doctorNotice->isVisible(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_session->isBusy(), 20000);
    QCOMPARE(doctorNotice->kind(), MessageBar::Kind::Warning);
    QVERIFY2(doctorNotice->text().startsWith(QStringLiteral("config.toml changed since this check")),
             qPrintable(doctorNotice->text()));
    QVERIFY(probeNotice->isVisible());
    QVERIFY2(probeNotice->text().startsWith(QStringLiteral("config.toml changed since this probe")),
             qPrintable(probeNotice->text()));
    QVERIFY(!page->doctorPanel()->isRunning());  // noticed, not re-run
    QVERIFY(!page->probePanel()->isRunning());
    QCOMPARE(doctor.size(), 1);
    const QString shots = QDir(qEnvironmentVariable("SANDBOXDOCTOR_BUILD_DIR")).filePath(QStringLiteral("screenshots"));
    QVERIFY(QDir().mkpath(shots));
    page->resize(980, 1180);
    QTest::qWait(50);
    QVERIFY(page->grab().save(shots + QStringLiteral("/verify-stale.png")));

    // "Check again" asks Codex about the file as it is now; the notice goes.
    QPushButton *again = doctorNotice->actionButton();
    QVERIFY(again->isVisible());
    QCOMPARE(again->text(), QStringLiteral("Chec&k again"));
    QTest::mouseClick(again, Qt::LeftButton);
    QVERIFY(page->doctorPanel()->isRunning());
    QVERIFY(!doctorNotice->isVisible());
    QVERIFY(doctor.wait(30000));
    QVERIFY(!page->doctorPanel()->result()->proposed);
    QVERIFY(!doctorNotice->isVisible());
    QVERIFY(probeNotice->isVisible());  // the probe's report is still the old one

    QTest::mouseClick(probeNotice->actionButton(), Qt::LeftButton);
    QVERIFY(page->probePanel()->isRunning());
    QVERIFY(probe.wait(60000));
    QVERIFY(!probeNotice->isVisible());
}

// Checked the proposed config, then applied it: that very file is on disk
// now, so the answer is not stale, it describes the file.
void TestVerifyPage::verifyPage_proposedCheckThenApply_describesFileOnDisk()
{
    startSession(QStringLiteral(FAKE_CODEX_PATH));
    auto page = makePage();
    auto *notice = page->findChild<MessageBar *>(QStringLiteral("verifyNotice"));
    QSignalSpy doctor(page->doctorPanel(), &DoctorPanel::finished);
    page->doctorPanel()->check(true);
    QVERIFY(doctor.wait(30000));
    QVERIFY(page->doctorPanel()->result()->proposed);
    QVERIFY(!notice->isVisible());

    const Expected<VerifyRequest> proposed = page->doctorRequest(true);
    QVERIFY(proposed);
    m_session->apply();
    QTRY_VERIFY_WITH_TIMEOUT(notice->isVisible(), 20000);
    QFile config(m_home + QLatin1String("/config.toml"));
    QVERIFY(config.open(QIODevice::ReadOnly));
    QCOMPARE(config.readAll(), proposed->configBytes);
    QCOMPARE(notice->kind(), MessageBar::Kind::Info);
    QVERIFY2(notice->text().contains(QStringLiteral("describes the file on disk")), qPrintable(notice->text()));
    QVERIFY(!notice->actionButton()->isVisible());
    const QString shots = QDir(qEnvironmentVariable("SANDBOXDOCTOR_BUILD_DIR")).filePath(QStringLiteral("screenshots"));
    QVERIFY(QDir().mkpath(shots));
    QVERIFY(page->grab().save(shots + QStringLiteral("/verify-now-on-disk.png")));
}

// Apply, then Undo: config.toml holds the checked bytes again, so the answer
// holds again and the notice goes.
void TestVerifyPage::verifyPage_undoBackToCheckedConfig_resultHoldsAgain()
{
    startSession(QStringLiteral(FAKE_CODEX_PATH));
    auto page = makePage();
    auto *notice = page->findChild<MessageBar *>(QStringLiteral("verifyNotice"));
    QSignalSpy doctor(page->doctorPanel(), &DoctorPanel::finished);
    page->doctorPanel()->check(false);
    QVERIFY(doctor.wait(30000));
    m_session->apply();
    QTRY_VERIFY_WITH_TIMEOUT(notice->isVisible(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->canUndo(), 20000);
    m_session->undo();
    QTRY_VERIFY_WITH_TIMEOUT(!notice->isVisible(), 20000);
    QCOMPARE(doctor.size(), 1);  // nothing was re-run
}

void TestVerifyPage::verifyPage_noCodex_disablesChecks()
{
    startSession(m_dir->filePath(QStringLiteral("no-codex-here")));
    auto page = makePage();
    QVERIFY(!page->findChild<QPushButton *>(QStringLiteral("verifyCurrentButton"))->isEnabled());
    QVERIFY(!page->findChild<QPushButton *>(QStringLiteral("verifyProposedButton"))->isEnabled());
    QVERIFY(!page->findChild<QPushButton *>(QStringLiteral("probeButton"))->isEnabled());
    QVERIFY(labelText(page.get(), QStringLiteral("verifyVerdictLabel")).contains(QStringLiteral("No Codex CLI was found")));
    QVERIFY(!page->doctorRequest(false));
}

void TestVerifyPage::verifyPage_controlsHaveAccessibleNames()
{
    startSession(QStringLiteral(FAKE_CODEX_PATH));
    auto page = makePage();
    const QStringList unnamed = WidgetText::unnamedControls(page.get());
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QLatin1String(", "))));
}

// Fills every panel (doctor without doctor, the probe on localhost, an
// explained error), renders it light and dark (PNGs under screenshots/ in the
// build folder) and checks the verdict colours follow the palette.
void TestVerifyPage::verifyPage_rendersInLightAndDarkPalettes()
{
    const QPalette original = QApplication::palette();
    QApplication::setStyle(QStringLiteral("Fusion"));
    const QString shots = QDir(qEnvironmentVariable("SANDBOXDOCTOR_BUILD_DIR")).filePath(QStringLiteral("screenshots"));
    QVERIFY(QDir().mkpath(shots));
    startSession(QStringLiteral(FAKE_CODEX_PATH));
    QList<QColor> headlineColours;
    for (const bool dark : {false, true}) {
        QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
        auto page = makePage();
        page->resize(980, 1180);
        QSignalSpy doctor(page->doctorPanel(), &DoctorPanel::finished);
        page->doctorPanel()->check(false);
        QVERIFY(doctor.wait(30000));
        page->symptomPanel()->setText(QStringLiteral("Error: dial tcp: lookup localhost: no such host"));
        QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("symptomUseHostButton")), Qt::LeftButton);
        QSignalSpy probe(page->probePanel(), &ProbePanel::finished);
        page->probePanel()->probe();
        QVERIFY(probe.wait(60000));
        auto *headline = page->findChild<QLabel *>(QStringLiteral("probeHeadlineLabel"));
        headlineColours << headline->palette().color(QPalette::WindowText);
        QTest::qWait(50);  // let posted layout requests land before the picture
        QVERIFY(!page->grab().toImage().isNull());
        QVERIFY(page->grab().save(shots + (dark ? QStringLiteral("/verify-dark.png") : QStringLiteral("/verify-light.png"))));
    }
    QApplication::setPalette(original);
    QCOMPARE(headlineColours.at(0), toneColor(Tone::Good, QApplication::style()->standardPalette()));
    QCOMPARE(headlineColours.at(1), toneColor(Tone::Good, darkPalette()));
    QVERIFY(headlineColours.at(0) != headlineColours.at(1));
}

QTEST_MAIN(TestVerifyPage)
#include "test_verifypage.moc"
