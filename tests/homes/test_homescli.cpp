#include "homefixtures.h"

#include "clicontext.h"
#include "clirunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace SandboxDoctor;
using namespace HomeFixtures;

// `inspect` and `prepare` driven through the CLI, in process, as a script would.
class TestHomesCli final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_shared;
    QString m_root;

    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };

    Run cli(QStringList arguments, const QString &workspacesRoot = {}) const
    {
        Run run;
        QTextStream out(&run.out);
        QTextStream err(&run.err);
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("HOME"), m_dir.path());
        environment.insert(QStringLiteral("CODEX_HOME"), m_shared);
        if (!workspacesRoot.isEmpty())
            environment.insert(QStringLiteral("MULTICA_WORKSPACES_ROOT"), workspacesRoot);
        Cli::CliContext context(out, err, environment);
        arguments.prepend(QStringLiteral("codex-sandbox-doctor-cli"));
        run.code = Cli::runCli(arguments, context);
        out.flush();
        err.flush();
        return run;
    }

private slots:
    // runCli's first pass holds every command's options: ours must not be
    // defined twice (QCommandLineParser would warn on every run).
    void init() { QTest::failOnWarning(QRegularExpression(QStringLiteral("QCommandLineParser"))); }

    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_shared = m_dir.path() + QLatin1String("/shared");
        m_root = m_dir.path() + QLatin1String("/root");
        makeSharedHome(m_shared);
        makeDaemonHome(m_root + QLatin1String("/ws/t1/codex-home"), m_shared);
        makeDaemonHome(m_root + QLatin1String("/ws/t2/codex-home"), m_shared);
    }

    void inspect_jsonOfAHealthyRootExitsZero()
    {
        const Run run = cli({QStringLiteral("inspect"), m_root, QStringLiteral("--json"),
                             QStringLiteral("--platform"), QStringLiteral("linux")});
        QCOMPARE(run.code, 0);
        const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("root")).toString(), m_root);
        QCOMPARE(json.value(QStringLiteral("homes")).toArray().size(), 2);
        QCOMPARE(json.value(QStringLiteral("summary")).toObject().value(QStringLiteral("ok")).toInt(), 2);
        // --shared-home defaults to --codex-home, itself defaulting to $CODEX_HOME.
        const QJsonObject auth = json.value(QStringLiteral("homes")).toArray().at(0).toObject()
                                     .value(QStringLiteral("entries")).toArray().at(0).toObject();
        QCOMPARE(auth.value(QStringLiteral("state")).toString(), QStringLiteral("ok"));
    }

    void inspect_withoutPathScansTheWorkspacesRoot()
    {
        const Run run = cli({QStringLiteral("inspect"), QStringLiteral("--json"), QStringLiteral("--platform"),
                             QStringLiteral("linux")},
                            m_root);
        QCOMPARE(run.code, 0);
        QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).object().value(QStringLiteral("root")).toString(), m_root);
        // Without the variable: ~/multica_workspaces (HOME is the temporary folder here, so it is missing).
        const Run fallback = cli({QStringLiteral("inspect")});
        QVERIFY(fallback.code != 0);
        QVERIFY(fallback.err.contains(m_dir.path() + QLatin1String("/multica_workspaces")));
    }

    void inspect_errorExitsOne()
    {
        const QString home = m_root + QLatin1String("/ws/t3/codex-home");
        makeDaemonHome(home, m_shared);
        QVERIFY(QFile::remove(home + QLatin1String("/sessions")));
        QVERIFY(QFile::link(m_dir.path() + QLatin1String("/gone"), home + QLatin1String("/sessions")));
        const Run run = cli({QStringLiteral("inspect"), m_root, QStringLiteral("--platform"), QStringLiteral("linux")});
        QCOMPARE(run.code, 1);
        QVERIFY(run.out.contains(QStringLiteral("sessions-link-broken")));
        QVERIFY(run.out.contains(QStringLiteral("3 homes: 2 ok, 0 warning, 1 error")));
        QVERIFY(QFile::remove(home + QLatin1String("/sessions")));
        QVERIFY(QFile::link(m_shared + QLatin1String("/sessions"), home + QLatin1String("/sessions")));
    }

    void inspect_otherSharedHomeMakesLinksWrong()
    {
        const QString other = m_dir.path() + QLatin1String("/other-shared");
        makeSharedHome(other);
        const Run run = cli({QStringLiteral("inspect"), m_root + QLatin1String("/ws/t1/codex-home"),
                             QStringLiteral("--shared-home"), other, QStringLiteral("--json"),
                             QStringLiteral("--platform"), QStringLiteral("linux")});
        QCOMPARE(run.code, 0);  // wrong targets are warnings
        const QJsonObject home = QJsonDocument::fromJson(run.out.toUtf8()).object()
                                     .value(QStringLiteral("homes")).toArray().at(0).toObject();
        QCOMPARE(home.value(QStringLiteral("status")).toString(), QStringLiteral("warning"));
        QCOMPARE(home.value(QStringLiteral("task")).toString(), QStringLiteral("t1"));
    }

    void inspect_macosPolicyMakesBlocksStale()
    {
        const Run run = cli({QStringLiteral("inspect"), m_root, QStringLiteral("--json"),
                             QStringLiteral("--platform"), QStringLiteral("macos"),
                             QStringLiteral("--codex-version"), QStringLiteral("0.171.0")});
        const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("policy")).toObject().value(QStringLiteral("mode")).toString(),
                 QStringLiteral("danger-full-access"));
        QCOMPARE(json.value(QStringLiteral("homes")).toArray().at(0).toObject().value(QStringLiteral("block")).toString(),
                 QStringLiteral("stale"));
    }

    // Issue #11.1: every home of inspect --json carries status's `effective`
    // object; a home whose default_permissions defeats its block is an error,
    // and the text says "Codex will run: …" for it.
    void inspect_effectivePerHome_jsonAndText()
    {
        QTemporaryDir dir;
        const QString root = dir.path() + QLatin1String("/root");
        makeDaemonHome(root + QLatin1String("/ws/good/codex-home"), m_shared);
        const QByteArray overridden = currentConfig(QByteArrayLiteral("default_permissions = \":read-only\"\n"));
        const int line = int(overridden.left(overridden.indexOf("default_permissions")).count('\n')) + 1;
        makeDaemonHome(root + QLatin1String("/ws/bad/codex-home"), m_shared, overridden);
        const QStringList common{QStringLiteral("--platform"), QStringLiteral("linux"), QStringLiteral("--codex-version"),
                                 QStringLiteral("0.171.0")};

        const Run json = cli(QStringList{QStringLiteral("inspect"), root, QStringLiteral("--json")} + common);
        QCOMPARE(json.code, 1);
        QJsonObject bad;
        QJsonObject good;
        for (const QJsonValue &value : QJsonDocument::fromJson(json.out.toUtf8()).object().value(QStringLiteral("homes")).toArray()) {
            const QJsonObject home = value.toObject();
            (home.value(QStringLiteral("task")).toString() == QLatin1String("bad") ? bad : good) = home;
        }
        const QJsonObject goodEffective = good.value(QStringLiteral("effective")).toObject();
        QCOMPARE(goodEffective.value(QStringLiteral("matches_policy")).toBool(), true);
        QCOMPARE(goodEffective.value(QStringLiteral("network")).toString(), QStringLiteral("enabled"));
        QCOMPARE(goodEffective.value(QStringLiteral("may_differ")).toBool(), false);  // --codex-version reached it
        const QJsonObject badEffective = bad.value(QStringLiteral("effective")).toObject();
        for (const char *key : {"runs", "filesystem", "network", "decided_by", "setting", "matches_policy", "text"})
            QVERIFY2(badEffective.contains(QLatin1String(key)), key);
        QCOMPARE(badEffective.value(QStringLiteral("matches_policy")).toBool(), false);
        QCOMPARE(badEffective.value(QStringLiteral("setting")).toObject().value(QStringLiteral("line")).toInt(), line);
        QCOMPARE(bad.value(QStringLiteral("status")).toString(), QStringLiteral("error"));
        bool named = false;
        for (const QJsonValue &f : bad.value(QStringLiteral("findings")).toArray())
            named = named || (f.toObject().value(QStringLiteral("code")).toString() == QLatin1String("sandbox-overridden")
                              && f.toObject().value(QStringLiteral("line")).toInt() == line);
        QVERIFY2(named, qPrintable(json.out));

        const Run text = cli(QStringList{QStringLiteral("inspect"), root} + common);
        QCOMPARE(text.code, 1);
        QVERIFY2(text.out.contains(QStringLiteral("  Codex will run: filesystem restricted, network restricted — "
                                                  "decided by default_permissions = \":read-only\" (line %1)")
                                       .arg(line)),
                 qPrintable(text.out));
    }

    void inspect_missingRootFails()
    {
        const Run run = cli({QStringLiteral("inspect"), m_dir.path() + QLatin1String("/absent")});
        QVERIFY(run.code != 0);
        QVERIFY(run.err.contains(QStringLiteral("absent")));
        QVERIFY(run.out.isEmpty());
    }

    void prepare_createsAHomeAndReportsEachEntry()
    {
        const QString home = m_root + QLatin1String("/ws/new/codex-home");
        const Run run = cli({QStringLiteral("prepare"), QStringLiteral("--codex-home"), home,
                             QStringLiteral("--shared-home"), m_shared, QStringLiteral("--no-backup"),
                             QStringLiteral("--platform"), QStringLiteral("linux")});
        QCOMPARE(run.code, 0);
        for (const char *name : {"sessions", "auth.json", "config.json", "config.toml", "instructions.md"})
            QVERIFY2(run.out.contains(QLatin1String(name)), name);
        QVERIFY(run.out.contains(QStringLiteral("created")));
        QVERIFY(QFileInfo(home + QLatin1String("/auth.json")).isSymbolicLink());
        const Run again = cli({QStringLiteral("prepare"), QStringLiteral("--codex-home"), home, QStringLiteral("--json"),
                               QStringLiteral("--platform"), QStringLiteral("linux")});
        QCOMPARE(again.code, 0);
        const QJsonObject json = QJsonDocument::fromJson(again.out.toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("block")).toObject().value(QStringLiteral("written")).toBool(), false);
        for (const QJsonValue &step : json.value(QStringLiteral("steps")).toArray())
            QCOMPARE(step.toObject().value(QStringLiteral("action")).toString(), QStringLiteral("kept"));
    }

    // --policy reaches inspect: every home judged by the chosen preset, and the JSON says so.
    void inspect_policyOptionJudgesEveryHome()
    {
        const Run run = cli({QStringLiteral("inspect"), m_root, QStringLiteral("--json"), QStringLiteral("--platform"),
                             QStringLiteral("linux"), QStringLiteral("--policy"), QStringLiteral("multica-today")});
        const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
        const QJsonObject policy = json.value(QStringLiteral("policy")).toObject();
        QCOMPARE(policy.value(QStringLiteral("preset")).toString(), QStringLiteral("multica-today"));
        QCOMPARE(policy.value(QStringLiteral("preset_source")).toString(), QStringLiteral("chosen"));
        for (const QJsonValue &home : json.value(QStringLiteral("homes")).toArray()) {
            QCOMPARE(home.toObject().value(QStringLiteral("preset")).toString(), QStringLiteral("multica-today"));
            QCOMPARE(home.toObject().value(QStringLiteral("block")).toString(), QStringLiteral("stale"));
        }
        const Run text = cli({QStringLiteral("inspect"), m_root, QStringLiteral("--platform"), QStringLiteral("linux"),
                              QStringLiteral("--policy"), QStringLiteral("multica-today")});
        QVERIFY2(text.out.contains(QStringLiteral("Preset:  multica-today (chosen)")), qPrintable(text.out));
    }

    void prepare_layoutToday_andDryRun()
    {
        const QString home = m_root + QLatin1String("/ws/today/codex-home");
        const Run plan = cli({QStringLiteral("prepare"), QStringLiteral("--codex-home"), home, QStringLiteral("--shared-home"),
                              m_shared, QStringLiteral("--layout"), QStringLiteral("today"), QStringLiteral("--dry-run"),
                              QStringLiteral("--platform"), QStringLiteral("linux")});
        QCOMPARE(plan.code, 0);
        QVERIFY2(plan.out.contains(QStringLiteral("nothing was written")), qPrintable(plan.out));
        QVERIFY(plan.out.contains(QStringLiteral("+# BEGIN multica-managed")));  // the block's diff
        QVERIFY(!QFileInfo::exists(home));

        const Run made = cli({QStringLiteral("prepare"), QStringLiteral("--codex-home"), home, QStringLiteral("--shared-home"),
                              m_shared, QStringLiteral("--layout"), QStringLiteral("today"), QStringLiteral("--json"),
                              QStringLiteral("--platform"), QStringLiteral("linux")});
        QCOMPARE(made.code, 0);
        const QJsonObject json = QJsonDocument::fromJson(made.out.toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("layout")).toString(), QStringLiteral("today"));
        QCOMPARE(json.value(QStringLiteral("preset")).toString(), QStringLiteral("seed"));
        QVERIFY(QFileInfo(home + QLatin1String("/sessions")).isDir());
        QVERIFY(!QFileInfo(home + QLatin1String("/sessions")).isSymbolicLink());

        const Run wrong = cli({QStringLiteral("prepare"), QStringLiteral("--codex-home"), home, QStringLiteral("--layout"),
                               QStringLiteral("tomorrow")});
        QCOMPARE(wrong.code, 2);
        QVERIFY(wrong.err.contains(QStringLiteral("tomorrow")));
    }

    // A planted config.toml link: refused (exit 3, nothing written through it)
    // until --replace-links says to replace it.
    void prepare_plantedLink_refusedThenReplacedOnRequest()
    {
        const QString home = m_root + QLatin1String("/ws/planted/codex-home");
        makeDaemonHome(home, m_shared);
        const QString outside = m_dir.path() + QLatin1String("/dotfile");
        QVERIFY(writeFile(outside, QByteArrayLiteral("export X=1\n")));
        QVERIFY(QFile::remove(home + QLatin1String("/config.toml")));
        QVERIFY(QFile::link(outside, home + QLatin1String("/config.toml")));
        const QStringList args{QStringLiteral("prepare"), QStringLiteral("--codex-home"), home, QStringLiteral("--shared-home"),
                               m_shared, QStringLiteral("--no-backup"), QStringLiteral("--platform"), QStringLiteral("linux")};
        const Run refused = cli(args);
        QCOMPARE(refused.code, 3);
        QVERIFY2(refused.out.contains(outside), qPrintable(refused.out));
        QCOMPARE(readFile(outside), QByteArrayLiteral("export X=1\n"));
        const Run replaced = cli(args + QStringList{QStringLiteral("--replace-links")});
        QCOMPARE(replaced.code, 0);
        QCOMPARE(readFile(outside), QByteArrayLiteral("export X=1\n"));
        QVERIFY(!QFileInfo(home + QLatin1String("/config.toml")).isSymbolicLink());
    }

    void prepare_needsACodexHome()
    {
        const Run run = cli({QStringLiteral("prepare")});
        QCOMPARE(run.code, 2);
        QVERIFY(run.err.contains(QStringLiteral("--codex-home")));
    }

    void prepare_refusesTheSharedHome()
    {
        const Run run = cli({QStringLiteral("prepare"), QStringLiteral("--codex-home"), m_shared});
        QCOMPARE(run.code, 3);
    }
};

QTEST_GUILESS_MAIN(TestHomesCli)
#include "test_homescli.moc"
