#include "homes/homeinspector.h"

#include "common/boundedread.h"
#include "common/logging.h"
#include "config/configfile.h"
#include "homes/configrefs.h"
#include "homes/entryprobe.h"
#include "homes/homeentries.h"
#include "homes/homefindings.h"
#include "homes/todayentries.h"

#include <QDir>
#include <QFileInfo>

namespace SandboxDoctor {

namespace {

using namespace Detail;

struct ConfigRead final
{
    bool exists = false;
    QByteArray bytes;
    std::optional<Finding> problem;  // present but unreadable: config-invalid
};

// config.toml is read once per home, through a link if it is one (that is the
// file Codex loads), and only if it is a regular file: a FIFO or a link to
// /dev/zero is refused before anything waits on it.
ConfigRead readConfigToml(const QString &path, const EntryProbe &probe)
{
    ConfigRead read;
    if (probe.kind == EntryKind::Missing || (isLink(probe.kind) && !probe.targetExists))
        return read;  // a dangling link loads as no file at all
    read.exists = true;
    Expected<QByteArray> bytes = readRegularFile(path, MaxConfigBytes, QStringLiteral("config.toml"));
    if (bytes) {
        read.bytes = std::move(bytes).value();
        return read;
    }
    const Error &error = bytes.error();
    const QString fix = error.kind == Error::Kind::Refused
                            ? QStringLiteral("Move it away; prepare then makes a new config.toml.")
                            : QStringLiteral("Check the file's permissions.");
    read.problem = homeFinding(FindingCode::ConfigInvalid, Severity::Error,
                               QStringLiteral("%1 Codex cannot load it.").arg(error.message), fix);
    return read;
}

// The policy of one home, from its preset: off Windows one of the scan's
// shared copies, else chosen here (the home's `[windows] sandbox` decides).
SandboxPolicy homePolicy(const InspectOptions &options, const HomePreset &preset, const ConfigRead &config)
{
    const bool today = preset.source == PresetSource::NamedBlocks;
    if (options.policyInputs.platform != Platform::Windows) {
        if (today && options.todayPolicy)
            return *options.todayPolicy;
        if (!today && options.policy)
            return *options.policy;
    }
    PolicyInputs inputs = options.policyInputs;
    inputs.choice = preset.choice;
    if (inputs.platform == Platform::Windows)
        inputs.windowsSandbox =
            config.problem ? WindowsSandboxSetting::Unreadable : readWindowsSandboxSetting(config.bytes);
    return choosePolicy(inputs);
}

} // namespace

bool looksLikeCodexHome(const QString &folder)
{
    const QFileInfo info(folder);
    if (info.fileName() == QLatin1String("codex-home"))
        return true;
    for (QLatin1String name : {EntryConfigToml, EntryAuth, EntrySessions}) {
        if (probeEntry(folder + QLatin1Char('/') + name).kind != EntryKind::Missing)
            return true;
    }
    return false;
}

TaskNames taskNamesFor(const QString &root, const QString &homePath)
{
    const QString cleanRoot = QDir::cleanPath(root);
    const QString cleanHome = QDir::cleanPath(homePath);
    if (!cleanHome.startsWith(cleanRoot + QLatin1Char('/')))
        return {};
    const QStringList parts = cleanHome.mid(cleanRoot.size() + 1).split(QLatin1Char('/'));
    // <workspace>/<task>/codex-home: the daemon's layout. Deeper homes name
    // their two nearest parents, which is what a person would look for.
    if (parts.size() < 3)
        return {};
    return {parts.at(parts.size() - 3), parts.at(parts.size() - 2)};
}

HomeReport inspectHome(const QString &homePath, const SharedHome &shared, const InspectOptions &options)
{
    HomeReport report;
    report.path = QDir::cleanPath(QFileInfo(homePath).absoluteFilePath());

    const QFileInfo homeInfo(report.path);
    if (!homeInfo.isDir() || !homeInfo.isReadable() || !homeInfo.isExecutable()) {
        Error error{Error::Kind::Io, QStringLiteral("The home folder cannot be read."), report.path, 0, 0,
                    QStringLiteral("Check that it exists and that you may list it.")};
        report.findings += homeFinding(HomeFindingCode::HomeUnreadable, Severity::Error,
                                       QStringLiteral("%1 is not a readable folder.").arg(report.path), error.hint);
        report.error = std::move(error);
        report.blockKnown = false;
        const HomePreset preset = presetForHome(options.chosenPreset, {});
        report.presetSource = preset.source;
        report.policy = homePolicy(options, preset, ConfigRead{});
        return report;
    }

    const QString prefix = report.path + QLatin1Char('/');
    auto probe = [&](QLatin1String name) { return probeEntry(prefix + name); };

    const EntryProbe auth = probe(EntryAuth);
    const EntryProbe sessions = probe(EntrySessions);
    const EntryProbe configJson = probe(EntryConfigJson);
    const EntryProbe configToml = probe(EntryConfigToml);
    const EntryProbe instructions = probe(EntryInstructions);
    const EntryProbe skills = probe(EntrySkills);
    // Only needed to tell a link that stays in the home from one that leaves it.
    const QString homeCanonical = isLink(configToml.kind) ? homeInfo.canonicalFilePath() : QString();

    // Entry findings come after the config's, so a person reads the block first.
    QList<Finding> entryFindings;
    const ConfigRead config = readConfigToml(prefix + EntryConfigToml, configToml);
    HomeEntry tomlEntry = judgeConfigToml(report.path, homeCanonical, configToml, entryFindings);
    if (options.compareCopies && shared.configToml && configToml.kind == EntryKind::File
        && looksTruncatedConfig(config.bytes, *shared.configToml)) {
        tomlEntry.state = EntryState::Truncated;
        entryFindings += homeFinding(HomeFindingCode::CopyTruncated, Severity::Warning,
                                     QStringLiteral("config.toml holds only the first bytes of the shared home's "
                                                    "config.toml: a copy that was interrupted."),
                                     QStringLiteral("Compare it with the shared config.toml; delete it and run "
                                                    "prepare to copy it again."));
    }
    report.entries.reserve(6);
    report.entries += judgeAuth(report.path, auth, shared, entryFindings);
    report.entries += judgeSessions(report.path, sessions, shared, entryFindings);
    report.entries += judgeCopy(EntryConfigJson, prefix + EntryConfigJson, configJson, shared.configJson,
                                options.compareCopies, entryFindings);
    report.entries += tomlEntry;
    report.entries += judgeCopy(EntryInstructions, prefix + EntryInstructions, instructions,
                                shared.instructions, options.compareCopies, entryFindings);
    report.entries += judgeSkills(skills);

    // One lex of config.toml at most, for the daemon's named blocks and the files it names.
    ConfigMarks marks = scanConfigMarks(config.bytes);
    TodayContext today;
    today.home = report.path;
    today.homeCanonical = homeCanonical;
    today.shared = &shared;
    today.references = std::move(marks.references);
    today.skillsIsDir = skills.kind == EntryKind::Dir;
    today.compareCopies = options.compareCopies;
    judgeTodayEntries(today, report.entries, entryFindings);
    report.layout = layoutOfEntries(report.entries);

    const HomePreset preset = presetForHome(options.chosenPreset, marks.namedBlock);
    report.presetSource = preset.source;
    report.policy = homePolicy(options, preset, config);

    report.configExists = config.exists;
    if (config.problem) {
        report.block = BlockState::Absent;
        report.blockKnown = false;
        report.findings += *config.problem;
    } else {
        // The platform and the Codex version, as status has them: the platform's
        // own findings and the effective sandbox's version note depend on them.
        AnalysisContext context;
        context.platform = options.policyInputs.platform;
        context.codexVersion = options.policyInputs.codexVersion;
        context.codexHome = report.path;
        // Backups are looked for (only for a zero-filled file) beside a config.toml
        // that is the home's own; through a link they are the shared home's business.
        if (configToml.kind == EntryKind::File)
            context.configWritePath = prefix + EntryConfigToml;
        ConfigAnalysis analysis = analyzeConfig(config.bytes, config.exists, report.policy, context);
        report.block = analysis.block;
        report.findings = std::move(analysis.findings);
        report.effective = std::move(analysis.effective);
        report.effectiveMatchesPolicy = analysis.effectiveMatchesPolicy;
        if (analysis.invalid) {
            // The block of a file Codex cannot parse says nothing about what Codex runs with.
            report.blockKnown = false;
            if (!hasFinding(report.findings, FindingCode::ConfigInvalid)) {
                Finding f = homeFinding(FindingCode::ConfigInvalid, Severity::Error, analysis.invalid->message,
                                        analysis.invalid->hint);
                f.line = analysis.invalid->line;
                report.findings += f;
            }
        }
    }
    report.findings += entryFindings;
    qCDebug(lcHomes) << "inspected" << report.path << report.statusName();
    return report;
}

} // namespace SandboxDoctor
