#pragma once

// Private to core/config: the only header that includes toml++ (it must never
// reach a public header). Debian's toml++ is built with exceptions.
#if __has_include(<toml++/toml.h>)
#include <toml++/toml.h>
#else
#include <toml.hpp>
#endif

#include "common/expected.h"

#include <QByteArray>

#include <memory>

namespace SandboxDoctor {

// toml++'s view of a text, or the error (Refused, 1-based line and character
// column: toml++ counts code points) that stopped it.
Expected<std::shared_ptr<toml::table>> parseToml(const QByteArray &utf8Body);

// The keys the managed block owns, taken away so that the rest can be compared:
// root sandbox_mode, root sandbox_workspace_write.network_access, sandbox_mode in
// any table outside profiles.*, and sandbox_workspace_write.network_access trapped
// in such a table by a misplaced block. Then every empty table goes (both sides
// get the same treatment, so an emptied header and a vanished one compare equal).
void removeManagedKeys(toml::table &root);

// Deep equality (NaN equals NaN, types must match). On a difference, `where` gets
// the dotted path and `line` the line of the first differing node in `a` (or b).
bool sameValues(const toml::table &a, const toml::table &b, QString *where, int *line);

// What removeManagedKeys on copies of both trees and then sameValues would
// answer, without changing either tree: one walk in step, no erasing, no lookups.
bool sameUserValues(const toml::table &a, const toml::table &b);

} // namespace SandboxDoctor
