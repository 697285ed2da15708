#pragma once

#include <QLatin1String>

namespace SandboxDoctor::HomeFindingCode {

// Finding codes only `inspect` reports (per-task homes), beside the contract's
// shared ones in common/finding.h. Stable: cli-contract.md lists them.

// The home folder itself could not be listed.
inline constexpr QLatin1String HomeUnreadable{"home-unreadable"};
// No auth.json in the home while the shared home has one: Codex runs logged out.
inline constexpr QLatin1String AuthMissing{"auth-missing"};
// auth.json (or what its link points to) is a folder, a FIFO, a device or a
// socket: Codex cannot read credentials from it.
inline constexpr QLatin1String AuthNotAFile{"auth-not-a-file"};
// An entry of the wrong kind where the daemon makes a file or a folder
// (sessions a file, config.json a FIFO, ...).
inline constexpr QLatin1String EntryUnexpected{"entry-unexpected"};
// config.toml is a link whose target lies outside the home: prepare, Repair
// and Apply refuse to write through it (replace it on request).
inline constexpr QLatin1String LinkLeavesHome{"link-leaves-home"};
// A copy that holds only the first bytes of the shared file: an interrupted copy.
inline constexpr QLatin1String CopyTruncated{"copy-truncated"};
// A file config.toml names (model_instructions_file, model_catalog_json, ...)
// is missing from the home.
inline constexpr QLatin1String ReferenceMissing{"reference-missing"};

} // namespace SandboxDoctor::HomeFindingCode
