#include "homefixtures.h"

#include "homes/homeinspector.h"
#include "homes/homepreparer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace SandboxDoctor;
using namespace HomeFixtures;

namespace {

QString nativeCodex()
{
    return qEnvironmentVariable("SANDBOXDOCTOR_CODEX_PREFIX")
           + QStringLiteral("/lib/node_modules/@openai/codex/node_modules/@openai/codex-linux-x64/vendor/"
                            "x86_64-unknown-linux-musl/bin/codex");
}

// A shared config.toml the seed daemon would mangle: it ends inside a table.
const QByteArray SharedUserConfig = QByteArrayLiteral("model = \"o3\"\n\n[permissions.x]\n");

} // namespace

// The real Codex (0.171.0) loads a home made by prepare, linked auth and
// sessions included, with the sandbox the policy asked for.
class TestHomesRealCodex final : public QObject
{
    Q_OBJECT

private slots:
    void codexDoctor_loadsPreparedHomes()
    {
        QVERIFY2(QFileInfo(nativeCodex()).isExecutable(), qPrintable(nativeCodex()));
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("unshare")).isEmpty(), "unshare is needed");
        const QString scratch = qEnvironmentVariable("SANDBOXDOCTOR_SCRATCH_DIR");
        QVERIFY2(!scratch.isEmpty() && !scratch.startsWith(QLatin1String("/tmp/")),
                 "SANDBOXDOCTOR_SCRATCH_DIR must be set and lie outside /tmp");
        QDir(scratch).removeRecursively();
        const QString shared = scratch + QLatin1String("/shared");
        makeSharedHome(shared);
        QVERIFY(writeFile(shared + QLatin1String("/config.toml"), SharedUserConfig));

        struct Case
        {
            Platform platform;
            QString filesystem;
            QString network;
            QString home;
            std::unique_ptr<QProcess> doctor;
        };
        Case cases[] = {{Platform::Linux, QStringLiteral("restricted"), QStringLiteral("enabled"), {}, nullptr},
                        {Platform::MacOS, QStringLiteral("unrestricted"), QStringLiteral("enabled"), {}, nullptr}};

        for (Case &c : cases) {
            c.home = scratch + QLatin1String("/ws/") + platformName(c.platform) + QLatin1String("/codex-home");
            PrepareOptions options;
            options.sharedHome = shared;
            options.policyInputs.platform = c.platform;
            const Expected<PrepareResult> prepared = prepareHome(c.home, options);
            QVERIFY(prepared);
            QVERIFY(prepared->ok());
            QVERIFY(QFileInfo(c.home + QLatin1String("/auth.json")).isSymbolicLink());

            // Both doctors at once: each waits ~10 s on network checks that cannot pass here.
            c.doctor = std::make_unique<QProcess>();
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(QStringLiteral("CODEX_HOME"), c.home);
            c.doctor->setProcessEnvironment(environment);
            c.doctor->start(QStringLiteral("unshare"),
                            {QStringLiteral("-rn"), nativeCodex(), QStringLiteral("doctor"), QStringLiteral("--json")});
            QVERIFY(c.doctor->waitForStarted(10000));
        }

        for (Case &c : cases) {
            QVERIFY(c.doctor->waitForFinished(120000));
            const QByteArray out = c.doctor->readAllStandardOutput();
            const QJsonObject checks = QJsonDocument::fromJson(out).object().value(QStringLiteral("checks")).toObject();
            QVERIFY2(!checks.isEmpty(), out.left(400).constData());
            const QJsonObject load = checks.value(QStringLiteral("config.load")).toObject();
            QCOMPARE(load.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
            const QJsonObject details =
                checks.value(QStringLiteral("sandbox.helpers")).toObject().value(QStringLiteral("details")).toObject();
            QCOMPARE(details.value(QStringLiteral("filesystem sandbox")).toString(), c.filesystem);
            QCOMPARE(details.value(QStringLiteral("network sandbox")).toString(), c.network);
            // Nothing Codex printed carries the credentials either.
            QVERIFY(!out.contains(AuthSecret));

            // And inspect agrees the home is as the daemon makes it.
            InspectOptions inspect;
            inspect.sharedHome = shared;
            inspect.policyInputs.platform = c.platform;
            const HomeReport report = inspectHome(c.home, SharedHome::load(shared), inspect);
            QCOMPARE(report.block, BlockState::Current);
            QCOMPARE(report.entry(EntryAuth)->state, EntryState::Ok);
            QCOMPARE(report.entry(EntrySessions)->state, EntryState::Ok);
        }
    }
};

QTEST_GUILESS_MAIN(TestHomesRealCodex)
#include "test_homes_realcodex.moc"
