#include "homefixtures.h"

#include "common/finding.h"
#include "homes/homeinspector.h"

#include <QTest>

using namespace SandboxDoctor;
using namespace HomeFixtures;

// One home per finding code of the contract, each built the way a person
// would meet it, inspected against a shared home that has everything.
class TestHomeInspector final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_shared;

    InspectOptions options() const
    {
        InspectOptions o;
        o.sharedHome = m_shared;
        o.policyInputs.platform = Platform::Linux;
        return o;
    }

    HomeReport inspect(const QString &home) const
    {
        return inspectHome(home, SharedHome::load(m_shared), options());
    }

    QString freshHome(const QString &name) const
    {
        const QString home = m_dir.path() + QLatin1String("/root/ws/") + name + QLatin1String("/codex-home");
        makeDaemonHome(home, m_shared);
        return home;
    }

    static QStringList codes(const HomeReport &report)
    {
        QStringList list;
        for (const Finding &f : report.findings)
            list += f.code;
        return list;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_shared = m_dir.path() + QLatin1String("/shared");
        makeSharedHome(m_shared);
    }

    void inspect_daemonHomeIsOk()
    {
        const HomeReport report = inspect(freshHome(QStringLiteral("ok")));
        QVERIFY2(report.findings.isEmpty(), qPrintable(codes(report).join(QLatin1Char(','))));
        QCOMPARE(report.statusName(), QStringLiteral("ok"));
        QCOMPARE(report.block, BlockState::Current);
        QCOMPARE(report.entries.size(), 6);
        const HomeEntry *auth = report.entry(EntryAuth);
        QVERIFY(auth);
        QCOMPARE(auth->kind, EntryKind::Symlink);
        QCOMPARE(auth->state, EntryState::Ok);
        QCOMPARE(auth->target, m_shared + QLatin1String("/auth.json"));
        QCOMPARE(report.entry(EntrySessions)->state, EntryState::Ok);
        QCOMPARE(report.entry(EntryConfigJson)->state, EntryState::Ok);
        QCOMPARE(report.entry(EntryConfigJson)->kind, EntryKind::File);
        QCOMPARE(report.entry(EntryInstructions)->state, EntryState::Ok);
        QCOMPARE(report.entry(EntryConfigToml)->state, EntryState::Ok);
        QCOMPARE(report.entry(EntrySkills)->kind, EntryKind::Missing);
    }

    // Newer daemons keep sessions per task: info only, the home stays ok.
    void inspect_localSessionsLayoutIsOk()
    {
        const QString home = freshHome(QStringLiteral("local-sessions"));
        QVERIFY(QFile::remove(home + QLatin1String("/sessions")));
        QVERIFY(QDir().mkpath(home + QLatin1String("/sessions")));
        const HomeReport report = inspect(home);
        QCOMPARE(codes(report), QStringList{QStringLiteral("sessions-local")});
        QCOMPARE(report.findings.first().severity, Severity::Info);
        QCOMPARE(report.statusName(), QStringLiteral("ok"));
        QCOMPARE(report.entry(EntrySessions)->kind, EntryKind::Dir);
        QCOMPARE(report.entry(EntrySessions)->state, EntryState::Local);
    }

    // A relative link to the right place is the right link.
    void inspect_relativeLinkToSharedIsOk()
    {
        const QString home = freshHome(QStringLiteral("relative"));
        QVERIFY(QFile::remove(home + QLatin1String("/auth.json")));
        QVERIFY(QFile::link(QStringLiteral("../../../../shared/auth.json"), home + QLatin1String("/auth.json")));
        const HomeReport report = inspect(home);
        QCOMPARE(report.entry(EntryAuth)->state, EntryState::Ok);
        QVERIFY(report.findings.isEmpty());
    }

    void inspect_reportsEachFindingCode_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("severity");
        const QStringList rows{
            QStringLiteral("config-missing:warning"), QStringLiteral("config-invalid:error"),
            QStringLiteral("block-absent:warning"), QStringLiteral("block-stale:warning"),
            QStringLiteral("block-damaged:error"), QStringLiteral("block-misplaced:error"),
            QStringLiteral("legacy-directive:warning"), QStringLiteral("sandbox-key-trapped:error"),
            QStringLiteral("permissions-profile-conflict:warning"), QStringLiteral("daemon-will-corrupt:warning"),
            QStringLiteral("auth-link-broken:error"), QStringLiteral("auth-link-wrong-target:warning"),
            QStringLiteral("auth-copied:warning"), QStringLiteral("sessions-link-broken:error"),
            QStringLiteral("sessions-link-wrong-target:warning"), QStringLiteral("sessions-local:info"),
            QStringLiteral("copy-diverged:info")};
        for (const QString &row : rows) {
            const QStringList parts = row.split(QLatin1Char(':'));
            QTest::newRow(qPrintable(parts.at(0))) << parts.at(0) << parts.at(1);
        }
    }

    void inspect_reportsEachFindingCode()
    {
        QFETCH(QString, code);
        QFETCH(QString, severity);
        const QString home = freshHome(code);
        const QString config = home + QLatin1String("/config.toml");
        const QString elsewhere = m_dir.path() + QLatin1String("/elsewhere");
        QDir().mkpath(elsewhere + QLatin1String("/sessions"));
        writeFile(elsewhere + QLatin1String("/auth.json"), QByteArrayLiteral("{}"));

        auto relink = [&](const QString &name, const QString &target) {
            QVERIFY(QFile::remove(home + QLatin1Char('/') + name));
            QVERIFY(QFile::link(target, home + QLatin1Char('/') + name));
        };

        if (code == QLatin1String("config-missing")) {
            QVERIFY(QFile::remove(config));
        } else if (code == QLatin1String("config-invalid")) {
            QVERIFY(writeFile(config, currentConfig(QByteArrayLiteral("model = [\n"))));
        } else if (code == QLatin1String("block-absent")) {
            QVERIFY(writeFile(config, QByteArrayLiteral("model = \"o3\"\n")));
        } else if (code == QLatin1String("block-stale")) {
            SandboxPolicy danger = linuxPolicy();
            danger.mode = SandboxMode::DangerFullAccess;
            danger.networkAccess = false;
            QVERIFY(writeFile(config, renderManagedBlock(danger) + "\nmodel = \"o3\"\n"));
        } else if (code == QLatin1String("block-damaged")) {
            QVERIFY(writeFile(config, QByteArrayLiteral("# BEGIN multica-managed (do not edit; regenerated by daemon)\n"
                                                        "sandbox_mode = \"workspace-write\"\nmodel = \"o3\"\n")));
        } else if (code == QLatin1String("block-misplaced")) {
            QVERIFY(writeFile(config, QByteArrayLiteral("[permissions.x]\nfoo = 1\n\n") + renderManagedBlock(linuxPolicy())));
        } else if (code == QLatin1String("legacy-directive")) {
            QVERIFY(writeFile(config, QByteArrayLiteral("sandbox_mode = \"workspace-write\"\n")));
        } else if (code == QLatin1String("sandbox-key-trapped")) {
            QVERIFY(writeFile(config, currentConfig(QByteArrayLiteral("[permissions.x]\nsandbox_mode = \"read-only\"\n"))));
        } else if (code == QLatin1String("permissions-profile-conflict")) {
            QVERIFY(writeFile(config, currentConfig(QByteArrayLiteral("default_permissions = \"x\"\n"))));
        } else if (code == QLatin1String("daemon-will-corrupt")) {
            QByteArray crlf = currentConfig();
            crlf.replace("\n", "\r\n");
            QVERIFY(writeFile(config, crlf));
        } else if (code == QLatin1String("auth-link-broken")) {
            relink(QStringLiteral("auth.json"), m_dir.path() + QLatin1String("/gone/auth.json"));
        } else if (code == QLatin1String("auth-link-wrong-target")) {
            relink(QStringLiteral("auth.json"), elsewhere + QLatin1String("/auth.json"));
        } else if (code == QLatin1String("auth-copied")) {
            QVERIFY(QFile::remove(home + QLatin1String("/auth.json")));
            QVERIFY(writeFile(home + QLatin1String("/auth.json"), authBytes()));
        } else if (code == QLatin1String("sessions-link-broken")) {
            relink(QStringLiteral("sessions"), m_dir.path() + QLatin1String("/gone/sessions"));
        } else if (code == QLatin1String("sessions-link-wrong-target")) {
            relink(QStringLiteral("sessions"), elsewhere + QLatin1String("/sessions"));
        } else if (code == QLatin1String("sessions-local")) {
            QVERIFY(QFile::remove(home + QLatin1String("/sessions")));
            QVERIFY(QDir().mkpath(home + QLatin1String("/sessions")));
        } else if (code == QLatin1String("copy-diverged")) {
            QVERIFY(writeFile(home + QLatin1String("/instructions.md"), QByteArrayLiteral("Be verbose.\n")));
        }

        const HomeReport report = inspect(home);
        const Finding *found = nullptr;
        for (const Finding &f : report.findings) {
            if (f.code == code)
                found = &f;
        }
        QVERIFY2(found, qPrintable(QStringLiteral("got: ") + codes(report).join(QLatin1Char(','))));
        QCOMPARE(severityName(found->severity), severity);
        QVERIFY(!found->message.isEmpty());
        const QString expectedStatus = severity == QLatin1String("info") ? QStringLiteral("ok") : severity;
        if (severity == QLatin1String("error"))
            QCOMPARE(report.statusName(), QStringLiteral("error"));
        else
            QVERIFY2(report.statusName() == expectedStatus || report.statusName() == QLatin1String("error"),
                     qPrintable(report.statusName()));
    }

    void inspect_entryStatesForLinksAndCopies()
    {
        const QString home = freshHome(QStringLiteral("states"));
        QVERIFY(QFile::remove(home + QLatin1String("/auth.json")));
        QVERIFY(QFile::link(m_dir.path() + QLatin1String("/gone/auth.json"), home + QLatin1String("/auth.json")));
        QVERIFY(writeFile(home + QLatin1String("/config.json"), QByteArrayLiteral("{\"model\": \"o4\"}\n")));  // same size
        QVERIFY(QDir().mkpath(home + QLatin1String("/skills")));
        const HomeReport report = inspect(home);
        QCOMPARE(report.entry(EntryAuth)->state, EntryState::Broken);
        QCOMPARE(report.entry(EntryAuth)->target, m_dir.path() + QLatin1String("/gone/auth.json"));
        QCOMPARE(report.entry(EntryConfigJson)->state, EntryState::Diverged);
        QCOMPARE(report.entry(EntrySkills)->kind, EntryKind::Dir);
        QCOMPARE(report.entry(EntrySkills)->state, EntryState::Ok);
        QCOMPARE(report.statusName(), QStringLiteral("error"));
    }

    // auth.json is looked at, never opened: an unreadable copy is still reported as a copy.
    void inspect_authCopyIsNotRead()
    {
        const QString home = freshHome(QStringLiteral("unreadable-auth"));
        QVERIFY(QFile::remove(home + QLatin1String("/auth.json")));
        QVERIFY(writeFile(home + QLatin1String("/auth.json"), authBytes()));
        QVERIFY(QFile::setPermissions(home + QLatin1String("/auth.json"), QFileDevice::Permissions()));
        const HomeReport report = inspect(home);
        QCOMPARE(report.entry(EntryAuth)->state, EntryState::Copied);
        QCOMPARE(report.entry(EntryAuth)->size, qint64(authBytes().size()));
        QVERIFY(hasFinding(report.findings, FindingCode::AuthCopied));
    }

    void inspect_missingHomeIsAnError()
    {
        const HomeReport report = inspect(m_dir.path() + QLatin1String("/nope/codex-home"));
        QVERIFY(report.error);
        QCOMPARE(report.statusName(), QStringLiteral("error"));
    }

    void inspect_sharedHomeWithoutCopiesMakesThemLocal()
    {
        const QString bare = m_dir.path() + QLatin1String("/bare-shared");
        makeSharedHome(bare, true, true, false);
        const QString home = freshHome(QStringLiteral("bare"));
        InspectOptions o = options();
        o.sharedHome = bare;
        const HomeReport report = inspectHome(home, SharedHome::load(bare), o);
        QCOMPARE(report.entry(EntryConfigJson)->state, EntryState::Local);
        QCOMPARE(report.entry(EntryAuth)->state, EntryState::WrongTarget);  // links to m_shared, not bare
    }

    void looksLikeCodexHome_byNameOrContent()
    {
        QVERIFY(looksLikeCodexHome(freshHome(QStringLiteral("named"))));
        const QString plain = m_dir.path() + QLatin1String("/plain-home");
        QVERIFY(writeFile(plain + QLatin1String("/config.toml"), QByteArrayLiteral("")));
        QVERIFY(looksLikeCodexHome(plain));
        QVERIFY(!looksLikeCodexHome(m_dir.path() + QLatin1String("/root")));
    }

    void taskNames_fromLayout()
    {
        const TaskNames names = taskNamesFor(QStringLiteral("/r"), QStringLiteral("/r/ws-1/task-9/codex-home"));
        QCOMPARE(names.workspace, QStringLiteral("ws-1"));
        QCOMPARE(names.task, QStringLiteral("task-9"));
        QVERIFY(taskNamesFor(QStringLiteral("/r"), QStringLiteral("/r/x/codex-home")).task.isEmpty());
        QVERIFY(taskNamesFor(QStringLiteral("/r"), QStringLiteral("/other/a/b/codex-home")).workspace.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHomeInspector)
#include "test_homeinspector.moc"
