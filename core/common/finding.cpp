#include "common/finding.h"

#include <algorithm>

namespace SandboxDoctor {

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Info: return QStringLiteral("info");
    case Severity::Warning: return QStringLiteral("warning");
    case Severity::Error: return QStringLiteral("error");
    }
    return QStringLiteral("info");
}

std::optional<Severity> parseSeverity(QStringView name)
{
    if (name == QLatin1String("info"))
        return Severity::Info;
    if (name == QLatin1String("warning"))
        return Severity::Warning;
    if (name == QLatin1String("error"))
        return Severity::Error;
    return std::nullopt;
}

Severity worstSeverity(const QList<Finding> &findings)
{
    Severity worst = Severity::Info;
    for (const Finding &finding : findings)
        worst = std::max(worst, finding.severity);
    return worst;
}

bool hasFinding(const QList<Finding> &findings, QLatin1String code)
{
    return std::any_of(findings.cbegin(), findings.cend(),
                       [code](const Finding &finding) { return finding.code == code; });
}

} // namespace SandboxDoctor
