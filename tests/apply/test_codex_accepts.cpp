#include "config/applier.h"
#include "config/configanalysis.h"
#include "config/editplanner.h"
#include "policytesting.h"

#include "../config/todayfixtures.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <memory>
#include <vector>

using namespace SandboxDoctor;

namespace {

struct Case final
{
    QString name;
    QByteArray config;
    Platform platform;
    QString filesystem;  // what codex doctor must report
    QString network;
};

QString nativeCodex()
{
    const QString prefix = qEnvironmentVariable("SANDBOXDOCTOR_CODEX_PREFIX");
    return prefix
           + QStringLiteral("/lib/node_modules/@openai/codex/node_modules/@openai/codex-linux-x64/vendor/"
                            "x86_64-unknown-linux-musl/bin/codex");
}

QList<QPair<QString, QByteArray>> configs()
{
    return {
        {QStringLiteral("plain"), "model = \"o3\"\napproval_policy = \"on-request\"\n\n[projects.\"/srv/app\"]\ntrust_level = "
                                  "\"trusted\"\n"},
        {QStringLiteral("writable-roots"),
         "model = \"o3\"\n\n[sandbox_workspace_write]\nwritable_roots = [\"/srv/data\", \"/var/cache/x\"]\n"
         "exclude_slash_tmp = true\n"},
        {QStringLiteral("profiles"),
         "model = \"o3\"\n\n[profiles.fast]\nmodel = \"o3\"\nsandbox_mode = \"read-only\"\n\n[profiles.deep]\n"
         "sandbox_mode = \"workspace-write\"\n"},
        {QStringLiteral("crlf"), "model = \"o3\"\r\n\r\n[projects.\"/srv/app\"]\r\ntrust_level = \"trusted\"\r\n"},
        {QStringLiteral("bom"), "\xEF\xBB\xBFmodel = \"o3\"\n\n[tui]\n"},
        {QStringLiteral("trailing-permissions"), "model = \"o3\"\n\n[permissions.x]\n"},
        {QStringLiteral("legacy"),
         "sandbox_mode = \"read-only\"\nmodel = \"o3\"\n\n[sandbox_workspace_write]\nnetwork_access = false\n"
         "writable_roots = [\"/srv/data\"]\n"},
        // As today's multica daemon writes a per-task config.toml (issue 14.1): its
        // four named blocks, one case with multi_agent inside [features].
        {QStringLiteral("today-daemon"), TodayFixtures::DaemonPlain},
        {QStringLiteral("today-daemon-features"), TodayFixtures::DaemonFeatures},
        // An older daemon's block holding a [sandbox_workspace_write] header (issue 14.2).
        {QStringLiteral("old-block-at-end"), TodayFixtures::OldBlockAtEnd},
        {QStringLiteral("old-block-at-top"), TodayFixtures::OldBlockAtTop},
    };
}

// The named blocks of `file`, each BEGIN line through END line.
QList<QByteArray> namedBlockTexts(const QByteArray &file)
{
    const ConfigAnalysis analysis = analyzeConfig(file, true, SandboxPolicy{});
    const QList<QByteArray> lines = file.split('\n');
    QList<QByteArray> texts;
    for (const NamedBlock &block : analysis.namedBlocks) {
        QByteArray text;
        for (int line = block.beginLine; line <= block.endLine; ++line)
            text += lines[line - 1] + '\n';
        texts.append(text);
    }
    return texts;
}

QString scratchDir()
{
    return qEnvironmentVariable("SANDBOXDOCTOR_SCRATCH_DIR");
}

struct CodexRun final
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// The real Codex in a network namespace of its own, on a scratch CODEX_HOME that
// holds `config`. doctor is fast this way: its provider checks meet a closed
// loopback port at once instead of waiting on a network that is not there.
CodexRun runCodex(const QString &name, const QByteArray &config, const QStringList &arguments)
{
    const QString home = scratchDir() + QStringLiteral("/judge-") + name;
    QDir(home).removeRecursively();
    QDir().mkpath(home);
    QDir().mkpath(scratchDir() + QStringLiteral("/home"));
    QFile file(home + QStringLiteral("/config.toml"));
    if (!file.open(QIODevice::WriteOnly) || file.write(config) != config.size())
        return {};
    file.close();
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CODEX_HOME"), home);
    env.insert(QStringLiteral("HOME"), scratchDir() + QStringLiteral("/home"));
    env.insert(QStringLiteral("HTTPS_PROXY"), QStringLiteral("http://127.0.0.1:9"));
    env.insert(QStringLiteral("HTTP_PROXY"), QStringLiteral("http://127.0.0.1:9"));
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(home);
    process.start(QStringLiteral("unshare"), QStringList{QStringLiteral("-rn"), nativeCodex()} + arguments);
    if (!process.waitForFinished(120'000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

// checks["config.load"] of `codex doctor --json` for `config`.
QJsonObject configLoad(const QString &name, const QByteArray &config)
{
    const CodexRun run = runCodex(name, config,
                                  {QStringLiteral("doctor"), QStringLiteral("--json"), QStringLiteral("-c"),
                                   QStringLiteral("openai_base_url=\"http://127.0.0.1:9/v1\"")});
    return QJsonDocument::fromJson(run.out).object().value(QStringLiteral("checks")).toObject()
        .value(QStringLiteral("config.load")).toObject();
}

} // namespace

class TestCodexAccepts final : public QObject
{
    Q_OBJECT

private slots:
    void codexDoctor_loadsEveryAppliedConfigWithTheIntendedSandbox()
    {
        QVERIFY2(QFileInfo(nativeCodex()).isExecutable(),
                 qPrintable(QStringLiteral("no Codex binary at %1 (SANDBOXDOCTOR_CODEX_PREFIX)").arg(nativeCodex())));
        const QString scratch = qEnvironmentVariable("SANDBOXDOCTOR_SCRATCH_DIR");
        QVERIFY2(!scratch.isEmpty() && !scratch.startsWith(QStringLiteral("/tmp/")),
                 "SANDBOXDOCTOR_SCRATCH_DIR must be set and lie outside /tmp");
        QDir(scratch).removeRecursively();
        QVERIFY(QDir().mkpath(scratch + QStringLiteral("/home")));

        std::vector<Case> cases;
        for (const auto &[name, config] : configs()) {
            cases.push_back({name + QStringLiteral("-linux"), config, Platform::Linux, QStringLiteral("restricted"),
                             QStringLiteral("enabled")});
            cases.push_back({name + QStringLiteral("-macos"), config, Platform::MacOS, QStringLiteral("unrestricted"),
                             QStringLiteral("enabled")});
        }

        // Apply every case first, then ask Codex about all of them at once:
        // each doctor run waits ~10 s on network checks that cannot succeed here.
        std::vector<std::unique_ptr<QProcess>> doctors;
        for (const Case &c : cases) {
            const QString home = scratch + QLatin1Char('/') + c.name;
            QVERIFY(QDir().mkpath(home));
            QFile file(home + QStringLiteral("/config.toml"));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(c.config);
            file.close();
            const SandboxPolicy policy = choosePolicy(policyInputs(c.platform));
            const Expected<ApplyResult> applied = applyManagedBlock(home, policy, ApplyOptions{false, false, {}, 0});
            QVERIFY2(applied, qPrintable(c.name + QStringLiteral(": ") + (applied ? QString() : applied.error().toText())));
            // Written unless it was current already (today's daemon's file, under its own policy).
            QVERIFY2(applied->written == applied->edit.changed, qPrintable(c.name));
            // The daemon's named blocks byte for byte, and a second apply changes nothing.
            for (const QByteArray &block : namedBlockTexts(c.config))
                QVERIFY2(applied->edit.after.contains(block), qPrintable(c.name));
            const Expected<ApplyResult> again = applyManagedBlock(home, policy, ApplyOptions{false, false, {}, 0});
            QVERIFY2(again && !again->written, qPrintable(c.name + QStringLiteral(": a second apply wrote")));

            auto process = std::make_unique<QProcess>();
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("CODEX_HOME"), home);
            env.insert(QStringLiteral("HOME"), scratch + QStringLiteral("/home"));
            process->setProcessEnvironment(env);
            process->setWorkingDirectory(home);
            // A network namespace of its own: nothing Codex tries leaves the machine.
            process->start(QStringLiteral("unshare"), {QStringLiteral("-rn"), nativeCodex(), QStringLiteral("doctor"),
                                                       QStringLiteral("--json")});
            doctors.push_back(std::move(process));
        }

        for (size_t i = 0; i < cases.size(); ++i) {
            const Case &c = cases[i];
            QProcess &doctor = *doctors[i];
            QVERIFY2(doctor.waitForFinished(300'000), qPrintable(c.name + QStringLiteral(": codex doctor did not finish")));
            // doctor exits 1 whenever any check fails (no login, no network): read its JSON regardless.
            const QByteArray out = doctor.readAllStandardOutput();
            QJsonParseError error{};
            const QJsonObject report = QJsonDocument::fromJson(out, &error).object();
            QVERIFY2(error.error == QJsonParseError::NoError,
                     qPrintable(c.name + QStringLiteral(": no JSON from codex doctor: ")
                                + QString::fromUtf8(out.left(500) + doctor.readAllStandardError().left(500))));
            const QJsonObject checks = report.value(QStringLiteral("checks")).toObject();
            const QJsonObject load = checks.value(QStringLiteral("config.load")).toObject();
            // Loaded cleanly; the daemon's own multi-agent block draws 0.171's one
            // warning, "`[features].multi_agent` is deprecated", and nothing else.
            const QString status = load.value(QStringLiteral("status")).toString();
            const QString warning = load.value(QStringLiteral("details")).toObject()
                                        .value(QStringLiteral("startup warning")).toString();
            const bool deprecatedMultiAgent = c.config.contains("multi_agent = false")
                                              && warning.startsWith(QLatin1String("`[features].multi_agent` is deprecated"))
                                              && !warning.contains(QLatin1Char('\n'));
            QVERIFY2(status == QStringLiteral("ok") || (status == QStringLiteral("warning") && deprecatedMultiAgent),
                     qPrintable(c.name + QStringLiteral(": config.load: ")
                                + QString::fromUtf8(QJsonDocument(load).toJson(QJsonDocument::Compact))));
            const QJsonObject sandbox =
                checks.value(QStringLiteral("sandbox.helpers")).toObject().value(QStringLiteral("details")).toObject();
            QCOMPARE(c.name + QLatin1Char(' ') + sandbox.value(QStringLiteral("filesystem sandbox")).toString(),
                     c.name + QLatin1Char(' ') + c.filesystem);
            QCOMPARE(c.name + QLatin1Char(' ') + sandbox.value(QStringLiteral("network sandbox")).toString(),
                     c.name + QLatin1Char(' ') + c.network);
        }
    }

    // Issue 12.8: for each kind of table that can hold a `sandbox_mode`, the real
    // Codex says whether it refuses the file, ignores the key (startup warning
    // "`<table>.sandbox_mode` is ignored", or nothing for tui) or takes the table
    // as a map of the user's names; the engine's rule (trappedkeys.cpp) must say
    // the same, remove the key only where it is a displaced setting, and leave a
    // file Codex loads.
    void codexJudgesSandboxModeInEveryKindOfTable_data()
    {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<QString>("verdict");  // kept, refused, ignored
        auto row = [](const char *name, const char *toml, const char *verdict) {
            QTest::newRow(name) << QByteArray(toml) << QString::fromLatin1(verdict);
        };
        row("mcp_servers.m.env", "[mcp_servers.m]\ncommand = \"c\"\n[mcp_servers.m.env]\nsandbox_mode = \"1\"\n", "kept");
        row("mcp_servers.m.http_headers", "[mcp_servers.m]\nurl = \"http://127.0.0.1:9/x\"\n[mcp_servers.m.http_headers]\n"
                                          "sandbox_mode = \"x\"\n", "kept");
        row("mcp_servers.m.env_http_headers", "[mcp_servers.m]\nurl = \"http://127.0.0.1:9/x\"\n"
                                              "[mcp_servers.m.env_http_headers]\nsandbox_mode = \"X\"\n", "kept");
        row("model_providers.p.http_headers", "[model_providers.p]\nname = \"p\"\nbase_url = \"http://127.0.0.1:9\"\n"
                                              "[model_providers.p.http_headers]\nsandbox_mode = \"x\"\n", "kept");
        row("model_providers.p.env_http_headers", "[model_providers.p]\nname = \"p\"\nbase_url = \"http://127.0.0.1:9\"\n"
                                                  "[model_providers.p.env_http_headers]\nsandbox_mode = \"X\"\n", "kept");
        row("model_providers.p.query_params", "[model_providers.p]\nname = \"p\"\nbase_url = \"http://127.0.0.1:9\"\n"
                                              "[model_providers.p.query_params]\nsandbox_mode = \"x\"\n", "kept");
        row("shell_environment_policy.set", "[shell_environment_policy.set]\nsandbox_mode = \"x\"\n", "kept");
        row("profiles.p.shell_environment_policy.set", "[profiles.p]\nmodel = \"o3\"\n"
                                                       "[profiles.p.shell_environment_policy.set]\nsandbox_mode = \"x\"\n",
            "kept");
        row("profiles.p", "[profiles.p]\nsandbox_mode = \"read-only\"\n", "kept");
        row("permissions.x", "[permissions.x]\nsandbox_mode = \"read-only\"\n", "refused");
        row("permissions.x.filesystem", "[permissions.x.filesystem]\nsandbox_mode = \"read-only\"\n", "refused");
        row("features", "[features]\nsandbox_mode = \"read-only\"\n", "refused");
        row("skills.config", "[[skills.config]]\npath = \"/s\"\nenabled = true\nsandbox_mode = \"read-only\"\n", "ignored");
        row("mcp_servers", "[mcp_servers]\nsandbox_mode = \"read-only\"\n", "refused");
        row("profiles", "[profiles]\nsandbox_mode = \"read-only\"\n", "refused");
        row("projects", "[projects]\nsandbox_mode = \"read-only\"\n", "refused");
        row("model_providers", "[model_providers]\nsandbox_mode = \"read-only\"\n", "refused");
        row("tui", "[tui]\nsandbox_mode = \"read-only\"\n", "ignored");
        row("history", "[history]\nsandbox_mode = \"read-only\"\n", "ignored");
        row("memories", "[memories]\nsandbox_mode = \"read-only\"\n", "ignored");
        row("notice", "[notice]\nsandbox_mode = \"read-only\"\n", "ignored");
        row("otel", "[otel]\nsandbox_mode = \"read-only\"\n", "ignored");
        row("tools", "[tools]\nsandbox_mode = \"read-only\"\n", "ignored");
        row("windows", "[windows]\nsandbox_mode = \"read-only\"\n", "ignored");
        row("sandbox_workspace_write", "[sandbox_workspace_write]\nsandbox_mode = \"read-only\"\n", "ignored");
        row("shell_environment_policy", "[shell_environment_policy]\nsandbox_mode = \"read-only\"\n", "ignored");
        row("mcp_servers.m", "[mcp_servers.m]\ncommand = \"c\"\nsandbox_mode = \"read-only\"\n", "ignored");
        row("model_providers.p", "[model_providers.p]\nname = \"p\"\nbase_url = \"http://127.0.0.1:9\"\n"
                                 "sandbox_mode = \"read-only\"\n", "ignored");
        row("projects.path", "[projects.\"/srv\"]\ntrust_level = \"trusted\"\nsandbox_mode = \"read-only\"\n", "ignored");
        row("profiles.p.tools", "[profiles.p.tools]\nsandbox_mode = \"read-only\"\n", "ignored");
        row("an unknown table", "[foo.bar]\nsandbox_mode = \"read-only\"\n", "ignored");
    }

    void codexJudgesSandboxModeInEveryKindOfTable()
    {
        QFETCH(QByteArray, config);
        QFETCH(QString, verdict);
        const QString name = QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'));

        const QJsonObject load = configLoad(name, config);
        const QString status = load.value(QStringLiteral("status")).toString();
        QVERIFY2(!status.isEmpty(), "no answer from codex doctor");
        const QString warning = load.value(QStringLiteral("details")).toObject()
                                    .value(QStringLiteral("startup warning")).toString();
        // Codex names the key, or the whole table when it knows none of it (`foo`).
        const bool keyIgnored = warning.contains(QLatin1String(".sandbox_mode` is ignored"));
        const bool tableIgnored = warning.contains(QLatin1String("` is ignored"));
        if (verdict == QLatin1String("refused")) {
            QCOMPARE(status, QStringLiteral("fail"));
        } else {
            QVERIFY2(status != QLatin1String("fail"), QJsonDocument(load).toJson().constData());
            // A map entry is used, never reported; a displaced key is ignored, and
            // said so except in [tui], which takes any key without a word.
            if (verdict == QLatin1String("kept"))
                QVERIFY2(!keyIgnored, qPrintable(warning));
            else if (QLatin1String(QTest::currentDataTag()) != QLatin1String("tui"))
                QVERIFY2(tableIgnored, qPrintable(warning));
        }

        const auto edit = proposeEdit(config, SandboxPolicy{SandboxMode::DangerFullAccess, false, {}, {}});
        QVERIFY(edit);
        const bool kept = edit->after.contains("sandbox_mode = \"read-only\"") || edit->after.contains("sandbox_mode = \"1\"")
                          || edit->after.contains("sandbox_mode = \"x\"") || edit->after.contains("sandbox_mode = \"X\"");
        QCOMPARE(kept, verdict == QLatin1String("kept"));
        QVERIFY2(configLoad(name + QStringLiteral("-applied"), edit->after).value(QStringLiteral("status")).toString()
                     != QLatin1String("fail"),
                 edit->after.constData());
    }

    // Issue 14.2: a root sandbox_mode or sandbox_workspace_write of a type Codex
    // cannot take. The real Codex refuses such a file, naming the key and what it
    // expects; the engine refuses it too, naming the line and the same expectation,
    // rather than writing it or calling it a bug of its own.
    void wrongTypes_refusedByCodexAndByTheEngineAlike_data()
    {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<QByteArray>("codexSays");  // in `codex sandbox`'s error
        QTest::addColumn<QString>("engineSays");
        QTest::newRow("sandbox_mode = 1") << QByteArray("sandbox_mode = 1\n") << QByteArray("in `sandbox_mode`")
                                          << QStringLiteral("one of the strings");
        QTest::newRow("[sandbox_mode]") << QByteArray("[sandbox_mode]\nx = 1\n")
                                        << QByteArray("expected one of `read-only`, `workspace-write`, `danger-full-access`")
                                        << QStringLiteral("one of the strings");
        QTest::newRow("sandbox_workspace_write = 5") << QByteArray("sandbox_workspace_write = 5\n")
                                                     << QByteArray("expected struct SandboxWorkspaceWrite")
                                                     << QStringLiteral("expects a table");
        QTest::newRow("sandbox_workspace_write = \"x\"") << QByteArray("sandbox_workspace_write = \"x\"\n")
                                                         << QByteArray("expected struct SandboxWorkspaceWrite")
                                                         << QStringLiteral("expects a table");
        QTest::newRow("[[sandbox_workspace_write]]") << QByteArray("[[sandbox_workspace_write]]\nnetwork_access = true\n")
                                                     << QByteArray("in `sandbox_workspace_write`")
                                                     << QStringLiteral("expects a table");
    }

    void wrongTypes_refusedByCodexAndByTheEngineAlike()
    {
        QFETCH(QByteArray, config);
        QFETCH(QByteArray, codexSays);
        QFETCH(QString, engineSays);
        const QString name = QStringLiteral("type-") + QString::number(qHash(config));
        const CodexRun run = runCodex(name, config, {QStringLiteral("sandbox"), QStringLiteral("--"), QStringLiteral("true")});
        QVERIFY2(run.exitCode != 0, run.err.constData());
        QVERIFY2(run.err.contains(codexSays), run.err.constData());

        const auto edit = proposeEdit(config, SandboxPolicy{});
        QVERIFY(!edit);
        QCOMPARE(edit.error().kind, Error::Kind::Refused);
        QCOMPARE(edit.error().line, 1);
        QVERIFY2(edit.error().message.contains(engineSays), qPrintable(edit.error().message));
        QVERIFY(!edit.error().hint.contains(QLatin1String("bug")));
    }
};

QTEST_GUILESS_MAIN(TestCodexAccepts)
#include "test_codex_accepts.moc"
