#include "homefixtures.h"
#include "nonblocking.h"

#include "homes/homefindings.h"
#include "homes/homeinspector.h"
#include "homes/homepreparer.h"
#include "homes/homescan.h"

#include <QTest>

using namespace SandboxDoctor;
using namespace HomeFixtures;
using NonBlocking::finishesWithoutBlocking;
using NonBlocking::makeFifo;

// Nothing a task or a crash leaves in a home, or in the shared home, makes
// inspect or prepare hang, read without end, call a FIFO "ok", or write
// outside the home.
class TestHomeHardening final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_shared;
    int m_case = 0;

    InspectOptions options(const QString &shared) const
    {
        InspectOptions o;
        o.sharedHome = shared;
        o.policyInputs.platform = Platform::Linux;
        return o;
    }

    QString newHome()
    {
        const QString home = m_dir.path() + QStringLiteral("/root/ws/t%1/codex-home").arg(++m_case);
        makeDaemonHome(home, m_shared);
        return home;
    }

    PrepareOptions prepareOptions(const QString &shared) const
    {
        PrepareOptions o;
        o.sharedHome = shared;
        o.policyInputs.platform = Platform::Linux;
        o.backup = false;
        return o;
    }

    static const Finding *findingOf(const HomeReport &report, QLatin1String code)
    {
        for (const Finding &f : report.findings) {
            if (f.code == code)
                return &f;
        }
        return nullptr;
    }

    static const PrepareStep *stepOf(const PrepareResult &result, const QString &name)
    {
        for (const PrepareStep &step : result.steps) {
            if (step.name == name)
                return &step;
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

    // auth.json as a FIFO, a folder, or a link to a FIFO: never opened, never "ok".
    void authNotAFile_isReportedAsSuch_data()
    {
        QTest::addColumn<QString>("shape");
        QTest::addColumn<QString>("words");
        QTest::newRow("fifo") << QStringLiteral("fifo") << QStringLiteral("FIFO");
        QTest::newRow("folder") << QStringLiteral("folder") << QStringLiteral("folder");
        QTest::newRow("link to a fifo") << QStringLiteral("link") << QStringLiteral("FIFO");
    }

    void authNotAFile_isReportedAsSuch()
    {
        QFETCH(QString, shape);
        QFETCH(QString, words);
        const QString home = newHome();
        const QString auth = home + QLatin1String("/auth.json");
        QVERIFY(QFile::remove(auth));
        QString fifo;
        if (shape == QLatin1String("fifo")) {
            fifo = auth;
            QVERIFY(makeFifo(auth));
        } else if (shape == QLatin1String("folder")) {
            QVERIFY(QDir().mkpath(auth));
        } else {
            fifo = m_dir.path() + QStringLiteral("/auth-fifo-%1").arg(m_case);
            QVERIFY(makeFifo(fifo));
            QVERIFY(QFile::link(fifo, auth));
        }
        HomeReport report;
        QVERIFY(finishesWithoutBlocking([&]() { report = inspectHome(home, SharedHome::load(m_shared), options(m_shared)); },
                                        fifo.isEmpty() ? QStringList{} : QStringList{fifo}));
        const Finding *finding = findingOf(report, HomeFindingCode::AuthNotAFile);
        QVERIFY(finding);
        QCOMPARE(finding->severity, Severity::Error);
        QVERIFY2(finding->message.contains(words), qPrintable(finding->message));
        QCOMPARE(report.entry(EntryAuth)->state, EntryState::Unexpected);
        QCOMPARE(report.statusName(), QStringLiteral("error"));
    }

    // config.toml as a FIFO, or a link to one or to /dev/zero: refused, not read.
    void configNotAFile_isRefusedWithoutWaiting_data()
    {
        QTest::addColumn<QString>("shape");
        QTest::newRow("fifo") << QStringLiteral("fifo");
        QTest::newRow("link to a fifo") << QStringLiteral("link");
        QTest::newRow("link to /dev/zero") << QStringLiteral("zero");
    }

    void configNotAFile_isRefusedWithoutWaiting()
    {
        QFETCH(QString, shape);
        const QString home = newHome();
        const QString config = home + QLatin1String("/config.toml");
        QVERIFY(QFile::remove(config));
        QString fifo;
        if (shape == QLatin1String("fifo")) {
            fifo = config;
            QVERIFY(makeFifo(config));
        } else if (shape == QLatin1String("link")) {
            fifo = m_dir.path() + QStringLiteral("/config-fifo-%1").arg(m_case);
            QVERIFY(makeFifo(fifo));
            QVERIFY(QFile::link(fifo, config));
        } else {
            QVERIFY(QFile::link(QStringLiteral("/dev/zero"), config));
        }
        HomeScan scan;
        QVERIFY(finishesWithoutBlocking(
            [&]() { scan = scanHomes(home, options(m_shared)); }, fifo.isEmpty() ? QStringList{} : QStringList{fifo}));
        QCOMPARE(scan.homes.size(), 1);
        const HomeReport &report = scan.homes.first();
        QVERIFY(hasFinding(report.findings, FindingCode::ConfigInvalid));
        QCOMPARE(report.blockName(), QStringLiteral("unknown"));
    }

    // A FIFO in the shared home stalls neither inspect nor prepare.
    void fifosInTheSharedHome_stallNothing()
    {
        const QString shared = m_dir.path() + QLatin1String("/fifo-shared");
        QVERIFY(QDir().mkpath(shared + QLatin1String("/sessions")));
        QStringList fifos;
        for (const char *name : {"auth.json", "config.json", "config.toml", "instructions.md"}) {
            fifos << shared + QLatin1Char('/') + QLatin1String(name);
            QVERIFY(makeFifo(fifos.last()));
        }
        const QString home = m_dir.path() + QLatin1String("/fifo-root/ws/t/codex-home");
        makeDaemonHome(home, m_shared);
        HomeScan scan;
        QVERIFY(finishesWithoutBlocking([&]() { scan = scanHomes(home, options(shared)); }, fifos));
        QCOMPARE(scan.homes.size(), 1);

        const QString fresh = m_dir.path() + QLatin1String("/fifo-root/ws/fresh/codex-home");
        std::optional<Expected<PrepareResult>> prepared;
        QVERIFY(finishesWithoutBlocking([&]() { prepared = prepareHome(fresh, prepareOptions(shared)); }, fifos));
        QVERIFY(prepared && *prepared);
        const PrepareResult &result = prepared->value();
        for (const char *name : {"config.json", "config.toml", "instructions.md"}) {
            const PrepareStep *step = stepOf(result, QLatin1String(name));
            QVERIFY2(step && step->action == PrepareAction::Skipped, name);
            QVERIFY2(step->warning.contains(QStringLiteral("FIFO")), qPrintable(step->warning));
        }
        // A FIFO is not linked to as if it held credentials.
        QCOMPARE(stepOf(result, QStringLiteral("auth.json"))->action, PrepareAction::Skipped);
        QVERIFY(!QFileInfo::exists(fresh + QLatin1String("/auth.json")));
        QVERIFY(result.block && result.block->written);  // the block still lands in a new config.toml
    }

    // A config.toml link planted to a file outside the home is never written through.
    void plantedConfigLink_isNotWrittenThrough()
    {
        const QString home = newHome();
        const QString outside = m_dir.path() + QStringLiteral("/victim-%1.toml").arg(m_case);
        const QByteArray victim = QByteArrayLiteral("# someone else's file\nkeep = true\n");
        QVERIFY(writeFile(outside, victim));
        QVERIFY(QFile::remove(home + QLatin1String("/config.toml")));
        QVERIFY(QFile::link(outside, home + QLatin1String("/config.toml")));

        const Expected<PrepareResult> refused = prepareHome(home, prepareOptions(m_shared));
        QVERIFY(refused);
        QCOMPARE(readFile(outside), victim);
        QVERIFY(refused->blockError);
        QCOMPARE(refused->blockError->kind, Error::Kind::Refused);
        QVERIFY(refused->blockError->message.contains(outside));
        const PrepareStep *step = stepOf(*refused, QStringLiteral("config.toml"));
        QVERIFY(step && !step->warning.isEmpty());
        QVERIFY(QFileInfo(home + QLatin1String("/config.toml")).isSymbolicLink());

        // On request the link goes and a copy of the shared config.toml takes its place.
        PrepareOptions replace = prepareOptions(m_shared);
        replace.replaceLinks = true;
        const Expected<PrepareResult> replaced = prepareHome(home, replace);
        QVERIFY(replaced && replaced->ok());
        QCOMPARE(readFile(outside), victim);
        QVERIFY(!QFileInfo(home + QLatin1String("/config.toml")).isSymbolicLink());
        QCOMPARE(readFile(home + QLatin1String("/config.toml")), currentConfig(SharedConfigToml));
    }

    // A dangling link would make the write create its target outside the home.
    void danglingPlantedLink_createsNothingOutside()
    {
        const QString home = newHome();
        const QString outside = m_dir.path() + QStringLiteral("/created-%1.toml").arg(m_case);
        QVERIFY(QFile::remove(home + QLatin1String("/config.toml")));
        QVERIFY(QFile::link(outside, home + QLatin1String("/config.toml")));
        const Expected<PrepareResult> result = prepareHome(home, prepareOptions(m_shared));
        QVERIFY(result);
        QVERIFY(result->blockError);
        QVERIFY(!QFileInfo::exists(outside));
    }

    // Copies land whole or not at all: no temporary file stays, and a copy
    // keeps the shared file's permissions (a private config stays private).
    void copies_areAtomicAndKeepPermissions()
    {
        const QString shared = m_dir.path() + QLatin1String("/private-shared");
        makeSharedHome(shared);
        QVERIFY(QFile::setPermissions(shared + QLatin1String("/config.toml"),
                                      QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        const QString home = m_dir.path() + QLatin1String("/private-root/ws/t/codex-home");
        const Expected<PrepareResult> result = prepareHome(home, prepareOptions(shared));
        QVERIFY(result && result->ok());
        const QStringList leftovers = QDir(home).entryList({QStringLiteral(".*sdcopy*")}, QDir::Files | QDir::Hidden);
        QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(QLatin1Char(','))));
        QCOMPARE(QFile::permissions(home + QLatin1String("/config.toml")) & QFileDevice::Permissions(0x7077),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QCOMPARE(readFile(home + QLatin1String("/instructions.md")), SharedInstructions);
    }

    // An earlier copy cut short is kept (copies are never overwritten) but said.
    void truncatedEarlierCopy_isReportedByPrepare()
    {
        const QString home = newHome();
        QVERIFY(writeFile(home + QLatin1String("/config.json"), SharedConfigJson.left(3)));
        const Expected<PrepareResult> result = prepareHome(home, prepareOptions(m_shared));
        QVERIFY(result);
        const PrepareStep *step = stepOf(*result, QStringLiteral("config.json"));
        QCOMPARE(step->action, PrepareAction::Kept);
        QVERIFY2(step->warning.contains(QStringLiteral("interrupted")), qPrintable(step->warning));
        QCOMPARE(readFile(home + QLatin1String("/config.json")), SharedConfigJson.left(3));
    }
};

QTEST_GUILESS_MAIN(TestHomeHardening)
#include "test_homehardening.moc"
