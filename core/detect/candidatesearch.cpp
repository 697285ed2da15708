#include "detect/candidatesearch.h"

#include "common/version.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace SandboxDoctor::CandidateSearch {

namespace {

// Windows paths may come with backslashes even when previewed from another OS.
QString fromNative(const QString &path, Platform platform)
{
    if (platform != Platform::Windows)
        return path;
    QString copy = path;
    return copy.replace(QLatin1Char('\\'), QLatin1Char('/'));
}

QString joined(const QString &dir, const QString &rest)
{
    return QDir::cleanPath(dir + QLatin1Char('/') + rest);
}

// Expands one `*` segment; folders whose names hold a version sort newest
// first, so nvm's current Node tends to come before old ones.
QStringList expand(const QString &pattern)
{
    const qsizetype star = pattern.indexOf(QLatin1String("/*/"));
    if (star < 0)
        return {pattern};
    const QString base = pattern.left(star);
    const QString rest = pattern.mid(star + 3);
    QStringList names = QDir(base).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    std::stable_sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
        const auto va = Version::parse(a);
        const auto vb = Version::parse(b);
        if (va && vb)
            return *va > *vb;
        return va.has_value() && !vb.has_value();
    });
    QStringList paths;
    for (const QString &name : std::as_const(names))
        paths << base + QLatin1Char('/') + name + QLatin1Char('/') + rest;
    return paths;
}

} // namespace

QStringList executableNames(Platform platform)
{
    if (platform == Platform::Windows)
        return {QStringLiteral("codex.exe"), QStringLiteral("codex.cmd"), QStringLiteral("codex.bat")};
    return {QStringLiteral("codex")};
}

QString homeDirectory(const QProcessEnvironment &environment, Platform platform)
{
    if (platform == Platform::Windows) {
        const QString profile = environment.value(QStringLiteral("USERPROFILE"));
        if (!profile.isEmpty())
            return fromNative(profile, platform);
    }
    return fromNative(environment.value(QStringLiteral("HOME")), platform);
}

QStringList pathDirectories(const QProcessEnvironment &environment, Platform platform)
{
    const QChar separator = platform == Platform::Windows ? QLatin1Char(';') : QLatin1Char(':');
    QStringList dirs;
    const QStringList parts = environment.value(QStringLiteral("PATH")).split(separator, Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        QString dir = part.trimmed();
        if (platform == Platform::Windows && dir.size() > 1 && dir.startsWith(QLatin1Char('"')) && dir.endsWith(QLatin1Char('"')))
            dir = dir.mid(1, dir.size() - 2);
        if (!dir.isEmpty())
            dirs << fromNative(dir, platform);
    }
    return dirs;
}

bool isExecutableFile(const QString &path, Platform platform)
{
    const QFileInfo info(path);
    if (!info.isFile())
        return false;
    return platform == Platform::Windows || info.isExecutable();
}

QString resolveExplicit(const QString &given, const QProcessEnvironment &environment, Platform platform)
{
    const QString path = fromNative(given.trimmed(), platform);
    if (path.isEmpty())
        return {};
    if (path.contains(QLatin1Char('/'))) {
        const QString absolute = QFileInfo(path).absoluteFilePath();
        return isExecutableFile(absolute, platform) ? absolute : QString();
    }
    // A bare name: as a shell would, look it up on PATH.
    for (const QString &dir : pathDirectories(environment, platform)) {
        QStringList names{path};
        if (platform == Platform::Windows && QFileInfo(path).suffix().isEmpty()) {
            names = {path + QLatin1String(".exe"), path + QLatin1String(".cmd"), path + QLatin1String(".bat")};
        }
        for (const QString &name : std::as_const(names)) {
            const QString candidate = joined(dir, name);
            if (isExecutableFile(candidate, platform))
                return QFileInfo(candidate).absoluteFilePath();
        }
    }
    return {};
}

QList<CodexCandidate> onPath(const QProcessEnvironment &environment, Platform platform)
{
    QList<CodexCandidate> candidates;
    for (const QString &dir : pathDirectories(environment, platform)) {
        for (const QString &name : executableNames(platform)) {
            const QString candidate = joined(dir, name);
            if (isExecutableFile(candidate, platform))
                candidates.append({QFileInfo(candidate).absoluteFilePath(), CodexSource::Path});
        }
    }
    return candidates;
}

QList<KnownPlace> knownPlaces(const QProcessEnvironment &environment, Platform platform)
{
    QList<KnownPlace> places;
    const QString home = homeDirectory(environment, platform);
    const auto inHome = [&home](const QString &rest) { return joined(home, rest); };
    const auto fromVariable = [&environment, platform](const char *name) {
        return fromNative(environment.value(QLatin1String(name)), platform);
    };

    if (platform == Platform::Windows) {
        const QString appData = fromVariable("APPDATA");
        if (!appData.isEmpty())
            places.append({joined(appData, QStringLiteral("npm/codex.cmd")), CodexSource::NpmPackage});
        const QString localAppData = fromVariable("LOCALAPPDATA");
        if (!localAppData.isEmpty())
            places.append({joined(localAppData, QStringLiteral("Programs/OpenAI/Codex/bin/codex.exe")),
                           CodexSource::KnownLocation});
        QString npmPrefix = fromVariable("NPM_CONFIG_PREFIX");
        if (npmPrefix.isEmpty())
            npmPrefix = fromVariable("npm_config_prefix");
        if (!npmPrefix.isEmpty())
            places.append({joined(npmPrefix, QStringLiteral("codex.cmd")), CodexSource::NpmPackage});
    } else {
        if (platform == Platform::MacOS)
            places.append({QStringLiteral("/opt/homebrew/bin/codex"), CodexSource::KnownLocation});
        places.append({QStringLiteral("/usr/local/bin/codex"), CodexSource::KnownLocation});
        if (platform == Platform::Linux)
            places.append({QStringLiteral("/home/linuxbrew/.linuxbrew/bin/codex"), CodexSource::KnownLocation});
        if (!home.isEmpty())
            places.append({inHome(QStringLiteral(".local/bin/codex")), CodexSource::KnownLocation});
        QString npmPrefix = fromVariable("NPM_CONFIG_PREFIX");
        if (npmPrefix.isEmpty())
            npmPrefix = fromVariable("npm_config_prefix");
        if (!npmPrefix.isEmpty())
            places.append({joined(npmPrefix, QStringLiteral("bin/codex")), CodexSource::NpmPackage});
        if (!home.isEmpty())
            places.append({inHome(QStringLiteral(".npm-global/bin/codex")), CodexSource::NpmPackage});
        QString nvmDir = fromVariable("NVM_DIR");
        if (nvmDir.isEmpty() && !home.isEmpty())
            nvmDir = inHome(QStringLiteral(".nvm"));
        if (!nvmDir.isEmpty())
            places.append({joined(nvmDir, QStringLiteral("versions/node/*/bin/codex")), CodexSource::NpmPackage});
        if (platform == Platform::MacOS) {
            places.append({QStringLiteral("/Applications/Codex.app/Contents/Resources/codex"), CodexSource::AppBundle});
            if (!home.isEmpty())
                places.append({inHome(QStringLiteral("Applications/Codex.app/Contents/Resources/codex")),
                               CodexSource::AppBundle});
        }
    }
    return places;
}

QList<KnownPlace> extraPlaces(const QStringList &extra, Platform platform)
{
    QList<KnownPlace> places;
    for (const QString &entry : extra) {
        const QString path = QDir::cleanPath(fromNative(entry, platform));
        if (QFileInfo(path).isDir()) {
            for (const QString &name : executableNames(platform))
                places.append({joined(path, name), CodexSource::KnownLocation});
        } else {
            places.append({path, CodexSource::KnownLocation});
        }
    }
    return places;
}

QList<CodexCandidate> existing(const QList<KnownPlace> &places, Platform platform)
{
    QList<CodexCandidate> candidates;
    for (const KnownPlace &place : places) {
        for (const QString &path : expand(place.pattern)) {
            if (isExecutableFile(path, platform))
                candidates.append({path, place.source});
        }
    }
    return candidates;
}

QString identity(const QString &path, Platform platform)
{
    const QString canonical = QFileInfo(path).canonicalFilePath();
    return platform == Platform::Windows ? canonical.toLower() : canonical;
}

} // namespace SandboxDoctor::CandidateSearch
