#pragma once

// Private to core/config: what apply does about a root `default_permissions`
// that defeats the policy. Codex 0.171 obeys default_permissions over
// sandbox_mode (docs/codex-behaviour.md, "Keys that decide the sandbox, and which
// one wins in 0.171"), so the managed
// block alone cannot take effect while it stands: apply comments it out in
// place, under a one-line reason, and keeps every [permissions.<name>] table
// byte for byte. The user's line stays readable; Undo brings it back.

#include "common/policy.h"
#include "config/effectivesandbox.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace SandboxDoctor {

// The text that starts the reason line apply writes above the commented line.
inline constexpr char DefeatReasonPrefix[] = "# codex-sandbox-doctor: ";

struct DefeatFix final
{
    QByteArray after;          // the planned result with the line commented out
    QList<int> resultSource;   // the planned result's map, with the reason line (-1) inserted
    ConfigSetting setting;     // the line commented out, as it stood in the planned result
    QString reason;            // the reason written above it (without the comment prefix)
};

// `planned` is the whole result the planner assembled (BOM included) and
// `resultSource` its per-line map to the input; lines up to `blockLastLine`
// (1-based, body) are the blocks the planner wrote. Answers the result with
// default_permissions commented out when that line (a user line after the
// block) decides against the policy and commenting it out makes Codex 0.171 run
// exactly the policy's sandbox; nullopt otherwise.
std::optional<DefeatFix> commentOutDefeat(const QByteArray &planned, const QList<int> &resultSource,
                                          int blockLastLine, const SandboxPolicy &policy);

} // namespace SandboxDoctor
