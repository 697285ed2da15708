#pragma once

#include "homes/homepreparer.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace SandboxDoctor::Detail {

// The steps of today's layout (multica v0.4.32) beyond the seed's, each as
// the daemon does it but never replacing what a task made for itself: a local
// sessions/ folder, a seeded models cache with its binding (a fresh home
// only), plugins/cache linked to the shared one, and each shared skill linked
// under skills/.
struct TodayPrepare final
{
    QString home;          // absolute, clean
    QString shared;        // absolute, clean
    bool freshHome = false;  // the home did not exist before this prepare
    bool dryRun = false;
    QByteArray configBytes;  // the home's config.toml as it is (or would be) after the copies
};

PrepareStep prepareLocalSessions(const TodayPrepare &context);
QList<PrepareStep> prepareTodayExtras(const TodayPrepare &context);
// The files config.toml names (model_instructions_file, model_catalog_json, …)
// by a path relative to CODEX_HOME, copied from the shared home. Done in both
// layouts: without them Codex 0.171 refuses to start (the seed's daemon never
// copied them, multica MUL-5623; today's does).
QList<PrepareStep> copyReferencedFiles(const TodayPrepare &context);

// The seed's and today's link step: a right link is kept, a wrong or broken
// link replaced, anything else (a regular file, a folder) never touched.
// `relink` false keeps a link to elsewhere (the GUI asks first).
PrepareStep ensureLink(const QString &name, const QString &source, const QString &link, bool folder, bool dryRun,
                       bool relink = true);
PrepareStep failedStep(const QString &name, Error error);

} // namespace SandboxDoctor::Detail
