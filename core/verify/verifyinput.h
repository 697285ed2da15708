#pragma once

#include "common/expected.h"
#include "common/policy.h"
#include "config/configfile.h"

#include <QByteArray>

namespace SandboxDoctor {

// The bytes verify puts in the scratch home: the current file, or (proposed)
// what `apply` would write — proposeEdit on the current bytes with `policy`.
// A proposal that is refused comes back as its Error (Kind::Refused, with line).
struct VerifyInput final
{
    QByteArray bytes;
    bool exists = false;
    bool proposed = false;
};

Expected<VerifyInput> verifyInputFor(const ConfigSnapshot &snapshot, const SandboxPolicy &policy, bool proposed);

} // namespace SandboxDoctor
