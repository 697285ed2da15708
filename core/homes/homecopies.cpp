#include "homes/homecopies.h"

#include "common/boundedread.h"
#include "common/logging.h"
#include "homes/entryprobe.h"
#include "homes/homeentries.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace SandboxDoctor::Detail {

namespace {

PrepareStep failedStep(const QString &name, Error error)
{
    PrepareStep step = prepareStep(name, PrepareAction::Failed, error.message);
    qCWarning(lcHomes) << "prepare:" << name << "failed:" << error.toText();
    step.error = std::move(error);
    return step;
}

// An existing copy is never replaced; one that is the first part of the
// source was cut short by a killed copy, and that is worth saying.
PrepareStep keptCopy(const CopyRequest &request, const EntryProbe &existing, const QByteArray &source)
{
    PrepareStep step = prepareStep(request.name, PrepareAction::Kept,
                               QStringLiteral("already present; copies are never overwritten"));
    if (existing.kind != EntryKind::File)
        return step;
    const Expected<QByteArray> copy = readRegularFile(request.destination, request.maxBytes, request.name);
    if (!copy)
        return step;
    const bool cut = request.isConfigToml ? looksTruncatedConfig(*copy, source) : looksTruncated(*copy, source);
    if (cut)
        step.warning = QStringLiteral("holds only the first %1 of the shared file's %2 bytes: an interrupted copy. "
                                      "Delete it and run prepare again to copy it whole.")
                           .arg(copy->size())
                           .arg(source.size());
    return step;
}

} // namespace

Expected<Done> writeNewFile(const QString &path, const QByteArray &bytes, QFileDevice::Permissions permissions)
{
    const QFileInfo info(path);
    QTemporaryFile temporary(info.absolutePath() + QLatin1String("/.") + info.fileName()
                             + QLatin1String(".sdcopy-XXXXXX"));
    if (!temporary.open())
        return ioError(QStringLiteral("Could not create a temporary file: %1.").arg(temporary.errorString()), path,
                       QStringLiteral("Check that the home is writable and the disk has room, then run prepare "
                                      "again."));
    const bool written = temporary.write(bytes) == bytes.size() && temporary.flush();
#ifdef Q_OS_UNIX
    // On disk before the name appears: a crash then leaves no file or the whole one.
    const bool synced = written && ::fsync(temporary.handle()) == 0;
#else
    const bool synced = written;
#endif
    if (!synced)
        return ioError(QStringLiteral("Could not write the copy: %1.").arg(temporary.errorString()), path,
                       QStringLiteral("Check the free space, then run prepare again."));
    temporary.setPermissions(permissions);
    temporary.close();
    // QFile::rename never replaces an existing file (renameat2 RENAME_NOREPLACE
    // or link+unlink on Linux): something that appeared meanwhile is kept.
    if (!QFile::rename(temporary.fileName(), path))
        return ioError(QStringLiteral("Could not put the copy in place: something else is there now."), path,
                       QStringLiteral("Run prepare again; an existing file is kept."));
    temporary.setAutoRemove(false);
    return Done{};
}

PrepareStep ensureCopy(const CopyRequest &request)
{
    const EntryProbe source = probeEntry(request.source);
    if (source.kind == EntryKind::Missing || (isLink(source.kind) && !source.targetExists))
        return prepareStep(request.name, PrepareAction::Skipped,
                       QStringLiteral("the shared home has no %1").arg(QFileInfo(request.source).fileName()));
    const EntryProbe existing = probeEntry(request.destination);
    // Read only a regular file: a FIFO in the shared home must never stall prepare.
    Expected<QByteArray> bytes = readRegularFile(request.source, request.maxBytes, request.name);
    if (existing.kind != EntryKind::Missing) {
        // Like the daemon's os.Stat, a link or anything else at the name counts as present.
        return keptCopy(request, existing,
                        bytes ? (request.transform ? request.transform(*bytes) : *bytes) : QByteArray());
    }
    if (!bytes) {
        PrepareStep step = prepareStep(request.name, PrepareAction::Skipped,
                                   QStringLiteral("not copied: %1").arg(bytes.error().message));
        step.warning = bytes.error().message;
        return step;
    }
    const QByteArray content = request.transform ? request.transform(*bytes) : *bytes;
    if (request.dryRun)
        return prepareStep(request.name, PrepareAction::Created, QStringLiteral("would copy %1").arg(request.source));
    // The shared file's permissions: a config.toml kept private stays private in the copy.
    const Expected<Done> written = writeNewFile(request.destination, content, QFile::permissions(request.source));
    if (!written)
        return failedStep(request.name, written.error());
    PrepareStep step = prepareStep(request.name, PrepareAction::Created,
                               QStringLiteral("copied from %1").arg(request.source));
    step.method = LinkMethod::Copy;
    return step;
}

} // namespace SandboxDoctor::Detail
