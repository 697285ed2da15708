#include "clicontext.h"
#include "clirunner.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace SandboxDoctor;

// --policy (and the saved "policy/preset" the GUI writes) choose the policy
// table; status names the preset in its text and JSON. Without a choice a
// CODEX_HOME gets the seed's table, as before presets existed.
class TestCliPolicy final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    struct Run final
    {
        int code = -1;
        QString out;
        QString err;
    };

    Run cli(QStringList arguments, const QString &savedPreset = {}) const
    {
        Run run;
        QTextStream out(&run.out), err(&run.err);
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("HOME"), m_dir.path());
        Cli::SavedSettings saved;
        saved.policyPreset = savedPreset;
        Cli::CliContext context(out, err, environment, saved);
        arguments.prepend(QStringLiteral("codex-sandbox-doctor-cli"));
        run.code = Cli::runCli(arguments, context);
        out.flush();
        err.flush();
        return run;
    }

    QStringList statusArgs(const QStringList &extra = {}) const
    {
        return QStringList{QStringLiteral("status"), QStringLiteral("--codex-home"), m_dir.path() + QLatin1String("/home"),
                           QStringLiteral("--platform"), QStringLiteral("linux"), QStringLiteral("--codex-version"),
                           QStringLiteral("0.171.0")}
               + extra;
    }

    static QJsonObject policyOf(const Run &run)
    {
        return QJsonDocument::fromJson(run.out.toUtf8()).object().value(QStringLiteral("policy")).toObject();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir().mkpath(m_dir.path() + QLatin1String("/home")));
    }

    void status_withoutAChoice_isTheSeedsTable()
    {
        const Run run = cli(statusArgs({QStringLiteral("--json")}));
        const QJsonObject policy = policyOf(run);
        QCOMPARE(policy.value(QStringLiteral("mode")).toString(), QStringLiteral("workspace-write"));
        QCOMPARE(policy.value(QStringLiteral("preset")).toString(), QStringLiteral("seed"));
        QCOMPARE(policy.value(QStringLiteral("preset_source")).toString(), QStringLiteral("default"));
        const Run text = cli(statusArgs());
        QVERIFY2(text.out.contains(QStringLiteral("preset: seed (default")), qPrintable(text.out));
    }

    void status_policyOption_choosesThePreset()
    {
        const Run run = cli(statusArgs({QStringLiteral("--json"), QStringLiteral("--policy"), QStringLiteral("multica-today")}));
        const QJsonObject policy = policyOf(run);
        QCOMPARE(policy.value(QStringLiteral("mode")).toString(), QStringLiteral("danger-full-access"));
        QCOMPARE(policy.value(QStringLiteral("preset")).toString(), QStringLiteral("multica-today"));
        QCOMPARE(policy.value(QStringLiteral("preset_source")).toString(), QStringLiteral("chosen"));
        // Before the command too, as the other common options.
        const Run before = cli(QStringList{QStringLiteral("--policy"), QStringLiteral("multica-today")} + statusArgs());
        QVERIFY2(before.out.contains(QStringLiteral("preset: multica-today (chosen)")), qPrintable(before.out + before.err));
    }

    void status_customPreset_isNamedWithItsModes()
    {
        const Run run = cli(statusArgs({QStringLiteral("--json"), QStringLiteral("--policy"),
                                        QStringLiteral("custom:linux=workspace-write")}));
        const QJsonObject policy = policyOf(run);
        QCOMPARE(policy.value(QStringLiteral("mode")).toString(), QStringLiteral("workspace-write"));
        QCOMPARE(policy.value(QStringLiteral("network_access")).toBool(), false);
        QCOMPARE(policy.value(QStringLiteral("preset")).toString(), QStringLiteral("custom"));
        QCOMPARE(policy.value(QStringLiteral("custom")).toString(), QStringLiteral("custom:linux=workspace-write"));
    }

    // The GUI's Settings save "policy/preset"; the CLI follows it unless told otherwise.
    void savedPreset_isFollowed_andTheOptionWins()
    {
        QCOMPARE(policyOf(cli(statusArgs({QStringLiteral("--json")}), QStringLiteral("multica-today")))
                     .value(QStringLiteral("preset")).toString(),
                 QStringLiteral("multica-today"));
        QCOMPARE(policyOf(cli(statusArgs({QStringLiteral("--json"), QStringLiteral("--policy"), QStringLiteral("seed")}),
                              QStringLiteral("multica-today")))
                     .value(QStringLiteral("preset")).toString(),
                 QStringLiteral("seed"));
    }

    void unknownPolicy_isAUsageError()
    {
        const Run run = cli(statusArgs({QStringLiteral("--policy"), QStringLiteral("sandbox-please")}));
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains(QStringLiteral("sandbox-please")), qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
        const Run saved = cli(statusArgs(), QStringLiteral("custom:mars=read-only"));
        QCOMPARE(saved.code, 2);
        QVERIFY2(saved.err.contains(QStringLiteral("policy/preset")), qPrintable(saved.err));
    }
};

QTEST_GUILESS_MAIN(TestCliPolicy)
#include "test_cli_policy.moc"
