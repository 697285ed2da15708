#include "detect/npmshim.h"

#include "detect/candidatesearch.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSysInfo>

namespace SandboxDoctor::NpmShim {

namespace {

bool isNodeScript(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray firstLine = file.readLine(256);
    return firstLine.startsWith("#!") && firstLine.contains("node");
}

bool isPackageDirectory(const QString &dir)
{
    return QFileInfo(dir + QLatin1String("/package.json")).isFile();
}

// The architecture part of a Rust target triple for this machine.
QString hostTripleArch()
{
    const QString arch = QSysInfo::currentCpuArchitecture();
    if (arch == QLatin1String("arm64"))
        return QStringLiteral("aarch64");
    return arch;  // "x86_64", "i386", ...
}

QString tripleOs(Platform platform)
{
    switch (platform) {
    case Platform::MacOS: return QStringLiteral("apple-darwin");
    case Platform::Windows: return QStringLiteral("windows");
    case Platform::Linux: return QStringLiteral("linux");
    }
    return {};
}

} // namespace

std::optional<QString> packageDirectory(const QString &path, Platform platform)
{
    const QFileInfo info(path);
    const QString suffix = info.suffix().toLower();
    if (platform == Platform::Windows && (suffix == QLatin1String("cmd") || suffix == QLatin1String("bat")
                                          || suffix == QLatin1String("ps1"))) {
        // %APPDATA%\npm\codex.cmd starts node_modules\@openai\codex\bin\codex.js beside it.
        const QString dir = info.absolutePath() + QLatin1String("/node_modules/@openai/codex");
        if (QFileInfo(dir).isDir())
            return dir;
        return std::nullopt;
    }

    const QString target = info.canonicalFilePath();
    if (target.isEmpty())
        return std::nullopt;
    const QFileInfo targetInfo(target);
    const bool isCodexJs = targetInfo.fileName() == QLatin1String("codex.js");
    if (!isCodexJs && !isNodeScript(target))
        return std::nullopt;

    // <package>/bin/codex.js, reached through a symlink or directly.
    const QString binDir = targetInfo.absolutePath();
    if (QFileInfo(binDir).fileName() == QLatin1String("bin")) {
        const QString package = QDir::cleanPath(binDir + QLatin1String("/.."));
        if (isPackageDirectory(package))
            return package;
    }
    // A wrapper in <prefix>/bin that is a copy, not a symlink.
    const QString prefixPackage =
        QDir::cleanPath(info.absolutePath() + QLatin1String("/../lib/node_modules/@openai/codex"));
    if (isPackageDirectory(prefixPackage))
        return prefixPackage;
    return QString();
}

QString findNativeBinary(const QString &packageDirectory, Platform platform)
{
    if (packageDirectory.isEmpty())
        return {};
    const QString exe = platform == Platform::Windows ? QStringLiteral("codex.exe") : QStringLiteral("codex");

    // Vendor folders: per-platform packages nested (npm -g) or hoisted
    // (local installs), and the main package's own (older releases).
    QStringList vendorDirs;
    QStringList scopeDirs{packageDirectory + QLatin1String("/node_modules/@openai")};
    const QString parent = QDir::cleanPath(packageDirectory + QLatin1String("/.."));
    if (QFileInfo(parent).fileName() == QLatin1String("@openai"))
        scopeDirs << parent;
    for (const QString &scope : std::as_const(scopeDirs)) {
        const QStringList platformPackages =
            QDir(scope).entryList({QStringLiteral("codex-*")}, QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        for (const QString &name : platformPackages)
            vendorDirs << scope + QLatin1Char('/') + name + QLatin1String("/vendor");
    }
    vendorDirs << packageDirectory + QLatin1String("/vendor");

    QStringList found;
    for (const QString &vendor : std::as_const(vendorDirs)) {
        const QStringList triples = QDir(vendor).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        for (const QString &triple : triples) {
            for (const QString &relative : {QStringLiteral("/bin/"), QStringLiteral("/codex/")}) {
                const QString candidate = vendor + QLatin1Char('/') + triple + relative + exe;
                if (CandidateSearch::isExecutableFile(candidate, platform))
                    found << candidate;
            }
        }
    }
    if (found.isEmpty())
        return {};

    // Several triples (a package that ships more than one): take this machine's.
    const QString arch = hostTripleArch();
    const QString os = tripleOs(platform);
    for (const QString &candidate : std::as_const(found)) {
        const QString triple = QFileInfo(candidate).absolutePath().section(QLatin1Char('/'), -2, -2);
        if (triple.startsWith(arch) && triple.contains(os))
            return candidate;
    }
    return found.constFirst();
}

bool isNodeOnPath(const QProcessEnvironment &environment, Platform platform)
{
    const QString node = platform == Platform::Windows ? QStringLiteral("node.exe") : QStringLiteral("node");
    for (const QString &dir : CandidateSearch::pathDirectories(environment, platform)) {
        if (CandidateSearch::isExecutableFile(dir + QLatin1Char('/') + node, platform))
            return true;
    }
    return false;
}

bool looksLikeMissingNode(int exitCode, const QByteArray &standardError)
{
    if (exitCode == 127 || exitCode == 9009)
        return true;
    return standardError.contains("node: No such file or directory")
           || standardError.contains("'node' is not recognized");
}

} // namespace SandboxDoctor::NpmShim
