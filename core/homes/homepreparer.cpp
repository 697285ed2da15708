#include "homes/homepreparer.h"

#include "common/logging.h"
#include "config/configanalysis.h"
#include "config/configfile.h"
#include "homes/entryprobe.h"
#include "homes/homeentry.h"
#include "homes/homelinks.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace SandboxDoctor {

QString prepareActionName(PrepareAction action)
{
    switch (action) {
    case PrepareAction::Created: return QStringLiteral("created");
    case PrepareAction::Replaced: return QStringLiteral("replaced");
    case PrepareAction::Kept: return QStringLiteral("kept");
    case PrepareAction::Skipped: return QStringLiteral("skipped");
    case PrepareAction::Failed: return QStringLiteral("failed");
    }
    return QStringLiteral("kept");
}

QString linkMethodName(LinkMethod method)
{
    switch (method) {
    case LinkMethod::None: return {};
    case LinkMethod::Symlink: return QStringLiteral("symlink");
    case LinkMethod::Junction: return QStringLiteral("junction");
    case LinkMethod::Copy: return QStringLiteral("copy");
    }
    return {};
}

bool PrepareResult::ok() const
{
    if (blockError)
        return false;
    for (const PrepareStep &step : steps) {
        if (step.action == PrepareAction::Failed)
            return false;
    }
    return true;
}

namespace {

using Detail::EntryProbe;

PrepareStep failed(QLatin1String name, Error error)
{
    PrepareStep step;
    step.name = name;
    step.action = PrepareAction::Failed;
    step.detail = error.message;
    qCWarning(lcHomes) << "prepare:" << name << "failed:" << error.toText();
    step.error = std::move(error);
    return step;
}

// The daemon's ensureDirSymlink / ensureSymlink, from the point where the
// source is known to exist: a right link is kept, a wrong or broken link is
// replaced, anything else (a regular file, a folder) is never touched.
PrepareStep ensureLink(QLatin1String name, const QString &source, const QString &link, bool folder)
{
    PrepareStep step;
    step.name = name;
    const EntryProbe existing = Detail::probeEntry(link);
    bool replacing = false;
    switch (existing.kind) {
    case EntryKind::Symlink:
    case EntryKind::Junction:
        if (existing.targetExists && Detail::sameLocation(existing.target, source, QFileInfo(source).canonicalFilePath())) {
            step.action = PrepareAction::Kept;
            step.method = existing.kind == EntryKind::Junction ? LinkMethod::Junction : LinkMethod::Symlink;
            step.detail = QStringLiteral("already links to %1").arg(source);
            return step;
        }
        if (auto error = Detail::removeLink(link))
            return failed(name, *error);
        replacing = true;
        step.detail = existing.targetExists
                          ? QStringLiteral("link to %1 replaced by a link to %2").arg(existing.target, source)
                          : QStringLiteral("broken link to %1 replaced by a link to %2").arg(existing.target, source);
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

    const Detail::LinkOutcome outcome =
        folder ? Detail::createDirLink(source, link) : Detail::createFileLink(source, link);
    if (outcome.error)
        return failed(name, *outcome.error);
    step.action = replacing ? PrepareAction::Replaced : PrepareAction::Created;
    step.method = outcome.method;
    if (!replacing) {
        step.detail = outcome.method == LinkMethod::Copy
                          ? QStringLiteral("copied from %1 (this system refused a link)").arg(source)
                          : QStringLiteral("links to %1").arg(source);
    }
    return step;
}

// The daemon's copyFileIfExists: copy once, never overwrite. Like os.Stat, the
// check for an existing copy follows links; the copy itself refuses to write
// through anything that stands at the name (O_EXCL).
PrepareStep ensureCopy(QLatin1String name, const QString &source, const QString &copy)
{
    PrepareStep step;
    step.name = name;
    if (!QFileInfo::exists(source)) {
        step.action = PrepareAction::Skipped;
        step.detail = QStringLiteral("the shared home has no %1").arg(name);
        return step;
    }
    if (QFileInfo::exists(copy)) {
        step.action = PrepareAction::Kept;
        step.detail = QStringLiteral("already present; copies are never overwritten");
        return step;
    }
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly))
        return failed(name, Error{Error::Kind::Io, QStringLiteral("Could not read the shared copy: %1.").arg(in.errorString()),
                                  source, 0, 0, QStringLiteral("Check the file's permissions.")});
    QFile out(copy);
    const QFileDevice::Permissions mode = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                          | QFileDevice::ReadOther;  // 0644, as the daemon asks (umask applies)
    if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly, mode))
        return failed(name, Error{Error::Kind::Io, QStringLiteral("Could not create the copy: %1.").arg(out.errorString()),
                                  copy, 0, 0,
                                  QStringLiteral("If a broken link stands there, remove it; then run prepare again.")});
    const QByteArray bytes = in.readAll();
    if (out.write(bytes) != bytes.size() || !out.flush()) {
        const QString why = out.errorString();
        out.close();
        out.remove();
        return failed(name, Error{Error::Kind::Io, QStringLiteral("Could not write the copy: %1.").arg(why), copy, 0, 0,
                                  QStringLiteral("Check the free space, then run prepare again.")});
    }
    step.action = PrepareAction::Created;
    step.method = LinkMethod::Copy;
    step.detail = QStringLiteral("copied from %1").arg(source);
    return step;
}

SandboxPolicy policyForHome(const QString &codexHome, PolicyInputs inputs)
{
    if (inputs.platform == Platform::Windows) {
        const Expected<ConfigSnapshot> config = readConfig(codexHome);
        inputs.windowsSandbox = !config                 ? WindowsSandboxSetting::Unreadable
                                : !config->exists       ? WindowsSandboxSetting::Absent
                                                        : readWindowsSandboxSetting(config->bytes);
    }
    return choosePolicy(inputs);
}

} // namespace

Expected<PrepareResult> prepareHome(const QString &codexHome, const PrepareOptions &options)
{
    PrepareResult result;
    result.codexHome = QDir::cleanPath(QFileInfo(codexHome).absoluteFilePath());
    const QString shared = QDir::cleanPath(QFileInfo(options.sharedHome).absoluteFilePath());

    const QFileInfo homeInfo(result.codexHome);
    const QFileInfo sharedInfo(shared);
    if (homeInfo.exists() && sharedInfo.exists() && homeInfo.canonicalFilePath() == sharedInfo.canonicalFilePath())
        return Error{Error::Kind::Refused, QStringLiteral("The per-task home is the shared home itself."),
                     result.codexHome, 0, 0,
                     QStringLiteral("Give the task's codex-home with --codex-home and the shared home with --shared-home.")};
    if (homeInfo.exists() && !homeInfo.isDir())
        return Error{Error::Kind::Refused, QStringLiteral("This is not a folder; nothing was written."),
                     result.codexHome, 0, 0, QStringLiteral("Give the task's codex-home folder.")};
    if (!homeInfo.exists()) {
        if (!QDir().mkpath(result.codexHome))
            return Error{Error::Kind::Io, QStringLiteral("Could not create the home folder."), result.codexHome, 0, 0,
                         QStringLiteral("Check that its parent folder exists and is writable.")};
        result.createdHome = true;
    }
    const QString home = result.codexHome + QLatin1Char('/');
    const QString from = shared + QLatin1Char('/');

    // sessions: the shared folder is made first, so Codex can write there at once.
    const QString sharedSessions = from + EntrySessions;
    if (!QFileInfo(sharedSessions).isDir()) {
        const bool existed = QFileInfo::exists(sharedSessions);
        if (!existed && QDir().mkpath(sharedSessions)) {
            result.createdSharedSessions = true;
            result.steps += ensureLink(EntrySessions, sharedSessions, home + EntrySessions, true);
        } else {
            result.steps += failed(EntrySessions,
                                   Error{Error::Kind::Io, QStringLiteral("Could not create the shared sessions folder."),
                                         sharedSessions, 0, 0, QStringLiteral("Check that the shared home is writable.")});
        }
    } else {
        result.steps += ensureLink(EntrySessions, sharedSessions, home + EntrySessions, true);
    }

    // auth.json: linked only when the shared file exists (existence only; never read).
    const QString sharedAuth = from + EntryAuth;
    if (QFileInfo::exists(sharedAuth)) {
        result.steps += ensureLink(EntryAuth, sharedAuth, home + EntryAuth, false);
    } else {
        PrepareStep step;
        step.name = EntryAuth;
        step.action = PrepareAction::Skipped;
        step.detail = QStringLiteral("the shared home has no auth.json (log in with `codex login` first)");
        result.steps += step;
    }

    for (QLatin1String name : {EntryConfigJson, EntryConfigToml, EntryInstructions})
        result.steps += ensureCopy(name, from + name, home + name);

    // Then the block, through the engine (it creates config.toml when absent).
    result.policy = policyForHome(result.codexHome, options.policyInputs);
    ApplyOptions apply;
    // A config.toml copied a moment ago needs no backup: its original is the shared one.
    bool copiedNow = false;
    for (const PrepareStep &step : std::as_const(result.steps))
        copiedNow = copiedNow || (step.name == EntryConfigToml && step.action == PrepareAction::Created);
    apply.backup = options.backup && !copiedNow;
    Expected<ApplyResult> written = applyManagedBlock(result.codexHome, result.policy, apply);
    if (written) {
        result.block = std::move(written).value();
    } else {
        qCWarning(lcHomes) << "prepare: the managed block was not written:" << written.error().toText();
        result.blockError = written.error();
    }
    return result;
}

} // namespace SandboxDoctor
