#pragma once

#include <QString>

namespace SandboxDoctor::Ui {

// Core texts (a finding's fix, an error's hint, a policy's hint) are written
// for the command-line tool: "Run apply: …", "give its path with --codex".
// In the window the same advice names the button or menu that does it, so a
// user is never told to type a command when a click does the job.
QString guiAdvice(const QString &coreText);

} // namespace SandboxDoctor::Ui
