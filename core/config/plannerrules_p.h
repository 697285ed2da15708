#pragma once

// Private to the planner's files: the names and path tests they share.

#include "config/configdocument.h"
#include "config/trappedkeys.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace SandboxDoctor::PlannerRules {

inline const QString SandboxTable = QStringLiteral("sandbox_workspace_write");
inline const QString ModeKey = QStringLiteral("sandbox_mode");
inline const QString NetworkAccess = QStringLiteral("network_access");
inline const QByteArray DottedPrefix = QByteArrayLiteral("sandbox_workspace_write.");

// Path tests that build no temporary list (they run for every line).
inline bool isPath(const QStringList &path, const QString &only)
{
    return path.size() == 1 && path.constFirst() == only;
}

inline bool isPath(const QStringList &path, const QString &first, const QString &second)
{
    return path.size() == 2 && path.constFirst() == first && path.constLast() == second;
}

inline bool isHeader(const ConfigLine &line)
{
    return line.kind == ConfigLine::Kind::Table || line.kind == ConfigLine::Kind::ArrayTable;
}

inline QStringList tableOf(const QStringList &full)
{
    return full.mid(0, full.size() - 1);
}

// A trapped sandbox_mode: one in a table where it is no user data (trappedkeys.h).
inline bool isTrappedMode(const QStringList &full)
{
    return full.size() >= 2 && full.constLast() == ModeKey
           && sandboxModePlace(tableOf(full)) != SandboxModePlace::UserData;
}

} // namespace SandboxDoctor::PlannerRules
