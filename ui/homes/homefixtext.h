#pragma once

#include "common/finding.h"

#include <QString>

namespace SandboxDoctor::Ui {

// What to do about a finding, in the words of the Homes page: the button or
// menu that does it, never a CLI command (the core's `fix` texts are the
// CLI's, e.g. "Run `codex-sandbox-doctor-cli prepare …`").
QString homeFixText(const Finding &finding);

} // namespace SandboxDoctor::Ui
