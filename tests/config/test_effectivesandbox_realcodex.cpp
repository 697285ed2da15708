// The effective-sandbox model against the real Codex 0.171.0: for every config
// in effectivecases.h, the filesystem and network sandbox the model computes
// are exactly what `codex doctor --json` reports (checks["sandbox.helpers"]),
// and every refusal the model words is what `codex sandbox -- true` prints.
// Plus the facts the analysis's texts rest on: the start-up warnings, the
// managed proxy, the project-trust default, a zero-filled file and --profile.
//
// Codex runs inside `unshare -rn` (loopback only). Its doctor takes ~10 s on
// network checks; pointing the proxies and the provider at a closed loopback
// port brings that to a fraction of a second with the same config and sandbox
// answers.

#include "config/configanalysis.h"
#include "config/effectivesandbox.h"

#include "effectivecases.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <memory>
#include <vector>

using namespace SandboxDoctor;

namespace {

QString nativeCodex()
{
    return qEnvironmentVariable("SANDBOXDOCTOR_CODEX_PREFIX")
           + QStringLiteral("/lib/node_modules/@openai/codex/node_modules/@openai/codex-linux-x64/vendor/"
                            "x86_64-unknown-linux-musl/bin/codex");
}

struct Outcome final
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Codex in a private network namespace, its traffic sent to a closed loopback port.
class CodexRun final
{
public:
    CodexRun(const QString &scratch, const QString &home, const QStringList &arguments, const QString &cwd = {})
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CODEX_HOME"), home);
        env.insert(QStringLiteral("HOME"), scratch + QStringLiteral("/user"));
        for (const char *name : {"HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy"})
            env.insert(QString::fromLatin1(name), QStringLiteral("http://127.0.0.1:9"));
        env.remove(QStringLiteral("NO_PROXY"));
        env.remove(QStringLiteral("no_proxy"));
        m_process.setProcessEnvironment(env);
        m_process.setWorkingDirectory(cwd.isEmpty() ? home : cwd);
        m_process.start(QStringLiteral("unshare"), QStringList{QStringLiteral("-rn"), nativeCodex()} + arguments);
    }

    Outcome finish()
    {
        Outcome outcome;
        if (!m_process.waitForFinished(120'000))
            return outcome;
        outcome.exitCode = m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
        outcome.out = m_process.readAllStandardOutput();
        outcome.err = m_process.readAllStandardError();
        return outcome;
    }

private:
    QProcess m_process;
};

QStringList doctorArguments()
{
    return {QStringLiteral("doctor"), QStringLiteral("--json"), QStringLiteral("-c"),
            QStringLiteral("openai_base_url=\"http://127.0.0.1:9/v1\"")};
}

QStringList sandboxArguments()
{
    return {QStringLiteral("sandbox"), QStringLiteral("--"), QStringLiteral("true")};
}

QJsonObject checks(const Outcome &doctor)
{
    return QJsonDocument::fromJson(doctor.out).object().value(QStringLiteral("checks")).toObject();
}

QString detail(const QJsonObject &checks, const char *check, const char *key)
{
    return checks.value(QString::fromLatin1(check))
        .toObject()
        .value(QStringLiteral("details"))
        .toObject()
        .value(QString::fromLatin1(key))
        .toString();
}

QString loadStatus(const QJsonObject &checks)
{
    return checks.value(QStringLiteral("config.load")).toObject().value(QStringLiteral("status")).toString();
}

} // namespace

class TestEffectiveSandboxRealCodex final : public QObject
{
    Q_OBJECT

private:
    QString m_scratch;

    QString makeHome(const QString &name, const QByteArray &config)
    {
        const QString home = m_scratch + QLatin1Char('/') + name;
        QDir(home).removeRecursively();
        if (!QDir().mkpath(home))
            return {};
        QFile file(home + QStringLiteral("/config.toml"));
        if (!file.open(QIODevice::WriteOnly) || file.write(config) != config.size())
            return {};
        return home;
    }

    Outcome doctor(const QByteArray &config, const QString &name, const QString &cwd = {})
    {
        const QString home = makeHome(name, config);
        return CodexRun(m_scratch, home, doctorArguments(), cwd).finish();
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(nativeCodex()).isExecutable(),
                 qPrintable(QStringLiteral("no Codex binary at %1 (SANDBOXDOCTOR_CODEX_PREFIX)").arg(nativeCodex())));
        m_scratch = qEnvironmentVariable("SANDBOXDOCTOR_SCRATCH_DIR");
        QVERIFY2(!m_scratch.isEmpty() && !m_scratch.startsWith(QStringLiteral("/tmp/")),
                 "SANDBOXDOCTOR_SCRATCH_DIR must be set and lie outside /tmp");
        QDir(m_scratch).removeRecursively();
        QVERIFY(QDir().mkpath(m_scratch + QStringLiteral("/user")));
    }

    // ≥ 20 configs, every rule in both directions: the model's filesystem and
    // network are doctor's; its refusals are `codex sandbox`'s words.
    void model_agreesWithCodexDoctorAndSandbox()
    {
        const QList<EffectiveCases::Case> &cases = EffectiveCases::cases();
        QVERIFY(cases.size() >= 20);
        constexpr int Batch = 4;  // the machine is shared: a few Codex runs at a time
        int loaded = 0;
        int refused = 0;
        for (int first = 0; first < cases.size(); first += Batch) {
            std::vector<std::unique_ptr<CodexRun>> doctors;
            std::vector<std::unique_ptr<CodexRun>> sandboxes;
            const int last = std::min<int>(first + Batch, int(cases.size()));
            for (int i = first; i < last; ++i) {
                const QString home = makeHome(QString::fromLatin1(cases[i].name), cases[i].config);
                QVERIFY(!home.isEmpty());
                doctors.push_back(std::make_unique<CodexRun>(m_scratch, home, doctorArguments()));
                // Codex words a refusal only on a command that needs the config (doctor says "invalid data").
                const bool refuses = !computeEffectiveSandbox(cases[i].config, true, Version(0, 171, 0)).runs();
                sandboxes.push_back(refuses ? std::make_unique<CodexRun>(m_scratch, home, sandboxArguments()) : nullptr);
            }
            for (int i = first; i < last; ++i) {
                const EffectiveCases::Case &c = cases[i];
                const QString name = QString::fromLatin1(c.name) + QLatin1Char(' ');
                const Outcome doctorRun = doctors[size_t(i - first)]->finish();
                CodexRun *sandbox = sandboxes[size_t(i - first)].get();
                const Outcome sandboxRun = sandbox ? sandbox->finish() : Outcome{};
                const QJsonObject report = checks(doctorRun);
                QVERIFY2(!report.isEmpty(), qPrintable(name + QString::fromUtf8(doctorRun.err.left(600))));
                const EffectiveSandbox model = computeEffectiveSandbox(c.config, true, Version(0, 171, 0));
                if (model.runs()) {
                    ++loaded;
                    QVERIFY2(loadStatus(report) != QStringLiteral("fail"),
                             qPrintable(name + QString::fromUtf8(QJsonDocument(report.value(QStringLiteral(
                                                                                   "config.load")).toObject())
                                                                     .toJson(QJsonDocument::Compact))));
                    QCOMPARE(name + detail(report, "sandbox.helpers", "filesystem sandbox"),
                             name + filesystemSandboxName(model.filesystem));
                    QCOMPARE(name + detail(report, "sandbox.helpers", "network sandbox"),
                             name + networkSandboxName(model.network));
                } else {
                    ++refused;
                    QCOMPARE(name + loadStatus(report), name + QStringLiteral("fail"));
                    QVERIFY2(sandboxRun.exitCode != 0, qPrintable(name));
                    const QString err = QString::fromUtf8(sandboxRun.err);
                    QVERIFY2(err.contains(QStringLiteral("Error: ") + model.refusal->message + QLatin1Char('\n')),
                             qPrintable(name + QStringLiteral("model: ") + model.refusal->message
                                        + QStringLiteral("\ncodex: ") + err.left(400)));
                    if (!model.refusal->key.isEmpty())
                        QVERIFY2(err.contains(QStringLiteral("in `%1`").arg(model.refusal->key)),
                                 qPrintable(name + err.left(400)));
                    else
                        QVERIFY2(!err.contains(QStringLiteral("\nin `")), qPrintable(name + err.left(400)));
                }
            }
        }
        QVERIFY(loaded >= 20);
        QVERIFY(refused >= 10);
    }

    // The warnings the analysis quotes are Codex's own start-up warnings.
    void startupWarnings_areTheOnesTheAnalysisQuotes()
    {
        const QJsonObject desktop =
            checks(doctor("[windows]\nsandbox_private_desktop = true\n", QStringLiteral("warning-desktop")));
        QCOMPARE(loadStatus(desktop), QStringLiteral("warning"));
        QVERIFY2(detail(desktop, "config.load", "startup warning")
                     .contains(QStringLiteral("`windows.sandbox_private_desktop` is ignored. Remove "
                                              "windows.sandbox_private_desktop; legacy Windows sandboxes always use a "
                                              "private desktop.")),
                 qPrintable(detail(desktop, "config.load", "startup warning")));
        const ConfigAnalysis analysis =
            analyzeConfig("[windows]\nsandbox_private_desktop = true\n", true, TestSupport::workspaceWrite());
        bool quoted = false;
        for (const Finding &f : analysis.findings)
            quoted = quoted || (f.code == FindingCode::SettingIgnored
                                && f.message.contains(QStringLiteral("legacy Windows sandboxes always use a private "
                                                                     "desktop.")));
        QVERIFY(quoted);

        const QByteArray profile = "default_permissions = \"work\"\n[permissions.work]\nnetwork.enabled = true\n";
        const QJsonObject noExtends = checks(doctor(profile, QStringLiteral("warning-profile")));
        const EffectiveSandbox model = computeEffectiveSandbox(profile, true, Version(0, 171, 0));
        QCOMPARE(model.warnings.size(), 1);
        QCOMPARE(detail(noExtends, "config.load", "startup warning"), model.warnings.constFirst());
    }

    // network-proxy-dns (macOS) fires exactly when doctor says the managed proxy
    // is configured (which 0.171 does only with the network on) and a sandbox
    // holds commands to it (not under danger-full-access).
    void networkProxy_warningFollowsDoctorsManagedProxy_data()
    {
        QTest::addColumn<QByteArray>("config");
        const QByteArray wwNet = "sandbox_mode = \"workspace-write\"\nsandbox_workspace_write.network_access = true\n";
        QTest::newRow("bool-true") << wwNet + "[features]\nnetwork_proxy = true\n";
        QTest::newRow("bool-false") << wwNet + "[features]\nnetwork_proxy = false\n";
        QTest::newRow("table-enabled") << wwNet + "[features.network_proxy]\nenabled = true\n";
        QTest::newRow("table-disabled") << wwNet + "[features.network_proxy]\nenabled = false\n";
        QTest::newRow("table-without-enabled") << wwNet + "[features.network_proxy]\nmode = \"limited\"\n";
        QTest::newRow("profile-network-on")
            << QByteArray("default_permissions = \"w\"\n[permissions.w]\nextends = \":workspace\"\n"
                          "network.enabled = true\n[features]\nnetwork_proxy = true\n");
        QTest::newRow("network-off") << QByteArray("sandbox_mode = \"workspace-write\"\n[features]\nnetwork_proxy = true\n");
        QTest::newRow("full-access")
            << QByteArray("sandbox_mode = \"danger-full-access\"\n[features]\nnetwork_proxy = true\n");
    }

    void networkProxy_warningFollowsDoctorsManagedProxy()
    {
        QFETCH(QByteArray, config);
        const QJsonObject report = checks(doctor(config, QStringLiteral("proxy-") + QString::fromLatin1(QTest::currentDataTag())));
        const bool proxied = detail(report, "network.env", "managed proxy") == QStringLiteral("configured")
                             && detail(report, "sandbox.helpers", "filesystem sandbox") == QStringLiteral("restricted");
        AnalysisContext mac;
        mac.platform = Platform::MacOS;
        const ConfigAnalysis analysis = analyzeConfig(config, true, TestSupport::fullAccess(), mac);
        QCOMPARE(hasFinding(analysis.findings, FindingCode::NetworkProxyDns), proxied);
        AnalysisContext onLinux;
        onLinux.platform = Platform::Linux;
        QVERIFY(!hasFinding(analyzeConfig(config, true, TestSupport::fullAccess(), onLinux).findings,
                            FindingCode::NetworkProxyDns));
    }

    // Without sandbox_mode, a project with a trust decision defaults to
    // workspace-write (and reads network_access): the model says so.
    void projectTrust_changesTheDefaultOnlyInsideTheProject()
    {
        const QString project = m_scratch + QStringLiteral("/trusted-project");
        QVERIFY(QDir().mkpath(project));
        const QByteArray config = QStringLiteral("[projects.\"%1\"]\ntrust_level = \"trusted\"\n\n"
                                                 "[sandbox_workspace_write]\nnetwork_access = true\n")
                                      .arg(project)
                                      .toUtf8();
        const EffectiveSandbox model = computeEffectiveSandbox(config, true, Version(0, 171, 0));
        QVERIFY(model.projectDependent);
        const QJsonObject outside = checks(doctor(config, QStringLiteral("trust-outside")));
        QCOMPARE(detail(outside, "sandbox.helpers", "network sandbox"), networkSandboxName(model.network));
        const QJsonObject inside = checks(doctor(config, QStringLiteral("trust-inside"), project));
        QCOMPARE(detail(inside, "sandbox.helpers", "network sandbox"), QStringLiteral("enabled"));
    }

    // config-zero-filled's text: Codex refuses such a file with a TOML error.
    void zeroFilledFile_codexRefusesWithATomlError()
    {
        const QString home = makeHome(QStringLiteral("zero-filled"), QByteArray(4096, '\0'));
        const Outcome run = CodexRun(m_scratch, home, sandboxArguments()).finish();
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains("key with no value, expected `=`"), run.err.left(300).constData());
    }

    // profile-sandbox-mode's text: `--profile NAME` refuses while [profiles.NAME] is in config.toml.
    void profileFlag_refusesWhileTheProfilesTableIsThere()
    {
        const QString home = makeHome(QStringLiteral("profile-flag"),
                                      "sandbox_mode = \"workspace-write\"\n\n[profiles.fast]\nsandbox_mode = "
                                      "\"danger-full-access\"\n");
        const Outcome run = CodexRun(m_scratch, home,
                                     QStringList{QStringLiteral("--profile"), QStringLiteral("fast")} + sandboxArguments())
                                .finish();
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains("--profile `fast` cannot be used while"), run.err.left(300).constData());
        QVERIFY2(run.err.contains("fast.config.toml"), run.err.left(300).constData());
    }
};

QTEST_GUILESS_MAIN(TestEffectiveSandboxRealCodex)
#include "test_effectivesandbox_realcodex.moc"
