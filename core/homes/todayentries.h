#pragma once

#include "common/finding.h"
#include "homes/configrefs.h"
#include "homes/homeentry.h"
#include "homes/sharedhome.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace SandboxDoctor::Detail {

// What today's daemon (multica v0.4.32) adds to a per-task home, each judged
// as healthy in its normal form (none is a warning by itself):
// models_cache.json with .models_cache_config.sha256, plugins/cache linked to
// the shared one, each skill under skills/ (a link to a shared skill, or a
// folder written for the task), and every file config.toml names
// (model_instructions_file, model_catalog_json, ...). Only what is present is
// listed, so a seed-layout home reads as before.
struct TodayContext final
{
    QString home;           // absolute, clean
    QString homeCanonical;  // empty when unknown
    const SharedHome *shared = nullptr;
    QList<ConfigReference> references;  // the files the home's config.toml names
    bool skillsIsDir = false;  // skills/ is a folder of the home's own (then its entries are listed)
    bool compareCopies = true;
};

void judgeTodayEntries(const TodayContext &context, QList<HomeEntry> &entries, QList<Finding> &findings);

} // namespace SandboxDoctor::Detail
