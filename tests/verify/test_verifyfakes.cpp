#include "verify/doctorrunner.h"
#include "verify/sandboxprobe.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace SandboxDoctor;

// Codex versions without doctor (or sandbox), hangs and cancels, played by
// the fakes in fakes/; the scratch home rules checked through what a fake saw.
class TestVerifyFakes final : public QObject
{
    Q_OBJECT

private:
    QString m_base;  // scratch homes go here: SANDBOXDOCTOR_SCRATCH_DIR, never /tmp

    VerifyRequest request(const QString &program, const QByteArray &config = "model = \"o3\"\n") const
    {
        VerifyRequest r;
        r.codex.program = program;
        r.configBytes = config;
        r.policy.mode = SandboxMode::WorkspaceWrite;
        r.policy.networkAccess = false;
        r.scratchBase = m_base;
        r.timeoutMs = 30000;
        return r;
    }

    QStringList scratchLeftovers() const
    {
        return QDir(m_base).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    }

private slots:
    void initTestCase()
    {
        m_base = qEnvironmentVariable("SANDBOXDOCTOR_SCRATCH_DIR");
        QDir(m_base).removeRecursively();
        QVERIFY(QDir().mkpath(m_base));
    }

    void noDoctor_givesANoteAndTheCoresOwnAnalysis()
    {
        const VerifyResult result = DoctorRunner::runBlocking(request(QStringLiteral(FAKE_CODEX_NO_DOCTOR)));
        QCOMPARE(result.outcome, VerifyResult::Outcome::NoDoctor);
        QVERIFY2(result.note.contains(QLatin1String("no `codex doctor --json`")), qPrintable(result.note));
        QVERIFY(result.fallback.has_value());
        QCOMPARE(result.fallback->block, BlockState::Absent);
        QVERIFY(hasFinding(result.fallback->findings, FindingCode::BlockAbsent));
        QCOMPARE(result.match, PolicyMatch::Unknown);
        QVERIFY(!result.configLoads.has_value());
    }

    void noDoctor_nonJsonOutputCountsAsNoDoctor()
    {
        const VerifyResult result = DoctorRunner::runBlocking(request(QStringLiteral(FAKE_CODEX_GARBAGE)));
        QCOMPARE(result.outcome, VerifyResult::Outcome::NoDoctor);
        QVERIFY(result.fallback.has_value());
    }

    void answers_scratchHoldsOnlyTheConfigAndIsRemoved()
    {
        // A "real" CODEX_HOME with credentials in the caller's environment must not be what Codex sees.
        QTemporaryDir real(m_base + QStringLiteral("/../real-XXXXXX"));
        QVERIFY(real.isValid());
        QFile auth(real.filePath(QStringLiteral("auth.json")));
        QVERIFY(auth.open(QIODevice::WriteOnly));
        auth.write("{\"secret\": true}");
        auth.close();

        VerifyRequest r = request(QStringLiteral(FAKE_CODEX_ANSWERS), "sandbox_mode = \"workspace-write\"\n");
        r.codex.environment.insert(QStringLiteral("CODEX_HOME"), real.path());
        r.codex.environment.insert(QStringLiteral("OPENAI_API_KEY"), QStringLiteral("sk-test"));

        DoctorRunner runner;
        QSignalSpy started(&runner, &DoctorRunner::started);
        QSignalSpy finished(&runner, &DoctorRunner::finished);
        runner.start(r);
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(started.count(), 1);
        const QString scratch = started.first().first().toString();
        QVERIFY2(scratch.startsWith(QDir(m_base).absolutePath()), qPrintable(scratch));
        QVERIFY(!scratch.startsWith(QLatin1String("/tmp/")));

        const auto result = finished.first().first().value<VerifyResult>();
        QCOMPARE(result.outcome, VerifyResult::Outcome::Answered);
        QCOMPARE(result.exitCode, 1);  // doctor's exit 1 is read like any other
        QCOMPARE(result.configLoads, std::optional<bool>(true));
        QCOMPARE(result.match, PolicyMatch::Matches);
        QCOMPARE(result.severity(), Severity::Info);

        QFile listing(scratch + QStringLiteral(".listing"));
        QVERIFY2(listing.open(QIODevice::ReadOnly), "the fake did not run in the scratch home");
        QCOMPARE(QString::fromUtf8(listing.readAll()), QStringLiteral("config.toml\n"));
        listing.remove();
        QFile::remove(scratch + QStringLiteral(".args"));
        QVERIFY2(!QFileInfo::exists(scratch), "the scratch home was left behind");
        QCOMPARE(QDir(real.path()).entryList(QDir::Files), QStringList{QStringLiteral("auth.json")});
    }

    void answers_missingConfigGivesAnEmptyScratchHome()
    {
        VerifyRequest r = request(QStringLiteral(FAKE_CODEX_ANSWERS));
        r.configExists = false;
        DoctorRunner runner;
        QSignalSpy started(&runner, &DoctorRunner::started);
        QSignalSpy finished(&runner, &DoctorRunner::finished);
        runner.start(r);
        QVERIFY(finished.wait(30000));
        QFile listing(started.first().first().toString() + QStringLiteral(".listing"));
        QVERIFY(listing.open(QIODevice::ReadOnly));
        QCOMPARE(listing.readAll(), QByteArray());
        listing.remove();
        QFile::remove(started.first().first().toString() + QStringLiteral(".args"));
    }

    void answers_doctorsNetworkChecksAimAtAClosedLoopbackPort()
    {
        VerifyRequest r = request(QStringLiteral(FAKE_CODEX_ANSWERS), "sandbox_mode = \"workspace-write\"\n");
        r.codex.environment.insert(QStringLiteral("NO_PROXY"), QStringLiteral("*"));
        DoctorRunner runner;
        QSignalSpy started(&runner, &DoctorRunner::started);
        QSignalSpy finished(&runner, &DoctorRunner::finished);
        runner.start(r);
        QVERIFY(finished.wait(30000));
        const QString scratch = started.first().first().toString();
        QFile::remove(scratch + QStringLiteral(".listing"));
        QFile argsFile(scratch + QStringLiteral(".args"));
        QVERIFY(argsFile.open(QIODevice::ReadOnly));
        const QStringList args = QString::fromUtf8(argsFile.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        argsFile.remove();

        // doctor --json -c openai_base_url="http://127.0.0.1:PORT/v1", every proxy at that same port
        QCOMPARE(args.mid(0, 3), QStringList({QStringLiteral("doctor"), QStringLiteral("--json"), QStringLiteral("-c")}));
        static const QRegularExpression override(QStringLiteral("^openai_base_url=\"http://127\\.0\\.0\\.1:(\\d+)/v1\"$"));
        const QRegularExpressionMatch match = override.match(args.value(3));
        QVERIFY2(match.hasMatch(), qPrintable(args.join(QLatin1Char(' '))));
        const QString proxy = QStringLiteral("http://127.0.0.1:") + match.captured(1);
        QVERIFY2(args.contains(QStringLiteral("HTTPS_PROXY=") + proxy), qPrintable(args.join(QLatin1Char(' '))));
        QVERIFY(args.contains(QStringLiteral("http_proxy=") + proxy));
        QVERIFY(args.contains(QStringLiteral("NO_PROXY=(unset)")));
        const auto result = finished.first().first().value<VerifyResult>();
        QCOMPARE(result.overrides, args.mid(2, 2));
    }

    void answers_policyMismatchIsAnError()
    {
        VerifyRequest r = request(QStringLiteral(FAKE_CODEX_ANSWERS));
        r.policy.networkAccess = true;  // the fake reports network "restricted"
        const VerifyResult result = DoctorRunner::runBlocking(r);
        QCOMPARE(result.match, PolicyMatch::Differs);
        QCOMPARE(result.expected.network, QStringLiteral("enabled"));
        QCOMPARE(result.severity(), Severity::Error);
    }

    void hang_isBoundedByTheTimeout()
    {
        VerifyRequest r = request(QStringLiteral(FAKE_CODEX_HANG));
        r.timeoutMs = 1000;
        const VerifyResult result = DoctorRunner::runBlocking(r);
        QCOMPARE(result.outcome, VerifyResult::Outcome::Failed);
        QVERIFY(result.error.has_value());
        QVERIFY2(result.error->message.contains(QLatin1String("did not finish")), qPrintable(result.error->message));
        QCOMPARE(result.severity(), Severity::Error);
    }

    void cancel_reportsOnceAsFailed()
    {
        DoctorRunner runner;
        QSignalSpy finished(&runner, &DoctorRunner::finished);
        runner.start(request(QStringLiteral(FAKE_CODEX_HANG)));
        QVERIFY(runner.isRunning());
        QTimer::singleShot(200, &runner, [&runner] { runner.cancel(); });
        QVERIFY(finished.wait(30000));
        QVERIFY(!runner.isRunning());
        const auto result = finished.first().first().value<VerifyResult>();
        QCOMPARE(result.outcome, VerifyResult::Outcome::Failed);
        QVERIFY(result.error->message.contains(QLatin1String("cancelled")));
        QTest::qWait(100);
        QCOMPARE(finished.count(), 1);
    }

    void restart_reportsOnlyTheNewRun()
    {
        DoctorRunner runner;
        QSignalSpy finished(&runner, &DoctorRunner::finished);
        runner.start(request(QStringLiteral(FAKE_CODEX_HANG)));
        runner.start(request(QStringLiteral(FAKE_CODEX_ANSWERS), "sandbox_mode = \"workspace-write\"\n"));
        QVERIFY(finished.wait(30000));
        QTest::qWait(100);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().value<VerifyResult>().outcome, VerifyResult::Outcome::Answered);
        for (const QString &name : QDir(m_base).entryList({QStringLiteral("*.listing"), QStringLiteral("*.args")}))
            QFile::remove(m_base + QLatin1Char('/') + name);
    }

    void missingProgram_isAClearError()
    {
        const VerifyResult result = DoctorRunner::runBlocking(request(m_base + QStringLiteral("/no-such-codex")));
        QCOMPARE(result.outcome, VerifyResult::Outcome::Failed);
        QVERIFY2(result.error->message.contains(QLatin1String("Could not start Codex")), qPrintable(result.error->message));
        QVERIFY(!result.error->hint.isEmpty());
    }

    void probe_codexWithoutSandboxSaysSoAndStillProbesOutside()
    {
        SandboxProbeRequest r;
        r.codex.program = QStringLiteral(FAKE_CODEX_NO_DOCTOR);
        r.probeProgram = qEnvironmentVariable("SANDBOXDOCTOR_CLI");
        QVERIFY(QFileInfo(r.probeProgram).isExecutable());
        r.host = QStringLiteral("localhost");
        r.configBytes = "sandbox_mode = \"workspace-write\"\n";
        r.scratchBase = m_base;
        r.platform = Platform::Linux;
        const SandboxProbeReport report = SandboxProbeRunner::runBlocking(r);
        QVERIFY2(report.outside.ran, qPrintable(report.outside.error ? report.outside.error->toText() : QString()));
        QCOMPARE(report.outside.result.resolve, DnsProbeResult::Resolve::Resolved);
        QCOMPARE(report.outside.result.connect, DnsProbeResult::Connect::Connected);
        QVERIFY(!report.style.has_value());
        QVERIFY(!report.inside.ran);
        QVERIFY(report.inside.error->message.contains(QLatin1String("cannot run a command in its sandbox")));
        QCOMPARE(report.verdict, ProbeVerdict::Inconclusive);
        QVERIFY(report.summary.contains(QLatin1String("inside Codex's sandbox")));
    }

    void probe_hungResolverIsBoundedAndSaysWhy()
    {
        SandboxProbeRequest r;
        r.codex.program = QStringLiteral(FAKE_CODEX_NO_DOCTOR);
        r.probeProgram = QStringLiteral(FAKE_CODEX_HANG);  // a probe whose lookup never returns
        r.host = QStringLiteral("localhost");
        r.scratchBase = m_base;
        r.probeTimeoutMs = 1000;
        const SandboxProbeReport report = SandboxProbeRunner::runBlocking(r);
        QVERIFY(!report.outside.ran);
        QVERIFY(report.outside.error.has_value());
        QVERIFY2(report.outside.error->message.contains(QLatin1String("resolver may be unreachable")),
                 qPrintable(report.outside.error->message));
        QCOMPARE(report.verdict, ProbeVerdict::Inconclusive);
        QVERIFY2(report.summary.contains(QLatin1String("outside")), qPrintable(report.summary));
    }

    void probe_cancelReportsOnce()
    {
        SandboxProbeRequest r;
        r.codex.program = QStringLiteral(FAKE_CODEX_NO_DOCTOR);
        r.probeProgram = QStringLiteral(FAKE_CODEX_HANG);
        r.host = QStringLiteral("localhost");
        r.scratchBase = m_base;
        SandboxProbeRunner runner;
        QSignalSpy finished(&runner, &SandboxProbeRunner::finished);
        runner.start(r);
        QTimer::singleShot(200, &runner, [&runner] { runner.cancel(); });
        QVERIFY(finished.wait(30000));
        QVERIFY(!runner.isRunning());
        const auto report = finished.first().first().value<SandboxProbeReport>();
        QVERIFY(report.outside.error->message.contains(QLatin1String("cancelled")));
        QTest::qWait(100);
        QCOMPARE(finished.count(), 1);
    }

    void cleanupTestCase()
    {
        QCOMPARE(scratchLeftovers(), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestVerifyFakes)
#include "test_verifyfakes.moc"
