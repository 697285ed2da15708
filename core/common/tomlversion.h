#pragma once

#include <QString>

namespace SandboxDoctor {

// The toml++ release this build was compiled against, as "3.3.0". Only core
// may include toml++, so the About box asks here.
QString tomlLibraryVersion();

} // namespace SandboxDoctor
