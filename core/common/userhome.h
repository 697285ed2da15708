#pragma once

#include <QProcessEnvironment>
#include <QString>

namespace SandboxDoctor {

// The user's home folder as the given environment says (HOME, or USERPROFILE on
// Windows), so callers and tests decide; this process's home when it says nothing.
QString userHomeDirectory(const QProcessEnvironment &environment);

} // namespace SandboxDoctor
