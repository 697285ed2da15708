#include "homefixtures.h"

#include "homes/homeinspector.h"
#include "homes/homepreparer.h"

#include <QCryptographicHash>
#include <QTest>

using namespace SandboxDoctor;
using namespace HomeFixtures;

// prepare against the seed daemon's prepareCodexHomeWithOpts (codex_home.go),
// case by case: what each entry becomes and what is left alone.
class TestHomePreparer final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_case = 0;

    struct Case
    {
        QString shared;
        QString home;
        QString elsewhere;
    };

    Case newCase()
    {
        const QString base = m_dir.path() + QStringLiteral("/case%1").arg(++m_case);
        Case c{base + QLatin1String("/shared"), base + QLatin1String("/ws/task/codex-home"),
               base + QLatin1String("/elsewhere")};
        QDir().mkpath(c.elsewhere + QLatin1String("/sessions"));
        writeFile(c.elsewhere + QLatin1String("/auth.json"), QByteArrayLiteral("{}"));
        return c;
    }

    static PrepareOptions options(const Case &c)
    {
        PrepareOptions o;
        o.sharedHome = c.shared;
        o.policyInputs.platform = Platform::Linux;
        o.backup = false;
        return o;
    }

    static PrepareResult prepare(const Case &c)
    {
        const Expected<PrepareResult> result = prepareHome(c.home, options(c));
        if (!result)
            qWarning() << result.error().toText();
        return result ? result.value() : PrepareResult{};
    }

    static PrepareAction actionFor(const PrepareResult &result, const QString &name)
    {
        for (const PrepareStep &step : result.steps) {
            if (step.name == name)
                return step.action;
        }
        return PrepareAction::Failed;
    }

    static QString linkTarget(const QString &path) { return QFileInfo(path).symLinkTarget(); }
    static bool isLink(const QString &path) { return QFileInfo(path).isSymbolicLink(); }

    static QByteArray fileHash(const QString &path)
    {
        return QCryptographicHash::hash(readFile(path), QCryptographicHash::Sha256);
    }

    // What every prepared home must satisfy: inspect finds nothing to fix in
    // the links, and the block is current.
    void expectInspectClean(const Case &c)
    {
        InspectOptions o;
        o.sharedHome = c.shared;
        o.policyInputs.platform = Platform::Linux;
        const HomeReport report = inspectHome(c.home, SharedHome::load(c.shared), o);
        QCOMPARE(report.block, BlockState::Current);
        for (const Finding &f : report.findings)
            QVERIFY2(f.severity == Severity::Info, qPrintable(f.code + QLatin1String(": ") + f.message));
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void prepare_allSharedFilesPresent()
    {
        const Case c = newCase();
        makeSharedHome(c.shared);
        const PrepareResult result = prepare(c);
        QVERIFY(result.ok());
        QVERIFY(result.createdHome);
        QVERIFY(!result.createdSharedSessions);
        QVERIFY(isLink(c.home + QLatin1String("/sessions")));
        QCOMPARE(linkTarget(c.home + QLatin1String("/sessions")), c.shared + QLatin1String("/sessions"));
        QVERIFY(isLink(c.home + QLatin1String("/auth.json")));
        QCOMPARE(linkTarget(c.home + QLatin1String("/auth.json")), c.shared + QLatin1String("/auth.json"));
        QVERIFY(!isLink(c.home + QLatin1String("/config.json")));
        QCOMPARE(readFile(c.home + QLatin1String("/config.json")), SharedConfigJson);
        QCOMPARE(readFile(c.home + QLatin1String("/instructions.md")), SharedInstructions);
        // The copied config.toml gets the block on top, the user's content below.
        QCOMPARE(readFile(c.home + QLatin1String("/config.toml")), currentConfig(SharedConfigToml));
        QCOMPARE(actionFor(result, QStringLiteral("sessions")), PrepareAction::Created);
        QCOMPARE(actionFor(result, QStringLiteral("auth.json")), PrepareAction::Created);
        QCOMPARE(actionFor(result, QStringLiteral("config.toml")), PrepareAction::Created);
        QVERIFY(result.block && result.block->written);
        expectInspectClean(c);
    }

    void prepare_noSharedFiles()
    {
        const Case c = newCase();  // the shared home does not even exist
        const PrepareResult result = prepare(c);
        QVERIFY(result.ok());
        QVERIFY(result.createdSharedSessions);  // the daemon creates the shared sessions folder
        QVERIFY(QFileInfo(c.shared + QLatin1String("/sessions")).isDir());
        QVERIFY(isLink(c.home + QLatin1String("/sessions")));
        QVERIFY(!QFileInfo::exists(c.home + QLatin1String("/auth.json")));  // skipped: no shared auth.json
        QVERIFY(!isLink(c.home + QLatin1String("/auth.json")));
        QCOMPARE(actionFor(result, QStringLiteral("auth.json")), PrepareAction::Skipped);
        QCOMPARE(actionFor(result, QStringLiteral("config.json")), PrepareAction::Skipped);
        QVERIFY(!QFileInfo::exists(c.home + QLatin1String("/config.json")));
        QVERIFY(!QFileInfo::exists(c.home + QLatin1String("/instructions.md")));
        // config.toml is created by the block write, holding only the block.
        QCOMPARE(readFile(c.home + QLatin1String("/config.toml")), renderManagedBlock(linuxPolicy()));
    }

    void prepare_someSharedFiles()
    {
        const Case c = newCase();
        makeSharedHome(c.shared, true, false, false);  // auth.json only
        QVERIFY(writeFile(c.shared + QLatin1String("/instructions.md"), SharedInstructions));
        const PrepareResult result = prepare(c);
        QVERIFY(result.ok());
        QVERIFY(isLink(c.home + QLatin1String("/auth.json")));
        QVERIFY(result.createdSharedSessions);
        QCOMPARE(readFile(c.home + QLatin1String("/instructions.md")), SharedInstructions);
        QVERIFY(!QFileInfo::exists(c.home + QLatin1String("/config.json")));
        QCOMPARE(actionFor(result, QStringLiteral("config.json")), PrepareAction::Skipped);
        QCOMPARE(actionFor(result, QStringLiteral("instructions.md")), PrepareAction::Created);
        QCOMPARE(readFile(c.home + QLatin1String("/config.toml")), renderManagedBlock(linuxPolicy()));
        expectInspectClean(c);
    }

    void prepare_replacesAWrongLink()
    {
        const Case c = newCase();
        makeSharedHome(c.shared);
        QVERIFY(makeLink(c.elsewhere + QLatin1String("/auth.json"), c.home + QLatin1String("/auth.json")));
        QVERIFY(makeLink(c.elsewhere + QLatin1String("/sessions"), c.home + QLatin1String("/sessions")));
        const PrepareResult result = prepare(c);
        QVERIFY(result.ok());
        QCOMPARE(actionFor(result, QStringLiteral("auth.json")), PrepareAction::Replaced);
        QCOMPARE(actionFor(result, QStringLiteral("sessions")), PrepareAction::Replaced);
        QCOMPARE(linkTarget(c.home + QLatin1String("/auth.json")), c.shared + QLatin1String("/auth.json"));
        QCOMPARE(linkTarget(c.home + QLatin1String("/sessions")), c.shared + QLatin1String("/sessions"));
        QCOMPARE(readFile(c.elsewhere + QLatin1String("/auth.json")), QByteArrayLiteral("{}"));  // the old target is untouched
        QVERIFY(QFileInfo(c.elsewhere + QLatin1String("/sessions")).isDir());
        expectInspectClean(c);
    }

    void prepare_keepsARegularFileInPlaceOfALink()
    {
        const Case c = newCase();
        makeSharedHome(c.shared);
        QVERIFY(writeFile(c.home + QLatin1String("/auth.json"), QByteArrayLiteral("{\"local\": true}\n")));
        QVERIFY(QDir().mkpath(c.home + QLatin1String("/sessions/2026")));
        const QByteArray before = fileHash(c.home + QLatin1String("/auth.json"));
        const PrepareResult result = prepare(c);
        QVERIFY(result.ok());
        QCOMPARE(actionFor(result, QStringLiteral("auth.json")), PrepareAction::Kept);
        QCOMPARE(actionFor(result, QStringLiteral("sessions")), PrepareAction::Kept);
        QVERIFY(!isLink(c.home + QLatin1String("/auth.json")));
        QCOMPARE(fileHash(c.home + QLatin1String("/auth.json")), before);
        QVERIFY(!isLink(c.home + QLatin1String("/sessions")));
        QVERIFY(QFileInfo(c.home + QLatin1String("/sessions/2026")).isDir());
    }

    void prepare_keepsAStaleCopy()
    {
        const Case c = newCase();
        makeSharedHome(c.shared);
        const QByteArray staleJson = QByteArrayLiteral("{\"model\": \"old\"}\n");
        const QByteArray staleInstructions = QByteArrayLiteral("Old instructions.\n");
        const QByteArray userToml = QByteArrayLiteral("model = \"gpt-old\"\n");
        QVERIFY(writeFile(c.home + QLatin1String("/config.json"), staleJson));
        QVERIFY(writeFile(c.home + QLatin1String("/instructions.md"), staleInstructions));
        QVERIFY(writeFile(c.home + QLatin1String("/config.toml"), userToml));
        const PrepareResult result = prepare(c);
        QVERIFY(result.ok());
        QCOMPARE(actionFor(result, QStringLiteral("config.json")), PrepareAction::Kept);
        QCOMPARE(actionFor(result, QStringLiteral("instructions.md")), PrepareAction::Kept);
        QCOMPARE(actionFor(result, QStringLiteral("config.toml")), PrepareAction::Kept);
        QCOMPARE(readFile(c.home + QLatin1String("/config.json")), staleJson);
        QCOMPARE(readFile(c.home + QLatin1String("/instructions.md")), staleInstructions);
        // The task's own config.toml is kept; only the block is added on top.
        QCOMPARE(readFile(c.home + QLatin1String("/config.toml")), currentConfig(userToml));
    }

    void prepare_replacesABrokenLink()
    {
        const Case c = newCase();
        makeSharedHome(c.shared);
        QVERIFY(makeLink(c.elsewhere + QLatin1String("/gone/auth.json"), c.home + QLatin1String("/auth.json")));
        QVERIFY(makeLink(c.elsewhere + QLatin1String("/gone/sessions"), c.home + QLatin1String("/sessions")));
        const PrepareResult result = prepare(c);
        QVERIFY(result.ok());
        QCOMPARE(actionFor(result, QStringLiteral("auth.json")), PrepareAction::Replaced);
        QCOMPARE(actionFor(result, QStringLiteral("sessions")), PrepareAction::Replaced);
        QVERIFY(QFileInfo::exists(c.home + QLatin1String("/auth.json")));
        QCOMPARE(linkTarget(c.home + QLatin1String("/auth.json")), c.shared + QLatin1String("/auth.json"));
        QCOMPARE(linkTarget(c.home + QLatin1String("/sessions")), c.shared + QLatin1String("/sessions"));
        expectInspectClean(c);
    }

    // Backups protect what a person wrote, not what prepare copied a moment ago.
    void prepare_backsUpOnlyAnExistingConfig()
    {
        const Case c = newCase();
        makeSharedHome(c.shared);
        PrepareOptions o = options(c);
        o.backup = true;
        const Expected<PrepareResult> fresh = prepareHome(c.home, o);
        QVERIFY(fresh && fresh->block);
        QVERIFY(fresh->block->backupPath.isEmpty());

        const Case d = newCase();
        makeSharedHome(d.shared);
        QVERIFY(writeFile(d.home + QLatin1String("/config.toml"), QByteArrayLiteral("model = \"mine\"\n")));
        o.sharedHome = d.shared;
        const Expected<PrepareResult> existing = prepareHome(d.home, o);
        QVERIFY(existing && existing->block);
        QVERIFY(!existing->block->backupPath.isEmpty());
        QCOMPARE(readFile(existing->block->backupPath), QByteArrayLiteral("model = \"mine\"\n"));
    }

    void prepare_secondRunChangesNothing()
    {
        const Case c = newCase();
        makeSharedHome(c.shared);
        QVERIFY(prepare(c).ok());
        const QDateTime modified = QFileInfo(c.home + QLatin1String("/config.toml")).lastModified();
        const PrepareResult again = prepare(c);
        QVERIFY(again.ok());
        QVERIFY(!again.createdHome);
        for (const PrepareStep &step : again.steps)
            QVERIFY2(step.action == PrepareAction::Kept, qPrintable(step.name + QLatin1Char(' ') + step.detail));
        QVERIFY(again.block && !again.block->written);
        QCOMPARE(QFileInfo(c.home + QLatin1String("/config.toml")).lastModified(), modified);
    }

    void prepare_refusesTheSharedHomeItself()
    {
        const Case c = newCase();
        makeSharedHome(c.shared);
        const Expected<PrepareResult> result = prepareHome(c.shared, options(c));
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::Refused);
    }

    void prepare_macosWritesDangerFullAccess()
    {
        const Case c = newCase();
        makeSharedHome(c.shared);
        PrepareOptions o = options(c);
        o.policyInputs.platform = Platform::MacOS;
        const Expected<PrepareResult> result = prepareHome(c.home, o);
        QVERIFY(result);
        QCOMPARE(result->policy.mode, SandboxMode::DangerFullAccess);
        QVERIFY(readFile(c.home + QLatin1String("/config.toml")).contains("sandbox_mode = \"danger-full-access\""));
    }
};

QTEST_GUILESS_MAIN(TestHomePreparer)
#include "test_homepreparer.moc"
