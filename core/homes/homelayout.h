#pragma once

#include "homes/homeentry.h"

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace SandboxDoctor {

// The two shapes a per-task home comes in. The seed's daemon (b5de04da59)
// links sessions to the shared home and copies three files; today's (multica
// v0.4.32) keeps sessions in the task (or links them into a per-issue store
// under <shared>/multica-sessions), seeds models_cache.json, links
// plugins/cache and each shared skill, and copies the files config.toml names.
// Both are healthy; prepare makes the seed's unless asked for today's.
enum class HomeLayout { Seed, Today };

QString homeLayoutName(HomeLayout layout);  // "seed", "today"
std::optional<HomeLayout> parseHomeLayout(QStringView name);

// The layout a home's entries show: today's when sessions is a folder of the
// task's own or a link into a per-issue store, or when anything only today's
// daemon makes is there (the models cache binding, plugins/cache); else the seed's.
HomeLayout layoutOfEntries(const QList<HomeEntry> &entries);

} // namespace SandboxDoctor
