#include "common/tomlversion.h"

// The version macros alone; Debian's toml++ 3.3 and the single-header build
// both define them before anything else.
#if __has_include(<toml++/toml.h>)
#include <toml++/toml.h>
#else
#include <toml.hpp>
#endif

namespace SandboxDoctor {

QString tomlLibraryVersion()
{
    return QStringLiteral("%1.%2.%3").arg(TOML_LIB_MAJOR).arg(TOML_LIB_MINOR).arg(TOML_LIB_PATCH);
}

} // namespace SandboxDoctor
