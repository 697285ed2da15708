#include "homes/homeinspector.h"

#include "common/logging.h"
#include "config/configfile.h"
#include "homes/entryprobe.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace SandboxDoctor {

namespace {

using Detail::EntryProbe;

// Not in the contract's table: the home folder itself could not be listed.
constexpr QLatin1String HomeUnreadable{"home-unreadable"};

QString prepareFix(const QString &home)
{
    return QStringLiteral("Run `codex-sandbox-doctor-cli prepare --codex-home %1` to link it to the shared home again.")
        .arg(home);
}

Finding finding(QLatin1String code, Severity severity, QString message, QString fix = {})
{
    Finding f;
    f.code = code;
    f.severity = severity;
    f.message = std::move(message);
    f.fix = std::move(fix);
    return f;
}

HomeEntry makeEntry(QLatin1String name, const EntryProbe &probe)
{
    HomeEntry entry;
    entry.name = name;
    entry.kind = probe.kind;
    entry.target = probe.target;
    entry.size = probe.size;
    return entry;
}

bool isLink(EntryKind kind)
{
    return kind == EntryKind::Symlink || kind == EntryKind::Junction;
}

// auth.json and sessions: the daemon links both to the shared home.
struct LinkedCodes final
{
    QLatin1String broken;
    QLatin1String wrongTarget;
};

void judgeLinkedEntry(const QString &home, HomeEntry &entry, const EntryProbe &probe, const QString &expected,
                      const QString &expectedCanonical, const LinkedCodes &codes, QList<Finding> &findings)
{
    entry.expectedTarget = expected;
    if (!isLink(probe.kind))
        return;
    if (!probe.targetExists) {
        entry.state = EntryState::Broken;
        findings += finding(codes.broken, Severity::Error,
                            QStringLiteral("%1 links to %2, which does not exist, so Codex cannot use it.")
                                .arg(entry.name, probe.target),
                            prepareFix(home));
    } else if (!Detail::sameLocation(probe.target, expected, expectedCanonical)) {
        entry.state = EntryState::WrongTarget;
        findings += finding(codes.wrongTarget, Severity::Warning,
                            QStringLiteral("%1 links to %2 instead of the shared home's %3.")
                                .arg(entry.name, probe.target, expected),
                            prepareFix(home));
    } else {
        entry.state = EntryState::Ok;
    }
}

HomeEntry judgeAuth(const QString &home, const EntryProbe &probe, const SharedHome &shared, QList<Finding> &findings)
{
    HomeEntry entry = makeEntry(EntryAuth, probe);
    switch (probe.kind) {
    case EntryKind::Missing: entry.state = EntryState::Missing; break;
    case EntryKind::File:
        // Only the file's existence is looked at: its bytes are credentials.
        entry.state = EntryState::Copied;
        findings += finding(FindingCode::AuthCopied, Severity::Warning,
                            QStringLiteral("auth.json is a regular file, not a link to the shared home: the "
                                           "credentials are duplicated and will not follow a new login."),
                            QStringLiteral("Delete this copy, then run `codex-sandbox-doctor-cli prepare --codex-home %1` "
                                           "to link it to %2.")
                                .arg(home, shared.authPath));
        break;
    case EntryKind::Dir:
    case EntryKind::Other: entry.state = EntryState::Unexpected; break;
    case EntryKind::Symlink:
    case EntryKind::Junction: break;
    }
    judgeLinkedEntry(home, entry, probe, shared.authPath, shared.authCanonical,
                     {FindingCode::AuthLinkBroken, FindingCode::AuthLinkWrongTarget}, findings);
    return entry;
}

HomeEntry judgeSessions(const QString &home, const EntryProbe &probe, const SharedHome &shared,
                        QList<Finding> &findings)
{
    HomeEntry entry = makeEntry(EntrySessions, probe);
    switch (probe.kind) {
    case EntryKind::Missing: entry.state = EntryState::Missing; break;
    case EntryKind::Dir:
        // Newer daemons keep sessions per task: a valid layout, worth knowing about.
        entry.state = EntryState::Local;
        findings += finding(FindingCode::SessionsLocal, Severity::Info,
                            QStringLiteral("sessions is a local folder (newer daemon layout): this task's "
                                           "sessions stay in the task, not in the shared home."));
        break;
    case EntryKind::File:
    case EntryKind::Other: entry.state = EntryState::Unexpected; break;
    case EntryKind::Symlink:
    case EntryKind::Junction: break;
    }
    judgeLinkedEntry(home, entry, probe, shared.sessionsPath, shared.sessionsCanonical,
                     {FindingCode::SessionsLinkBroken, FindingCode::SessionsLinkWrongTarget}, findings);
    return entry;
}

// config.json and instructions.md: copies of the shared home's, compared by size
// first and by bytes only when the sizes agree.
HomeEntry judgeCopy(QLatin1String name, const QString &path, const EntryProbe &probe,
                    const std::optional<QByteArray> &sharedBytes, bool compare, QList<Finding> &findings)
{
    HomeEntry entry = makeEntry(name, probe);
    switch (probe.kind) {
    case EntryKind::Missing: entry.state = EntryState::Missing; break;
    case EntryKind::Dir:
    case EntryKind::Other: entry.state = EntryState::Unexpected; break;
    case EntryKind::Symlink:
    case EntryKind::Junction: entry.state = probe.targetExists ? EntryState::Linked : EntryState::Broken; break;
    case EntryKind::File: {
        if (!sharedBytes) {
            entry.state = EntryState::Local;
            break;
        }
        entry.state = EntryState::Ok;
        if (!compare)
            break;
        bool diverged = probe.size != sharedBytes->size();
        if (!diverged) {
            QFile file(path);
            diverged = !file.open(QIODevice::ReadOnly) || file.readAll() != *sharedBytes;
        }
        if (diverged) {
            entry.state = EntryState::Diverged;
            findings += finding(FindingCode::CopyDiverged, Severity::Info,
                                QStringLiteral("%1 differs from the shared home's copy (the daemon copies it "
                                               "once and never updates it).")
                                    .arg(name),
                                QStringLiteral("If the task should see the shared version, delete this copy "
                                               "and run prepare."));
        }
        break;
    }
    }
    return entry;
}

HomeEntry judgeSkills(const EntryProbe &probe)
{
    HomeEntry entry = makeEntry(EntrySkills, probe);
    switch (probe.kind) {
    case EntryKind::Missing: entry.state = EntryState::Missing; break;
    case EntryKind::Dir: entry.state = EntryState::Ok; break;
    case EntryKind::Symlink:
    case EntryKind::Junction: entry.state = probe.targetExists ? EntryState::Linked : EntryState::Broken; break;
    case EntryKind::File:
    case EntryKind::Other: entry.state = EntryState::Unexpected; break;
    }
    return entry;
}

struct ConfigRead final
{
    bool exists = false;
    QByteArray bytes;
    std::optional<Finding> problem;  // present but unreadable: config-invalid
};

// config.toml is read once per home, through a link if it is one (that is the
// file Codex loads).
ConfigRead readConfigToml(const QString &path, const EntryProbe &probe)
{
    ConfigRead read;
    const bool fileLike = probe.kind == EntryKind::File
                          || (isLink(probe.kind) && probe.targetExists && !probe.targetIsDir);
    if (probe.kind == EntryKind::Missing || (isLink(probe.kind) && !probe.targetExists))
        return read;  // a dangling link loads as no file at all
    read.exists = true;
    auto problem = [&](QString message, QString fix) {
        Finding f = finding(FindingCode::ConfigInvalid, Severity::Error, std::move(message), std::move(fix));
        read.problem = f;
    };
    if (!fileLike) {
        problem(QStringLiteral("%1 is not a regular file, so Codex cannot load it.").arg(path),
                QStringLiteral("Move it away and run prepare to make a new config.toml."));
        return read;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        problem(QStringLiteral("%1 cannot be read: %2.").arg(path, file.errorString()),
                QStringLiteral("Check the file's permissions."));
        return read;
    }
    if (file.size() > MaxConfigBytes) {
        problem(QStringLiteral("%1 is larger than %2 bytes; it was not read.").arg(path).arg(MaxConfigBytes),
                QStringLiteral("A config.toml is a few lines long: check what wrote this one."));
        return read;
    }
    read.bytes = file.readAll();
    return read;
}

} // namespace

bool looksLikeCodexHome(const QString &folder)
{
    const QFileInfo info(folder);
    if (info.fileName() == QLatin1String("codex-home"))
        return true;
    for (QLatin1String name : {EntryConfigToml, EntryAuth, EntrySessions}) {
        if (Detail::probeEntry(folder + QLatin1Char('/') + name).kind != EntryKind::Missing)
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
        report.findings += finding(HomeUnreadable, Severity::Error,
                                   QStringLiteral("%1 is not a readable folder.").arg(report.path), error.hint);
        report.error = std::move(error);
        report.policy = options.policy ? *options.policy : choosePolicy(options.policyInputs);
        return report;
    }

    const QString prefix = report.path + QLatin1Char('/');
    auto probe = [&](QLatin1String name) { return Detail::probeEntry(prefix + name); };

    const EntryProbe auth = probe(EntryAuth);
    const EntryProbe sessions = probe(EntrySessions);
    const EntryProbe configJson = probe(EntryConfigJson);
    const EntryProbe configToml = probe(EntryConfigToml);
    const EntryProbe instructions = probe(EntryInstructions);
    const EntryProbe skills = probe(EntrySkills);

    // Entry findings come after the config's, so a person reads the block first.
    QList<Finding> entryFindings;
    report.entries.reserve(6);
    report.entries += judgeAuth(report.path, auth, shared, entryFindings);
    report.entries += judgeSessions(report.path, sessions, shared, entryFindings);
    report.entries += judgeCopy(EntryConfigJson, prefix + EntryConfigJson, configJson, shared.configJson,
                                options.compareCopies, entryFindings);

    const ConfigRead config = readConfigToml(prefix + EntryConfigToml, configToml);
    HomeEntry tomlEntry = makeEntry(EntryConfigToml, configToml);
    switch (configToml.kind) {
    case EntryKind::Missing: tomlEntry.state = EntryState::Missing; break;
    case EntryKind::File: tomlEntry.state = EntryState::Ok; break;
    case EntryKind::Symlink:
    case EntryKind::Junction:
        tomlEntry.state = !configToml.targetExists ? EntryState::Broken
                          : configToml.targetIsDir ? EntryState::Unexpected
                                                   : EntryState::Linked;
        break;
    case EntryKind::Dir:
    case EntryKind::Other: tomlEntry.state = EntryState::Unexpected; break;
    }
    report.entries += tomlEntry;
    report.entries += judgeCopy(EntryInstructions, prefix + EntryInstructions, instructions,
                                shared.instructions, options.compareCopies, entryFindings);
    report.entries += judgeSkills(skills);

    // The policy: shared across homes unless Windows, where the home's own
    // [windows] sandbox decides (and an unreadable file fails closed).
    if (options.policy && options.policyInputs.platform != Platform::Windows) {
        report.policy = *options.policy;
    } else {
        PolicyInputs inputs = options.policyInputs;
        if (inputs.platform == Platform::Windows)
            inputs.windowsSandbox = config.problem ? WindowsSandboxSetting::Unreadable
                                                   : readWindowsSandboxSetting(config.bytes);
        report.policy = choosePolicy(inputs);
    }

    report.configExists = config.exists;
    if (config.problem) {
        report.block = BlockState::Absent;
        report.findings += *config.problem;
    } else {
        ConfigAnalysis analysis = analyzeConfig(config.bytes, config.exists, report.policy);
        report.block = analysis.block;
        report.findings = std::move(analysis.findings);
        if (analysis.invalid && !hasFinding(report.findings, FindingCode::ConfigInvalid)) {
            Finding f = finding(FindingCode::ConfigInvalid, Severity::Error, analysis.invalid->message,
                                analysis.invalid->hint);
            f.line = analysis.invalid->line;
            report.findings += f;
        }
    }
    report.findings += entryFindings;
    qCDebug(lcHomes) << "inspected" << report.path << report.statusName();
    return report;
}

} // namespace SandboxDoctor
