#pragma once

#include "common/platform.h"

#include <QProcessEnvironment>
#include <QString>

#include <optional>

namespace SandboxDoctor {

// npm installs Codex as a script run by `node` (`#!/usr/bin/env node`, or a
// codex.cmd on Windows). A desktop app rarely has node on PATH, but the
// package carries the native binary the script would start: these helpers
// find it, so we can ask Codex its version without node.
namespace NpmShim {

// The @openai/codex package folder behind `path` when `path` is an npm shim
// (a node script, a symlink to .../@openai/codex/bin/codex.js, or a .cmd
// beside node_modules); nullopt when it is a native program. The folder may
// be empty when the script is a node script we cannot place in a package.
std::optional<QString> packageDirectory(const QString &path, Platform platform);

// The native Codex inside an @openai/codex package: searched under
// node_modules/@openai/codex-*/vendor/*/ (and the package's own vendor/, and
// a hoisted sibling package) for bin/codex or codex/codex (.exe on Windows),
// preferring a target triple for this machine's architecture. Empty if none.
QString findNativeBinary(const QString &packageDirectory, Platform platform);

// Whether `node` (node.exe) is an executable in one of the PATH folders.
bool isNodeOnPath(const QProcessEnvironment &environment, Platform platform);

// What a failed start of a shim looks like when node is missing: exit 127
// ("env: node: No such file or directory"), cmd's 9009 ("'node' is not
// recognized"), or the text itself.
bool looksLikeMissingNode(int exitCode, const QByteArray &standardError);

} // namespace NpmShim

} // namespace SandboxDoctor
