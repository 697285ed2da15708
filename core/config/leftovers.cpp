#include "config/leftovers.h"

#include "common/logging.h"
#include "config/atomicwrite.h"
#include "config/configpaths.h"
#include "config/filestamp.h"
#include "config/writelock.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QTimeZone>

#include <functional>

namespace SandboxDoctor {

namespace {

constexpr qint64 StaleAfterSeconds = 10;

// ".<target>.sdtmp-XXXXXXXX" → "<target>", else empty.
QString targetOf(const QString &fileName)
{
    const QString marker = QStringLiteral(".sdtmp-");
    const qsizetype at = fileName.lastIndexOf(marker);
    if (!fileName.startsWith(QLatin1Char('.')) || at <= 1)
        return {};
    const QString target = fileName.mid(1, at - 1);
    return isTemporaryFileName(fileName, target) ? target : QString();
}

void scan(const QString &folder, const std::function<bool(const QString &)> &isOurTarget, QList<Leftover> &out)
{
    const QStringList names = QDir(folder).entryList({QStringLiteral(".*.sdtmp-*")},
                                                     QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const QString &name : names) {
        const QString target = targetOf(name);
        if (target.isEmpty() || !isOurTarget(target))
            continue;
        const QString path = QDir(folder).filePath(name);
        const Expected<FileStamp> stamp = stampOf(path, Links::DoNotFollow);
        if (!stamp || stamp->type != FileStamp::Type::Regular)
            continue;  // a link or a folder under our name is not ours: leave it alone
        bool known = false;
        for (const Leftover &seen : std::as_const(out))
            known = known || seen.path == path;
        if (!known)
            out.append({path, target, stamp->size,
                        QDateTime::fromMSecsSinceEpoch(stamp->modifiedNs / 1'000'000, QTimeZone::utc())});
    }
}

} // namespace

QList<Leftover> findLeftovers(const QString &codexHome, const QString &writePath)
{
    QList<Leftover> found;
    const QFileInfo written(writePath);
    scan(written.absolutePath(), [&](const QString &target) { return target == written.fileName(); }, found);
    scan(QDir::cleanPath(QFileInfo(codexHome).absoluteFilePath()),
         [](const QString &target) { return isHomeConfigFileName(target); }, found);
    return found;
}

int removeStaleLeftovers(const QString &codexHome, const QString &writePath, const QStringList &heldByUs)
{
    int removed = 0;
    // A lock file a killed run left: taken over and released, which removes
    // it. Never unlinked without holding it: a run that has just locked it
    // would then hold a lock on a file no longer there, beside a new one.
    if (!heldByUs.contains(writePath) && QFileInfo::exists(WriteLock::lockPathFor(writePath))) {
        if (Expected<WriteLock> stale = WriteLock::acquire(writePath, std::chrono::milliseconds(0))) {
            stale->release();
            ++removed;
        }
    }
    for (const Leftover &leftover : findLeftovers(codexHome, writePath)) {
        const QString target = QDir(QFileInfo(leftover.path).absolutePath()).filePath(leftover.targetName);
        if (!heldByUs.contains(target) && WriteLock::isHeld(target))
            continue;  // another run is writing it
        if (QFile::remove(leftover.path)) {
            ++removed;
            qCInfo(lcApply) << "removed a temporary file an interrupted run left:" << leftover.path;
        }
    }
    return removed;
}

QList<Finding> leftoverFindings(const QString &codexHome, const QString &writePath)
{
    QList<Finding> findings;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const Leftover &leftover : findLeftovers(codexHome, writePath)) {
        const QString target = QDir(QFileInfo(leftover.path).absolutePath()).filePath(leftover.targetName);
        if (leftover.modifiedUtc.secsTo(now) < StaleAfterSeconds && WriteLock::isHeld(target))
            continue;  // a run is writing it right now
        Finding finding;
        finding.code = FindingCode::TempFileLeft;
        finding.severity = Severity::Warning;
        finding.message = QStringLiteral("A temporary file from an interrupted apply is left beside %1: %2 (%3 bytes).")
                              .arg(leftover.targetName, leftover.path, QLocale::c().toString(leftover.size));
        finding.fix = QStringLiteral("The next apply or restore removes it; deleting it by hand is safe too. %1 "
                                     "itself was never half-written.")
                          .arg(leftover.targetName);
        findings.append(finding);
    }
    return findings;
}

} // namespace SandboxDoctor
