#pragma once

#include "common/finding.h"
#include "common/policy.h"
#include "config/configanalysis.h"

#include <QString>

namespace SandboxDoctor::Ui {

// The overview's answer to "will Codex run the policy's sandbox?", next to
// the policy: the core's sentence ("Codex will run: … — decided by …", or
// Codex's refusal with its line) and, when it is not the policy's, what
// stands in the way.
struct SandboxVerdict final
{
    enum class Kind {
        Matches,   // Codex runs exactly the policy's sandbox
        Defeated,  // a setting in the file decides another sandbox (sandbox-overridden when outside the block)
        Default,   // nothing in the file decides: Codex's default, which Apply replaces
        Refused,   // Codex does not start with this file
    };

    Kind kind = Kind::Matches;
    QString sentence;  // EffectiveSandbox::sentence()
    QString problem;   // empty for Matches: which setting and line, and why
    QString note;      // the rules may differ for this Codex release; empty when they do not
    Severity severity = Severity::Info;  // Matches: Info; Default: Warning; else Error
};

SandboxVerdict sandboxVerdict(const ConfigAnalysis &analysis, const SandboxPolicy &policy);

} // namespace SandboxDoctor::Ui
