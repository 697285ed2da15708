#include "homes/homereport.h"

namespace SandboxDoctor {

Severity HomeReport::status() const
{
    return worstSeverity(findings);
}

QString HomeReport::statusName() const
{
    // The contract's status has no "info": an informational finding leaves a home ok.
    const Severity worst = status();
    return worst == Severity::Info ? QStringLiteral("ok") : severityName(worst);
}

QString HomeReport::blockName() const
{
    return blockKnown ? blockStateName(block) : QStringLiteral("unknown");
}

const HomeEntry *HomeReport::entry(QLatin1String name) const
{
    for (const HomeEntry &candidate : entries) {
        if (candidate.name == name)
            return &candidate;
    }
    return nullptr;
}

void ScanSummary::count(const HomeReport &report)
{
    ++homes;
    switch (report.status()) {
    case Severity::Info: ++ok; break;
    case Severity::Warning: ++warning; break;
    case Severity::Error: ++error; break;
    }
}

} // namespace SandboxDoctor
