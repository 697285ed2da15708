#include "config/configfile.h"
#include "verify/doctorrunner.h"
#include "verify/sandboxprobe.h"
#include "verify/verifyinput.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <map>
#include <memory>

using namespace SandboxDoctor;

// The real Codex 0.171.0 judges. Every doctor run and probe happens at once
// in initTestCase (doctor under `unshare -rn`, so nothing can leave the
// machine even if a check escaped the closed loopback port it is pointed
// at; the probes reach a loopback listener only); the slots check the results.
class TestVerifyRealCodex final : public QObject
{
    Q_OBJECT

private:
    QString m_codex;  // the native binary inside the npm package
    QString m_cli;    // codex-sandbox-doctor-cli, the probe program
    QString m_base;   // scratch homes, inside the build tree
    std::map<QString, VerifyResult> m_results;
    std::map<QString, SandboxProbeReport> m_probes;
    QByteArray m_cliOut, m_cliErr;
    int m_cliExit = -1;

    // The sandboxes the probe is asked to run with, each beside a config whose
    // `doctor` verdict is that same sandbox (doctor has no -P: the file says it).
    struct ProbeCase
    {
        QByteArray config;
        SandboxSettings settings;
    };
    static std::map<QString, ProbeCase> probeCases()
    {
        auto settings = [](SandboxMode mode, bool network, const QString &profile = {}) {
            SandboxSettings s;
            s.mode = mode;
            s.networkAccess = network;
            s.permissionProfile = profile;
            return s;
        };
        return {
            {QStringLiteral("workspace-network"),
             {"sandbox_mode = \"workspace-write\"\n[sandbox_workspace_write]\nnetwork_access = true\n",
              settings(SandboxMode::WorkspaceWrite, true)}},
            {QStringLiteral("workspace"),
             {"sandbox_mode = \"workspace-write\"\n", settings(SandboxMode::WorkspaceWrite, false)}},
            {QStringLiteral("profile-workspace"),
             {"default_permissions = \":workspace\"\n", settings(SandboxMode::WorkspaceWrite, false, QStringLiteral(":workspace"))}},
            {QStringLiteral("profile-named-network"),
             {"default_permissions = \"net\"\n\n[permissions.net]\nextends = \":workspace\"\n\n"
              "[permissions.net.network]\nenabled = true\n",
              settings(SandboxMode::WorkspaceWrite, false, QStringLiteral("net"))}},
            {QStringLiteral("danger-full-access"),
             {"sandbox_mode = \"danger-full-access\"\n", settings(SandboxMode::DangerFullAccess, false)}},
        };
    }

    // doctor's raw JSON, kept by the wrapper (bash: its pipefail keeps doctor's exit code).
    QString m_rawDir;
    QStringList keepingWrapper(const QString &name) const
    {
        return {QStringLiteral("bash"), QStringLiteral("-c"),
                QStringLiteral("set -o pipefail; unshare -rn \"$@\" | tee '%1/%2.json'").arg(m_rawDir, name),
                QStringLiteral("wrapper")};
    }
    QJsonObject rawDoctor(const QString &name) const
    {
        QFile file(m_rawDir + QLatin1Char('/') + name + QStringLiteral(".json"));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("checks")).toObject();
    }

    static SandboxPolicy policy(SandboxMode mode, bool network)
    {
        SandboxPolicy p;
        p.mode = mode;
        p.networkAccess = network;
        return p;
    }

    VerifyRequest request(const QByteArray &config, const SandboxPolicy &p) const
    {
        VerifyRequest r;
        r.codex.program = m_codex;
        r.codex.wrapper = {QStringLiteral("unshare"), QStringLiteral("-rn")};
        r.configBytes = config;
        r.policy = p;
        r.scratchBase = m_base;
        return r;
    }

    // A DNS probe of localhost (loopback only) inside and outside Codex's sandbox.
    SandboxProbeRequest probeRequest(const QByteArray &config, const SandboxPolicy &p) const
    {
        SandboxProbeRequest r;
        r.codex.program = m_codex;
        r.probeProgram = m_cli;
        r.host = QStringLiteral("localhost");
        r.configBytes = config;
        r.settings = probeSettingsFor(p);
        r.platform = Platform::Linux;
        r.scratchBase = m_base;
        return r;
    }

    const VerifyResult &result(const QString &name)
    {
        return m_results.at(name);
    }

private slots:
    void initTestCase()
    {
        const QString prefix = qEnvironmentVariable("SANDBOXDOCTOR_CODEX_PREFIX");
        QVERIFY2(!prefix.isEmpty(), "SANDBOXDOCTOR_CODEX_PREFIX is not set");
        QDirIterator it(prefix + QStringLiteral("/lib/node_modules/@openai/codex/node_modules"), {QStringLiteral("codex")},
                        QDir::Files | QDir::Executable, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.contains(QLatin1String("/vendor/")) && path.endsWith(QLatin1String("/bin/codex")))
                m_codex = path;
        }
        QVERIFY2(!m_codex.isEmpty(), "the native codex binary is not inside the npm package");
        m_cli = qEnvironmentVariable("SANDBOXDOCTOR_CLI");
        QVERIFY(QFileInfo(m_cli).isExecutable());
        m_base = qEnvironmentVariable("SANDBOXDOCTOR_SCRATCH_DIR");
        QDir(m_base).removeRecursively();
        QVERIFY(QDir().mkpath(m_base));
        m_rawDir = m_base + QStringLiteral("/raw");
        QVERIFY(QDir().mkpath(m_rawDir));

        // A user's config for the CLI run (current file) and the proposed edit.
        const QString home = m_base + QStringLiteral("/home");
        QVERIFY(QDir().mkpath(home));
        QFile config(home + QStringLiteral("/config.toml"));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("model = \"o3\"\n\n[sandbox_workspace_write]\nwritable_roots = [\"/srv/data\"]\n");
        config.close();
        const Expected<ConfigSnapshot> snapshot = readConfig(home);
        QVERIFY(snapshot.hasValue());
        const Expected<VerifyInput> proposed =
            verifyInputFor(*snapshot, policy(SandboxMode::WorkspaceWrite, true), true);
        QVERIFY2(proposed.hasValue(), qPrintable(proposed ? QString() : proposed.error().toText()));
        QVERIFY(proposed->bytes.startsWith("# BEGIN multica-managed"));

        std::map<QString, VerifyRequest> requests{
            {QStringLiteral("workspace-write"),
             request("sandbox_mode = \"workspace-write\"\n", policy(SandboxMode::WorkspaceWrite, false))},
            {QStringLiteral("proposed"), request(proposed->bytes, policy(SandboxMode::WorkspaceWrite, true))},
            {QStringLiteral("danger-full-access"),
             request("# BEGIN multica-managed (do not edit; regenerated by daemon)\nsandbox_mode = \"danger-full-access\"\n"
                     "# END multica-managed\n",
                     policy(SandboxMode::DangerFullAccess, false))},
            // A dotted-key table reopened by a header: invalid TOML, Codex names line 3.
            {QStringLiteral("invalid"),
             request("sandbox_workspace_write.network_access = true\nmodel = \"o3\"\n[sandbox_workspace_write]\n"
                     "writable_roots = []\n",
                     policy(SandboxMode::WorkspaceWrite, true))},
        };
        requests.at(QStringLiteral("proposed")).proposed = true;
        // What doctor's network checks aim at, for the built-in provider and
        // for a user's own one with WebSocket support and credentials in the
        // environment (the case where 0.171 looks the provider's host up itself).
        requests.emplace(QStringLiteral("raw-openai"),
                         request("sandbox_mode = \"workspace-write\"\n", policy(SandboxMode::WorkspaceWrite, false)));
        requests.at(QStringLiteral("raw-openai")).codex.wrapper = keepingWrapper(QStringLiteral("raw-openai"));
        requests.emplace(QStringLiteral("raw-provider"),
                         request("model_provider = \"corp\"\nsandbox_mode = \"workspace-write\"\n\n"
                                 "[model_providers.corp]\nname = \"Corp\"\nbase_url = \"https://llm.example.com/v1\"\n"
                                 "env_key = \"CORP_KEY\"\nsupports_websockets = true\n",
                                 policy(SandboxMode::WorkspaceWrite, false)));
        requests.at(QStringLiteral("raw-provider")).codex.wrapper = keepingWrapper(QStringLiteral("raw-provider"));
        requests.at(QStringLiteral("raw-provider")).codex.environment.insert(QStringLiteral("CORP_KEY"), QStringLiteral("sk-x"));
        // Each probe case's config, for doctor's word on the same sandbox.
        for (const auto &[name, c] : probeCases())
            requests.emplace(QStringLiteral("probe-") + name, request(c.config, policy(SandboxMode::WorkspaceWrite, false)));

        std::vector<std::unique_ptr<DoctorRunner>> runners;
        std::vector<std::unique_ptr<QSignalSpy>> spies;
        for (const auto &[name, r] : requests) {
            auto runner = std::make_unique<DoctorRunner>();
            const QString key = name;
            connect(runner.get(), &DoctorRunner::finished, this, [this, key](const VerifyResult &v) { m_results[key] = v; });
            spies.push_back(std::make_unique<QSignalSpy>(runner.get(), &DoctorRunner::finished));
            runner->start(r);
            runners.push_back(std::move(runner));
        }

        std::vector<std::unique_ptr<SandboxProbeRunner>> probers;
        for (const auto &[name, c] : probeCases()) {
            SandboxProbeRequest r = probeRequest(c.config, policy(SandboxMode::WorkspaceWrite, false));
            r.settings = c.settings;
            auto prober = std::make_unique<SandboxProbeRunner>();
            const QString key = name;
            connect(prober.get(), &SandboxProbeRunner::finished, this,
                    [this, key](const SandboxProbeReport &report) { m_probes[key] = report; });
            spies.push_back(std::make_unique<QSignalSpy>(prober.get(), &SandboxProbeRunner::finished));
            prober->start(r);
            probers.push_back(std::move(prober));
        }

        // The CLI end to end, at the same time: proposed config, doctor under
        // unshare, and the DNS probe for localhost inside Codex's sandbox.
        QProcess cli;
        cli.setProgram(m_cli);
        cli.setArguments({QStringLiteral("verify"), QStringLiteral("--json"), QStringLiteral("--proposed"),
                          QStringLiteral("--codex"), m_codex, QStringLiteral("--codex-home"), home,
                          QStringLiteral("--platform"), QStringLiteral("linux"), QStringLiteral("--scratch-dir"), m_base,
                          QStringLiteral("--doctor-wrapper"), QStringLiteral("unshare -rn"),
                          QStringLiteral("--probe-dns"), QStringLiteral("localhost")});
        cli.start();

        for (auto &spy : spies)
            QVERIFY(spy->count() == 1 || spy->wait(120000));
        QVERIFY(!m_results.empty());
        QVERIFY(cli.waitForFinished(180000));
        m_cliExit = cli.exitCode();
        m_cliOut = cli.readAllStandardOutput();
        m_cliErr = cli.readAllStandardError();
    }

    void workspaceWrite_loadsRestrictedRestrictedAndMatches()
    {
        const VerifyResult &r = result(QStringLiteral("workspace-write"));
        QCOMPARE(r.outcome, VerifyResult::Outcome::Answered);
        QCOMPARE(r.codexVersion, qEnvironmentVariable("SANDBOXDOCTOR_CODEX_VERSION", QStringLiteral("0.171.0")));
        QCOMPARE(r.configLoads, std::optional<bool>(true));
        QCOMPARE(r.sandbox.filesystem, QStringLiteral("restricted"));
        QCOMPARE(r.sandbox.network, QStringLiteral("restricted"));
        QCOMPARE(r.match, PolicyMatch::Matches);
        QCOMPARE(r.exitCode, 1);  // doctor fails its login and network checks; the report is read anyway
    }

    void proposed_workspaceWriteWithNetworkIsEnabled()
    {
        const VerifyResult &r = result(QStringLiteral("proposed"));
        QCOMPARE(r.outcome, VerifyResult::Outcome::Answered);
        QVERIFY(r.proposed);
        QCOMPARE(r.configLoads, std::optional<bool>(true));
        QCOMPARE(r.sandbox.filesystem, QStringLiteral("restricted"));
        QCOMPARE(r.sandbox.network, QStringLiteral("enabled"));
        QCOMPARE(r.match, PolicyMatch::Matches);
        QCOMPARE(r.severity(), Severity::Info);
    }

    void dangerFullAccess_isUnrestrictedAndMatches()
    {
        const VerifyResult &r = result(QStringLiteral("danger-full-access"));
        QCOMPARE(r.configLoads, std::optional<bool>(true));
        QCOMPARE(r.sandbox.filesystem, QStringLiteral("unrestricted"));
        QCOMPARE(r.sandbox.network, QStringLiteral("enabled"));
        QCOMPARE(r.match, PolicyMatch::Matches);
    }

    void invalid_doesNotLoadAndCodexNamesTheLine()
    {
        const VerifyResult &r = result(QStringLiteral("invalid"));
        QCOMPARE(r.outcome, VerifyResult::Outcome::Answered);
        QCOMPARE(r.configLoads, std::optional<bool>(false));
        QCOMPARE(r.configLine, 3);
        QVERIFY(!r.configMessage.isEmpty());
        QCOMPARE(r.severity(), Severity::Error);
    }

    void scratchHomes_areRemovedAndNeverUnderTmp()
    {
        const QStringList left = QDir(m_base).entryList({QStringLiteral("codex-home-*")}, QDir::Dirs);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
        QVERIFY(!m_base.startsWith(QLatin1String("/tmp/")));
        for (const auto &[name, r] : m_results)
            QVERIFY2(!r.stderrText.contains(QLatin1String("PATH aliases")), qPrintable(name + QLatin1String(": ") + r.stderrText));
    }

    void cli_verifyProposedWithProbe()
    {
        QVERIFY2(m_cliExit == 0, m_cliErr.constData());
        QJsonParseError error{};
        const QJsonObject root = QJsonDocument::fromJson(m_cliOut, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, m_cliOut.constData());
        const QJsonObject verify = root.value(QLatin1String("verify")).toObject();
        QCOMPARE(verify.value(QLatin1String("outcome")).toString(), QStringLiteral("answered"));
        QCOMPARE(verify.value(QLatin1String("proposed")).toBool(), true);
        QCOMPARE(verify.value(QLatin1String("config")).toObject().value(QLatin1String("loads")).toBool(), true);
        QCOMPARE(verify.value(QLatin1String("sandbox")).toObject().value(QLatin1String("network")).toString(),
                 QStringLiteral("enabled"));
        QCOMPARE(verify.value(QLatin1String("match")).toString(), QStringLiteral("matches"));
        QCOMPARE(root.value(QLatin1String("policy")).toObject().value(QLatin1String("mode")).toString(),
                 QStringLiteral("workspace-write"));
    }

    void cli_probeOutsideAllowedInsideSocketsBlocked()
    {
        // On Linux `codex sandbox -P :workspace` has the network off: the name
        // still resolves from /etc/hosts, but socket() is denied inside.
        // Until the effective settings are computed from config.toml, the CLI
        // derives them from the chosen policy as before (probeSettingsFor).
        const QJsonObject probe = QJsonDocument::fromJson(m_cliOut).object().value(QLatin1String("probe")).toObject();
        QCOMPARE(probe.value(QLatin1String("style")).toString(), QStringLiteral("profile"));
        QCOMPARE(probe.value(QLatin1String("profile")).toString(), QStringLiteral(":workspace"));
        QCOMPARE(probe.value(QLatin1String("settings")).toObject().value(QLatin1String("describe")).toString(),
                 QStringLiteral("default_permissions = \":workspace\""));
        QCOMPARE(probe.value(QLatin1String("ran_with")).toString(), QStringLiteral("default_permissions = \":workspace\""));
        QCOMPARE(probe.value(QLatin1String("log_denials")).toBool(true), false);
        const QJsonObject outside = probe.value(QLatin1String("outside")).toObject().value(QLatin1String("result")).toObject();
        const QJsonObject inside = probe.value(QLatin1String("inside")).toObject().value(QLatin1String("result")).toObject();
        QVERIFY2(!inside.isEmpty(), m_cliOut.constData());
        QCOMPARE(outside.value(QLatin1String("resolve")).toObject().value(QLatin1String("status")).toString(), QStringLiteral("resolved"));
        QCOMPARE(outside.value(QLatin1String("connect")).toObject().value(QLatin1String("status")).toString(), QStringLiteral("connected"));
        QCOMPARE(inside.value(QLatin1String("connect")).toObject().value(QLatin1String("status")).toString(), QStringLiteral("socket-denied"));
        QCOMPARE(probe.value(QLatin1String("verdict")).toString(), QStringLiteral("sandbox-blocks-network"));
    }


    void doctorNetworkChecks_aimAtAClosedLoopbackPort()
    {
        // The provider and WebSocket checks were pointed at 127.0.0.1, so they
        // fail at once (no ~10 s timeouts) and send nothing off the machine.
        const VerifyResult &r = result(QStringLiteral("raw-openai"));
        QCOMPARE(r.configLoads, std::optional<bool>(true));
        QCOMPARE(r.sandbox.network, QStringLiteral("restricted"));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.overrides.join(QLatin1Char(' ')).contains(QLatin1String("openai_base_url=\"http://127.0.0.1:")),
                 qPrintable(r.overrides.join(QLatin1Char(' '))));
        const QJsonObject checks = rawDoctor(QStringLiteral("raw-openai"));
        QVERIFY(!checks.isEmpty());
        const QJsonObject provider = checks.value(QLatin1String("network.provider_reachability")).toObject();
        const QJsonObject websocket = checks.value(QLatin1String("network.websocket_reachability")).toObject();
        const QString providerText = QString::fromUtf8(QJsonDocument(provider).toJson(QJsonDocument::Compact));
        QVERIFY2(providerText.contains(QLatin1String("http://127.0.0.1:")), qPrintable(providerText));
        QVERIFY2(!providerText.contains(QLatin1String("openai.com")) && !providerText.contains(QLatin1String("chatgpt.com")),
                 qPrintable(providerText));
        const QString endpoint = websocket.value(QLatin1String("details")).toObject().value(QLatin1String("endpoint")).toString();
        QVERIFY2(endpoint.startsWith(QLatin1String("ws://127.0.0.1:")), qPrintable(endpoint));
    }

    void doctorNetworkChecks_usersOwnProviderStaysLocalToo()
    {
        const VerifyResult &r = result(QStringLiteral("raw-provider"));
        QCOMPARE(r.configLoads, std::optional<bool>(true));
        QVERIFY2(r.overrides.join(QLatin1Char(' ')).contains(QLatin1String("model_providers.corp.base_url=")),
                 qPrintable(r.overrides.join(QLatin1Char(' '))));
        const QJsonObject checks = rawDoctor(QStringLiteral("raw-provider"));
        QVERIFY(!checks.isEmpty());
        const QString network =
            QString::fromUtf8(QJsonDocument(checks.value(QLatin1String("network.provider_reachability")).toObject())
                                  .toJson(QJsonDocument::Compact))
            + QString::fromUtf8(QJsonDocument(checks.value(QLatin1String("network.websocket_reachability")).toObject())
                                    .toJson(QJsonDocument::Compact));
        // The provider's own host is neither requested nor looked up.
        QVERIFY2(!network.contains(QLatin1String("llm.example.com")), qPrintable(network));
        QVERIFY2(network.contains(QLatin1String("127.0.0.1")), qPrintable(network));
    }

    void probe_insideSocketAgreesWithDoctorsNetworkSandbox_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("network");       // doctor's network sandbox for the same config
        QTest::addColumn<bool>("socketAllowed");    // the probe's socket inside
        QTest::newRow("workspace-write + network") << QStringLiteral("workspace-network") << QStringLiteral("enabled") << true;
        QTest::newRow("workspace-write") << QStringLiteral("workspace") << QStringLiteral("restricted") << false;
        QTest::newRow("-P :workspace") << QStringLiteral("profile-workspace") << QStringLiteral("restricted") << false;
        QTest::newRow("-P net (network.enabled)") << QStringLiteral("profile-named-network") << QStringLiteral("enabled") << true;
    }

    void probe_insideSocketAgreesWithDoctorsNetworkSandbox()
    {
        QFETCH(QString, name);
        QFETCH(QString, network);
        QFETCH(bool, socketAllowed);
        const VerifyResult &doctor = result(QStringLiteral("probe-") + name);
        QCOMPARE(doctor.configLoads, std::optional<bool>(true));
        QCOMPARE(doctor.sandbox.network, network);

        const SandboxProbeReport &report = m_probes.at(name);
        QVERIFY2(report.outside.ran && report.inside.ran, qPrintable(report.summary));
        QCOMPARE(report.style, std::optional<SandboxStyle>(SandboxStyle::Profile));
        QCOMPARE(report.outside.result.connect, DnsProbeResult::Connect::Connected);
        QCOMPARE(report.inside.result.connect == DnsProbeResult::Connect::Connected, socketAllowed);
        QCOMPARE(report.inside.result.connect == DnsProbeResult::Connect::Connected, doctor.sandbox.network == QLatin1String("enabled"));
        if (!socketAllowed)
            QCOMPARE(report.inside.result.connect, DnsProbeResult::Connect::SocketDenied);
        QCOMPARE(report.verdict, socketAllowed ? ProbeVerdict::SameBothSides : ProbeVerdict::SandboxBlocksNetwork);
        // The settings went to `codex sandbox`, and the report names them.
        const QStringList options = m_probes.at(name).settings.codexSandboxOptions();
        QVERIFY2(report.inside.commandLine.join(QLatin1Char(' ')).contains(options.join(QLatin1Char(' '))),
                 qPrintable(report.inside.commandLine.join(QLatin1Char(' '))));
        QCOMPARE(report.ranWith, report.settings.describe());
        QVERIFY(!report.logDenials);  // Linux: 0.171's help lists no --log-denials
    }

    void probe_dangerFullAccessHasNoSandboxToProbe()
    {
        const VerifyResult &doctor = result(QStringLiteral("probe-danger-full-access"));
        QCOMPARE(doctor.sandbox.filesystem, QStringLiteral("unrestricted"));
        QCOMPARE(doctor.sandbox.network, QStringLiteral("enabled"));
        const SandboxProbeReport &report = m_probes.at(QStringLiteral("danger-full-access"));
        QCOMPARE(report.verdict, ProbeVerdict::NoSandbox);
        QVERIFY2(report.outside.ran, qPrintable(report.summary));
        QCOMPARE(report.outside.result.resolve, DnsProbeResult::Resolve::Resolved);
        QVERIFY(!report.inside.ran);
        QVERIFY(report.inside.commandLine.isEmpty());
        QVERIFY2(report.summary.contains(QLatin1String("no sandbox to probe")), qPrintable(report.summary));
        QVERIFY2(report.summary.contains(QLatin1String("danger-full-access")), qPrintable(report.summary));
    }
};

QTEST_GUILESS_MAIN(TestVerifyRealCodex)
#include "test_verifyrealcodex.moc"
