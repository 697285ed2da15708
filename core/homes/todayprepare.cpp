#include "homes/todayprepare.h"

#include "common/logging.h"
#include "homes/configrefs.h"
#include "homes/entryprobe.h"
#include "homes/homecopies.h"
#include "homes/homeentry.h"
#include "homes/homelinks.h"
#include "homes/homewriteguard.h"
#include "homes/modelscache.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace SandboxDoctor::Detail {

// Files config.toml names: a relative one is read from CODEX_HOME, which is
// the task's now, so today's daemon copies it over (syncCodexReferencedFiles).
QList<PrepareStep> copyReferencedFiles(const TodayPrepare &context)
{
    QList<PrepareStep> steps;
    for (const ConfigReference &reference : configReferences(context.configBytes)) {
        if (!isLocalReference(reference.value))
            continue;  // absolute and ~ paths are read where they are
        const QString relative = QDir::cleanPath(reference.value);
        const QString folder = QFileInfo(relative).path();
        if (folder != QLatin1String(".")) {
            if (auto error = ensureFolderInHome(context.home, folder, context.dryRun)) {
                steps += failedStep(relative, *error);
                continue;
            }
        }
        CopyRequest request;
        request.name = relative;
        request.source = context.shared + QLatin1Char('/') + relative;
        request.destination = context.home + QLatin1Char('/') + relative;
        request.dryRun = context.dryRun;
        request.maxBytes = 32 * 1024 * 1024;
        PrepareStep step = ensureCopy(request);
        if (step.action == PrepareAction::Skipped)
            step.warning = QStringLiteral("config.toml names %1 = \"%2\", which the shared home does not have: "
                                          "Codex 0.171 refuses to start without it")
                               .arg(reference.key, reference.value);
        steps += step;
    }
    return steps;
}

namespace {

// A fresh home gets the shared model list and the binding that tells today's
// daemon the list fits the shared config; an existing home keeps what Codex
// last fetched there.
QList<PrepareStep> seedModelsCache(const TodayPrepare &context)
{
    QList<PrepareStep> steps;
    const QString cache = context.home + QLatin1Char('/') + EntryModelsCache;
    const QString binding = context.home + QLatin1Char('/') + EntryModelsBinding;
    if (!context.freshHome) {
        if (probeEntry(cache).kind != EntryKind::Missing)
            steps += prepareStep(EntryModelsCache, PrepareAction::Kept,
                             QStringLiteral("kept: Codex refreshes it in the task"));
        return steps;
    }
    const QString sharedCache = context.shared + QLatin1Char('/') + EntryModelsCache;
    if (probeEntry(sharedCache).kind == EntryKind::Missing) {
        steps += prepareStep(EntryModelsCache, PrepareAction::Skipped,
                         QStringLiteral("the shared home has no models_cache.json; Codex fetches the list"));
        return steps;
    }
    const Expected<QByteArray> fingerprint = modelsCacheFingerprint(context.shared);
    if (!fingerprint) {
        steps += prepareStep(EntryModelsCache, PrepareAction::Skipped,
                         QStringLiteral("not seeded (%1); Codex fetches the list").arg(fingerprint.error().message));
        return steps;
    }
    CopyRequest request;
    request.name = EntryModelsCache;
    request.source = sharedCache;
    request.destination = cache;
    request.dryRun = context.dryRun;
    request.maxBytes = 32 * 1024 * 1024;
    const PrepareStep copied = ensureCopy(request);
    steps += copied;
    if (copied.action != PrepareAction::Created)
        return steps;
    if (context.dryRun) {
        steps += prepareStep(EntryModelsBinding, PrepareAction::Created, QStringLiteral("would bind it to the shared config"));
        return steps;
    }
    const Expected<Done> written = writeNewFile(binding, *fingerprint + '\n',
                                                QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                    | QFileDevice::ReadGroup | QFileDevice::ReadOther);
    steps += written ? prepareStep(EntryModelsBinding, PrepareAction::Created,
                               QStringLiteral("binds the cache to the shared config.json and config.toml"))
                     : failedStep(EntryModelsBinding, written.error());
    return steps;
}

PrepareStep linkPluginCache(const TodayPrepare &context)
{
    const QString source = context.shared + QLatin1String("/plugins/cache");
    if (!context.dryRun && !QFileInfo(source).isDir() && !QDir().mkpath(source))
        return failedStep(EntryPluginCache, ioError(QStringLiteral("Could not create the shared plugin cache."), source,
                                                   QStringLiteral("Check that the shared home is writable.")));
    if (auto error = ensureFolderInHome(context.home, QStringLiteral("plugins"), context.dryRun))
        return failedStep(EntryPluginCache, *error);
    return ensureLink(EntryPluginCache, source, context.home + QLatin1Char('/') + EntryPluginCache, true,
                      context.dryRun);
}

// Each shared skill (its real folder: installers often link skills in from
// elsewhere) linked under skills/; a folder the daemon wrote for the task
// stays (ensureLink never replaces one).
QList<PrepareStep> linkSkills(const TodayPrepare &context)
{
    QList<PrepareStep> steps;
    const QDir sharedSkills(context.shared + QLatin1String("/skills"));
    if (!QFileInfo(sharedSkills.path()).isDir())
        return steps;
    QStringList names = sharedSkills.entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot);
    std::sort(names.begin(), names.end());
    bool folderReady = false;
    for (const QString &name : std::as_const(names)) {
        const QString resolved = QFileInfo(sharedSkills.filePath(name)).canonicalFilePath();
        if (resolved.isEmpty() || !QFileInfo(resolved).isDir())
            continue;
        const QString stepName = SkillEntryPrefix + name;
        if (!folderReady) {
            if (auto error = ensureFolderInHome(context.home, QStringLiteral("skills"), context.dryRun)) {
                steps += failedStep(QStringLiteral("skills"), *error);
                return steps;
            }
            folderReady = true;
        }
        steps += ensureLink(stepName, resolved, context.home + QLatin1String("/skills/") + name, true, context.dryRun);
    }
    return steps;
}

} // namespace

PrepareStep failedStep(const QString &name, Error error)
{
    PrepareStep step = prepareStep(name, PrepareAction::Failed, error.message);
    qCWarning(lcHomes) << "prepare:" << name << "failed:" << error.toText();
    step.error = std::move(error);
    return step;
}

PrepareStep ensureLink(const QString &name, const QString &source, const QString &link, bool folder, bool dryRun,
                       bool relink)
{
    PrepareStep step;
    step.name = name;
    const EntryProbe existing = probeEntry(link);
    bool replacing = false;
    switch (existing.kind) {
    case EntryKind::Symlink:
    case EntryKind::Junction:
        if (existing.targetExists && sameLocation(existing.target, source, QFileInfo(source).canonicalFilePath())) {
            step.action = PrepareAction::Kept;
            step.method = existing.kind == EntryKind::Junction ? LinkMethod::Junction : LinkMethod::Symlink;
            step.detail = QStringLiteral("already links to %1").arg(source);
            return step;
        }
        if (existing.targetExists && !relink) {
            step.action = PrepareAction::Kept;
            step.detail = QStringLiteral("links to %1; kept, as asked (the shared home's is %2)")
                              .arg(existing.target, source);
            step.warning = QStringLiteral("links to %1, not to %2").arg(existing.target, source);
            return step;
        }
        replacing = true;
        step.detail = existing.targetExists
                          ? QStringLiteral("link to %1 replaced by a link to %2").arg(existing.target, source)
                          : QStringLiteral("broken link to %1 replaced by a link to %2").arg(existing.target, source);
        if (dryRun) {
            step.action = PrepareAction::Replaced;
            step.detail.replace(QStringLiteral(" replaced by"), QStringLiteral(" would be replaced by"));
            return step;
        }
        if (auto error = removeLink(link))
            return failedStep(name, *error);
        break;
    case EntryKind::Missing: break;
    case EntryKind::File:
    case EntryKind::Dir:
    case EntryKind::Other:
        step.action = PrepareAction::Kept;
        step.detail = existing.kind == EntryKind::Dir
                          ? QStringLiteral("a folder of the home's own; the daemon never replaces one")
                          : QStringLiteral("a regular file; the daemon never replaces one by a link");
        return step;
    }

    if (dryRun) {
        step.action = PrepareAction::Created;
        step.detail = QStringLiteral("would link to %1").arg(source);
        return step;
    }
    const LinkOutcome outcome = folder ? createDirLink(source, link) : createFileLink(source, link);
    if (outcome.error)
        return failedStep(name, *outcome.error);
    step.action = replacing ? PrepareAction::Replaced : PrepareAction::Created;
    step.method = outcome.method;
    if (!replacing) {
        step.detail = outcome.method == LinkMethod::Copy
                          ? QStringLiteral("copied from %1 (this system refused a link)").arg(source)
                          : QStringLiteral("links to %1").arg(source);
    }
    return step;
}

PrepareStep prepareLocalSessions(const TodayPrepare &context)
{
    const QString path = context.home + QLatin1Char('/') + EntrySessions;
    const EntryProbe existing = probeEntry(path);
    switch (existing.kind) {
    case EntryKind::Dir: return prepareStep(EntrySessions, PrepareAction::Kept, QStringLiteral("the task's own sessions"));
    case EntryKind::Symlink:
    case EntryKind::Junction:
        if (existing.targetExists)
            return prepareStep(EntrySessions, PrepareAction::Kept, QStringLiteral("links to %1; kept").arg(existing.target));
        // A store the daemon has since reclaimed: the task gets a folder of its own.
        if (context.dryRun)
            return prepareStep(EntrySessions, PrepareAction::Replaced,
                           QStringLiteral("broken link to %1 would be replaced by a folder of the task's own")
                               .arg(existing.target));
        if (auto error = removeLink(path))
            return failedStep(EntrySessions, *error);
        if (!QDir().mkdir(path))
            return failedStep(EntrySessions, ioError(QStringLiteral("Could not create the sessions folder."), path,
                                                     QStringLiteral("Check that the home is writable.")));
        return prepareStep(EntrySessions, PrepareAction::Replaced,
                       QStringLiteral("broken link to %1 replaced by a folder of the task's own").arg(existing.target));
    case EntryKind::File:
    case EntryKind::Other:
        return prepareStep(EntrySessions, PrepareAction::Kept,
                       QStringLiteral("not a folder; left alone (move it away, then run prepare)"));
    case EntryKind::Missing: break;
    }
    if (context.dryRun)
        return prepareStep(EntrySessions, PrepareAction::Created, QStringLiteral("would make a folder of the task's own"));
    if (!QDir().mkdir(path))
        return failedStep(EntrySessions, ioError(QStringLiteral("Could not create the sessions folder."), path,
                                                 QStringLiteral("Check that the home is writable.")));
    return prepareStep(EntrySessions, PrepareAction::Created,
                   QStringLiteral("a folder of the task's own (today's daemon keeps sessions per task)"));
}

QList<PrepareStep> prepareTodayExtras(const TodayPrepare &context)
{
    QList<PrepareStep> steps = seedModelsCache(context);
    steps += linkPluginCache(context);
    steps += linkSkills(context);
    return steps;
}

} // namespace SandboxDoctor::Detail
