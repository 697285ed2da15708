#include "config/applier.h"
#include "policytesting.h"

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
    };
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
            QVERIFY2(applied->written, qPrintable(c.name));

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
            QVERIFY2(load.value(QStringLiteral("status")).toString() == QStringLiteral("ok"),
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
};

QTEST_GUILESS_MAIN(TestCodexAccepts)
#include "test_codex_accepts.moc"
