#pragma once

#include "common/error.h"
#include "common/version.h"

#include <QList>
#include <QString>

#include <optional>

namespace SandboxDoctor {

// How a Codex executable was found (cli-contract.md `source`).
enum class CodexSource { Explicit, Path, LoginShell, KnownLocation, AppBundle, NpmPackage };
QString codexSourceName(CodexSource source);  // "explicit", "path", "login-shell", ...

struct CodexInstall final
{
    QString path;                     // as found (may be an npm shim or a symlink)
    QString resolvedPath;             // canonical path, for de-duplication
    CodexSource source = CodexSource::Path;
    std::optional<Version> version;   // nullopt when it did not answer
    QString raw;                      // the line the version was read from
    QString askedBinary;              // what was run: the native binary behind an npm shim
    std::optional<Error> error;       // not found, timed out, exited with N (stderr), needs node

    // The program to run for this install: the native binary when one was found
    // behind an npm shim (it needs no node), else the path as found.
    QString program() const { return askedBinary.isEmpty() ? path : askedBinary; }
};

struct CodexDetection final
{
    std::optional<CodexInstall> chosen;  // the first candidate by precedence, answered or not
    QList<CodexInstall> installs;        // every distinct install found, chosen first
    std::optional<Error> error;          // set when no Codex was found at all

    // True when other installs report a version different from the chosen one:
    // the daemon may run another Codex than the one this report describes.
    bool versionsDisagree() const;
};

} // namespace SandboxDoctor
