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
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>
#include <QTest>
#include <QTimeZone>

#ifdef Q_OS_UNIX
#include <csignal>
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

#ifdef Q_OS_UNIX
// Splits a command line the way a POSIX shell does (the hints quote for it).
QStringList shellSplit(const QString &command)
{
    QProcess shell;
    shell.start(QStringLiteral("sh"), {QStringLiteral("-c"),
                                       QStringLiteral("eval \"set -- $1\"; for a; do printf '%s\\0' \"$a\"; done"),
                                       QStringLiteral("sh"), command});
    if (!shell.waitForFinished(10'000))
        return {};
    QStringList words = QString::fromUtf8(shell.readAllStandardOutput()).split(QLatin1Char('\0'));
    words.removeLast();  // after the last NUL
    return words;
}

// The command after "Undo with: " in a CLI's output, as arguments.
QStringList undoArguments(const QString &output)
{
    const QString marker = QStringLiteral("Undo with: codex-sandbox-doctor-cli ");
    const qsizetype at = output.indexOf(marker);
    if (at < 0)
        return {};
    const qsizetype end = output.indexOf(QLatin1Char('\n'), at);
    return shellSplit(output.mid(at + marker.size(), end - at - marker.size()));
}
#endif

QStringList leftoversIn(const QString &dir)
{
    QStringList found;
    for (const QString &entry : entriesOf(dir)) {
        if (entry.contains(QLatin1String(".sdtmp-")) || entry.contains(QLatin1String(".sdlock")))
            found.append(entry);
    }
    return found;
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
        // block-absent is a warning, but Codex 0.171 refuses Plain itself: [permissions] profiles
        // without default_permissions or sandbox_mode (codex-refuses, an error).
        QCOMPARE(run.code, 1);
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
        QCOMPARE(run.code, 1);  // Codex 0.171 refuses Plain (see status_jsonHasTheContractShape)
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

#ifdef Q_OS_UNIX
    void restore_undoHintsNameTheBackupAndCarryTheHome()
    {
        // A home whose path needs quoting, and no CODEX_HOME: the hint must still be right.
        m_home = m_dir.filePath(QStringLiteral("a home's folder"));
        QVERIFY(QDir().mkpath(m_home));
        m_config = QDir(m_home).filePath(QStringLiteral("config.toml"));
        QVERIFY(writeFile(m_config, Plain));

        const Run applied = cli(QStringList{QStringLiteral("apply")} + common(), m_user.path());
        QCOMPARE(applied.code, 0);
        const QByteArray after = readAll(m_config);
        const QStringList undo = undoArguments(applied.out);
        QVERIFY2(undo.size() == 5, qPrintable(applied.out));
        QCOMPARE(undo.mid(0, 2), (QStringList{QStringLiteral("restore"), QStringLiteral("--backup")}));
        QVERIFY(undo.at(2).startsWith(QStringLiteral("config.toml.bak-")));
        QCOMPARE(undo.mid(3), (QStringList{QStringLiteral("--codex-home"), m_home}));

        // Run exactly what the hint says.
        const Run restored = cli(undo, m_user.path());
        QCOMPARE(restored.code, 0);
        QCOMPARE(readAll(m_config), Plain);
        const QStringList redo = undoArguments(restored.out);
        QVERIFY2(redo.size() == 5 && redo.at(2) != undo.at(2), qPrintable(restored.out));
        QCOMPARE(cli(redo, m_user.path()).code, 0);
        QCOMPARE(readAll(m_config), after);

        // apply --json and restore --json carry the same commands.
        QVERIFY(writeFile(m_config, Plain));
        const QJsonObject json = parseObject(cli(QStringList{QStringLiteral("apply"), QStringLiteral("--json")} + common(),
                                                 m_user.path()).out);
        QVERIFY(json[QStringLiteral("undo")].toString().contains(QStringLiteral("--codex-home")));
        QCOMPARE(shellSplit(json[QStringLiteral("undo")].toString()).at(3),
                 json[QStringLiteral("backup_name")].toString());
        const QJsonObject restoreJson = parseObject(
            cli(QStringList{QStringLiteral("restore"), QStringLiteral("--json")} + common(), m_user.path()).out);
        QVERIFY(restoreJson[QStringLiteral("written")].toBool());
        const QStringList undoCommand = shellSplit(restoreJson[QStringLiteral("undo")][QStringLiteral("command")].toString());
        QCOMPARE(undoCommand.mid(3), (QStringList{restoreJson[QStringLiteral("undo")][QStringLiteral("name")].toString(),
                                                  QStringLiteral("--codex-home"), m_home}));
    }
#endif

    void backups_listsTheHistoryAndWhatIsNotOffered()
    {
        QVERIFY(writeFile(m_config, Plain));
        QCOMPARE(cli(QStringList{QStringLiteral("apply")} + common(), m_user.path()).code, 0);
        QCOMPARE(cli(QStringList{QStringLiteral("apply"), QStringLiteral("--platform"), QStringLiteral("macos")} + common(),
                     m_user.path()).code,
                 0);
#ifdef Q_OS_UNIX
        QCOMPARE(::mkfifo(QFile::encodeName(QDir(m_home).filePath(QStringLiteral("config.toml.bak-20991231T000000Z")))
                              .constData(),
                          0600),
                 0);
#endif
        QVERIFY(writeFile(QDir(m_home).filePath(QStringLiteral("config.toml.bak-20990101T000000Z")), "x = 1\n"));

        const Run run = cli(QStringList{QStringLiteral("backups"), QStringLiteral("--json")} + common(), m_user.path());
        QCOMPARE(run.code, 0);
        const QJsonObject root = parseObject(run.out);
        QVERIFY(hasKeys(root, {QStringLiteral("codex_home"), QStringLiteral("config"), QStringLiteral("newest"),
                               QStringLiteral("backups"), QStringLiteral("skipped")}));
        QCOMPARE(root[QStringLiteral("codex_home")].toString(), m_home);
        const QJsonArray backups = root[QStringLiteral("backups")].toArray();
        QCOMPARE(backups.size(), 3);
        const QJsonObject future = backups[0].toObject();
        QVERIFY(hasKeys(future, {QStringLiteral("name"), QStringLiteral("path"), QStringLiteral("created"),
                                 QStringLiteral("size"), QStringLiteral("parses"), QStringLiteral("future"),
                                 QStringLiteral("change_record"), QStringLiteral("files")}));
        QCOMPARE(future[QStringLiteral("name")].toString(), QStringLiteral("config.toml.bak-20990101T000000Z"));
        QCOMPARE(future[QStringLiteral("created")].toString(), QStringLiteral("2099-01-01T00:00:00Z"));
        QCOMPARE(future[QStringLiteral("future")], QJsonValue(true));
        QCOMPARE(future[QStringLiteral("parses")], QJsonValue(true));
        const QJsonObject newest = backups[1].toObject();
        QCOMPARE(root[QStringLiteral("newest")].toString(), newest[QStringLiteral("name")].toString());
        QCOMPARE(newest[QStringLiteral("future")], QJsonValue(false));
        QCOMPARE(newest[QStringLiteral("files")].toArray().size(), 1);
        QCOMPARE(readAll(backups[2][QStringLiteral("path")].toString()), Plain);
#ifdef Q_OS_UNIX
        const QJsonArray skipped = root[QStringLiteral("skipped")].toArray();
        QCOMPARE(skipped.size(), 1);
        QVERIFY(skipped[0][QStringLiteral("reason")].toString().contains(QStringLiteral("FIFO")));
#endif

        // restore --backup NAME, and the text listing marks what it should.
        const QString oldest = backups[2][QStringLiteral("name")].toString();
        QCOMPARE(cli(QStringList{QStringLiteral("restore"), QStringLiteral("--backup"), oldest} + common(), m_user.path())
                     .code,
                 0);
        QCOMPARE(readAll(m_config), Plain);
        QCOMPARE(cli(QStringList{QStringLiteral("restore"), QStringLiteral("--backup"), QStringLiteral("nope")} + common(),
                     m_user.path())
                     .code,
                 3);
        const Run text = cli(QStringList{QStringLiteral("backups")} + common(), m_user.path());
        QVERIFY(text.out.contains(QStringLiteral("dated in the future")));
#ifdef Q_OS_UNIX
        QVERIFY(text.out.contains(QStringLiteral("Not offered")));
#endif

        // --delete, all or nothing.
        QCOMPARE(cli(QStringList{QStringLiteral("backups"), QStringLiteral("--delete"), oldest, QStringLiteral("--delete"),
                                 QStringLiteral("nope")}
                         + common(),
                     m_user.path())
                     .code,
                 3);
        QVERIFY(QFileInfo::exists(backups[2][QStringLiteral("path")].toString()));
        QCOMPARE(cli(QStringList{QStringLiteral("backups"), QStringLiteral("--delete"), oldest} + common(), m_user.path())
                     .code,
                 0);
        QVERIFY(!QFileInfo::exists(backups[2][QStringLiteral("path")].toString()));
    }

    void status_reportsATemporaryFileLeftByAnInterruptedApply_andApplyRemovesIt()
    {
        // Plain's bare [permissions.x] is an error of its own (Codex refuses it);
        // here only the leftover may speak.
        QVERIFY(writeFile(m_config, "model = \"o3\"\n"));
        const QString ours = QDir(m_home).filePath(QStringLiteral(".config.toml.sdtmp-0123abcd"));
        QVERIFY(writeFile(ours, "half a config"));
        // Names and kinds that are not ours stay untouched.
        const QString otherName = QDir(m_home).filePath(QStringLiteral(".config.toml.sdtmp-notours"));
        QVERIFY(writeFile(otherName, "x"));
        const QString folder = QDir(m_home).filePath(QStringLiteral(".config.toml.sdtmp-0123abce"));
        QVERIFY(QDir().mkdir(folder));

        const Run status = cli(QStringList{QStringLiteral("status"), QStringLiteral("--json")} + common(), m_user.path());
        QCOMPARE(status.code, 0);
        int reported = 0;
        for (const QJsonValue &finding : parseObject(status.out)[QStringLiteral("config")][QStringLiteral("findings")].toArray()) {
            if (finding[QStringLiteral("code")].toString() != QStringLiteral("temp-file-left"))
                continue;
            ++reported;
            QCOMPARE(finding[QStringLiteral("severity")].toString(), QStringLiteral("warning"));
            QVERIFY(finding[QStringLiteral("message")].toString().contains(ours));
            QVERIFY(finding[QStringLiteral("message")].toString().contains(QStringLiteral("interrupted apply")));
            QVERIFY(!finding[QStringLiteral("fix")].toString().isEmpty());
        }
        QCOMPARE(reported, 1);
        QVERIFY(cli(QStringList{QStringLiteral("status")} + common(), m_user.path()).out.contains(QStringLiteral("temp-file-left")));

        QCOMPARE(cli(QStringList{QStringLiteral("apply")} + common(), m_user.path()).code, 0);
        QVERIFY(!QFileInfo::exists(ours));
        QVERIFY(QFileInfo::exists(otherName));
        QVERIFY(QFileInfo(folder).isDir());

        // On a current file too: the next apply cleans up without touching config.toml.
        QVERIFY(writeFile(ours, "half a config"));
        const Run again = cli(QStringList{QStringLiteral("apply")} + common(), m_user.path());
        QVERIFY(again.out.contains(QStringLiteral("not touched")));
        QVERIFY(!QFileInfo::exists(ours));
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

    void apply_fullDiskSaysSo_nothingLost()
    {
        // A 256 KiB tmpfs in a private mount namespace, filled up: writing the
        // new file fails with ENOSPC. The checks run inside, where it is mounted.
        const QString exe = qEnvironmentVariable("SANDBOXDOCTOR_CLI");
        QVERIFY2(QFileInfo(exe).isExecutable(), "SANDBOXDOCTOR_CLI must name the built codex-sandbox-doctor-cli");
        QProcess process;
        process.start(QStringLiteral("unshare"),
                      {QStringLiteral("-rm"), QStringLiteral("sh"), QStringLiteral("-c"),
                       QStringLiteral("mount -t tmpfs -o size=256k tmpfs \"$1\" && cd \"$1\" && "
                                      "{ echo 'model = \"o3\"'; i=0; while [ $i -lt 4000 ]; do echo \"# line $i\"; "
                                      "i=$((i+1)); done; } > config.toml && sum=$(sha256sum config.toml) && "
                                      "{ dd if=/dev/zero of=fill bs=4k 2>/dev/null; true; } && "
                                      "\"$2\" apply --codex-home \"$1\" --codex-version 0.171.0 --platform linux; "
                                      "echo \"exit=$?\"; ls -A; [ \"$(sha256sum config.toml)\" = \"$sum\" ] && echo intact"),
                       QStringLiteral("sh"), m_home, exe});
        QVERIFY(process.waitForFinished(60'000));
        const QString out = QString::fromUtf8(process.readAllStandardOutput());
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(out.contains(QStringLiteral("exit=4")), qPrintable(out + err));
        QVERIFY2(err.contains(QStringLiteral("the disk is full")), qPrintable(err));
        QVERIFY2(!err.contains(QStringLiteral("Unknown error")), qPrintable(err));
        QVERIFY2(err.contains(m_config), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("Free some space")), qPrintable(err));
        // config.toml intact; no backup, temporary file or lock left behind.
        QVERIFY2(out.contains(QStringLiteral("intact")), qPrintable(out));
        QCOMPARE(out.section(QStringLiteral("exit=4\n"), 1).split(QLatin1Char('\n'), Qt::SkipEmptyParts),
                 (QStringList{QStringLiteral("config.toml"), QStringLiteral("fill"), QStringLiteral("intact")}));
    }

    void apply_killedAtRandomMoments_leavesOldOrNew_andTheNextApplyLeavesNothing()
    {
        // The real CLI on a 1 MiB config, killed (SIGKILL) at random moments,
        // half of them spread over one apply's run time, half within its write
        // phase, many times: config.toml must hold
        // exactly the old or the new bytes, and the next apply must leave no
        // temporary or lock file behind.
        const QString exe = qEnvironmentVariable("SANDBOXDOCTOR_CLI");
        QVERIFY2(QFileInfo(exe).isExecutable(), "SANDBOXDOCTOR_CLI must name the built codex-sandbox-doctor-cli");
        QByteArray old = "model = \"o3\"\n";
        for (int i = 0; old.size() < 1024 * 1024; ++i)
            old += "\n[projects.\"/work/project-" + QByteArray::number(i) + "\"]\ntrust_level = \"trusted\"\n";
        const SandboxPolicy policy = choosePolicy({});
        const Expected<ProposedEdit> edit = proposeEdit(old, policy);
        QVERIFY(edit && edit->changed);
        const QByteArray fresh = edit->after;
        const QStringList args{QStringLiteral("apply"), QStringLiteral("--codex-home"), m_home,
                               QStringLiteral("--codex-version"), QStringLiteral("0.171.0"), QStringLiteral("--platform"),
                               QStringLiteral("linux")};

        auto reset = [&] {
            for (const QString &entry : entriesOf(m_home))
                QFile::remove(QDir(m_home).filePath(entry));
            return writeFile(m_config, old);
        };
        // One whole run, to know over how long to spread the kills (not a timing check).
        QVERIFY(reset());
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(QProcess::execute(exe, args), 0);
        const qint64 runMicros = std::max<qint64>(timer.nsecsElapsed() / 1000, 1000);
        QCOMPARE(readAll(m_config), fresh);

        QRandomGenerator random(20261129);  // fixed: the same kill moments each run, as far as timing allows
        const int rounds = 24;
        int killedBefore = 0, killedAfter = 0, leftBehind = 0;
        for (int round = 0; round < rounds; ++round) {
            QVERIFY(reset());
            QProcess apply;
            apply.start(exe, args);
            QVERIFY(apply.waitForStarted());
            if (round % 2 == 0) {
                // Anywhere in the run.
                QThread::usleep(static_cast<unsigned long>(random.bounded(runMicros + runMicros / 5)));
            } else {
                // In the write phase: once the temporary file shows up, within
                // the next 5 ms (writing it, flushing it, the checks, the replace).
                QElapsedTimer waited;
                waited.start();
                while (QDir(m_home).entryList({QStringLiteral(".config.toml.sdtmp-*")}, QDir::Files | QDir::Hidden).isEmpty()
                       && waited.nsecsElapsed() / 1000 < 3 * runMicros) {
                }
                QThread::usleep(static_cast<unsigned long>(random.bounded(5'000)));
            }
            ::kill(static_cast<pid_t>(apply.processId()), SIGKILL);
            QVERIFY(apply.waitForFinished(60'000));

            const QByteArray now = readAll(m_config);
            QVERIFY2(now == old || now == fresh,
                     qPrintable(QStringLiteral("round %1: config.toml is neither the old nor the new file").arg(round)));
            (now == old ? killedBefore : killedAfter)++;
            if (!leftoversIn(m_home).isEmpty())
                ++leftBehind;

            const Run next = cli(args, m_user.path());
            QVERIFY2(next.code == 0, qPrintable(next.err));
            QCOMPARE(readAll(m_config), fresh);
            QVERIFY2(leftoversIn(m_home).isEmpty(), qPrintable(leftoversIn(m_home).join(QLatin1String(", "))));
        }
        qInfo("%d kills over %lld us: %d before the replace, %d after, %d left a temporary or lock file", rounds,
              runMicros, killedBefore, killedAfter, leftBehind);
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
