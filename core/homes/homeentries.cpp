#include "homes/homeentries.h"

#include "common/boundedread.h"
#include "homes/homefindings.h"

#include <QFileInfo>

namespace SandboxDoctor::Detail {

namespace {

// Copies compared byte for byte are small text files.
constexpr qint64 MaxComparedBytes = 4 * 1024 * 1024;

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
        findings += homeFinding(codes.broken, Severity::Error,
                                QStringLiteral("%1 links to %2, which does not exist, so Codex cannot use it.")
                                    .arg(entry.name, probe.target),
                                prepareFix(home));
    } else if (!sameLocation(probe.target, expected, expectedCanonical)) {
        entry.state = EntryState::WrongTarget;
        findings += homeFinding(codes.wrongTarget, Severity::Warning,
                                QStringLiteral("%1 links to %2 instead of the shared home's %3.")
                                    .arg(entry.name, probe.target, expected),
                                prepareFix(home));
    } else {
        entry.state = EntryState::Ok;
    }
}

QString kindWords(const EntryProbe &probe)
{
    if (isSpecial(probe))
        return probe.special;
    if (probe.kind == EntryKind::Dir || (isLink(probe.kind) && probe.targetIsDir))
        return QStringLiteral("a folder");
    return QStringLiteral("a file");
}

} // namespace

Finding homeFinding(QLatin1String code, Severity severity, QString message, QString fix)
{
    Finding f;
    f.code = code;
    f.severity = severity;
    f.message = std::move(message);
    f.fix = std::move(fix);
    return f;
}

HomeEntry makeEntry(const QString &name, const EntryProbe &probe)
{
    HomeEntry entry;
    entry.name = name;
    entry.kind = probe.kind;
    entry.target = probe.target;
    entry.size = probe.size;
    entry.special = probe.special;
    return entry;
}

QString prepareFix(const QString &home)
{
    return QStringLiteral("Run `codex-sandbox-doctor-cli prepare --codex-home %1` to link it to the shared home again.")
        .arg(home);
}

HomeEntry judgeAuth(const QString &home, const EntryProbe &probe, const SharedHome &shared, QList<Finding> &findings)
{
    HomeEntry entry = makeEntry(EntryAuth, probe);
    const bool notAFile = probe.kind == EntryKind::Dir || probe.kind == EntryKind::Other
                          || (isLink(probe.kind) && probe.targetExists && !probe.targetIsFile);
    switch (probe.kind) {
    case EntryKind::Missing:
        entry.state = EntryState::Missing;
        // Codex finds no credentials and starts logged out: every request fails with 401.
        if (shared.hasAuth())
            findings += homeFinding(HomeFindingCode::AuthMissing, Severity::Error,
                                    QStringLiteral("auth.json is missing while the shared home has one: Codex runs "
                                                   "logged out here."),
                                    QStringLiteral("Run `codex-sandbox-doctor-cli prepare --codex-home %1` to link it "
                                                   "to %2.")
                                        .arg(home, shared.authPath));
        break;
    case EntryKind::File:
        // Only the file's existence is looked at: its bytes are credentials.
        entry.state = EntryState::Copied;
        findings += homeFinding(FindingCode::AuthCopied, Severity::Warning,
                                QStringLiteral("auth.json is a regular file, not a link to the shared home: the "
                                               "credentials are duplicated and will not follow a new login."),
                                QStringLiteral("Delete this copy, then run `codex-sandbox-doctor-cli prepare "
                                               "--codex-home %1` to link it to %2.")
                                    .arg(home, shared.authPath));
        break;
    case EntryKind::Dir:
    case EntryKind::Other: entry.state = EntryState::Unexpected; break;
    case EntryKind::Symlink:
    case EntryKind::Junction: break;
    }
    if (notAFile) {
        // Never opened (a FIFO would block a reader): reported from lstat/stat alone.
        entry.state = EntryState::Unexpected;
        const QString what = isLink(probe.kind) ? QStringLiteral("links to %1 (%2)").arg(probe.target, kindWords(probe))
                                                : QStringLiteral("is %1").arg(kindWords(probe));
        findings += homeFinding(HomeFindingCode::AuthNotAFile, Severity::Error,
                                QStringLiteral("auth.json %1, not a file: Codex cannot read credentials from it and "
                                               "runs logged out here.")
                                    .arg(what),
                                QStringLiteral("Move it out of the home, then run `codex-sandbox-doctor-cli prepare "
                                               "--codex-home %1` to link it to %2.")
                                    .arg(home, shared.authPath));
        return entry;
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
        findings += homeFinding(FindingCode::SessionsLocal, Severity::Info,
                                QStringLiteral("sessions is a local folder (newer daemon layout): this task's "
                                               "sessions stay in the task, not in the shared home."));
        return entry;
    case EntryKind::File:
    case EntryKind::Other:
        entry.state = EntryState::Unexpected;
        findings += homeFinding(HomeFindingCode::EntryUnexpected, Severity::Error,
                                QStringLiteral("sessions is %1, not a folder or a link to one: Codex cannot keep "
                                               "this task's sessions.")
                                    .arg(kindWords(probe)),
                                QStringLiteral("Move it out of the home, then run `codex-sandbox-doctor-cli prepare "
                                               "--codex-home %1`.")
                                    .arg(home));
        return entry;
    case EntryKind::Symlink:
    case EntryKind::Junction: break;
    }
    // Today's daemon (v0.4.32) links a task's sessions into a per-issue store
    // under <shared>/multica-sessions/: the right place too.
    if (isLink(probe.kind) && probe.targetExists
        && isInside(probe.target, shared.sessionStorePath, shared.sessionStoreCanonical)) {
        entry.state = EntryState::Ok;
        entry.role = QStringLiteral("session-store");
        entry.expectedTarget = shared.sessionStorePath;
        return entry;
    }
    judgeLinkedEntry(home, entry, probe, shared.sessionsPath, shared.sessionsCanonical,
                     {FindingCode::SessionsLinkBroken, FindingCode::SessionsLinkWrongTarget}, findings);
    return entry;
}

HomeEntry judgeCopy(QLatin1String name, const QString &path, const EntryProbe &probe,
                    const std::optional<QByteArray> &sharedBytes, bool compare, QList<Finding> &findings)
{
    HomeEntry entry = makeEntry(name, probe);
    switch (probe.kind) {
    case EntryKind::Missing: entry.state = EntryState::Missing; break;
    case EntryKind::Dir:
    case EntryKind::Other:
        entry.state = EntryState::Unexpected;
        findings += homeFinding(HomeFindingCode::EntryUnexpected, Severity::Warning,
                                QStringLiteral("%1 is %2, not a file: Codex cannot read it.").arg(name, kindWords(probe)),
                                QStringLiteral("Move it out of the home; prepare then copies the shared one."));
        break;
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
        std::optional<QByteArray> bytes;
        // Equal sizes, or a shorter copy that may be a cut-off one: only then the bytes tell.
        if (!diverged || probe.size < sharedBytes->size()) {
            Expected<QByteArray> read = readRegularFile(path, MaxComparedBytes, name);
            if (read)
                bytes = std::move(read).value();
            diverged = !bytes || *bytes != *sharedBytes;
        }
        if (bytes && looksTruncated(*bytes, *sharedBytes)) {
            entry.state = EntryState::Truncated;
            findings += homeFinding(HomeFindingCode::CopyTruncated, Severity::Warning,
                                    QStringLiteral("%1 holds only the first %2 of the shared home's %3 bytes: a copy "
                                                   "that was interrupted.")
                                        .arg(name)
                                        .arg(bytes->size())
                                        .arg(sharedBytes->size()),
                                    QStringLiteral("Delete this copy and run prepare to copy it again."));
        } else if (diverged) {
            entry.state = EntryState::Diverged;
            findings += homeFinding(FindingCode::CopyDiverged, Severity::Info,
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

HomeEntry judgeConfigToml(const QString &home, const QString &homeCanonical, const EntryProbe &probe,
                          QList<Finding> &findings)
{
    HomeEntry entry = makeEntry(EntryConfigToml, probe);
    switch (probe.kind) {
    case EntryKind::Missing: entry.state = EntryState::Missing; break;
    case EntryKind::File: entry.state = EntryState::Ok; break;
    case EntryKind::Symlink:
    case EntryKind::Junction:
        entry.state = !probe.targetExists ? EntryState::Broken
                      : probe.targetIsFile ? EntryState::Linked
                                           : EntryState::Unexpected;
        // Codex reads through the link; the tools never write through one that
        // leaves the home (a task could plant it to make them write anywhere).
        if (!isInside(probe.target, home, homeCanonical))
            findings += homeFinding(HomeFindingCode::LinkLeavesHome, Severity::Warning,
                                    QStringLiteral("config.toml is a link to %1, outside this home: prepare and apply "
                                                   "will not write through it.")
                                        .arg(probe.target),
                                    QStringLiteral("If the link was not made on purpose, run "
                                                   "`codex-sandbox-doctor-cli prepare --codex-home %1 "
                                                   "--replace-links` to put a copy of the shared config.toml in "
                                                   "its place.")
                                        .arg(home));
        break;
    case EntryKind::Dir:
    case EntryKind::Other: entry.state = EntryState::Unexpected; break;
    }
    return entry;
}

bool looksTruncated(const QByteArray &copy, const QByteArray &shared)
{
    return copy.size() < shared.size() && shared.startsWith(copy);
}

bool looksTruncatedConfig(const QByteArray &config, const QByteArray &shared)
{
    if (shared.isEmpty())
        return false;
    if (looksTruncated(config, shared))
        return true;
    // The block prepare put on top, then one blank line, then what the copy held.
    const QByteArray end("\n# END multica-managed\n");
    const qsizetype at = config.indexOf(end);
    if (at < 0)
        return false;
    QByteArray rest = config.mid(at + end.size());
    if (rest.startsWith('\n'))
        rest.remove(0, 1);
    return !rest.isEmpty() && looksTruncated(rest, shared);
}

} // namespace SandboxDoctor::Detail
