#include "homes/homeentry.h"

namespace SandboxDoctor {

QString entryKindName(EntryKind kind)
{
    switch (kind) {
    case EntryKind::Missing: return QStringLiteral("missing");
    case EntryKind::File: return QStringLiteral("file");
    case EntryKind::Dir: return QStringLiteral("dir");
    case EntryKind::Symlink: return QStringLiteral("symlink");
    case EntryKind::Junction: return QStringLiteral("junction");
    case EntryKind::Other: return QStringLiteral("other");
    }
    return QStringLiteral("missing");
}

QString entryStateName(EntryState state)
{
    switch (state) {
    case EntryState::Ok: return QStringLiteral("ok");
    case EntryState::Missing: return QStringLiteral("missing");
    case EntryState::Broken: return QStringLiteral("broken");
    case EntryState::WrongTarget: return QStringLiteral("wrong-target");
    case EntryState::Copied: return QStringLiteral("copied");
    case EntryState::Local: return QStringLiteral("local");
    case EntryState::Diverged: return QStringLiteral("diverged");
    case EntryState::Linked: return QStringLiteral("linked");
    case EntryState::Unexpected: return QStringLiteral("unexpected");
    case EntryState::Truncated: return QStringLiteral("truncated");
    }
    return QStringLiteral("ok");
}

QList<QLatin1String> homeEntryNames()
{
    return {EntryAuth, EntrySessions, EntryConfigJson, EntryConfigToml, EntryInstructions, EntrySkills};
}

QList<QLatin1String> todayEntryNames()
{
    return {EntryModelsCache, EntryModelsBinding, EntryPluginCache};
}

} // namespace SandboxDoctor
