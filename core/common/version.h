#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace SandboxDoctor {

// A Codex CLI version as `codex --version` prints it: major.minor.patch with an
// optional semver prerelease ("0.146.0-alpha.9.2"). Prereleases order below
// their release, as semantic versioning says.
class Version final
{
public:
    Version() = default;
    Version(int major, int minor, int patch, QString prerelease = {});

    // Accepts "0.121.0", "v0.121.0", "codex-cli 0.121.0", "0.146.0-alpha.9.2"
    // and build metadata ("+abc", ignored). "unknown", empty text or text
    // without a version give nullopt.
    static std::optional<Version> parse(QStringView text);

    // The first line of a program's output that holds a version (Windows npm
    // shims may print a code-page line first).
    static std::optional<Version> fromCommandOutput(QStringView output);

    int major() const { return m_major; }
    int minor() const { return m_minor; }
    int patch() const { return m_patch; }
    const QString &prerelease() const { return m_prerelease; }
    bool isPrerelease() const { return !m_prerelease.isEmpty(); }

    QString toString() const;

    // <0, 0, >0 like strcmp; semver precedence (build metadata ignored).
    static int compare(const Version &a, const Version &b);

    friend bool operator==(const Version &a, const Version &b) { return compare(a, b) == 0; }
    friend bool operator!=(const Version &a, const Version &b) { return compare(a, b) != 0; }
    friend bool operator<(const Version &a, const Version &b) { return compare(a, b) < 0; }
    friend bool operator<=(const Version &a, const Version &b) { return compare(a, b) <= 0; }
    friend bool operator>(const Version &a, const Version &b) { return compare(a, b) > 0; }
    friend bool operator>=(const Version &a, const Version &b) { return compare(a, b) >= 0; }

private:
    int m_major = 0;
    int m_minor = 0;
    int m_patch = 0;
    QString m_prerelease;
};

} // namespace SandboxDoctor
