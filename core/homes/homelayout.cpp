#include "homes/homelayout.h"

namespace SandboxDoctor {

QString homeLayoutName(HomeLayout layout)
{
    switch (layout) {
    case HomeLayout::Seed: return QStringLiteral("seed");
    case HomeLayout::Today: return QStringLiteral("today");
    }
    return QStringLiteral("seed");
}

std::optional<HomeLayout> parseHomeLayout(QStringView name)
{
    if (name == QLatin1String("seed"))
        return HomeLayout::Seed;
    if (name == QLatin1String("today"))
        return HomeLayout::Today;
    return std::nullopt;
}

HomeLayout layoutOfEntries(const QList<HomeEntry> &entries)
{
    for (const HomeEntry &entry : entries) {
        if (entry.name == EntrySessions
            && (entry.kind == EntryKind::Dir || entry.role == QLatin1String("session-store")))
            return HomeLayout::Today;
        if ((entry.name == EntryModelsBinding || entry.name == EntryPluginCache) && entry.kind != EntryKind::Missing)
            return HomeLayout::Today;
    }
    return HomeLayout::Seed;
}

} // namespace SandboxDoctor
