#include "config/defeatfix_p.h"

#include "config/configdocument.h"
#include "config/plannerrules_p.h"

namespace SandboxDoctor {

namespace {

QString reasonFor(const EffectiveSandbox &e, const SandboxPolicy &policy)
{
    return QStringLiteral("default_permissions overrides the managed sandbox_mode in Codex 0.171 (it gives %1, "
                          "network %2; the policy is %3); restore it from the backup or Undo to use it again")
        .arg(sandboxModeName(e.mode), networkSandboxName(e.network), sandboxModeName(policy.mode));
}

} // namespace

std::optional<DefeatFix> commentOutDefeat(const QByteArray &planned, const QList<int> &resultSource,
                                          int blockLastLine, const SandboxPolicy &policy)
{
    if (!planned.contains("default_permissions"))
        return std::nullopt;  // the common case, without a second parse
    const EffectiveSandbox before = computeEffectiveSandbox(planned, true, std::nullopt);
    if (before.decider != SandboxDecider::BuiltInProfile && before.decider != SandboxDecider::PermissionProfile)
        return std::nullopt;
    if (!policyDefeat(before, policy))
        return std::nullopt;
    const int line = before.decidedBy.line;  // 1-based, body
    if (line <= blockLastLine || line > resultSource.size() || resultSource[line - 1] < 0)
        return std::nullopt;  // not a line of the user's that the edit kept
    auto loaded = loadConfigDocument(planned);
    if (!loaded || line > loaded->lines.size())
        return std::nullopt;
    const ConfigDocument &doc = *loaded;
    const ConfigLine &first = doc.lines[line - 1];
    if (first.kind != ConfigLine::Kind::KeyValue || first.section != -1
        || !PlannerRules::isPath(first.path, QStringLiteral("default_permissions")))
        return std::nullopt;
    const int last = qMax(first.lastLine, line - 1);

    DefeatFix fix;
    fix.setting = before.decidedBy;
    fix.reason = reasonFor(before, policy);
    QByteArray body;
    body.reserve(doc.body.size() + fix.reason.size() + 64);
    for (int i = 0; i < doc.lines.size(); ++i) {
        const ConfigLine &current = doc.lines[i];
        if (i == line - 1) {
            body.append(DefeatReasonPrefix);
            body.append(fix.reason.toUtf8());
            body.append(current.eolLength > 0 ? QByteArray(doc.body.constData() + current.end, current.eolLength)
                                              : doc.eol());
        }
        if (i >= line - 1 && i <= last)
            body.append("# ");
        body.append(doc.textWithEol(current));
    }
    fix.after = doc.bom ? QByteArray(Utf8Bom) + body : body;
    fix.resultSource = resultSource;
    fix.resultSource.insert(line - 1, -1);

    // Only a fix that makes the policy take effect is made; otherwise the finding
    // tells the user what decides, and apply leaves the line alone.
    if (!matchesPolicy(computeEffectiveSandbox(fix.after, true, std::nullopt), policy))
        return std::nullopt;
    return fix;
}

} // namespace SandboxDoctor
