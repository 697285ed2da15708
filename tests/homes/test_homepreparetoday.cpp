#include "homefixtures.h"

#include "homes/homeinspector.h"
#include "homes/homepreparer.h"
#include "homes/modelscache.h"
#include "homes/skillsconfig.h"

#include "homesnapshot.h"

#include <QCryptographicHash>
#include <QTest>

using namespace SandboxDoctor;
using namespace HomeFixtures;

// prepare --layout today against the multica daemon at v0.4.32
// (prepareCodexHomeWithOpts), and the plan a dry run shows.
class TestHomePrepareToday final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_shared;
    int m_case = 0;

    static const QByteArray &sharedConfig()
    {
        static const QByteArray config = QByteArrayLiteral("model = \"o3\"\n"
                                                           "model_instructions_file = \"prompts/gpt.md\"\n"
                                                           "\n"
                                                           "[[skills.config]]\n"
                                                           "name = \"superpowers:brainstorming\"\n"
                                                           "\n"
                                                           "[tui]\n"
                                                           "notifications = true\n");
        return config;
    }

    PrepareOptions options(HomeLayout layout = HomeLayout::Today) const
    {
        PrepareOptions o;
        o.sharedHome = m_shared;
        o.policyInputs.platform = Platform::Linux;
        o.layout = layout;
        o.backup = false;
        return o;
    }

    QString newHomePath() { return m_dir.path() + QStringLiteral("/root/ws/t%1/codex-home").arg(++m_case); }

    static const PrepareStep *stepOf(const PrepareResult &result, const QString &name)
    {
        for (const PrepareStep &step : result.steps) {
            if (step.name == name)
                return &step;
        }
        return nullptr;
    }

    // The daemon's binding, computed here from its definition (name NUL length NUL bytes).
    QByteArray expectedFingerprint() const
    {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        for (const char *name : {"config.json", "config.toml"}) {
            const QByteArray data = readFile(m_shared + QLatin1Char('/') + QLatin1String(name));
            hash.addData(QByteArray(QByteArray(name) + '\0' + QByteArray::number(data.size()) + '\0' + data));
        }
        return hash.result().toHex();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_shared = m_dir.path() + QLatin1String("/shared");
        makeSharedHome(m_shared);
        makeTodaySharedExtras(m_shared);
        QVERIFY(writeFile(m_shared + QLatin1String("/config.toml"), sharedConfig()));
    }

    void todayLayout_freshHome_asTheDaemonMakesIt()
    {
        const QString home = newHomePath();
        const Expected<PrepareResult> result = prepareHome(home, options());
        QVERIFY2(result, result ? "" : qPrintable(result.error().toText()));
        QVERIFY(result->ok());
        QCOMPARE(result->layout, HomeLayout::Today);

        QVERIFY(QFileInfo(home + QLatin1String("/sessions")).isDir());
        QVERIFY(!QFileInfo(home + QLatin1String("/sessions")).isSymbolicLink());
        QCOMPARE(QFileInfo(home + QLatin1String("/auth.json")).symLinkTarget(), m_shared + QLatin1String("/auth.json"));
        QCOMPARE(QFileInfo(home + QLatin1String("/plugins/cache")).symLinkTarget(),
                 m_shared + QLatin1String("/plugins/cache"));
        QCOMPARE(QFileInfo(home + QLatin1String("/skills/review")).symLinkTarget(),
                 m_shared + QLatin1String("/skills/review"));
        QCOMPARE(readFile(home + QLatin1String("/prompts/gpt.md")), SharedPrompt);
        QCOMPARE(readFile(home + QLatin1String("/models_cache.json")), SharedModelsCache);
        QCOMPARE(readFile(home + QLatin1String("/.models_cache_config.sha256")), expectedFingerprint() + '\n');

        // The copy has no [[skills.config]]; everything else of the user's is there.
        const QByteArray config = readFile(home + QLatin1String("/config.toml"));
        QVERIFY(!config.contains("skills.config"));
        QVERIFY(!config.contains("superpowers"));
        QVERIFY(config.contains("[tui]\nnotifications = true\n"));
        QVERIFY(config.contains("model_instructions_file = \"prompts/gpt.md\""));

        // inspect finds it healthy, in today's layout.
        InspectOptions inspect;
        inspect.sharedHome = m_shared;
        inspect.policyInputs.platform = Platform::Linux;
        const HomeReport report = inspectHome(home, SharedHome::load(m_shared), inspect);
        QCOMPARE(report.layout, HomeLayout::Today);
        QCOMPARE(report.block, BlockState::Current);
        QVERIFY(report.status() == Severity::Info);
    }

    void todayLayout_secondRunChangesNothing()
    {
        const QString home = newHomePath();
        QVERIFY(prepareHome(home, options()));
        const auto before = snapshot(home);
        const Expected<PrepareResult> again = prepareHome(home, options());
        QVERIFY(again && again->ok());
        for (const PrepareStep &step : again->steps)
            QVERIFY2(step.action == PrepareAction::Kept, qPrintable(step.name + QLatin1String(": ") + step.detail));
        QVERIFY(again->block && !again->block->written);
        QCOMPARE(snapshot(home), before);
    }

    // A reused home keeps the model list Codex fetched there: no seed, no binding.
    void todayLayout_existingHomeKeepsItsModelsCache()
    {
        const QString home = newHomePath();
        QVERIFY(QDir().mkpath(home));
        const Expected<PrepareResult> result = prepareHome(home, options());
        QVERIFY(result && result->ok());
        QVERIFY(!QFileInfo::exists(home + QLatin1String("/models_cache.json")));
        QVERIFY(!QFileInfo::exists(home + QLatin1String("/.models_cache_config.sha256")));
    }

    // A folder of the task's own where a link would go is never replaced.
    void todayLayout_keepsTheTasksOwnFolders()
    {
        const QString home = newHomePath();
        QVERIFY(QDir().mkpath(home + QLatin1String("/skills/review")));
        QVERIFY(writeFile(home + QLatin1String("/skills/review/SKILL.md"), QByteArrayLiteral("# mine\n")));
        const Expected<PrepareResult> result = prepareHome(home, options());
        QVERIFY(result);
        QCOMPARE(stepOf(*result, QStringLiteral("skills/review"))->action, PrepareAction::Kept);
        QCOMPARE(readFile(home + QLatin1String("/skills/review/SKILL.md")), QByteArrayLiteral("# mine\n"));
    }

    // plugins planted as a link out of the home: nothing is made through it.
    void todayLayout_doesNotWriteThroughAPlantedFolderLink()
    {
        const QString home = newHomePath();
        const QString outside = m_dir.path() + QStringLiteral("/elsewhere-%1").arg(m_case);
        QVERIFY(QDir().mkpath(outside));
        QVERIFY(QDir().mkpath(home));
        QVERIFY(QFile::link(outside, home + QLatin1String("/plugins")));
        const Expected<PrepareResult> result = prepareHome(home, options());
        QVERIFY(result);
        QCOMPARE(stepOf(*result, QStringLiteral("plugins/cache"))->action, PrepareAction::Failed);
        QVERIFY(QDir(outside).isEmpty());
    }

    void seedLayout_isStillTheDefault()
    {
        const QString home = newHomePath();
        PrepareOptions o = options();
        o.layout = PrepareOptions().layout;
        const Expected<PrepareResult> result = prepareHome(home, o);
        QVERIFY(result && result->ok());
        QCOMPARE(QFileInfo(home + QLatin1String("/sessions")).symLinkTarget(), m_shared + QLatin1String("/sessions"));
        QVERIFY(!QFileInfo::exists(home + QLatin1String("/plugins")));
        QVERIFY(!QFileInfo::exists(home + QLatin1String("/models_cache.json")));
        // The seed's daemon copies config.toml as it is.
        QVERIFY(readFile(home + QLatin1String("/config.toml")).contains("[[skills.config]]"));
        // What it names is copied in both layouts: Codex 0.171 does not start without it.
        QCOMPARE(readFile(home + QLatin1String("/prompts/gpt.md")), SharedPrompt);
    }

    // A dry run is a plan: every step says what it would do, the block shows
    // its edit, and the disk is as it was.
    void dryRun_writesNothing_andShowsThePlan()
    {
        const QString home = newHomePath();
        makeDaemonHome(home, m_shared, QByteArrayLiteral("model = \"o3\"\n"));
        QVERIFY(QFile::remove(home + QLatin1String("/auth.json")));
        QVERIFY(QFile::link(m_dir.path() + QLatin1String("/gone/auth.json"), home + QLatin1String("/auth.json")));
        const auto before = snapshot(home);
        PrepareOptions o = options(HomeLayout::Seed);
        o.dryRun = true;
        const Expected<PrepareResult> plan = prepareHome(home, o);
        QVERIFY(plan);
        QVERIFY(plan->dryRun);
        QCOMPARE(snapshot(home), before);
        const PrepareStep *auth = stepOf(*plan, QStringLiteral("auth.json"));
        QCOMPARE(auth->action, PrepareAction::Replaced);
        QVERIFY(auth->detail.contains(QStringLiteral("would")));
        QVERIFY(plan->block);
        QVERIFY(plan->block->edit.changed);
        QVERIFY(!plan->block->written);
        QVERIFY(plan->block->edit.after.startsWith(renderManagedBlock(linuxPolicy())));

        // A home that does not exist yet is planned too, and still not made.
        const QString fresh = newHomePath();
        const Expected<PrepareResult> freshPlan = prepareHome(fresh, o);
        QVERIFY(freshPlan && freshPlan->createdHome);
        QVERIFY(!QFileInfo::exists(fresh));
        QVERIFY(freshPlan->block && freshPlan->block->edit.after.contains("[tui]"));
    }

    // The GUI asks before moving an auth.json link; "keep" keeps it.
    void relinkAuthFalse_keepsAWrongLink()
    {
        const QString home = newHomePath();
        makeDaemonHome(home, m_shared);
        const QString other = m_dir.path() + QLatin1String("/other-auth.json");
        QVERIFY(writeFile(other, QByteArrayLiteral("{}")));
        QVERIFY(QFile::remove(home + QLatin1String("/auth.json")));
        QVERIFY(QFile::link(other, home + QLatin1String("/auth.json")));
        PrepareOptions o = options(HomeLayout::Seed);
        o.relinkAuth = false;
        const Expected<PrepareResult> result = prepareHome(home, o);
        QVERIFY(result);
        const PrepareStep *auth = stepOf(*result, QStringLiteral("auth.json"));
        QCOMPARE(auth->action, PrepareAction::Kept);
        QVERIFY(auth->warning.contains(other));
        QCOMPARE(QFileInfo(home + QLatin1String("/auth.json")).symLinkTarget(), other);
    }

    void skillsConfigStrip_keepsEverythingElse()
    {
        QCOMPARE(withoutSkillsConfig(sharedConfig()),
                 QByteArrayLiteral("model = \"o3\"\nmodel_instructions_file = \"prompts/gpt.md\"\n\n"
                                   "[tui]\nnotifications = true\n"));
        const QByteArray none = QByteArrayLiteral("[skills]\nx = 1\n");
        QCOMPARE(withoutSkillsConfig(none), none);
        // A header-looking line inside a multi-line string is content, not a table.
        const QByteArray quoted = QByteArrayLiteral("a = \"\"\"\n[[skills.config]]\n\"\"\"\n");
        QCOMPARE(withoutSkillsConfig(quoted), quoted);
        QCOMPARE(withoutSkillsConfig(QByteArrayLiteral("x = 1\n[[skills.config]]\nname = \"a\"\n\n\n")),
                 QByteArrayLiteral("x = 1\n"));
    }

    void modelsCacheFingerprint_followsTheDaemonsDefinition()
    {
        const Expected<QByteArray> fingerprint = modelsCacheFingerprint(m_shared);
        QVERIFY(fingerprint);
        QCOMPARE(*fingerprint, expectedFingerprint());
        // With model_catalog_json, its bytes are part of it.
        const QString shared = m_dir.path() + QLatin1String("/catalog-shared");
        QVERIFY(writeFile(shared + QLatin1String("/config.toml"), QByteArrayLiteral("model_catalog_json = \"cat.json\"\n")));
        QVERIFY(writeFile(shared + QLatin1String("/cat.json"), QByteArrayLiteral("[]")));
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(QByteArrayLiteral("config.json\0missing\0"));
        const QByteArray toml = readFile(shared + QLatin1String("/config.toml"));
        hash.addData(QByteArray(QByteArray("config.toml") + '\0' + QByteArray::number(toml.size()) + '\0' + toml));
        hash.addData(QByteArrayLiteral("model_catalog_json\0" "2\0[]"));
        QCOMPARE(*modelsCacheFingerprint(shared), hash.result().toHex());
    }
};

QTEST_GUILESS_MAIN(TestHomePrepareToday)
#include "test_homepreparetoday.moc"
