#pragma once

// Shared by the detection suites: fake Codex paths, throw-away homes and
// fake npm packages, and a bare environment like a desktop app gets.

#include "detect/codexlocator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTest>

namespace DetectTesting {

inline QString fake(const char *path)
{
    return QString::fromLocal8Bit(path);
}

inline QString fakeVersion() { return fake(SANDBOXDOCTOR_FAKE_CODEX_VERSION); }         // codex-cli 0.121.0
inline QString fakePrerelease() { return fake(SANDBOXDOCTOR_FAKE_CODEX_PRERELEASE); }   // codex-cli 0.146.0-alpha.9.2
inline QString fakeCodePage() { return fake(SANDBOXDOCTOR_FAKE_CODEX_CODEPAGE); }       // code page line, codex-cli 0.130.2
inline QString fakeHang() { return fake(SANDBOXDOCTOR_FAKE_CODEX_HANG); }
inline QString fakeExit3() { return fake(SANDBOXDOCTOR_FAKE_CODEX_EXIT3); }
inline QString fakeSilent() { return fake(SANDBOXDOCTOR_FAKE_CODEX_SILENT); }

// The file name a Codex CLI has on this machine: Windows runs only files
// with a program suffix (CreateProcess adds .exe to a bare name).
inline QString codexFileName()
{
#ifdef Q_OS_WIN
    return QStringLiteral("codex.exe");
#else
    return QStringLiteral("codex");
#endif
}

// A PATH value with this machine's separator (';' on Windows, where ':'
// follows every drive letter).
inline QString pathList(const QStringList &dirs)
{
    return dirs.join(QDir::listSeparator());
}

// Copies `source` to dir/name (folders made as needed), executable.
inline QString install(const QString &source, const QString &dir, const QString &name = codexFileName())
{
    if (!QDir().mkpath(dir))
        return {};
    const QString target = dir + QLatin1Char('/') + name;
    QFile::remove(target);
    if (!QFile::copy(source, target))
        return {};
    QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup
                                      | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther);
    return target;
}

inline bool writeFile(const QString &path, const QByteArray &bytes, bool executable = false)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        return false;
    file.close();
    if (executable)
        file.setPermissions(file.permissions() | QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther);
    return true;
}

// What a desktop app started from Finder sees: only what we put here.
inline QProcessEnvironment bareEnvironment(const QString &home, const QString &path)
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("PATH"), path);
    env.insert(QStringLiteral("SHELL"), QStringLiteral("/bin/sh"));
    return env;
}

// Options that look only where a test points: no login shell, no system places.
inline SandboxDoctor::DetectOptions isolatedOptions(const QProcessEnvironment &env)
{
    SandboxDoctor::DetectOptions options;
    options.environment = env;
    options.useLoginShell = false;
    options.searchKnownLocations = false;
    return options;
}

// An npm global prefix as `npm install -g @openai/codex` leaves it:
// <prefix>/bin/codex -> ../lib/node_modules/@openai/codex/bin/codex.js and,
// when `native` is given, the platform package's vendor binary. Returns the
// native binary's path (or the package folder when there is none).
inline QString makeNpmPrefix(const QString &prefix, const QString &native,
                             const QByteArray &shebang = QByteArrayLiteral("#!/usr/bin/env node"))
{
    const QString package = prefix + QStringLiteral("/lib/node_modules/@openai/codex");
    writeFile(package + QStringLiteral("/package.json"), R"({"name":"@openai/codex","version":"0.121.0"})");
    writeFile(package + QStringLiteral("/bin/codex.js"), shebang + "\nimport { spawn } from \"node:child_process\";\n", true);
    QDir().mkpath(prefix + QStringLiteral("/bin"));
    QFile::link(QStringLiteral("../lib/node_modules/@openai/codex/bin/codex.js"), prefix + QStringLiteral("/bin/codex"));
    if (native.isEmpty())
        return package;
    // A triple for another machine first, so the search must pick by name.
    install(fakeSilent(), package + QStringLiteral("/node_modules/@openai/codex-linux-arm64/vendor/aarch64-unknown-linux-musl/bin"));
    return install(native, package + QStringLiteral("/node_modules/@openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin"));
}

inline const SandboxDoctor::CodexInstall *findInstall(const SandboxDoctor::CodexDetection &detection, const QString &path)
{
    const QString canonical = QFileInfo(path).canonicalFilePath();
    for (const SandboxDoctor::CodexInstall &install : detection.installs) {
        if (install.path == path || (!canonical.isEmpty() && install.resolvedPath == canonical))
            return &install;
    }
    return nullptr;
}

inline QString describe(const SandboxDoctor::CodexDetection &detection)
{
    QString text;
    for (const SandboxDoctor::CodexInstall &install : detection.installs) {
        text += install.path + QLatin1String(" [") + SandboxDoctor::codexSourceName(install.source)
                + QLatin1String("] ") + (install.version ? install.version->toString() : QStringLiteral("-"))
                + (install.error ? QLatin1String(" error: ") + install.error->message : QString()) + QLatin1Char('\n');
    }
    if (detection.error)
        text += QLatin1String("detection error: ") + detection.error->toText();
    return text;
}

} // namespace DetectTesting
