#include "verify/doctornetwork.h"
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

    static SandboxSettings profile(const QString &name)
    {
        SandboxSettings settings;
        settings.permissionProfile = name;
        return settings;
    }

    static SandboxSettings mode(SandboxMode sandboxMode, bool network)
    {
        SandboxSettings settings;
        settings.mode = sandboxMode;
        settings.networkAccess = network;
        return settings;
    }

    void sandboxInvocation_profileFormPassesTheSettings()
    {
        const QStringList probe{QStringLiteral("/bin/probe"), QStringLiteral("probe-dns"), QStringLiteral("localhost")};
        const SandboxInvocation byProfile =
            sandboxInvocation(SandboxStyle::Profile, profile(QStringLiteral(":workspace")), false, QStringLiteral("/s"), probe);
        QCOMPARE(byProfile.arguments, QStringList({QStringLiteral("sandbox"), QStringLiteral("-P"), QStringLiteral(":workspace"),
                                                   QStringLiteral("-C"), QStringLiteral("/s"), QStringLiteral("--")})
                                          + probe);
        QCOMPARE(byProfile.ranWith, QStringLiteral("default_permissions = \":workspace\""));

        // 0.171's `codex sandbox` ignores sandbox_mode from config.toml: the mode goes on the command line.
        const SandboxInvocation byMode =
            sandboxInvocation(SandboxStyle::Profile, mode(SandboxMode::WorkspaceWrite, true), true, QStringLiteral("/s"), probe);
        // ... and without -C, which 0.171 accepts only beside -P.
        QCOMPARE(byMode.arguments,
                 QStringList({QStringLiteral("sandbox"), QStringLiteral("-c"), QStringLiteral("sandbox_mode=\"workspace-write\""),
                              QStringLiteral("-c"), QStringLiteral("sandbox_workspace_write.network_access=true"),
                              QStringLiteral("--log-denials"), QStringLiteral("--")})
                     + probe);
        QVERIFY(byMode.ranWith.contains(QLatin1String("network_access = true")));
    }

    void sandboxInvocation_legacyFormsSayWhatTheyRan()
    {
        const QStringList probe{QStringLiteral("/bin/probe")};
        const SandboxInvocation macos =
            sandboxInvocation(SandboxStyle::LegacyMacos, mode(SandboxMode::WorkspaceWrite, true), true, QStringLiteral("/s"), probe);
        QCOMPARE(macos.arguments, QStringList({QStringLiteral("sandbox"), QStringLiteral("macos"), QStringLiteral("--full-auto"),
                                               QStringLiteral("--log-denials"), QStringLiteral("--"), QStringLiteral("/bin/probe")}));
        QVERIFY2(macos.ranWith.contains(QLatin1String("cannot be given")), qPrintable(macos.ranWith));
        const SandboxInvocation seatbelt =
            sandboxInvocation(SandboxStyle::DebugSeatbelt, profile(QStringLiteral(":read-only")), false, QStringLiteral("/s"), probe);
        QCOMPARE(seatbelt.arguments.mid(0, 3),
                 QStringList({QStringLiteral("debug"), QStringLiteral("seatbelt"), QStringLiteral("--")}));
        QVERIFY(seatbelt.ranWith.contains(QLatin1String("read-only")));
    }

    void probeSettings_followTheConfigUnderTestNotThePolicy()
    {
        const std::optional<Version> codex = Version(0, 171, 0);
        // The managed block's workspace-write + network: `-c` overrides, network on.
        const SandboxSettings managed = probeSettingsFor(
            "# BEGIN multica-managed (do not edit; regenerated by daemon)\nsandbox_mode = \"workspace-write\"\n"
            "sandbox_workspace_write.network_access = true\n# END multica-managed\n",
            true, codex);
        QVERIFY(!managed.usesProfile());
        QCOMPARE(managed.mode, SandboxMode::WorkspaceWrite);
        QVERIFY(managed.networkAccess);
        // A user's default_permissions beats the full-access block: the probe runs -P :workspace.
        const SandboxSettings beaten = probeSettingsFor(
            "# BEGIN multica-managed (do not edit; regenerated by daemon)\nsandbox_mode = \"danger-full-access\"\n"
            "# END multica-managed\n\ndefault_permissions = \":workspace\"\n",
            true, codex);
        QCOMPARE(beaten, profile(QStringLiteral(":workspace")));
        QVERIFY(probeSettingsFor("sandbox_mode = \"danger-full-access\"\n", true, codex).isFullAccess());
    }

    void logDenials_offeredOnlyWhereTheHelpListsIt()
    {
        // 0.171's Linux build: --log-denials is a macOS-only option.
        QVERIFY(!offersLogDenials(QString::fromUtf8(data(QStringLiteral("sandbox-help-0.171.0.txt")))));
        QVERIFY(offersLogDenials(QStringLiteral("Options:\n      --log-denials\n          While the command runs, capture "
                                                "macOS sandbox denials via `log stream`\n")));
    }

    void parseDenials_readsTheSectionCodexPrints()
    {
        QCOMPARE(parseDenials(QStringLiteral("warning: x\n\n=== Sandbox denials ===\n(probe-dns) network-outbound "
                                             "/private/var/run/mDNSResponder\n(probe-dns) network-outbound*:53\n")),
                 QStringList({QStringLiteral("(probe-dns) network-outbound /private/var/run/mDNSResponder"),
                              QStringLiteral("(probe-dns) network-outbound*:53")}));
        QCOMPARE(parseDenials(QStringLiteral("\n=== Sandbox denials ===\nNone found.\n")), QStringList());
        QCOMPARE(parseDenials(QStringLiteral("no section here\n(x) y\n")), QStringList());
    }

    void doctorNetwork_pointsProxiesAndTheProviderAtTheClosedPort()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("NO_PROXY"), QStringLiteral("*"));
        env.insert(QStringLiteral("no_proxy"), QStringLiteral("localhost"));
        env.insert(QStringLiteral("HTTPS_PROXY"), QStringLiteral("http://corp-proxy:3128"));
        const DoctorNetwork network = keepDoctorLocal("sandbox_mode = \"workspace-write\"\n", env, 4711);
        QCOMPARE(network.arguments, QStringList({QStringLiteral("-c"),
                                                 QStringLiteral("openai_base_url=\"http://127.0.0.1:4711/v1\"")}));
        for (const char *name : {"HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "https_proxy", "http_proxy", "all_proxy"})
            QCOMPARE(network.environment.value(QString::fromLatin1(name)), QStringLiteral("http://127.0.0.1:4711"));
        QVERIFY(!network.environment.contains(QStringLiteral("NO_PROXY")));
        QVERIFY(!network.environment.contains(QStringLiteral("no_proxy")));
        QVERIFY(network.note.isEmpty());
    }

    void doctorNetwork_usersProviderIsPointedThereAndLosesItsKey()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("CORP_KEY"), QStringLiteral("sk-x"));
        env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin"));
        const DoctorNetwork network =
            keepDoctorLocal("model_provider = \"corp\"\n[model_providers.corp]\nbase_url = \"https://llm.example.com/v1\"\n"
                            "env_key = \"CORP_KEY\"\n",
                            env, 9);
        QVERIFY(network.arguments.contains(QStringLiteral("model_providers.corp.base_url=\"http://127.0.0.1:9/v1\"")));
        QVERIFY(!network.environment.contains(QStringLiteral("CORP_KEY")));
        QVERIFY(network.environment.contains(QStringLiteral("PATH")));
    }

    void doctorNetwork_leavesWrongValuesForCodexToReport()
    {
        // An override would hide Codex's own "invalid type" for these: they stay as written.
        const DoctorNetwork wrongType = keepDoctorLocal("openai_base_url = 5\n", {}, 9);
        QVERIFY(!wrongType.arguments.join(QLatin1Char(' ')).contains(QLatin1String("openai_base_url")));
        const DoctorNetwork providerWithoutUrl =
            keepDoctorLocal("model_provider = \"corp\"\n[model_providers.corp]\nname = \"Corp\"\n", {}, 9);
        QVERIFY(!providerWithoutUrl.arguments.join(QLatin1Char(' ')).contains(QLatin1String("model_providers")));
        const DoctorNetwork undefined = keepDoctorLocal("model_provider = \"ghost\"\n", {}, 9);
        QVERIFY(!undefined.arguments.join(QLatin1Char(' ')).contains(QLatin1String("ghost")));
        // Not TOML at all: Codex will not load it, only the built-in provider is pointed away.
        const DoctorNetwork broken = keepDoctorLocal(QByteArray(64, '\0'), {}, 9);
        QCOMPARE(broken.arguments.size(), 2);
    }

    void doctorNetwork_aProviderNameCodexCannotTakeOnItsCommandLineIsSaid()
    {
        const DoctorNetwork network = keepDoctorLocal(
            "model_provider = \"my.corp\"\n[model_providers.\"my.corp\"]\nbase_url = \"https://llm.example.com/v1\"\n", {}, 9);
        QVERIFY(!network.arguments.join(QLatin1Char(' ')).contains(QLatin1String("my.corp")));
        QVERIFY2(network.note.contains(QLatin1String("my.corp")), qPrintable(network.note));
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

    void summarizeProbe_noSandboxNamesTheSettingsAndTheOutside()
    {
        SandboxProbeReport report;
        report.host = QStringLiteral("localhost");
        report.settings = mode(SandboxMode::DangerFullAccess, false);
        report.outside = run(DnsProbeResult::Resolve::Resolved, DnsProbeResult::Connect::Connected);
        report.outside.result.addresses = {QStringLiteral("127.0.0.1")};
        report.verdict = ProbeVerdict::NoSandbox;
        const QString summary = summarizeProbe(report, Platform::MacOS);
        QVERIFY2(summary.contains(QLatin1String("no sandbox to probe")), qPrintable(summary));
        QVERIFY2(summary.contains(QLatin1String("sandbox_mode = \"danger-full-access\"")), qPrintable(summary));
        QVERIFY2(summary.contains(QLatin1String("127.0.0.1")), qPrintable(summary));
        QCOMPARE(probeVerdictName(ProbeVerdict::NoSandbox), QStringLiteral("no-sandbox"));
    }
};

QTEST_GUILESS_MAIN(TestDoctorReport)
#include "test_doctorreport.moc"
