#include "homefixtures.h"

#include "common/finding.h"
#include "homes/homeinspector.h"
#include "homes/homescan.h"
#include "homes/homesreport.h"
#include "report/effectivereport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace SandboxDoctor;
using namespace HomeFixtures;

// Issue #11.1 for per-task homes: each home's analysis knows the sandbox Codex
// will run there (status's `effective`, from the same serializer), and a home
// whose settings defeat its preset's policy is an error naming the line.
class TestHomeEffective final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_shared;

    InspectOptions options(std::optional<Version> codexVersion = Version(0, 171, 0),
                           Platform platform = Platform::Linux) const
    {
        InspectOptions o;
        o.sharedHome = m_shared;
        o.policyInputs.platform = platform;
        o.policyInputs.codexVersion = codexVersion;
        return o;
    }

    QString home(const QString &name, const QByteArray &config) const
    {
        const QString path = m_dir.path() + QLatin1String("/root/ws/") + name + QLatin1String("/codex-home");
        makeDaemonHome(path, m_shared, config);
        return path;
    }

    // A user's default_permissions below a current block: Codex 0.171 takes it
    // over the block's sandbox_mode (network off where the policy has it on).
    static QByteArray overriddenConfig()
    {
        return currentConfig(QByteArrayLiteral("model = \"o3\"\ndefault_permissions = \":workspace\"\n"));
    }

    static int lineOf(const QByteArray &bytes, const QByteArray &text)
    {
        return int(bytes.left(bytes.indexOf(text)).count('\n')) + 1;
    }

    static const Finding *finding(const HomeReport &report, const QString &code)
    {
        for (const Finding &f : report.findings) {
            if (f.code == code)
                return &f;
        }
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_shared = m_dir.path() + QLatin1String("/shared");
        makeSharedHome(m_shared);
    }

    void daemonHome_runsThePolicysSandbox()
    {
        const HomeReport report = inspectHome(home(QStringLiteral("ok"), currentConfig()), SharedHome::load(m_shared),
                                              options());
        QVERIFY(report.effective.has_value());
        QVERIFY(report.effective->runs());
        QVERIFY(report.effectiveMatchesPolicy);
        QCOMPARE(report.effective->decider, SandboxDecider::SandboxMode);
        QCOMPARE(report.effective->network, NetworkSandbox::Enabled);  // Linux's policy: workspace-write + network
        QVERIFY(!finding(report, QString(FindingCode::SandboxOverridden)));
        QCOMPARE(report.statusName(), QStringLiteral("ok"));

        const QJsonObject effective = homeReportToJson(report).value(QStringLiteral("effective")).toObject();
        QCOMPARE(effective.value(QStringLiteral("matches_policy")).toBool(), true);
        QCOMPARE(effective.value(QStringLiteral("decided_by")).toString(), QStringLiteral("sandbox_mode"));
        QVERIFY2(effective.value(QStringLiteral("text")).toString().startsWith(QStringLiteral("Codex will run: ")),
                 qPrintable(effective.value(QStringLiteral("text")).toString()));
    }

    void defaultPermissionsOverTheBlock_isSandboxOverriddenWithItsLine()
    {
        const QByteArray config = overriddenConfig();
        const int line = lineOf(config, "default_permissions");
        const HomeReport report = inspectHome(home(QStringLiteral("overridden"), config), SharedHome::load(m_shared),
                                              options());
        QCOMPARE(report.block, BlockState::Stale);  // apply comments out the defeating line: not current until then
        const Finding *overridden = finding(report, QString(FindingCode::SandboxOverridden));
        QVERIFY(overridden);
        QCOMPARE(overridden->severity, Severity::Error);
        QCOMPARE(overridden->line, line);
        QCOMPARE(report.statusName(), QStringLiteral("error"));
        QVERIFY(report.effective.has_value());
        QVERIFY(!report.effectiveMatchesPolicy);
        QCOMPARE(report.effective->network, NetworkSandbox::Restricted);

        const QJsonObject effective = homeReportToJson(report).value(QStringLiteral("effective")).toObject();
        QCOMPARE(effective.value(QStringLiteral("runs")).toBool(), true);
        QCOMPARE(effective.value(QStringLiteral("filesystem")).toString(), QStringLiteral("restricted"));
        QCOMPARE(effective.value(QStringLiteral("network")).toString(), QStringLiteral("restricted"));
        QCOMPARE(effective.value(QStringLiteral("decided_by")).toString(), sandboxDeciderName(SandboxDecider::BuiltInProfile));
        QCOMPARE(effective.value(QStringLiteral("matches_policy")).toBool(), false);
        const QJsonObject setting = effective.value(QStringLiteral("setting")).toObject();
        QCOMPARE(setting.value(QStringLiteral("key")).toString(), QStringLiteral("default_permissions"));
        QCOMPARE(setting.value(QStringLiteral("value")).toString(), QStringLiteral("\":workspace\""));
        QCOMPARE(setting.value(QStringLiteral("line")).toInt(), line);
        QVERIFY(effective.value(QStringLiteral("text")).toString().contains(QStringLiteral("default_permissions")));

        // status's serializer, on status's analysis of the same bytes: one shape, one answer.
        AnalysisContext context;
        context.platform = Platform::Linux;
        context.codexVersion = Version(0, 171, 0);
        QCOMPARE(effective, effectiveToJson(analyzeConfig(config, true, report.policy, context)));
    }

    // Codex refuses the file: the home's effective sandbox says so (runs false,
    // no filesystem or network); a config.toml that cannot be read has none (null).
    void refusedAndUnreadableConfigs()
    {
        const HomeReport refused = inspectHome(home(QStringLiteral("refused"), QByteArrayLiteral("sandbox_mode = \"yes\"\n")),
                                               SharedHome::load(m_shared), options());
        QVERIFY(refused.effective.has_value());
        QVERIFY(!refused.effective->runs());
        const QJsonObject refusedJson = homeReportToJson(refused).value(QStringLiteral("effective")).toObject();
        QCOMPARE(refusedJson.value(QStringLiteral("runs")).toBool(), false);
        QVERIFY(refusedJson.value(QStringLiteral("filesystem")).isNull());

        const QString unreadable = home(QStringLiteral("unreadable"), currentConfig());
        QVERIFY(QFile::remove(unreadable + QLatin1String("/config.toml")));
        QVERIFY(QDir().mkpath(unreadable + QLatin1String("/config.toml")));  // a folder where the file goes
        const HomeReport folder = inspectHome(unreadable, SharedHome::load(m_shared), options());
        QVERIFY(!folder.effective.has_value());
        QVERIFY(homeReportToJson(folder).value(QStringLiteral("effective")).isNull());
    }

    // The scan's platform and Codex version reach each home's analysis, as
    // status's do: the rules note depends on the version, the proxy warning
    // on macOS.
    void platformAndVersionReachTheAnalysis()
    {
        const QString path = home(QStringLiteral("versions"), currentConfig());
        const HomeReport known = inspectHome(path, SharedHome::load(m_shared), options(Version(0, 171, 0)));
        QVERIFY(!known.effective->mayDiffer);
        QVERIFY(known.effective->versionNote.isEmpty());
        const HomeReport unknown = inspectHome(path, SharedHome::load(m_shared), options(std::nullopt));
        QVERIFY(unknown.effective->mayDiffer);
        QVERIFY2(unknown.effective->versionNote.contains(QStringLiteral("unknown")),
                 qPrintable(unknown.effective->versionNote));

        // features.network_proxy with the network on: a macOS-only warning.
        const QByteArray proxy = QByteArrayLiteral("features.network_proxy = true\n"
                                                   "sandbox_mode = \"workspace-write\"\n"
                                                   "sandbox_workspace_write.network_access = true\n");
        const QString proxyHome = home(QStringLiteral("proxy"), proxy);
        const HomeReport mac = inspectHome(proxyHome, SharedHome::load(m_shared),
                                           options(Version(0, 171, 0), Platform::MacOS));
        QVERIFY(finding(mac, QString(FindingCode::NetworkProxyDns)));
        const HomeReport linux = inspectHome(proxyHome, SharedHome::load(m_shared), options());
        QVERIFY(!finding(linux, QString(FindingCode::NetworkProxyDns)));
    }

    // inspect's text: a CODEX WILL RUN column for every home, and status's
    // "Codex will run: …" lines above the findings of each home that has any.
    void text_showsWhatCodexWillRunPerHome()
    {
        QTemporaryDir dir;
        const QString root = dir.path() + QLatin1String("/root");
        makeDaemonHome(root + QLatin1String("/ws/good/codex-home"), m_shared);
        makeDaemonHome(root + QLatin1String("/ws/bad/codex-home"), m_shared, overriddenConfig());
        const HomeScan scan = scanHomes(root, options());
        const QString text = homeScanToText(scan, Platform::Linux);
        QVERIFY2(text.contains(QStringLiteral("CODEX WILL RUN")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("filesystem restricted, network enabled")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("filesystem restricted, network restricted (not the policy's)")),
                 qPrintable(text));
        const int details = text.indexOf(root + QLatin1String("/ws/bad/codex-home\n"));
        QVERIFY2(details > 0, qPrintable(text));
        const QString block = text.mid(details);
        QVERIFY2(block.contains(QStringLiteral("  Codex will run: filesystem restricted, network restricted")),
                 qPrintable(block));
        QVERIFY2(block.contains(QStringLiteral("That is not the policy's sandbox.")), qPrintable(block));
        QVERIFY2(block.contains(QStringLiteral("sandbox-overridden (line %1)")
                                    .arg(lineOf(overriddenConfig(), "default_permissions"))),
                 qPrintable(block));
    }
};

QTEST_GUILESS_MAIN(TestHomeEffective)
#include "test_homeeffective.moc"
