#pragma once

#include "common/error.h"

#include <QString>

namespace SandboxDoctor {

// The error number of the last failed system call on this thread: errno on
// POSIX, GetLastError() on Windows. Read it at once, before anything else can
// overwrite it.
int lastSystemError();

// What a failed system call means, in words that name the cause: "the disk is
// full", "permission denied", not strerror's "No space left on device" (or,
// through some Qt paths, "Unknown error"). Lower case, no final full stop.
QString systemErrorText(int errorNumber);

// What to do about it, for a file in `folder`; `kept` says what is intact
// ("config.toml is untouched."), and starts the hint.
QString systemErrorHint(int errorNumber, const QString &folder, const QString &kept);

// An I/O error (exit 4) "<doing> failed: <cause>." about `path`, with the hint
// above for the folder `path` is in.
Error systemIoError(const QString &doing, const QString &path, int errorNumber, const QString &kept);

bool isDiskFull(int errorNumber);

} // namespace SandboxDoctor
