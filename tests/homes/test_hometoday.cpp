#include "homefixtures.h"

#include "homes/homefindings.h"
#include "homes/homeinspector.h"
#include "homes/homesreport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace SandboxDoctor;
using namespace HomeFixtures;

// A per-task home in today's layout (the multica daemon at v0.4.32) is
// healthy: each thing it adds is listed with what it is, and none is a
// warning by itself. And what a broken one looks like: a missing auth.json,
// a missing instructions file, a config that does not parse.
class TestHomeToday final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_shared;
    int m_case = 0;

    InspectOptions options() const
    {
        InspectOptions o;
        o.sharedHome = m_shared;
        o.policyInputs.platform = Platform::Linux;
        return o;
    }

    HomeReport inspect(const QString &home) const { return inspectHome(home, SharedHome::load(m_shared), options()); }

    QString todayHome()
    {
        const QString home = m_dir.path() + QStringLiteral("/root/ws/t%1/codex-home").arg(++m_case);
        makeTodayHome(home, m_shared);
        return home;
    }

    static QStringList problems(const HomeReport &report)
    {
        QStringList list;
        for (const Finding &f : report.findings) {
            if (f.severity != Severity::Info)
                list += f.code + QStringLiteral(": ") + f.message;
        }
        return list;
    }

    // Findings about the home's entries, leaving out what the edit engine says
    // about config.toml's text (its named blocks are the engine's to read).
    static QStringList entryProblems(const HomeReport &report)
    {
        static const QStringList configCodes{
            QString(FindingCode::ConfigMissing),  QString(FindingCode::ConfigInvalid),
            QString(FindingCode::BlockAbsent),    QString(FindingCode::BlockStale),
            QString(FindingCode::BlockDamaged),   QString(FindingCode::BlockMisplaced),
            QString(FindingCode::LegacyDirective), QString(FindingCode::SandboxKeyTrapped),
            QString(FindingCode::PermissionsProfileConflict), QString(FindingCode::DaemonWillCorrupt)};
        QStringList list;
        for (const QString &problem : problems(report)) {
            if (!configCodes.contains(problem.section(QLatin1Char(':'), 0, 0)))
                list += problem;
        }
        return list;
    }

    static const Finding *findingOf(const HomeReport &report, QLatin1String code)
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
        makeTodaySharedExtras(m_shared);
    }

    void todayLayout_isHealthy_andEveryEntryIsListed()
    {
        const HomeReport report = inspect(todayHome());
        QVERIFY2(entryProblems(report).isEmpty(), qPrintable(entryProblems(report).join(QLatin1Char('\n'))));
        QCOMPARE(report.layout, HomeLayout::Today);
        QCOMPARE(report.entry(EntrySessions)->state, EntryState::Local);
        QCOMPARE(report.entry(EntryAuth)->state, EntryState::Ok);
        QCOMPARE(report.entry(EntryModelsCache)->state, EntryState::Ok);
        QCOMPARE(report.entry(EntryModelsBinding)->state, EntryState::Ok);
        QCOMPARE(report.entry(EntryPluginCache)->state, EntryState::Ok);
        QCOMPARE(report.entry(EntryPluginCache)->target, m_shared + QLatin1String("/plugins/cache"));
        const HomeEntry *skill = report.entry(QLatin1String("skills/review"));
        QVERIFY(skill);
        QCOMPARE(skill->state, EntryState::Ok);
        QCOMPARE(report.entry(QLatin1String("skills/multica-workspace"))->state, EntryState::Local);
        const HomeEntry *prompt = report.entry(QLatin1String("prompts/gpt.md"));
        QVERIFY(prompt);
        QCOMPARE(prompt->state, EntryState::Ok);
        QCOMPARE(prompt->role, QStringLiteral("model_instructions_file"));
        // The JSON says what each is, too.
        const QJsonArray entries = homeReportToJson(report).value(QStringLiteral("entries")).toArray();
        bool sawRole = false;
        for (const QJsonValue &entry : entries)
            sawRole = sawRole || entry.toObject().value(QStringLiteral("role")).toString() == QLatin1String("model_instructions_file");
        QVERIFY(sawRole);
    }

    // Today's layout around a config with the sandbox block alone: healthy through and through.
    void todayLayout_withASandboxOnlyConfig_isOk()
    {
        const QString home = m_dir.path() + QLatin1String("/root/ws/plain/codex-home");
        makeTodayHome(home, m_shared, currentConfig(QByteArrayLiteral("model_instructions_file = \"prompts/gpt.md\"\n")));
        const HomeReport report = inspect(home);
        QVERIFY2(problems(report).isEmpty(), qPrintable(problems(report).join(QLatin1Char('\n'))));
        QCOMPARE(report.statusName(), QStringLiteral("ok"));
        QCOMPARE(report.block, BlockState::Current);
        QCOMPARE(report.layout, HomeLayout::Today);
        QCOMPARE(report.entry(QLatin1String("prompts/gpt.md"))->state, EntryState::Ok);
    }

    // A seed-layout home lists only the seed's six entries: nothing of today's is missing.
    void seedLayout_listsOnlyTheSeedsEntries()
    {
        const QString home = m_dir.path() + QLatin1String("/root/ws/seed/codex-home");
        makeDaemonHome(home, m_shared);
        const HomeReport report = inspect(home);
        QCOMPARE(report.entries.size(), 6);
        QCOMPARE(report.layout, HomeLayout::Seed);
        QVERIFY(report.findings.isEmpty());
    }

    void sessionsLinkedIntoAPerIssueStore_isOk()
    {
        const QString home = todayHome();
        const QString store = m_shared + QLatin1String("/multica-sessions/default/agent-1/issue-9");
        QVERIFY(QDir().mkpath(store));
        QVERIFY(QDir(home + QLatin1String("/sessions")).removeRecursively());
        QVERIFY(QFile::link(store, home + QLatin1String("/sessions")));
        const HomeReport report = inspect(home);
        const HomeEntry *sessions = report.entry(EntrySessions);
        QCOMPARE(sessions->state, EntryState::Ok);
        QCOMPARE(sessions->role, QStringLiteral("session-store"));
        QVERIFY2(entryProblems(report).isEmpty(), qPrintable(entryProblems(report).join(QLatin1Char('\n'))));
        QVERIFY(!hasFinding(report.findings, FindingCode::SessionsLocal));
        QCOMPARE(report.layout, HomeLayout::Today);
    }

    // Codex 0.171 refuses to start when model_instructions_file names a
    // missing file ("failed to read model instructions file").
    void missingInstructionsFile_isAnError()
    {
        const QString home = todayHome();
        QVERIFY(QFile::remove(home + QLatin1String("/prompts/gpt.md")));
        const HomeReport report = inspect(home);
        const Finding *missing = findingOf(report, HomeFindingCode::ReferenceMissing);
        QVERIFY(missing);
        QCOMPARE(missing->severity, Severity::Error);
        QVERIFY(missing->message.contains(QStringLiteral("prompts/gpt.md")));
        QCOMPARE(report.entry(QLatin1String("prompts/gpt.md"))->state, EntryState::Missing);
    }

    void missingDeprecatedInstructionsFile_isInfo()
    {
        const QString home = todayHome();
        QVERIFY(writeFile(home + QLatin1String("/config.toml"),
                          todayConfig(QByteArrayLiteral("experimental_instructions_file = \"old.md\"\n"))));
        const HomeReport report = inspect(home);
        const Finding *missing = findingOf(report, HomeFindingCode::ReferenceMissing);
        QVERIFY(missing);
        QCOMPARE(missing->severity, Severity::Info);
    }

    // Without its auth.json link (the shared home has one), Codex starts logged out.
    void missingAuthLink_isAnError()
    {
        const QString home = todayHome();
        QVERIFY(QFile::remove(home + QLatin1String("/auth.json")));
        const HomeReport report = inspect(home);
        const Finding *missing = findingOf(report, HomeFindingCode::AuthMissing);
        QVERIFY(missing);
        QCOMPARE(missing->severity, Severity::Error);
        QVERIFY(missing->message.contains(QStringLiteral("logged out")));
        QCOMPARE(report.statusName(), QStringLiteral("error"));

        // Without a shared auth.json there is nothing to link: no finding.
        const QString bare = m_dir.path() + QLatin1String("/bare-shared");
        makeSharedHome(bare, false);
        InspectOptions o = options();
        o.sharedHome = bare;
        QVERIFY(!findingOf(inspectHome(home, SharedHome::load(bare), o), HomeFindingCode::AuthMissing));
    }

    // A config.toml Codex cannot parse says nothing about the block: "unknown", never "current".
    void unparseableConfig_blockIsUnknown()
    {
        const QString home = m_dir.path() + QLatin1String("/root/ws/broken/codex-home");
        makeDaemonHome(home, m_shared, currentConfig(QByteArrayLiteral("model = [\n")));
        const HomeReport report = inspect(home);
        QVERIFY(hasFinding(report.findings, FindingCode::ConfigInvalid));
        QVERIFY(!report.blockKnown);
        QCOMPARE(report.blockName(), QStringLiteral("unknown"));
        QCOMPARE(homeReportToJson(report).value(QStringLiteral("block")).toString(), QStringLiteral("unknown"));
        HomeScan scan;
        scan.homes << report;
        QVERIFY(homeScanToText(scan, Platform::Linux).contains(QStringLiteral("unknown")));
    }

    void plantedConfigLink_isReported_onlyWhenItLeavesTheHome()
    {
        const QString home = todayHome();
        const QString outside = m_dir.path() + QLatin1String("/outside.toml");
        QVERIFY(writeFile(outside, currentConfig()));
        QVERIFY(QFile::remove(home + QLatin1String("/config.toml")));
        QVERIFY(QFile::link(outside, home + QLatin1String("/config.toml")));
        const HomeReport report = inspect(home);  // findingOf points into it
        const Finding *leaves = findingOf(report, HomeFindingCode::LinkLeavesHome);
        QVERIFY(leaves);
        QCOMPARE(leaves->severity, Severity::Warning);
        QVERIFY(leaves->message.contains(outside));

        // A link to a file inside the home is the home's own business.
        QVERIFY(writeFile(home + QLatin1String("/real.toml"), currentConfig()));
        QVERIFY(QFile::remove(home + QLatin1String("/config.toml")));
        QVERIFY(QFile::link(QStringLiteral("real.toml"), home + QLatin1String("/config.toml")));
        QVERIFY(!findingOf(inspect(home), HomeFindingCode::LinkLeavesHome));
    }

    // Copies cut short by a killed copy hold the first bytes of the shared file.
    void truncatedCopies_areReported_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("config.json") << QStringLiteral("config.json") << SharedConfigJson.left(4);
        QTest::newRow("an empty instructions.md") << QStringLiteral("instructions.md") << QByteArray();
        QTest::newRow("config.toml without a block") << QStringLiteral("config.toml") << SharedConfigToml.left(5);
        QTest::newRow("config.toml with the block on top")
            << QStringLiteral("config.toml") << currentConfig(SharedConfigToml.left(5));
        QTest::newRow("models_cache.json") << QStringLiteral("models_cache.json") << SharedModelsCache.left(10);
        QTest::newRow("a named instructions file") << QStringLiteral("prompts/gpt.md") << SharedPrompt.left(3);
    }

    void truncatedCopies_areReported()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        const QString home = name == QLatin1String("config.toml") ? m_dir.path() + QStringLiteral("/root/ws/cut%1/codex-home").arg(++m_case)
                                                                  : todayHome();
        if (name == QLatin1String("config.toml"))
            makeDaemonHome(home, m_shared);
        QVERIFY(writeFile(home + QLatin1Char('/') + name, bytes));
        const HomeReport report = inspect(home);
        const Finding *cut = findingOf(report, HomeFindingCode::CopyTruncated);
        QVERIFY2(cut, qPrintable(problems(report).join(QLatin1Char('\n'))));
        QCOMPARE(cut->severity, Severity::Warning);
        QCOMPARE(report.entry(QLatin1String(name.toLatin1()))->state, EntryState::Truncated);
    }

    // A copy that merely differs is the task's own: no truncation claimed.
    void divergedCopy_isNotTruncated()
    {
        const QString home = todayHome();
        QVERIFY(writeFile(home + QLatin1String("/instructions.md"), QByteArrayLiteral("Be verbose.\n")));  // not a prefix
        const HomeReport report = inspect(home);
        QVERIFY(!findingOf(report, HomeFindingCode::CopyTruncated));
        QVERIFY(hasFinding(report.findings, FindingCode::CopyDiverged));
    }
};

QTEST_GUILESS_MAIN(TestHomeToday)
#include "test_hometoday.moc"
