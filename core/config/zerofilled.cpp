#include "config/zerofilled.h"

#include "common/boundedread.h"
#include "config/backups.h"
#include "config/configdocument.h"
#include "config/configfile.h"
#include "config/tomltree_p.h"

#include <QFileInfo>

#include <algorithm>

namespace SandboxDoctor {

namespace {

constexpr qsizetype ZeroedTail = 64;

bool parses(const QByteArray &bytes)
{
    const QByteArray body = bytes.startsWith(Utf8Bom) ? bytes.mid(3) : bytes;
    return findInvalidUtf8(body).line == 0 && !detectZeroFill(bytes) && parsesAsToml(bytes);
}

} // namespace

std::optional<ZeroFill> detectZeroFill(const QByteArray &bytes)
{
    const qsizetype nul = std::count(bytes.cbegin(), bytes.cend(), '\0');
    if (nul == 0)
        return std::nullopt;
    qsizetype tail = 0;
    while (tail < bytes.size() && bytes.at(bytes.size() - 1 - tail) == '\0')
        ++tail;
    if (nul * 2 < bytes.size() && tail < ZeroedTail)
        return std::nullopt;
    return ZeroFill{bytes.size(), nul};
}

std::optional<RestoreCandidate> newestParsableBackup(const QString &codexHome)
{
    const Expected<BackupHistory> history = listBackupHistory(codexHome);
    if (!history)
        return std::nullopt;
    for (const BackupInfo &backup : history->backups) {
        // A backup dated in the future is never "the newest"; a change that
        // created config.toml has no earlier config.toml to offer.
        if (backup.future || (!backup.files.isEmpty() && !backup.files.constFirst().existed))
            continue;
        const Expected<QByteArray> bytes = readBackupFile(backup.path);
        if (!bytes || !parses(*bytes))
            continue;
        return RestoreCandidate{backup.path, backup.name, backup.createdUtc, *bytes};
    }
    return std::nullopt;
}

} // namespace SandboxDoctor
