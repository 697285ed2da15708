#pragma once

#include <QString>

// Writes a workspaces root as the multica daemon leaves it: <root>/ws-NN/task-NNNNN/
// with workdir/, output/, logs/ and codex-home/. The seed's layout: auth.json
// and sessions linked to the shared home, config.json / instructions.md
// copied, config.toml with the managed block and ~20 lines of the user's.
// Today's (multica v0.4.32): sessions a folder of the task's own, the same
// copies, config.toml with the daemon's named blocks around the sandbox block
// and naming an instructions file that is copied in, models_cache.json with
// its binding, plugins/cache and two shared skills linked, and a skill written
// for the task. Every `brokenEvery`-th home has a broken auth.json link
// (0: none), so results can be checked.
struct HomeTreeSpec final
{
    int homes = 10000;
    int tasksPerWorkspace = 100;
    int brokenEvery = 0;
    bool today = false;  // today's layout instead of the seed's
};

bool writeSharedHome(const QString &shared);
bool writeHomeTree(const QString &root, const QString &shared, const HomeTreeSpec &spec);
