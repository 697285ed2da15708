#include "common/version.h"

#include <QRegularExpression>

namespace SandboxDoctor {

namespace {

// A version stands alone: not glued to letters or digits on its left, so
// "x86_64" or "utf8" never read as one. The prerelease follows semver's
// grammar: dot-separated identifiers of [0-9A-Za-z-].
const QRegularExpression &versionPattern()
{
    static const QRegularExpression pattern(QStringLiteral(
        R"((?<![\w.])v?(\d{1,9})\.(\d{1,9})\.(\d{1,9})(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?(?![\w.]))"));
    return pattern;
}

bool isNumeric(QStringView identifier)
{
    if (identifier.isEmpty())
        return false;
    for (QChar c : identifier) {
        if (!c.isDigit())
            return false;
    }
    return true;
}

int compareIdentifiers(QStringView a, QStringView b)
{
    const bool aNumeric = isNumeric(a);
    const bool bNumeric = isNumeric(b);
    if (aNumeric && bNumeric) {
        // Compare as numbers of any length: drop leading zeros, then the
        // longer number is larger, and equal lengths compare digit by digit.
        while (a.size() > 1 && a.front() == QLatin1Char('0'))
            a = a.mid(1);
        while (b.size() > 1 && b.front() == QLatin1Char('0'))
            b = b.mid(1);
        if (a.size() != b.size())
            return a.size() < b.size() ? -1 : 1;
        return a.compare(b);
    }
    if (aNumeric != bNumeric)
        return aNumeric ? -1 : 1;  // numeric identifiers order below alphanumeric ones
    return a.compare(b, Qt::CaseSensitive);
}

} // namespace

Version::Version(int major, int minor, int patch, QString prerelease)
    : m_major(major), m_minor(minor), m_patch(patch), m_prerelease(std::move(prerelease))
{
}

std::optional<Version> Version::parse(QStringView text)
{
    const auto match = versionPattern().match(text.trimmed().toString());
    if (!match.hasMatch())
        return std::nullopt;
    return Version(match.capturedView(1).toInt(), match.capturedView(2).toInt(),
                   match.capturedView(3).toInt(), match.captured(4));
}

std::optional<Version> Version::fromCommandOutput(QStringView output)
{
    for (QStringView line : output.split(QLatin1Char('\n'))) {
        if (auto version = parse(line))
            return version;
    }
    return std::nullopt;
}

QString Version::toString() const
{
    QString text = QString::number(m_major) + QLatin1Char('.') + QString::number(m_minor)
                   + QLatin1Char('.') + QString::number(m_patch);
    if (!m_prerelease.isEmpty())
        text += QLatin1Char('-') + m_prerelease;
    return text;
}

int Version::compare(const Version &a, const Version &b)
{
    if (a.m_major != b.m_major)
        return a.m_major < b.m_major ? -1 : 1;
    if (a.m_minor != b.m_minor)
        return a.m_minor < b.m_minor ? -1 : 1;
    if (a.m_patch != b.m_patch)
        return a.m_patch < b.m_patch ? -1 : 1;
    if (a.m_prerelease.isEmpty() || b.m_prerelease.isEmpty()) {
        if (a.m_prerelease.isEmpty() == b.m_prerelease.isEmpty())
            return 0;
        return a.m_prerelease.isEmpty() ? 1 : -1;  // a release outranks its prereleases
    }
    const auto aIds = QStringView(a.m_prerelease).split(QLatin1Char('.'));
    const auto bIds = QStringView(b.m_prerelease).split(QLatin1Char('.'));
    for (qsizetype i = 0; i < aIds.size() && i < bIds.size(); ++i) {
        if (const int c = compareIdentifiers(aIds.at(i), bIds.at(i)); c != 0)
            return c < 0 ? -1 : 1;
    }
    if (aIds.size() == bIds.size())
        return 0;
    return aIds.size() < bIds.size() ? -1 : 1;
}

} // namespace SandboxDoctor
