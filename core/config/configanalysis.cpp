#include "config/configanalysis.h"

#include "config/editplan_p.h"
#include "config/sandboxchecks_p.h"

#include <algorithm>

namespace SandboxDoctor {

QString blockStateName(BlockState state)
{
    switch (state) {
    case BlockState::Current: return QStringLiteral("current");
    case BlockState::Stale: return QStringLiteral("stale");
    case BlockState::Absent: return QStringLiteral("absent");
    case BlockState::Damaged: return QStringLiteral("damaged");
    case BlockState::Misplaced: return QStringLiteral("misplaced");
    }
    return QStringLiteral("absent");
}

WindowsSandboxSetting readWindowsSandboxSetting(const QByteArray &configBytes)
{
    const QByteArray body = configBytes.startsWith(Utf8Bom) ? configBytes.mid(3) : configBytes;
    if (findInvalidUtf8(body).line > 0)
        return WindowsSandboxSetting::Unreadable;
    const auto parsed = parseToml(body);
    if (!parsed)
        return WindowsSandboxSetting::Unreadable;
    const toml::node *node = parsed.value()->at_path("windows.sandbox").node();
    if (!node) {
        // A `windows` that is not a table hides the key too; Codex would refuse that file.
        const toml::node *windows = parsed.value()->get("windows");
        return windows && !windows->is_table() ? WindowsSandboxSetting::Invalid : WindowsSandboxSetting::Absent;
    }
    if (const auto *text = node->as_string()) {
        if (text->get() == "elevated")
            return WindowsSandboxSetting::Elevated;
        if (text->get() == "unelevated")
            return WindowsSandboxSetting::Unelevated;
        if (text->get() == "mxc")
            return WindowsSandboxSetting::Mxc;
    }
    return WindowsSandboxSetting::Invalid;
}

bool blockStaleOnlyElsewhere(const QList<Finding> &findings)
{
    return std::any_of(findings.cbegin(), findings.cend(), [](const Finding &f) {
        return f.code == FindingCode::BlockStale && f.severity == Severity::Info;
    });
}

ConfigAnalysis analyzeConfig(const QByteArray &configBytes, bool exists, const SandboxPolicy &policy,
                             const AnalysisContext &context)
{
    ConfigAnalysis analysis;
    analysis.exists = exists;
    SandboxCheckInput checks{configBytes, exists, nullptr, policy, context, std::nullopt, {}};
    if (!exists) {
        analysis.block = BlockState::Absent;
        analysis.findings.append({QString(FindingCode::ConfigMissing), Severity::Warning,
                                  QStringLiteral("There is no config.toml, so Codex uses its built-in sandbox "
                                                 "defaults."),
                                  0, QStringLiteral("Run apply to create config.toml with the managed block.")});
        applySandboxChecks(analysis, checks);
        return analysis;
    }
    auto plan = planEdit(configBytes, policy);
    if (!plan) {
        const Error &e = plan.error();
        analysis.invalid = e;
        analysis.findings.append({QString(FindingCode::ConfigInvalid), Severity::Error, e.message, e.line, e.hint});
        applySandboxChecks(analysis, checks);
        return analysis;
    }
    analysis.block = plan->layout.state;
    analysis.findings = plan->findings;
    for (const BlockLayout::Named &named : plan->layout.named)
        analysis.namedBlocks.append({named.name, named.begin + 1, named.end + 1});
    if (plan->invalid) {
        const Error &e = *plan->invalid;
        analysis.invalid = e;
        analysis.findings.prepend({QString(FindingCode::ConfigInvalid), Severity::Error,
                                   e.column > 0 ? QStringLiteral("%1 (column %2)").arg(e.message).arg(e.column)
                                                : e.message,
                                   e.line, e.hint});
    } else {
        checks.afterApply = plan->after;
        // The engine's view of the file itself (not one repaired by blanking managed lines).
        if (!plan->repairedParse)
            checks.parsed = plan->before;
    }
    for (const BlockLayout::Block &block : plan->layout.blocks)
        checks.managedBlocks.append({block.begin + 1, block.end + 1});
    // After the engine: its findings say what the block needs; these weigh them
    // against the sandbox Codex will actually run.
    applySandboxChecks(analysis, checks);
    return analysis;
}

} // namespace SandboxDoctor
