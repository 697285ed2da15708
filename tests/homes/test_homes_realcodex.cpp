#include "homefixtures.h"

#include "homes/homeinspector.h"
#include "homes/homepreparer.h"
#include "homes/homewriteguard.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <memory>
#include <utility>
#include <vector>

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

// A shared config.toml as Codex Desktop leaves it for today's daemon: an
// instructions file named relative to CODEX_HOME, and a plugin-backed skill
// entry without `path`, which Codex 0.171 refuses ("invalid data") unless the
// copy drops [[skills.config]] as the daemon does.
const QByteArray SharedTodayConfig = QByteArrayLiteral("model = \"o3\"\n"
                                                       "model_instructions_file = \"prompts/gpt.md\"\n"
                                                       "\n"
                                                       "[[skills.config]]\n"
                                                       "name = \"superpowers:brainstorming\"\n");

// `codex doctor --json` for one CODEX_HOME, in a private network namespace and
// without the network checks' timeouts: every proxy and the provider point at
// a closed loopback port, which answers at once (its config and sandbox checks
// are unchanged by that).
std::unique_ptr<QProcess> startDoctor(const QString &home)
{
    auto doctor = std::make_unique<QProcess>();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("CODEX_HOME"), home);
    for (const char *name : {"HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy", "ALL_PROXY"})
        environment.insert(QLatin1String(name), QStringLiteral("http://127.0.0.1:9"));
    environment.remove(QStringLiteral("NO_PROXY"));
    doctor->setProcessEnvironment(environment);
    doctor->start(QStringLiteral("unshare"), {QStringLiteral("-rn"), nativeCodex(), QStringLiteral("doctor"),
                                              QStringLiteral("--json"), QStringLiteral("-c"),
                                              QStringLiteral("openai_base_url=\"http://127.0.0.1:9/v1\"")});
    return doctor;
}

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

    // Homes in both layouts, built from fixtures as each daemon leaves them,
    // then written by this app every way it writes them (Repair in the home's
    // own layout, Apply of the policy the home is judged by, prepare of a new
    // home in each layout): Codex 0.171 loads every one, with the sandbox that
    // policy asks for.
    void codexDoctor_loadsEveryConfigWrittenInBothLayouts()
    {
        QVERIFY2(QFileInfo(nativeCodex()).isExecutable(), qPrintable(nativeCodex()));
        const QString scratch = qEnvironmentVariable("SANDBOXDOCTOR_SCRATCH_DIR") + QLatin1String("/layouts");
        QVERIFY(!scratch.startsWith(QLatin1String("/tmp/")));
        QDir(scratch).removeRecursively();
        const QString seedShared = scratch + QLatin1String("/seed-shared");
        makeSharedHome(seedShared);
        QVERIFY(writeFile(seedShared + QLatin1String("/config.toml"), SharedUserConfig));
        const QString todayShared = scratch + QLatin1String("/today-shared");
        makeSharedHome(todayShared);
        makeTodaySharedExtras(todayShared);
        QVERIFY(writeFile(todayShared + QLatin1String("/config.toml"), SharedTodayConfig));

        struct Case
        {
            QString name;
            QString shared;
            QString home;
            HomeReport report;  // inspect's view after the write
            std::unique_ptr<QProcess> doctor;
        };
        std::vector<Case> cases;
        auto home = [&](const QString &name) -> QString { return scratch + QLatin1String("/root/ws/") + name + QLatin1String("/codex-home"); };
        auto inspect = [](const QString &path, const QString &shared) {
            InspectOptions options;
            options.sharedHome = shared;
            options.policyInputs.platform = Platform::Linux;
            return inspectHome(path, SharedHome::load(shared), options);
        };
        auto prepare = [](const QString &path, const QString &shared, HomeLayout layout) {
            PrepareOptions options;
            options.sharedHome = shared;
            options.policyInputs.platform = Platform::Linux;
            options.layout = layout;
            return prepareHome(path, options);
        };

        // Repair each fixture in the layout it has, against the preset it is judged by.
        makeDaemonHome(home(QStringLiteral("seed-repaired")), seedShared, QByteArrayLiteral("model = \"o3\"\n"));
        QVERIFY(QFile::remove(home(QStringLiteral("seed-repaired")) + QLatin1String("/auth.json")));
        makeTodayHome(home(QStringLiteral("today-repaired")), todayShared);
        QVERIFY(QFile::remove(home(QStringLiteral("today-repaired")) + QLatin1String("/auth.json")));
        for (const QString &name : {QStringLiteral("seed-repaired"), QStringLiteral("today-repaired")}) {
            const QString shared = name.startsWith(QLatin1String("seed")) ? seedShared : todayShared;
            const HomeReport before = inspect(home(name), shared);
            const Expected<PrepareResult> repaired = prepare(home(name), shared, before.layout);
            QVERIFY2(repaired && repaired->ok(), qPrintable(name));
            cases.push_back({name, shared, home(name), {}, nullptr});
        }
        // Apply the judged policy to each fixture's config.toml.
        makeDaemonHome(home(QStringLiteral("seed-applied")), seedShared, QByteArrayLiteral("model = \"o3\"\n"));
        makeTodayHome(home(QStringLiteral("today-applied")), todayShared);
        for (const QString &name : {QStringLiteral("seed-applied"), QStringLiteral("today-applied")}) {
            const QString shared = name.startsWith(QLatin1String("seed")) ? seedShared : todayShared;
            ApplyOptions apply;
            apply.backup = false;
            QVERIFY2(applyHomeBlock(home(name), inspect(home(name), shared).policy, apply), qPrintable(name));
            cases.push_back({name, shared, home(name), {}, nullptr});
        }
        // New homes in each layout.
        QVERIFY(prepare(home(QStringLiteral("seed-new")), seedShared, HomeLayout::Seed));
        cases.push_back({QStringLiteral("seed-new"), seedShared, home(QStringLiteral("seed-new")), {}, nullptr});
        QVERIFY(prepare(home(QStringLiteral("today-new")), todayShared, HomeLayout::Today));
        cases.push_back({QStringLiteral("today-new"), todayShared, home(QStringLiteral("today-new")), {}, nullptr});

        for (Case &c : cases) {
            c.report = inspect(c.home, c.shared);
            c.doctor = startDoctor(c.home);
            QVERIFY(c.doctor->waitForStarted(10000));
        }
        for (Case &c : cases) {
            QVERIFY(c.doctor->waitForFinished(120000));
            const QByteArray out = c.doctor->readAllStandardOutput();
            const QJsonObject checks = QJsonDocument::fromJson(out).object().value(QStringLiteral("checks")).toObject();
            QVERIFY2(!checks.isEmpty(), qPrintable(c.name + QLatin1String(": ") + QString::fromUtf8(out.left(400))));
            const QJsonObject load = checks.value(QStringLiteral("config.load")).toObject();
            // "warning" is a file that loads with a startup warning (0.171 calls
            // [features].multi_agent deprecated); "fail" is one Codex refuses.
            const QString status = load.value(QStringLiteral("status")).toString();
            QVERIFY2(status == QLatin1String("ok") || status == QLatin1String("warning"),
                     qPrintable(c.name + QLatin1String(": ") + QString::fromUtf8(QJsonDocument(load).toJson())));
            QCOMPARE(load.value(QStringLiteral("details")).toObject().value(QStringLiteral("config.toml parse")).toString(),
                     QStringLiteral("ok"));
            const QJsonObject details =
                checks.value(QStringLiteral("sandbox.helpers")).toObject().value(QStringLiteral("details")).toObject();
            const bool full = c.report.policy.mode == SandboxMode::DangerFullAccess;
            QCOMPARE(details.value(QStringLiteral("filesystem sandbox")).toString(),
                     full ? QStringLiteral("unrestricted") : QStringLiteral("restricted"));
            QCOMPARE(details.value(QStringLiteral("network sandbox")).toString(), QStringLiteral("enabled"));
            QVERIFY(!out.contains(AuthSecret));
            // Each home was written in the layout it now shows, under its daemon's preset.
            QCOMPARE(c.report.layout, c.name.startsWith(QLatin1String("seed")) ? HomeLayout::Seed : HomeLayout::Today);
            if (c.name == QLatin1String("today-repaired") || c.name == QLatin1String("today-applied"))
                QCOMPARE(c.report.policy.preset, PolicyPreset::MulticaToday);
            QVERIFY2(c.report.entry(EntryAuth)->state == EntryState::Ok, qPrintable(c.name));
        }
    }

    // Issue #11.1 for homes: the sandbox inspect says Codex will run in a home
    // is the one the real Codex 0.171 reports there, for a home as each daemon
    // makes it and for homes whose own default_permissions defeats the block
    // (those are sandbox-overridden, naming the line).
    void codexDoctor_agreesWithEachHomesEffectiveSandbox()
    {
        QVERIFY2(QFileInfo(nativeCodex()).isExecutable(), qPrintable(nativeCodex()));
        const QString scratch = qEnvironmentVariable("SANDBOXDOCTOR_SCRATCH_DIR") + QLatin1String("/effective");
        QVERIFY(!scratch.startsWith(QLatin1String("/tmp/")));
        QDir(scratch).removeRecursively();
        const QString shared = scratch + QLatin1String("/shared");
        makeSharedHome(shared);

        struct Case
        {
            QString name;
            bool overridden;
            HomeReport report;
            std::unique_ptr<QProcess> doctor;
        };
        std::vector<Case> cases;
        auto home = [&](const QString &name) -> QString { return scratch + QLatin1String("/root/ws/") + name + QLatin1String("/codex-home"); };
        makeDaemonHome(home(QStringLiteral("seed")), shared);
        makeDaemonHome(home(QStringLiteral("seed-workspace")), shared,
                       currentConfig(QByteArrayLiteral("model = \"o3\"\ndefault_permissions = \":workspace\"\n")));
        makeTodayHome(home(QStringLiteral("today")), shared, todayConfig());
        makeTodayHome(home(QStringLiteral("today-read-only")), shared,
                      todayConfig(QByteArrayLiteral("default_permissions = \":read-only\"\n")));
        for (const auto &[name, overridden] : {std::pair{QStringLiteral("seed"), false},
                                               std::pair{QStringLiteral("seed-workspace"), true},
                                               std::pair{QStringLiteral("today"), false},
                                               std::pair{QStringLiteral("today-read-only"), true}}) {
            InspectOptions options;
            options.sharedHome = shared;
            options.policyInputs.platform = Platform::Linux;
            options.policyInputs.codexVersion = Version(0, 171, 0);
            cases.push_back({name, overridden, inspectHome(home(name), SharedHome::load(shared), options),
                             startDoctor(home(name))});
            QVERIFY(cases.back().doctor->waitForStarted(10000));
        }
        for (Case &c : cases) {
            QVERIFY(c.doctor->waitForFinished(120000));
            const QByteArray out = c.doctor->readAllStandardOutput();
            const QJsonObject checks = QJsonDocument::fromJson(out).object().value(QStringLiteral("checks")).toObject();
            QVERIFY2(!checks.isEmpty(), qPrintable(c.name + QLatin1String(": ") + QString::fromUtf8(out.left(400))));
            const QJsonObject details =
                checks.value(QStringLiteral("sandbox.helpers")).toObject().value(QStringLiteral("details")).toObject();
            QVERIFY2(c.report.effective && c.report.effective->runs(), qPrintable(c.name));
            QCOMPARE(details.value(QStringLiteral("filesystem sandbox")).toString(),
                     filesystemSandboxName(c.report.effective->filesystem));
            QCOMPARE(details.value(QStringLiteral("network sandbox")).toString(),
                     networkSandboxName(c.report.effective->network));
            QCOMPARE(c.report.effectiveMatchesPolicy, !c.overridden);
            bool named = false;
            for (const Finding &f : c.report.findings)
                named = named || (f.code == FindingCode::SandboxOverridden && f.severity == Severity::Error && f.line > 0);
            QVERIFY2(named == c.overridden, qPrintable(c.name));
        }
    }
};

QTEST_GUILESS_MAIN(TestHomesRealCodex)
#include "test_homes_realcodex.moc"
