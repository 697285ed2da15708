#pragma once

#include "common/policy.h"
#include "config/editplanner.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

// Builds workspaces roots and shared homes on disk for the homes suites.
namespace HomeFixtures {

// A marker no code path could produce by accident: if it shows up in any
// output, the bytes of auth.json were read.
inline const QByteArray AuthSecret = QByteArrayLiteral("sk-SECRET-MARKER-7f3e9c1a-do-not-print");

inline QByteArray authBytes()
{
    return QByteArrayLiteral("{\"OPENAI_API_KEY\": \"") + AuthSecret + QByteArrayLiteral("\"}\n");
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(bytes) == bytes.size();
}

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline bool makeLink(const QString &target, const QString &link)
{
    QDir().mkpath(QFileInfo(link).absolutePath());
    return QFile::link(target, link);
}

inline SandboxDoctor::SandboxPolicy linuxPolicy()
{
    SandboxDoctor::PolicyInputs inputs;
    inputs.platform = SandboxDoctor::Platform::Linux;
    return SandboxDoctor::choosePolicy(inputs);
}

// The block the daemon writes for Linux, then the user's content.
inline QByteArray currentConfig(const QByteArray &user = QByteArrayLiteral("model = \"o3\"\n"))
{
    return SandboxDoctor::renderManagedBlock(linuxPolicy()) + '\n' + user;
}

inline const QByteArray SharedConfigJson = QByteArrayLiteral("{\"model\": \"o3\"}\n");
inline const QByteArray SharedInstructions = QByteArrayLiteral("Be brief.\n");
inline const QByteArray SharedConfigToml = QByteArrayLiteral("model = \"o3\"\n");

// A shared home with every file the daemon links or copies.
inline void makeSharedHome(const QString &shared, bool withAuth = true, bool withSessions = true,
                           bool withCopies = true)
{
    QDir().mkpath(shared);
    if (withAuth)
        QVERIFY(writeFile(shared + QLatin1String("/auth.json"), authBytes()));
    if (withSessions)
        QVERIFY(QDir().mkpath(shared + QLatin1String("/sessions")));
    if (withCopies) {
        QVERIFY(writeFile(shared + QLatin1String("/config.json"), SharedConfigJson));
        QVERIFY(writeFile(shared + QLatin1String("/instructions.md"), SharedInstructions));
        QVERIFY(writeFile(shared + QLatin1String("/config.toml"), SharedConfigToml));
    }
}

// A home exactly as a daemon at the seed's commit leaves it (links + copies + block).
inline void makeDaemonHome(const QString &home, const QString &shared, const QByteArray &config = currentConfig())
{
    QVERIFY(QDir().mkpath(home));
    QVERIFY(makeLink(shared + QLatin1String("/auth.json"), home + QLatin1String("/auth.json")));
    QVERIFY(makeLink(shared + QLatin1String("/sessions"), home + QLatin1String("/sessions")));
    QVERIFY(writeFile(home + QLatin1String("/config.json"), SharedConfigJson));
    QVERIFY(writeFile(home + QLatin1String("/instructions.md"), SharedInstructions));
    QVERIFY(writeFile(home + QLatin1String("/config.toml"), config));
}

} // namespace HomeFixtures
