#include "clicontext.h"
#include "clirunner.h"
#include "config/configfile.h"
#include "config/editplanner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#ifdef Q_OS_UNIX
#include <sys/stat.h>  // ::chmod: MSVC has neither it there nor <unistd.h>
#endif

using namespace SandboxDoctor;

namespace {

const QByteArray Plain = "model = \"o3\"\n\n[permissions.x]\n";

struct Run final
{
    int code = -1;
    QString out;
    QString err;
};

// Runs the CLI in-process, as main() would, with output captured.
Run cli(const QStringList &arguments, const QString &home)
{
    Run run;
    QTextStream out(&run.out), err(&run.err);
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("HOME"), home);
    environment.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
    Cli::CliContext context(out, err, environment);
    run.code = Cli::runCli(QStringList{QStringLiteral("codex-sandbox-doctor-cli")} + arguments, context);
    out.flush();
    err.flush();
    return run;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

QStringList entriesOf(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

QJsonObject parseObject(const QString &text)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning().noquote() << "not JSON:" << error.errorString() << text;
    return document.object();
}

bool hasKeys(const QJsonObject &object, const QStringList &keys)
{
    for (const QString &key : keys) {
        if (!object.contains(key)) {
            qWarning() << "missing key" << key << "in" << object.keys();
            return false;
        }
    }
    return true;
}

} // namespace

class TestCliConfig final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_user;  // HOME for every run, so nothing reads the real ~/.codex
    QTemporaryDir m_dir;
    QString m_home;
    QString m_config;

    QStringList common(const QStringList &more = {}) const
    {
        return QStringList{QStringLiteral("--codex-home"), m_home, QStringLiteral("--codex-version"),
                           QStringLiteral("codex-cli 0.171.0")}
               + more;
    }

    // Runs the built executable as an unprivileged user (see below).
    Run runUnprivileged(const QStringList &arguments) const
    {
        Run run;
        const QString exe = qEnvironmentVariable("SANDBOXDOCTOR_CLI");
        if (!QFileInfo(exe).isExecutable()) {
            run.err = QStringLiteral("SANDBOXDOCTOR_CLI must name the built codex-sandbox-doctor-cli");
            return run;
        }
        QProcess process;
        process.start(QStringLiteral("unshare"), QStringList{QStringLiteral("-U"), exe} + arguments
                                                      + QStringList{QStringLiteral("--codex-home"), m_home,
                                                                    QStringLiteral("--codex-version"),
                                                                    QStringLiteral("0.171.0")});
        if (!process.waitForFinished(60'000))
            return run;
        run.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.out = QString::fromUtf8(process.readAllStandardOutput());
        run.err = QString::fromUtf8(process.readAllStandardError());
        return run;
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_home = m_dir.filePath(QStringLiteral("home-") + QString::fromLatin1(QTest::currentTestFunction()));
        QDir(m_home).removeRecursively();
        QVERIFY(QDir().mkpath(m_home));
        m_config = QDir(m_home).filePath(QStringLiteral("config.toml"));
    }

    void status_jsonHasTheContractShape()
    {
        QVERIFY(writeFile(m_config, Plain));
        const Run run = cli(QStringList{QStringLiteral("status"), QStringLiteral("--json"), QStringLiteral("--platform"),
                                        QStringLiteral("macos")}
                                + common(),
                            m_user.path());
        QCOMPARE(run.code, 0);  // block-absent is a warning
        const QJsonObject root = parseObject(run.out);
        QVERIFY(hasKeys(root, {QStringLiteral("codex"), QStringLiteral("platform"), QStringLiteral("policy"),
                               QStringLiteral("config")}));

        const QJsonObject codex = root[QStringLiteral("codex")].toObject();
        QVERIFY(hasKeys(codex, {QStringLiteral("path"), QStringLiteral("version"), QStringLiteral("raw"),
                                QStringLiteral("source"), QStringLiteral("error"), QStringLiteral("installs")}));
        QCOMPARE(codex[QStringLiteral("version")].toString(), QStringLiteral("0.171.0"));
        QCOMPARE(codex[QStringLiteral("raw")].toString(), QStringLiteral("codex-cli 0.171.0"));
        QCOMPARE(codex[QStringLiteral("source")].toString(), QStringLiteral("explicit"));
        QVERIFY(codex[QStringLiteral("error")].isNull());
        QVERIFY(codex[QStringLiteral("installs")].isArray());
        const QJsonObject install = codex[QStringLiteral("installs")].toArray().first().toObject();
        QVERIFY(hasKeys(install, {QStringLiteral("path"), QStringLiteral("version"), QStringLiteral("source")}));

        const QJsonObject platform = root[QStringLiteral("platform")].toObject();
        QVERIFY(hasKeys(platform, {QStringLiteral("name"), QStringLiteral("os"), QStringLiteral("arch")}));
        QCOMPARE(platform[QStringLiteral("name")].toString(), QStringLiteral("macos"));

        const QJsonObject policy = root[QStringLiteral("policy")].toObject();
        QVERIFY(hasKeys(policy, {QStringLiteral("mode"), QStringLiteral("network_access"), QStringLiteral("reason"),
                                 QStringLiteral("hint")}));
        QCOMPARE(policy[QStringLiteral("mode")].toString(), QStringLiteral("danger-full-access"));
        QCOMPARE(policy[QStringLiteral("network_access")], QJsonValue(false));
        QVERIFY(!policy[QStringLiteral("reason")].toString().isEmpty());
        QVERIFY(!policy[QStringLiteral("hint")].toString().isEmpty());

        const QJsonObject config = root[QStringLiteral("config")].toObject();
        QVERIFY(hasKeys(config, {QStringLiteral("path"), QStringLiteral("exists"), QStringLiteral("block"),
                                 QStringLiteral("findings")}));
        QCOMPARE(config[QStringLiteral("path")].toString(), m_config);
        QCOMPARE(config[QStringLiteral("exists")], QJsonValue(true));
        QCOMPARE(config[QStringLiteral("block")].toString(), QStringLiteral("absent"));
        QCOMPARE(config[QStringLiteral("sha256")].toString(), QString::fromLatin1(sha256Hex(Plain)));
        const QJsonArray findings = config[QStringLiteral("findings")].toArray();
        QVERIFY(!findings.isEmpty());
        bool sawAbsent = false;
        for (const QJsonValue &value : findings) {
            const QJsonObject finding = value.toObject();
            QVERIFY(hasKeys(finding, {QStringLiteral("code"), QStringLiteral("severity"), QStringLiteral("message"),
                                      QStringLiteral("line"), QStringLiteral("fix")}));
            if (finding[QStringLiteral("code")].toString() == QStringLiteral("block-absent")) {
                sawAbsent = true;
                QCOMPARE(finding[QStringLiteral("severity")].toString(), QStringLiteral("warning"));
            }
        }
        QVERIFY(sawAbsent);
        QCOMPARE(readAll(m_config), Plain);  // status never writes
    }

    void status_linuxAfterApplyIsCurrent()
    {
        QVERIFY(writeFile(m_config, Plain));
        QCOMPARE(cli(QStringList{QStringLiteral("apply")} + common(QStringList{QStringLiteral("--platform"),
                                                                                QStringLiteral("linux")}),
                     m_user.path())
                     .code,
                 0);
        const Run run = cli(QStringList{QStringLiteral("status"), QStringLiteral("--json"), QStringLiteral("--platform"),
                                        QStringLiteral("linux")}
                                + common(),
                            m_user.path());
        QCOMPARE(run.code, 0);
        const QJsonObject root = parseObject(run.out);
        QCOMPARE(root[QStringLiteral("policy")][QStringLiteral("mode")].toString(), QStringLiteral("workspace-write"));
        QCOMPARE(root[QStringLiteral("policy")][QStringLiteral("network_access")], QJsonValue(true));
        QCOMPARE(root[QStringLiteral("config")][QStringLiteral("block")].toString(), QStringLiteral("current"));
        QVERIFY(root[QStringLiteral("config")][QStringLiteral("findings")].toArray().isEmpty());

        // The same file is stale for macOS.
        const Run mac = cli(QStringList{QStringLiteral("status"), QStringLiteral("--json"), QStringLiteral("--platform"),
                                        QStringLiteral("macos")}
                                + common(),
                            m_user.path());
        QCOMPARE(parseObject(mac.out)[QStringLiteral("config")][QStringLiteral("block")].toString(),
                 QStringLiteral("stale"));
    }

    void status_versionTextIsParsedOrUnknown()
    {
        const Run pre = cli({QStringLiteral("status"), QStringLiteral("--json"), QStringLiteral("--codex-home"), m_home,
                             QStringLiteral("--codex-version"), QStringLiteral("codex-cli 0.146.0-alpha.9.2")},
                            m_user.path());
        QCOMPARE(parseObject(pre.out)[QStringLiteral("codex")][QStringLiteral("version")].toString(),
                 QStringLiteral("0.146.0-alpha.9.2"));
        const Run unknown = cli({QStringLiteral("status"), QStringLiteral("--json"), QStringLiteral("--codex-home"),
                                 m_home, QStringLiteral("--codex-version"), QStringLiteral("unknown"),
                                 QStringLiteral("--platform"), QStringLiteral("macos")},
                                m_user.path());
        const QJsonObject root = parseObject(unknown.out);
        QVERIFY(root[QStringLiteral("codex")][QStringLiteral("version")].isNull());
        QCOMPARE(root[QStringLiteral("policy")][QStringLiteral("mode")].toString(), QStringLiteral("danger-full-access"));
        // A missing config.toml is reported, not created.
        QCOMPARE(root[QStringLiteral("config")][QStringLiteral("exists")], QJsonValue(false));
        QVERIFY(!QFileInfo::exists(m_config));
    }

    void status_invalidTomlIsAnErrorNamingTheLine()
    {
        QVERIFY(writeFile(m_config, "model = \"o3\"\nbroken = \n"));
        const Run run = cli(QStringList{QStringLiteral("status"), QStringLiteral("--json")} + common(), m_user.path());
        QCOMPARE(run.code, 1);
        const QJsonArray findings = parseObject(run.out)[QStringLiteral("config")][QStringLiteral("findings")].toArray();
        bool found = false;
        for (const QJsonValue &value : findings) {
            if (value[QStringLiteral("code")].toString() == QStringLiteral("config-invalid")) {
                found = true;
                QCOMPARE(value[QStringLiteral("severity")].toString(), QStringLiteral("error"));
                QCOMPARE(value[QStringLiteral("line")].toInt(), 2);
            }
        }
        QVERIFY(found);
        const Run text = cli(QStringList{QStringLiteral("status")} + common(), m_user.path());
        QCOMPARE(text.code, 1);
        QVERIFY(text.out.contains(QStringLiteral("config-invalid (line 2)")));
    }

    void status_textNamesPolicyAndBlock()
    {
        QVERIFY(writeFile(m_config, Plain));
        const Run run = cli(QStringList{QStringLiteral("status"), QStringLiteral("--platform"), QStringLiteral("linux")}
                                + common(),
                            m_user.path());
        QCOMPARE(run.code, 0);
        QVERIFY(run.out.contains(QStringLiteral("workspace-write with network access")));
        QVERIFY(run.out.contains(QStringLiteral("block: absent")));
        QVERIFY(run.out.contains(m_config));
    }

    void diff_printsUnifiedDiffAndExitCode()
    {
        QVERIFY(writeFile(m_config, Plain));
        const QStringList args = QStringList{QStringLiteral("diff"), QStringLiteral("--platform"),
                                             QStringLiteral("linux")}
                                 + common();
        const Run plain = cli(args, m_user.path());
        QCOMPARE(plain.code, 0);
        QString expected = QStringLiteral("--- a/config.toml\n+++ b/config.toml\n@@ -1,3 +1,8 @@\n");
        for (const QByteArray &line : renderManagedBlock(choosePolicy({})).split('\n')) {
            if (!line.isEmpty())
                expected += QLatin1Char('+') + QString::fromUtf8(line) + QLatin1Char('\n');
        }
        expected += QStringLiteral("+\n model = \"o3\"\n \n [permissions.x]\n");
        QCOMPARE(plain.out, expected);

        QCOMPARE(cli(args + QStringList{QStringLiteral("--exit-code")}, m_user.path()).code, 1);
        QCOMPARE(readAll(m_config), Plain);  // diff never writes

        QCOMPARE(cli(QStringList{QStringLiteral("apply")} + args.mid(1), m_user.path()).code, 0);
        const Run after = cli(args + QStringList{QStringLiteral("--exit-code")}, m_user.path());
        QCOMPARE(after.code, 0);
        QVERIFY(after.out.isEmpty());
    }

    void apply_expectSha256MismatchExitsThreeAndWritesNothing()
    {
        QVERIFY(writeFile(m_config, Plain));
        const QString previewed = QString::fromLatin1(sha256Hex("model = \"gpt-5\"\n"));
        const Run run = cli(QStringList{QStringLiteral("apply"), QStringLiteral("--expect-sha256"), previewed} + common(),
                            m_user.path());
        QCOMPARE(run.code, 3);
        QVERIFY(run.err.contains(QStringLiteral("changed since the preview")));
        QCOMPARE(readAll(m_config), Plain);
        QCOMPARE(entriesOf(m_home), QStringList{QStringLiteral("config.toml")});

        // The hash status reports is the one apply accepts.
        const QString hash = parseObject(cli(QStringList{QStringLiteral("status"), QStringLiteral("--json")} + common(),
                                             m_user.path())
                                             .out)[QStringLiteral("config")][QStringLiteral("sha256")]
                                 .toString();
        QCOMPARE(cli(QStringList{QStringLiteral("apply"), QStringLiteral("--expect-sha256"), hash} + common(),
                     m_user.path())
                     .code,
                 0);
        QVERIFY(readAll(m_config) != Plain);

        QCOMPARE(cli(QStringList{QStringLiteral("apply"), QStringLiteral("--expect-sha256"), QStringLiteral("12ab")}
                         + common(),
                     m_user.path())
                     .code,
                 2);
    }

    void apply_invalidTomlExitsThreeNamingTheLine()
    {
        const QByteArray invalid = "model = \"o3\"\n\n[tui\ntheme = \"dark\"\n";
        QVERIFY(writeFile(m_config, invalid));
        const Run run = cli(QStringList{QStringLiteral("apply")} + common(), m_user.path());
        QCOMPARE(run.code, 3);
        QVERIFY2(run.err.contains(m_config + QStringLiteral(":3")), qPrintable(run.err));
        QCOMPARE(readAll(m_config), invalid);
        QCOMPARE(entriesOf(m_home), QStringList{QStringLiteral("config.toml")});
    }

    void apply_directoryInPlaceOfConfigIsRefused()
    {
        QVERIFY(QDir(m_home).mkdir(QStringLiteral("config.toml")));
        QVERIFY(writeFile(m_config + QStringLiteral("/keep.txt"), "mine"));
        const Run run = cli(QStringList{QStringLiteral("apply")} + common(), m_user.path());
        QCOMPARE(run.code, 3);
        QVERIFY(run.err.contains(QStringLiteral("config.toml is a folder")));
        QVERIFY(QFileInfo(m_config).isDir());
        QCOMPARE(readAll(m_config + QStringLiteral("/keep.txt")), QByteArray("mine"));
        QCOMPARE(entriesOf(m_home), QStringList{QStringLiteral("config.toml")});
    }

    void apply_fileOverEightMiBIsRefusedUntouched()
    {
        const QByteArray huge = "model = \"o3\"\n" + QByteArray(MaxConfigBytes, '#') + '\n';
        QVERIFY(writeFile(m_config, huge));
        const Run run = cli(QStringList{QStringLiteral("apply")} + common(), m_user.path());
        QCOMPARE(run.code, 3);
        QVERIFY(run.err.contains(QStringLiteral("8 MiB")));
        QCOMPARE(QFileInfo(m_config).size(), qint64(huge.size()));
        QCOMPARE(entriesOf(m_home), QStringList{QStringLiteral("config.toml")});
    }

    void apply_missingCodexHomeIsRefusedAndNotCreated()
    {
        const QString missing = m_dir.filePath(QStringLiteral("no-such-home"));
        const Run run = cli({QStringLiteral("apply"), QStringLiteral("--codex-home"), missing,
                             QStringLiteral("--codex-version"), QStringLiteral("0.171.0")},
                            m_user.path());
        QCOMPARE(run.code, 3);
        QVERIFY(run.err.contains(QStringLiteral("CODEX_HOME does not exist")));
        QVERIFY(run.err.contains(missing));
        QVERIFY(!QFileInfo::exists(missing));

        // CODEX_HOME from the environment works the same way.
        QString out, err;
        QTextStream o(&out), e(&err);
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("CODEX_HOME"), missing);
        Cli::CliContext context(o, e, environment);
        QCOMPARE(Cli::runCli({QStringLiteral("cli"), QStringLiteral("apply"), QStringLiteral("--codex-version"),
                              QStringLiteral("0.171.0")},
                             context),
                 3);
    }

    // Modes (chmod), mount and user namespaces: POSIX and Linux only. The
    // suite is labelled linux-only but still builds everywhere (MSVC too).
#ifdef Q_OS_UNIX
    void apply_readOnlyFileExitsThreeNothingLost()
    {
        QVERIFY(writeFile(m_config, Plain));
        QCOMPARE(::chmod(QFile::encodeName(m_config).constData(), 0444), 0);
        const Run run = cli(QStringList{QStringLiteral("apply")} + common(), m_user.path());
        QCOMPARE(run.code, 3);
        QVERIFY(run.err.contains(QStringLiteral("read-only")));
        QVERIFY(run.err.contains(QStringLiteral("chmod")));
        QCOMPARE(readAll(m_config), Plain);
        QCOMPARE(entriesOf(m_home), QStringList{QStringLiteral("config.toml")});
    }

    void apply_readOnlyMountFailsCleanly()
    {
        // A read-only bind mount in a private mount namespace: the kernel itself
        // refuses every write (EROFS), even to root.
        const QString exe = qEnvironmentVariable("SANDBOXDOCTOR_CLI");
        QVERIFY2(QFileInfo(exe).isExecutable(), "SANDBOXDOCTOR_CLI must name the built codex-sandbox-doctor-cli");
        QVERIFY(writeFile(m_config, Plain));
        QProcess process;
        process.start(QStringLiteral("unshare"),
                      {QStringLiteral("-rm"), QStringLiteral("sh"), QStringLiteral("-c"),
                       QStringLiteral("mount --bind \"$1\" \"$1\" && mount -o remount,bind,ro \"$1\" && "
                                      "exec \"$2\" apply --codex-home \"$1\" --codex-version 0.171.0"),
                       QStringLiteral("sh"), m_home, exe});
        QVERIFY(process.waitForFinished(60'000));
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(process.exitCode() == 3 || process.exitCode() == 4,
                 qPrintable(QStringLiteral("exit %1: %2").arg(process.exitCode()).arg(err)));
        QVERIFY2(err.contains(m_home), qPrintable(err));
        QCOMPARE(readAll(m_config), Plain);
        QCOMPARE(entriesOf(m_home), QStringList{QStringLiteral("config.toml")});
    }

    void apply_unreadableConfigExitsFourNothingLost()
    {
        // In a user namespace without a mapping for root (unshare -U), this
        // process's files belong to "nobody": permission bits bind again, so a
        // mode-000 config is truly unreadable even though the tests run as root.
        QVERIFY(writeFile(m_config, Plain));
        QCOMPARE(::chmod(QFile::encodeName(m_dir.path()).constData(), 0755), 0);
        QCOMPARE(::chmod(QFile::encodeName(m_home).constData(), 0777), 0);
        QCOMPARE(::chmod(QFile::encodeName(m_config).constData(), 0000), 0);
        const Run run = runUnprivileged({QStringLiteral("apply")});
        QVERIFY2(run.code == 4, qPrintable(QStringLiteral("exit %1: %2").arg(run.code).arg(run.err)));
        QVERIFY2(run.err.contains(QStringLiteral("Cannot open config.toml: Permission denied")), qPrintable(run.err));
        QVERIFY(run.err.contains(m_config));
        ::chmod(QFile::encodeName(m_config).constData(), 0644);
        QCOMPARE(readAll(m_config), Plain);
        QCOMPARE(entriesOf(m_home), QStringList{QStringLiteral("config.toml")});
    }

    void apply_folderNotWritableForTheUserIsRefused()
    {
        QVERIFY(writeFile(m_config, Plain));
        QCOMPARE(::chmod(QFile::encodeName(m_dir.path()).constData(), 0755), 0);
        QCOMPARE(::chmod(QFile::encodeName(m_config).constData(), 0666), 0);  // the file itself is writable
        QCOMPARE(::chmod(QFile::encodeName(m_home).constData(), 0555), 0);
        const Run run = runUnprivileged({QStringLiteral("apply")});
        ::chmod(QFile::encodeName(m_home).constData(), 0755);
        QVERIFY2(run.code == 3 || run.code == 4, qPrintable(QStringLiteral("exit %1: %2").arg(run.code).arg(run.err)));
        QVERIFY2(run.err.contains(QStringLiteral("read-only")) || run.err.contains(QStringLiteral("denied")),
                 qPrintable(run.err));
        QCOMPARE(readAll(m_config), Plain);
        QCOMPARE(entriesOf(m_home), QStringList{QStringLiteral("config.toml")});
    }
#endif

    void apply_windowsPolicyFollowsTheFilesSandboxSetting()
    {
        const QStringList args = QStringList{QStringLiteral("apply"), QStringLiteral("--json"),
                                             QStringLiteral("--platform"), QStringLiteral("windows")}
                                 + common();
        QVERIFY(writeFile(m_config, "model = \"o3\"\n"));
        Run run = cli(args, m_user.path());
        QCOMPARE(run.code, 0);
        QCOMPARE(parseObject(run.out)[QStringLiteral("mode")].toString(), QStringLiteral("danger-full-access"));

        QVERIFY(writeFile(m_config, "model = \"o3\"\n\n[windows]\nsandbox = \"elevated\"\n"));
        run = cli(args, m_user.path());
        QCOMPARE(run.code, 0);
        QCOMPARE(parseObject(run.out)[QStringLiteral("mode")].toString(), QStringLiteral("workspace-write"));
        QVERIFY(readAll(m_config).contains("sandbox_mode = \"workspace-write\""));
    }

    void apply_dryRunAndSecondApplyTouchNothing()
    {
        QVERIFY(writeFile(m_config, Plain));
        QCOMPARE(cli(QStringList{QStringLiteral("apply"), QStringLiteral("--dry-run")} + common(), m_user.path()).code, 0);
        QCOMPARE(readAll(m_config), Plain);
        QCOMPARE(cli(QStringList{QStringLiteral("apply"), QStringLiteral("--no-backup")} + common(), m_user.path()).code,
                 0);
        QCOMPARE(entriesOf(m_home), QStringList{QStringLiteral("config.toml")});
        const QByteArray applied = readAll(m_config);
        const QDateTime old = QDateTime::fromSecsSinceEpoch(1'600'000'000, QTimeZone::utc());
        {
            QFile f(m_config);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.setFileTime(old, QFileDevice::FileModificationTime));
        }
        const Run again = cli(QStringList{QStringLiteral("apply")} + common(), m_user.path());
        QCOMPARE(again.code, 0);
        QVERIFY(again.out.contains(QStringLiteral("not touched")));
        QCOMPARE(QFileInfo(m_config).lastModified().toUTC(), old);
        QCOMPARE(readAll(m_config), applied);
        QCOMPARE(entriesOf(m_home), QStringList{QStringLiteral("config.toml")});
    }

    void restore_listsAndBringsBackTheOriginal()
    {
        const QByteArray original = "\xEF\xBB\xBFmodel = \"o3\"\r\n\r\n[permissions.x]\r\n";
        QVERIFY(writeFile(m_config, original));
        QCOMPARE(cli(QStringList{QStringLiteral("restore")} + common(), m_user.path()).code, 3);  // nothing yet
        QCOMPARE(cli(QStringList{QStringLiteral("apply")} + common(), m_user.path()).code, 0);
        QVERIFY(readAll(m_config) != original);

        const Run list = cli(QStringList{QStringLiteral("restore"), QStringLiteral("--list"), QStringLiteral("--json")}
                                 + common(),
                             m_user.path());
        QCOMPARE(list.code, 0);
        const QJsonArray backups = parseObject(list.out)[QStringLiteral("backups")].toArray();
        QCOMPARE(backups.size(), 1);
        QCOMPARE(readAll(backups[0][QStringLiteral("path")].toString()), original);

        const Run restore = cli(QStringList{QStringLiteral("restore")} + common(), m_user.path());
        QCOMPARE(restore.code, 0);
        QCOMPARE(readAll(m_config), original);
        const Run text = cli(QStringList{QStringLiteral("restore"), QStringLiteral("--list")} + common(), m_user.path());
        QCOMPARE(text.out.count(QStringLiteral("config.toml.bak-")), 2);  // the undo point was kept
    }

    void usage_unknownOptionExitsTwo()
    {
        QCOMPARE(cli(QStringList{QStringLiteral("apply"), QStringLiteral("--no-such-option")} + common(), m_user.path())
                     .code,
                 2);
        QCOMPARE(cli(QStringList{QStringLiteral("status"), QStringLiteral("--platform"), QStringLiteral("beos")}
                         + common(),
                     m_user.path())
                     .code,
                 2);
    }
};

QTEST_GUILESS_MAIN(TestCliConfig)
#include "test_cli_config.moc"
