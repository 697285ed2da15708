#pragma once

#include "common/platform.h"
#include "detect/codexinstall.h"

#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace SandboxDoctor {

// A file that may be Codex, and how it was found.
struct CodexCandidate final
{
    QString path;
    CodexSource source = CodexSource::Path;
};

// A place Codex installs itself; `pattern` may hold one `*` folder segment
// (nvm's versions/node/*/bin).
struct KnownPlace final
{
    QString pattern;
    CodexSource source = CodexSource::KnownLocation;
};

// Where Codex may be, read from an injected environment (PATH, HOME,
// USERPROFILE, APPDATA, LOCALAPPDATA, NVM_DIR, NPM_CONFIG_PREFIX) so tests
// and previews control every folder. Only file-system look-ups, no processes.
namespace CandidateSearch {

// Names Codex goes by: "codex"; on Windows codex.exe, codex.cmd, codex.bat.
QStringList executableNames(Platform platform);

// HOME, or USERPROFILE on Windows (HOME when that is unset); empty if neither.
QString homeDirectory(const QProcessEnvironment &environment, Platform platform);

QStringList pathDirectories(const QProcessEnvironment &environment, Platform platform);

// A regular file we may run (on Windows: any regular file).
bool isExecutableFile(const QString &path, Platform platform);

// --codex PATH: a path (absolute or relative to the working folder) or a
// bare name looked up on PATH. Empty when nothing runnable is there.
QString resolveExplicit(const QString &given, const QProcessEnvironment &environment, Platform platform);

// Every Codex on PATH, in PATH order (the first is what a shell would run).
QList<CodexCandidate> onPath(const QProcessEnvironment &environment, Platform platform);

// The places Codex installs to on this platform (Homebrew, npm prefixes, nvm,
// the standalone installer, the desktop app), in search order.
QList<KnownPlace> knownPlaces(const QProcessEnvironment &environment, Platform platform);

// Places given by the caller (each a file, or a folder holding codex), as
// known locations.
QList<KnownPlace> extraPlaces(const QStringList &extra, Platform platform);

// The places that hold a runnable file, `*` expanded (newest-looking first).
QList<CodexCandidate> existing(const QList<KnownPlace> &places, Platform platform);

// The key two candidates share when they are the same file (symlinks
// resolved; case-folded on Windows). Empty for a missing file.
QString identity(const QString &path, Platform platform);

} // namespace CandidateSearch

} // namespace SandboxDoctor
