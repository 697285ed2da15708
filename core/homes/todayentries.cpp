#include "homes/todayentries.h"

#include "common/boundedread.h"
#include "homes/configrefs.h"
#include "homes/entryprobe.h"
#include "homes/homeentries.h"
#include "homes/homefindings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <dirent.h>
#endif

namespace SandboxDoctor::Detail {

namespace {

// A models cache is a few hundred KiB; referenced instruction files are text.
constexpr qint64 MaxComparedBytes = 32 * 1024 * 1024;

// A file the home keeps for itself (models_cache.json, its binding): a regular
// file is what the daemon makes; anything else is listed as what it is.
HomeEntry judgeOwnFile(QLatin1String name, const EntryProbe &probe, QList<Finding> &findings)
{
    HomeEntry entry = makeEntry(name, probe);
    switch (probe.kind) {
    case EntryKind::Missing: entry.state = EntryState::Missing; break;
    case EntryKind::File: entry.state = EntryState::Ok; break;
    case EntryKind::Symlink:
    case EntryKind::Junction: entry.state = probe.targetExists ? EntryState::Linked : EntryState::Broken; break;
    case EntryKind::Dir:
    case EntryKind::Other:
        entry.state = EntryState::Unexpected;
        findings += homeFinding(HomeFindingCode::EntryUnexpected, Severity::Warning,
                                QStringLiteral("%1 is not a file; the daemon removes it on its next run and Codex "
                                               "fetches the model list again.")
                                    .arg(name));
        break;
    }
    return entry;
}

// A home's copy against the shared file it came from: cut short means an interrupted copy.
void checkTruncated(HomeEntry &entry, const QString &copyPath, const QString &sharedPath, qint64 sharedSize,
                    QList<Finding> &findings)
{
    if (entry.kind != EntryKind::File || sharedSize <= 0 || entry.size >= sharedSize)
        return;
    const Expected<QByteArray> copy = readRegularFile(copyPath, MaxComparedBytes, entry.name);
    const Expected<QByteArray> original = readRegularFile(sharedPath, MaxComparedBytes, entry.name);
    if (!copy || !original || !looksTruncated(*copy, *original))
        return;
    entry.state = EntryState::Truncated;
    findings += homeFinding(HomeFindingCode::CopyTruncated, Severity::Warning,
                            QStringLiteral("%1 holds only the first %2 of the shared home's %3 bytes: a copy that was "
                                           "interrupted.")
                                .arg(entry.name)
                                .arg(copy->size())
                                .arg(original->size()),
                            QStringLiteral("Delete this copy and run prepare to copy it again."));
}

HomeEntry judgePluginCache(const EntryProbe &probe, const SharedHome &shared)
{
    HomeEntry entry = makeEntry(EntryPluginCache, probe);
    entry.expectedTarget = shared.pluginCachePath;
    switch (probe.kind) {
    case EntryKind::Missing: entry.state = EntryState::Missing; break;
    case EntryKind::Dir: entry.state = EntryState::Local; break;
    case EntryKind::Symlink:
    case EntryKind::Junction:
        entry.state = !probe.targetExists ? EntryState::Broken
                      : sameLocation(probe.target, shared.pluginCachePath, shared.pluginCacheCanonical)
                          ? EntryState::Ok
                          : EntryState::WrongTarget;
        break;
    case EntryKind::File:
    case EntryKind::Other: entry.state = EntryState::Unexpected; break;
    }
    return entry;
}

// skills/<name>: today's daemon links each skill of the shared home (resolved
// to its real folder, wherever that is) and writes the workspace's own skills
// as folders. Codex skips what it cannot read: nothing here is a finding.
// The names in a folder, sorted: readdir where there is one (QDir stats every
// entry it lists, and 10,000 homes each have a few skills).
QStringList namesIn(const QString &folder)
{
    QStringList names;
#ifdef Q_OS_UNIX
    DIR *handle = ::opendir(QFile::encodeName(folder).constData());
    if (!handle)
        return names;
    while (const dirent *entry = ::readdir(handle)) {
        const char *name = entry->d_name;
        if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0')))
            continue;
        names += QFile::decodeName(name);
    }
    ::closedir(handle);
#else
    names = QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
#endif
    std::sort(names.begin(), names.end());
    return names;
}

void judgeSkillEntries(const QString &home, QList<HomeEntry> &entries)
{
    const QString skills = home + QLatin1String("/skills/");
    for (const QString &name : namesIn(skills)) {
        const EntryProbe probe = probeEntry(skills + name);
        HomeEntry entry = makeEntry(SkillEntryPrefix + name, probe);
        switch (probe.kind) {
        case EntryKind::Missing: entry.state = EntryState::Missing; break;
        case EntryKind::Dir: entry.state = EntryState::Local; break;
        case EntryKind::Symlink:
        case EntryKind::Junction:
            entry.state = !probe.targetExists ? EntryState::Broken
                          : probe.targetIsDir ? EntryState::Ok
                                              : EntryState::Unexpected;
            break;
        case EntryKind::File:
        case EntryKind::Other: entry.state = EntryState::Unexpected; break;
        }
        entries += entry;
    }
}

void judgeReference(const TodayContext &context, const ConfigReference &reference, QList<HomeEntry> &entries,
                    QList<Finding> &findings)
{
    const QString path = resolveReference(reference.value, context.home, QDir::homePath());
    if (path.isEmpty())
        return;  // `~user`: not something to look up here
    const bool local = isLocalReference(reference.value);
    const QString name = local ? QDir::cleanPath(reference.value) : reference.value;
    const EntryProbe probe = probeEntry(path);
    HomeEntry entry = makeEntry(name, probe);
    entry.role = reference.key;
    if (!local)
        entry.target = path;  // where Codex reads it: outside the home, read in place
    const Severity severity = reference.requiredByCodex() ? Severity::Error : Severity::Info;
    const QString consequence = reference.requiredByCodex()
                                    ? QStringLiteral("Codex 0.171 refuses to start without it")
                                    : QStringLiteral("Codex 0.171 no longer reads this key");
    const bool readable = probe.kind == EntryKind::File || (isLink(probe.kind) && probe.targetIsFile);
    if (readable) {
        entry.state = isLink(probe.kind) ? EntryState::Linked : EntryState::Ok;
        if (local && context.compareCopies) {
            const QString sharedPath = resolveReference(reference.value, context.shared->path, QDir::homePath());
            const QFileInfo original(sharedPath);
            checkTruncated(entry, path, sharedPath, original.isFile() ? original.size() : -1, findings);
        }
    } else {
        entry.state = probe.kind == EntryKind::Missing ? EntryState::Missing
                      : isLink(probe.kind) && !probe.targetExists ? EntryState::Broken
                                                                   : EntryState::Unexpected;
        const QString what = probe.kind == EntryKind::Missing ? QStringLiteral("is missing")
                             : entry.state == EntryState::Broken ? QStringLiteral("is a broken link")
                                                                 : QStringLiteral("is not a file");
        findings += homeFinding(HomeFindingCode::ReferenceMissing, severity,
                                QStringLiteral("config.toml names %1 = \"%2\", but %3 %4: %5.")
                                    .arg(reference.key, reference.value, path, what, consequence),
                                local ? QStringLiteral("Run `codex-sandbox-doctor-cli prepare --codex-home %1` to "
                                                       "copy it from the shared home, or remove the key.")
                                            .arg(context.home)
                                      : QStringLiteral("Put the file back at %1, or remove the key.").arg(path));
    }
    entries += entry;
}

} // namespace

void judgeTodayEntries(const TodayContext &context, QList<HomeEntry> &entries, QList<Finding> &findings)
{
    const QString prefix = context.home + QLatin1Char('/');
    const SharedHome &shared = *context.shared;

    const EntryProbe cache = probeEntry(prefix + EntryModelsCache);
    if (cache.kind != EntryKind::Missing) {
        HomeEntry entry = judgeOwnFile(EntryModelsCache, cache, findings);
        if (context.compareCopies)
            checkTruncated(entry, prefix + EntryModelsCache, shared.path + QLatin1Char('/') + EntryModelsCache,
                           shared.modelsCacheSize, findings);
        entries += entry;
    }
    const EntryProbe binding = probeEntry(prefix + EntryModelsBinding);
    if (binding.kind != EntryKind::Missing)
        entries += judgeOwnFile(EntryModelsBinding, binding, findings);
    const EntryProbe plugins = probeEntry(prefix + EntryPluginCache);
    if (plugins.kind != EntryKind::Missing)
        entries += judgePluginCache(plugins, shared);
    if (context.skillsIsDir)
        judgeSkillEntries(context.home, entries);
    for (const ConfigReference &reference : context.references)
        judgeReference(context, reference, entries, findings);
}

} // namespace SandboxDoctor::Detail
