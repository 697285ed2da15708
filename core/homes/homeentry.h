#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace SandboxDoctor {

// What sits at one well-known name inside a per-task CODEX_HOME, read with
// lstat/readlink only: entries are described, never opened (auth.json holds
// credentials, and nothing here ever reads its bytes).
enum class EntryKind {
    Missing,   // nothing at that name
    File,      // a regular file
    Dir,       // a real directory
    Symlink,   // a symbolic link (to a file or a folder)
    Junction,  // a Windows directory junction (a link, for our purposes)
    Other,     // a socket, a fifo, a device: never expected
};
QString entryKindName(EntryKind kind);  // "missing", "file", "dir", "symlink", "junction", "other"

// How an entry compares with what the daemon would have made of it.
enum class EntryState {
    Ok,           // what the daemon makes (link to the shared home, equal copy, ...)
    Missing,      // absent (fine unless a finding says otherwise)
    Broken,       // a link whose target does not exist
    WrongTarget,  // a link to somewhere other than the shared home's entry
    Copied,       // a regular file where the daemon makes a link (auth.json)
    Local,        // a file or folder of the home's own (sessions/ of newer daemons, a copy
                  // whose shared original is gone)
    Diverged,     // a copy that differs from the shared home's (config.json, instructions.md)
    Linked,       // a link where the daemon makes a copy; its target exists
    Unexpected,   // the wrong kind altogether (auth.json a folder, sessions a file, ...)
    Truncated,    // a copy holding only the first bytes of the shared file: an interrupted copy
};
QString entryStateName(EntryState state);  // "ok", "missing", "broken", "wrong-target", ...

// The names inspect looks at, in the order reports list them.
inline constexpr QLatin1String EntryAuth{"auth.json"};
inline constexpr QLatin1String EntrySessions{"sessions"};
inline constexpr QLatin1String EntryConfigJson{"config.json"};
inline constexpr QLatin1String EntryConfigToml{"config.toml"};
inline constexpr QLatin1String EntryInstructions{"instructions.md"};
inline constexpr QLatin1String EntrySkills{"skills"};
QList<QLatin1String> homeEntryNames();

// What today's daemon (multica v0.4.32) adds to a home; listed only when present.
inline constexpr QLatin1String EntryModelsCache{"models_cache.json"};            // seeded from the shared home
inline constexpr QLatin1String EntryModelsBinding{".models_cache_config.sha256"};  // ties it to the shared config
inline constexpr QLatin1String EntryPluginCache{"plugins/cache"};                 // link to <shared>/plugins/cache
QList<QLatin1String> todayEntryNames();
// A skill linked from the shared home (or written for the task) is listed as "skills/<name>".
inline constexpr QLatin1String SkillEntryPrefix{"skills/"};

struct HomeEntry final
{
    QString name;        // one of homeEntryNames() or todayEntryNames(), "skills/<name>", or a
                         // file config.toml names (its path as written there)
    EntryKind kind = EntryKind::Missing;
    QString target;      // for links: where it points, absolute; empty otherwise
    EntryState state = EntryState::Missing;
    qint64 size = -1;    // regular files only (lstat size); -1 otherwise
    QString expectedTarget;  // for linked entries: the shared home's entry; empty otherwise
    QString role;        // why the entry is there when its name does not say: the config key that
                         // names the file ("model_instructions_file"), "session-store"; else empty
    QString special;     // kind Other (or a link to one): "a named pipe (FIFO)", "a device", ...

    friend bool operator==(const HomeEntry &a, const HomeEntry &b)
    {
        return a.name == b.name && a.kind == b.kind && a.target == b.target && a.state == b.state
               && a.size == b.size && a.expectedTarget == b.expectedTarget && a.role == b.role
               && a.special == b.special;
    }
};

} // namespace SandboxDoctor

Q_DECLARE_METATYPE(SandboxDoctor::HomeEntry)
