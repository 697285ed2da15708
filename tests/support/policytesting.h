#pragma once

#include "common/policy.h"

// The policy inputs most tests need: one platform, Codex 0.171.0, no fixed
// macOS version, no `[windows] sandbox`, the seed's table.
inline SandboxDoctor::PolicyInputs policyInputs(SandboxDoctor::Platform platform)
{
    SandboxDoctor::PolicyInputs inputs;
    inputs.platform = platform;
    inputs.codexVersion = SandboxDoctor::Version(0, 171, 0);
    return inputs;
}
