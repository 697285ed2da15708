#include "homes/homepreparer.h"

#include "common/logging.h"
#include "config/configanalysis.h"
#include "common/boundedread.h"
#include "config/configfile.h"
#include "config/otherfiles.h"
#include "homes/entryprobe.h"
#include "homes/homeentry.h"
#include "homes/homecopies.h"
#include "homes/homelinks.h"
#include "homes/homewriteguard.h"
#include "homes/skillsconfig.h"
#include "homes/todayprepare.h"

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

PrepareStep prepareStep(const QString &name, PrepareAction action, QString detail)
{
    PrepareStep step;
    step.name = name;
    step.action = action;
    step.detail = std::move(detail);
    return step;
}

namespace {

using namespace Detail;

// sessions, the seed's way: linked to the shared folder, made first so Codex
// can write there at once.
PrepareStep linkSharedSessions(const QString &home, const QString &shared, const PrepareOptions &options,
                               PrepareResult &result)
{
    const QString sharedSessions = shared + QLatin1Char('/') + EntrySessions;
    if (!QFileInfo(sharedSessions).isDir()) {
        if (probeEntry(sharedSessions).kind != EntryKind::Missing)
            return failedStep(EntrySessions, refusedError(QStringLiteral("The shared sessions is not a folder."),
                                                          sharedSessions,
                                                          QStringLiteral("Move it away in the shared home.")));
        if (!options.dryRun && !QDir().mkpath(sharedSessions))
            return failedStep(EntrySessions, ioError(QStringLiteral("Could not create the shared sessions folder."),
                                                     sharedSessions,
                                                     QStringLiteral("Check that the shared home is writable.")));
        result.createdSharedSessions = true;
    }
    return ensureLink(EntrySessions, sharedSessions, home + QLatin1Char('/') + EntrySessions, true, options.dryRun);
}

// auth.json: linked only when the shared one is a file (existence and kind
// only; never read). A FIFO or a folder there is not linked to.
PrepareStep linkAuth(const QString &home, const QString &shared, const PrepareOptions &options)
{
    const QString sharedAuth = shared + QLatin1Char('/') + EntryAuth;
    const EntryProbe source = probeEntry(sharedAuth);
    const bool isFile = source.kind == EntryKind::File || (isLink(source.kind) && source.targetIsFile);
    if (source.kind == EntryKind::Missing || (isLink(source.kind) && !source.targetExists))
        return prepareStep(EntryAuth, PrepareAction::Skipped,
                       QStringLiteral("the shared home has no auth.json (log in with `codex login` first)"));
    if (!isFile) {
        PrepareStep step = prepareStep(EntryAuth, PrepareAction::Skipped,
                                   QStringLiteral("the shared auth.json is not a file; not linked"));
        step.warning = step.detail;
        return step;
    }
    return ensureLink(EntryAuth, sharedAuth, home + QLatin1Char('/') + EntryAuth, false, options.dryRun,
                      options.relinkAuth);
}

// A config.toml link that leaves the home: removed on request (then the copy
// step puts the shared config.toml in its place), else left and reported.
std::optional<PrepareStep> handlePlantedConfigLink(const QString &home, const PrepareOptions &options)
{
    const QString path = home + QLatin1Char('/') + EntryConfigToml;
    if (!isLink(probeEntry(path).kind))
        return std::nullopt;
    const std::optional<Error> unsafe = checkConfigWriteTarget(home);
    if (!unsafe)
        return std::nullopt;
    const QString target = QFileInfo(path).symLinkTarget();
    if (!options.replaceLinks) {
        PrepareStep step = prepareStep(EntryConfigToml, PrepareAction::Kept,
                                   QStringLiteral("a link to %1, outside this home: left alone, nothing is written "
                                                  "through it (--replace-links replaces it)")
                                       .arg(target));
        step.warning = unsafe->message;
        return step;
    }
    if (options.dryRun)
        return prepareStep(EntryConfigToml, PrepareAction::Replaced,
                       QStringLiteral("the link to %1 would be removed and the shared config.toml copied in its place")
                           .arg(target));
    if (auto error = removeLink(path))
        return failedStep(EntryConfigToml, *error);
    qCInfo(lcHomes) << "prepare: removed the planted link" << path << "->" << target;
    return std::nullopt;  // the copy step reports what takes its place
}

struct ConfigAfterCopies final
{
    QByteArray bytes;       // empty when there is none
    bool readable = true;   // false: there is something, but not a regular file to read
};

// The home's config.toml as it is now, or as the copy would make it (a dry run).
ConfigAfterCopies configAfterCopies(const QString &home, const QString &shared, const PrepareOptions &options)
{
    ConfigAfterCopies config;
    const QString path = home + QLatin1Char('/') + EntryConfigToml;
    Expected<QByteArray> bytes = readRegularFile(path, MaxConfigBytes, QStringLiteral("config.toml"));
    if (bytes) {
        config.bytes = std::move(bytes).value();
        return config;
    }
    config.readable = bytes.error().kind == Error::Kind::NotFound;
    if (options.dryRun && config.readable) {
        Expected<QByteArray> source =
            readRegularFile(shared + QLatin1Char('/') + EntryConfigToml, MaxConfigBytes, QStringLiteral("config.toml"));
        if (source)
            config.bytes = options.layout == HomeLayout::Today ? withoutSkillsConfig(*source) : *source;
    }
    return config;
}

SandboxPolicy policyFor(const PrepareOptions &options, const HomePreset &preset, const QByteArray &config,
                        bool configReadable)
{
    PolicyInputs inputs = options.policyInputs;
    inputs.choice = preset.choice;
    if (inputs.platform == Platform::Windows)
        inputs.windowsSandbox = !configReadable     ? WindowsSandboxSetting::Unreadable
                                : config.isEmpty()  ? WindowsSandboxSetting::Absent
                                                    : readWindowsSandboxSetting(config);
    return choosePolicy(inputs);
}

// The block through the engine, never through a link that leaves the home;
// in a dry run the edit the engine would make.
void writeBlock(const QString &home, const QByteArray &config, const PrepareOptions &options, bool copiedNow,
                PrepareResult &result)
{
    ApplyOptions apply;
    // A config.toml copied a moment ago needs no backup: its original is the shared one.
    apply.backup = options.backup && !copiedNow;
    if (options.dryRun && probeEntry(home + QLatin1Char('/') + EntryConfigToml).kind == EntryKind::Missing) {
        // Nothing on disk to propose from: the edit of what the copy would bring.
        Expected<ProposedEdit> edit = proposeEdit(config, result.policy);
        if (edit) {
            ApplyResult planned;
            planned.before.codexHome = home;
            planned.before.path = home + QLatin1Char('/') + EntryConfigToml;
            planned.before.writePath = planned.before.path;
            planned.before.bytes = config;
            planned.edit = std::move(edit).value();
            // A legacy profile the copy would bring moves to its own file: that
            // file belongs in the plan as much as config.toml does.
            Expected<QList<OtherFileEdit>> others = otherFileEdits(home, planned.edit);
            if (!others) {
                result.blockError = others.error();
                return;
            }
            planned.otherFiles = std::move(others).value();
            result.block = std::move(planned);
        } else {
            result.blockError = edit.error();
        }
        return;
    }
    apply.dryRun = options.dryRun;
    Expected<ApplyResult> written = applyHomeBlock(home, result.policy, apply);
    if (written) {
        result.block = std::move(written).value();
    } else {
        qCWarning(lcHomes) << "prepare: the managed block was not written:" << written.error().toText();
        result.blockError = written.error();
    }
}

} // namespace

Expected<PrepareResult> prepareHome(const QString &codexHome, const PrepareOptions &options)
{
    PrepareResult result;
    result.codexHome = QDir::cleanPath(QFileInfo(codexHome).absoluteFilePath());
    result.dryRun = options.dryRun;
    result.layout = options.layout;
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
        if (!options.dryRun && !QDir().mkpath(result.codexHome))
            return Error{Error::Kind::Io, QStringLiteral("Could not create the home folder."), result.codexHome, 0, 0,
                         QStringLiteral("Check that its parent folder exists and is writable.")};
        result.createdHome = true;
    }
    const QString home = result.codexHome;

    TodayPrepare today;
    today.home = home;
    today.shared = shared;
    today.freshHome = result.createdHome;
    today.dryRun = options.dryRun;

    result.steps += options.layout == HomeLayout::Today ? prepareLocalSessions(today)
                                                         : linkSharedSessions(home, shared, options, result);
    result.steps += linkAuth(home, shared, options);

    const std::optional<PrepareStep> planted = handlePlantedConfigLink(home, options);
    for (QLatin1String name : {EntryConfigJson, EntryConfigToml, EntryInstructions}) {
        if (name == EntryConfigToml && planted) {
            result.steps += *planted;
            continue;
        }
        CopyRequest request;
        request.name = name;
        request.source = shared + QLatin1Char('/') + name;
        request.destination = home + QLatin1Char('/') + name;
        request.isConfigToml = name == EntryConfigToml;
        request.dryRun = options.dryRun;
        if (request.isConfigToml && options.layout == HomeLayout::Today)
            request.transform = withoutSkillsConfig;
        result.steps += ensureCopy(request);
    }

    const ConfigAfterCopies config = configAfterCopies(home, shared, options);
    today.configBytes = config.bytes;
    result.steps += copyReferencedFiles(today);
    if (options.layout == HomeLayout::Today)
        result.steps += prepareTodayExtras(today);

    // Then the block, through the engine (it creates config.toml when absent),
    // for the preset inspect would judge this home by.
    const HomePreset preset = presetForHome(options.chosenPreset, config.bytes);
    result.presetSource = preset.source;
    result.policy = policyFor(options, preset, config.bytes, config.readable);
    bool copiedNow = false;
    for (const PrepareStep &step : std::as_const(result.steps))
        copiedNow = copiedNow || (step.name == EntryConfigToml && step.action == PrepareAction::Created);
    writeBlock(home, config.bytes, options, copiedNow, result);
    return result;
}

} // namespace SandboxDoctor
