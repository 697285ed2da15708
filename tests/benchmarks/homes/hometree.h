#pragma once

#include <QString>

// Writes a workspaces root as the multica daemon leaves it: <root>/ws-NN/task-NNNNN/
// with workdir/, output/, logs/ and codex-home/ (auth.json and sessions linked to
// the shared home, config.json / instructions.md copied, config.toml with the
// managed block and ~20 lines of the user's). Every `brokenEvery`-th home has a
// broken auth.json link (0: none), so results can be checked.
struct HomeTreeSpec final
{
    int homes = 10000;
    int tasksPerWorkspace = 100;
    int brokenEvery = 0;
};

bool writeSharedHome(const QString &shared);
bool writeHomeTree(const QString &root, const QString &shared, const HomeTreeSpec &spec);
