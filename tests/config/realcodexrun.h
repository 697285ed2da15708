#pragma once

// The real Codex (from the codex_npm_install fixture) for this area's tests:
// inside `unshare -rn` (loopback only), its traffic sent to a closed loopback
// port, so that `codex doctor --json` answers in a fraction of a second with
// the same config and sandbox verdicts.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace RealCodex {

inline QString nativeCodex()
{
    return qEnvironmentVariable("SANDBOXDOCTOR_CODEX_PREFIX")
           + QStringLiteral("/lib/node_modules/@openai/codex/node_modules/@openai/codex-linux-x64/vendor/"
                            "x86_64-unknown-linux-musl/bin/codex");
}

struct Outcome final
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs Codex with CODEX_HOME `home` and HOME `user` to the end (or two minutes).
inline Outcome run(const QString &user, const QString &home, const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CODEX_HOME"), home);
    env.insert(QStringLiteral("HOME"), user);
    for (const char *name : {"HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy"})
        env.insert(QString::fromLatin1(name), QStringLiteral("http://127.0.0.1:9"));
    env.remove(QStringLiteral("NO_PROXY"));
    env.remove(QStringLiteral("no_proxy"));
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(home);
    process.start(QStringLiteral("unshare"), QStringList{QStringLiteral("-rn"), nativeCodex()} + arguments);
    Outcome outcome;
    if (!process.waitForFinished(120'000)) {
        process.kill();
        process.waitForFinished();
        return outcome;
    }
    outcome.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    outcome.out = process.readAllStandardOutput();
    outcome.err = process.readAllStandardError();
    return outcome;
}

inline QStringList doctorArguments()
{
    return {QStringLiteral("doctor"), QStringLiteral("--json"), QStringLiteral("-c"),
            QStringLiteral("openai_base_url=\"http://127.0.0.1:9/v1\"")};
}

// What doctor --json says: config.load's status and the sandbox helpers' verdicts.
struct Verdict final
{
    QString load;
    QString filesystem;
    QString network;
};

inline Verdict doctor(const QString &user, const QString &home)
{
    const Outcome outcome = run(user, home, doctorArguments());
    const QJsonObject checks = QJsonDocument::fromJson(outcome.out).object().value(QStringLiteral("checks")).toObject();
    const QJsonObject helpers =
        checks.value(QStringLiteral("sandbox.helpers")).toObject().value(QStringLiteral("details")).toObject();
    return {checks.value(QStringLiteral("config.load")).toObject().value(QStringLiteral("status")).toString(),
            helpers.value(QStringLiteral("filesystem sandbox")).toString(),
            helpers.value(QStringLiteral("network sandbox")).toString()};
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace RealCodex
