#include "verify/doctorreport.h"
#include "verify/sandboxinvocation.h"
#include "verify/sandboxprobe.h"

#include <QFile>
#include <QTest>

using namespace SandboxDoctor;

// Reading doctor's report, the policy verdict, the sandbox form and the probe
// verdict: pure functions, fed with output recorded from Codex 0.171.0.
class TestDoctorReport final : public QObject
{
    Q_OBJECT

private:
    static QByteArray data(const QString &name)
    {
        QFile file(qEnvironmentVariable("SANDBOXDOCTOR_SOURCE_DIR") + QStringLiteral("/tests/verify/data/") + name);
        if (!file.open(QIODevice::ReadOnly))
            qFatal("missing test data %s", qPrintable(name));
        return file.readAll();
    }

    static SandboxPolicy policy(SandboxMode mode, bool network)
    {
        SandboxPolicy p;
        p.mode = mode;
        p.networkAccess = network;
        return p;
    }

    static ProbeRun run(DnsProbeResult::Resolve resolve, DnsProbeResult::Connect connect)
    {
        ProbeRun r;
        r.ran = true;
        r.result.host = QStringLiteral("localhost");
        r.result.resolve = resolve;
        r.result.connect = connect;
        return r;
    }

private slots:
    void parse_workspaceWriteLoads()
    {
        const Expected<DoctorReport> report = parseDoctorJson(data(QStringLiteral("doctor-0.171.0-workspace-write.json")));
        QVERIFY(report.hasValue());
        QCOMPARE(report->codexVersion, QStringLiteral("0.171.0"));
        QCOMPARE(report->configLoads, std::optional<bool>(true));
        QCOMPARE(report->sandbox.filesystem, QStringLiteral("restricted"));
        QCOMPARE(report->sandbox.network, QStringLiteral("restricted"));
        QCOMPARE(report->configLine, 0);
    }

    void parse_invalidConfigGivesCodexMessageAndLine()
    {
        const Expected<DoctorReport> report = parseDoctorJson(data(QStringLiteral("doctor-0.171.0-invalid.json")));
        QVERIFY(report.hasValue());
        QCOMPARE(report->configLoads, std::optional<bool>(false));
        QCOMPARE(report->configMessage, QStringLiteral("invalid configuration"));
        QCOMPARE(report->configLine, 4);
        QCOMPARE(report->configColumn, 2);
        QVERIFY(report->configRemediation.contains(QLatin1String("Fix the reported config error")));
        QVERIFY(report->sandbox.filesystem.isEmpty());  // no sandbox.helpers when the config does not load
    }

    void parse_ignoresTextAroundTheJson()
    {
        QByteArray bytes = data(QStringLiteral("doctor-0.171.0-danger-full-access.json"));
        bytes.prepend("Active code page: 65001\r\n");
        bytes.append("\nwarning: something\n");
        const Expected<DoctorReport> report = parseDoctorJson(bytes);
        QVERIFY(report.hasValue());
        QCOMPARE(report->sandbox.filesystem, QStringLiteral("unrestricted"));
        QCOMPARE(report->sandbox.network, QStringLiteral("enabled"));
    }

    void parse_refusesOutputWithoutAReport()
    {
        QVERIFY(!parseDoctorJson("Everything looks fine.\n").hasValue());
        QVERIFY(!parseDoctorJson("{\"not\": \"a doctor report\"}").hasValue());
        QCOMPARE(parseDoctorJson("").error().kind, Error::Kind::Process);
    }

    void expectedSandbox_followsTheFactsTable()
    {
        const SandboxReport full = expectedSandbox(policy(SandboxMode::DangerFullAccess, false));
        QCOMPARE(full.filesystem, QStringLiteral("unrestricted"));
        QCOMPARE(full.network, QStringLiteral("enabled"));
        const SandboxReport wwNet = expectedSandbox(policy(SandboxMode::WorkspaceWrite, true));
        QCOMPARE(wwNet.filesystem, QStringLiteral("restricted"));
        QCOMPARE(wwNet.network, QStringLiteral("enabled"));
        const SandboxReport ww = expectedSandbox(policy(SandboxMode::WorkspaceWrite, false));
        QCOMPARE(ww.filesystem, QStringLiteral("restricted"));
        QCOMPARE(ww.network, QStringLiteral("restricted"));
    }

    void compareSandbox_verdicts()
    {
        const SandboxReport reported{QStringLiteral("restricted"), QStringLiteral("restricted")};
        QCOMPARE(compareSandbox(reported, expectedSandbox(policy(SandboxMode::WorkspaceWrite, false))), PolicyMatch::Matches);
        QCOMPARE(compareSandbox(reported, expectedSandbox(policy(SandboxMode::WorkspaceWrite, true))), PolicyMatch::Differs);
        QCOMPARE(compareSandbox(SandboxReport{}, expectedSandbox(policy(SandboxMode::WorkspaceWrite, true))),
                 PolicyMatch::Unknown);
    }

    void looksLikeUnknownSubcommand_recognisesClapErrors()
    {
        QVERIFY(looksLikeUnknownSubcommand({}, "error: unrecognized subcommand 'doctor'\n\nUsage: codex [OPTIONS]"));
        QVERIFY(looksLikeUnknownSubcommand({}, "error: unexpected argument 'doctor' found"));
        QVERIFY(!looksLikeUnknownSubcommand({}, "thread 'main' panicked at src/main.rs"));
    }

    void detectSandboxStyle_profileOn0171()
    {
        const QString help = QString::fromUtf8(data(QStringLiteral("sandbox-help-0.171.0.txt")));
        QCOMPARE(detectSandboxStyle(help, {}, Platform::Linux), std::optional<SandboxStyle>(SandboxStyle::Profile));
        QCOMPARE(detectSandboxStyle(help, {}, Platform::MacOS), std::optional<SandboxStyle>(SandboxStyle::Profile));
    }

    void detectSandboxStyle_legacyForms()
    {
        const QString legacy = QStringLiteral("Run commands within a Codex-provided sandbox\n\n"
                                              "Usage: codex sandbox <COMMAND>\n\nCommands:\n"
                                              "  macos  Run a command under Seatbelt (macOS only) [aliases: seatbelt]\n"
                                              "  linux  Run a command under Landlock+seccomp (Linux only) [aliases: landlock]\n"
                                              "  help   Print this message\n");
        QCOMPARE(detectSandboxStyle(legacy, {}, Platform::MacOS), std::optional<SandboxStyle>(SandboxStyle::LegacyMacos));
        QCOMPARE(detectSandboxStyle(legacy, {}, Platform::Linux), std::optional<SandboxStyle>(SandboxStyle::LegacyLinux));
        const QString unknown = QStringLiteral("error: unrecognized subcommand 'sandbox'");
        const QString debug = QStringLiteral("Commands:\n  seatbelt  Run a command under Seatbelt\n  help\n");
        QCOMPARE(detectSandboxStyle(unknown, debug, Platform::MacOS),
                 std::optional<SandboxStyle>(SandboxStyle::DebugSeatbelt));
        QCOMPARE(detectSandboxStyle(unknown, {}, Platform::Linux), std::nullopt);
    }

    void sandboxArguments_forms()
    {
        const QStringList probe{QStringLiteral("/bin/probe"), QStringLiteral("probe-dns"), QStringLiteral("localhost")};
        QCOMPARE(sandboxArguments(SandboxStyle::Profile, QStringLiteral(":workspace"), QStringLiteral("/s"), probe),
                 QStringList({QStringLiteral("sandbox"), QStringLiteral("-P"), QStringLiteral(":workspace"),
                              QStringLiteral("-C"), QStringLiteral("/s"), QStringLiteral("--")})
                     + probe);
        QCOMPARE(sandboxArguments(SandboxStyle::LegacyMacos, QStringLiteral(":workspace"), QStringLiteral("/s"), probe),
                 QStringList({QStringLiteral("sandbox"), QStringLiteral("macos"), QStringLiteral("--full-auto"),
                              QStringLiteral("--")})
                     + probe);
        QCOMPARE(sandboxArguments(SandboxStyle::DebugSeatbelt, QStringLiteral(":workspace"), QStringLiteral("/s"), probe)
                     .mid(0, 3),
                 QStringList({QStringLiteral("debug"), QStringLiteral("seatbelt"), QStringLiteral("--full-auto")}));
        QCOMPARE(permissionProfileFor(policy(SandboxMode::DangerFullAccess, false)), QStringLiteral(":danger-full-access"));
        QCOMPARE(permissionProfileFor(policy(SandboxMode::WorkspaceWrite, true)), QStringLiteral(":workspace"));
    }

    void judgeProbe_fingerprints()
    {
        using R = DnsProbeResult::Resolve;
        using C = DnsProbeResult::Connect;
        const ProbeRun good = run(R::Resolved, C::Connected);
        QCOMPARE(judgeProbe(good, run(R::TemporaryFailure, C::SocketDenied), Platform::MacOS), ProbeVerdict::MacosDnsBug);
        QCOMPARE(judgeProbe(good, run(R::NoSuchName, C::Connected), Platform::MacOS), ProbeVerdict::MacosDnsBug);
        QCOMPARE(judgeProbe(good, run(R::Resolved, C::SocketDenied), Platform::Linux), ProbeVerdict::SandboxBlocksNetwork);
        QCOMPARE(judgeProbe(good, good, Platform::Linux), ProbeVerdict::SameBothSides);
        QCOMPARE(judgeProbe(run(R::TemporaryFailure, C::Connected), run(R::TemporaryFailure, C::SocketDenied),
                            Platform::MacOS),
                 ProbeVerdict::Offline);
        QCOMPARE(judgeProbe(good, ProbeRun{}, Platform::Linux), ProbeVerdict::Inconclusive);
        QCOMPARE(judgeProbe(ProbeRun{}, good, Platform::Linux), ProbeVerdict::Inconclusive);
    }

    void summarizeProbe_namesTheMacosBug()
    {
        SandboxProbeReport report;
        report.host = QStringLiteral("api.openai.com");
        report.outside = run(DnsProbeResult::Resolve::Resolved, DnsProbeResult::Connect::Connected);
        report.inside = run(DnsProbeResult::Resolve::TemporaryFailure, DnsProbeResult::Connect::SocketDenied);
        report.verdict = judgeProbe(report.outside, report.inside, Platform::MacOS);
        const QString summary = summarizeProbe(report, Platform::MacOS);
        QVERIFY2(summary.contains(QLatin1String("#10390")) && summary.contains(QLatin1String("danger-full-access")),
                 qPrintable(summary));
    }
};

QTEST_GUILESS_MAIN(TestDoctorReport)
#include "test_doctorreport.moc"
