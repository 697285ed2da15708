#pragma once

#include "report/diagnosis.h"

#include <QString>

namespace SandboxDoctor::Ui {

// The diagnosis as Markdown, for pasting into a bug report or a chat: the same
// facts as `status` (Codex, platform, policy, config and findings) plus the
// proposed diff, so a helper sees what Apply would do.
QString markdownReport(const Diagnosis &diagnosis, const QString &appVersion);

} // namespace SandboxDoctor::Ui
