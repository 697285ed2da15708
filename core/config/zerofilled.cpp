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
    // loadConfigDocument first: it refuses what would exhaust toml++'s stack
    // (configlimits.h) before toml++ sees it.
    return findInvalidUtf8(body).line == 0 && !detectZeroFill(bytes) && loadConfigDocument(bytes).hasValue()
           && parseToml(body).hasValue();
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

std::optional<RestoreCandidate> newestParsableBackup(const QString &configWritePath)
{
    for (const BackupInfo &backup : findBackups(configWritePath)) {
        const Expected<QByteArray> bytes = readRegularFile(backup.path, MaxConfigBytes, QStringLiteral("the backup"));
        if (!bytes || !parses(*bytes))
            continue;
        return RestoreCandidate{backup.path, QFileInfo(backup.path).fileName(), backup.createdUtc, *bytes};
    }
    return std::nullopt;
}

} // namespace SandboxDoctor
