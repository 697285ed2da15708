#pragma once

#include "common/error.h"
#include "common/platform.h"
#include "common/policy.h"
#include "common/finding.h"
#include "config/otherfiles.h"
#include "detect/codexinstall.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace SandboxDoctor {

// The one JSON shape of each type that more than one command (or the GUI's
// Save JSON) prints, as docs/cli-contract.md and docs/schema/ fix them. A
// command adds its own members to the object it gets back; it never writes
// these members itself, so `line` cannot be null in one command and absent in
// another. Members that are part of a shape are always present: null when
// there is nothing to say.

// A string member: null when empty.
QJsonValue jsonStringOrNull(const QString &text);
// A 1-based line (or column) member: null when 0 (not about a line).
QJsonValue jsonLineOrNull(int line);

// {"code", "severity", "message", "line": int|null, "fix": string|null}
QJsonObject findingToJson(const Finding &finding);
QJsonArray findingsToJson(const QList<Finding> &findings);

// {"kind", "message", "path": string|null, "line": int|null,
//  "column": int|null, "hint": string|null}
QJsonObject errorToJson(const Error &error);
// What a command prints on stdout under --json when it fails:
// {"error": errorToJson(error), "exit_code": error.exitCode()}.
QJsonObject failureToJson(const Error &error);
// The word for Error::Kind: usage, refused, io, not-found, process.
QString errorKindName(Error::Kind kind);

// {"platform", "mode", "network_access", "reason", "hint", "cost": string|null,
//  "preset", "preset_source": "chosen"|"default"} and, for a custom preset
// whose text is given, "custom". network_access is true only under
// workspace-write, where it means something.
QJsonObject policyToJson(const SandboxPolicy &policy, Platform platform, bool presetChosen,
                         const QString &customText = {});

// {"path", "version", "raw", "source", "error", "installs": [{"path", "version", "source"}]}:
// the chosen install (null members when none), `version` the one the policy
// used (it may come from --codex-version), `error` why there is none.
QJsonObject codexToJson(const CodexDetection &detection, const std::optional<Version> &version);
// Why there is no version, in words (the `error` member; the text report
// prints the same): the chosen install's error, else detection's; empty when
// the chosen install answered.
QString codexErrorText(const CodexDetection &detection);

// A file besides config.toml that a change writes (`apply`'s and `prepare`'s
// `files`/`other_files` entries): name, path, existed, changed. apply adds
// `sha256_after`, a dry run its `diff`.
QJsonObject otherFileToJson(const OtherFileEdit &file);

} // namespace SandboxDoctor
