#include "homejobs.h"

#include "config/applier.h"
#include "homes/homewriteguard.h"

#include <QObject>

namespace SandboxDoctor::Ui {

namespace {

QString errorLine(const Error &error)
{
    QString text = error.message;
    if (!error.hint.isEmpty())
        text += QLatin1Char(' ') + error.hint;
    return text;
}

PrepareOptions prepareOptions(const HomeJobTarget &target, const InspectOptions &options)
{
    PrepareOptions prepare;
    prepare.sharedHome = options.sharedHome;
    prepare.policyInputs = options.policyInputs;
    prepare.chosenPreset = options.chosenPreset;
    prepare.layout = target.layout;
    prepare.backup = true;
    return prepare;
}

} // namespace

HomeJobOutcome repairHome(const HomeJobTarget &target, const InspectOptions &options, const RepairChoices &choices)
{
    PrepareOptions prepare = prepareOptions(target, options);
    prepare.relinkAuth = choices.relinkAuth;
    prepare.replaceLinks = choices.replaceLinks;

    HomeJobOutcome outcome;
    outcome.path = target.path;
    const Expected<PrepareResult> result = prepareHome(target.path, prepare);
    if (!result) {
        outcome.error = result.error();
        outcome.summary = errorLine(result.error());
        return outcome;
    }
    outcome.ok = result->ok();
    QStringList done;
    for (const PrepareStep &step : result->steps) {
        if (step.action == PrepareAction::Created || step.action == PrepareAction::Replaced)
            done << QStringLiteral("%1 %2").arg(step.name, prepareActionName(step.action));
        if (step.error && !outcome.error)
            outcome.error = step.error;
    }
    if (result->blockError && !outcome.error)
        outcome.error = result->blockError;
    if (result->block && result->block->written)
        done << QObject::tr("block written");
    outcome.changed = !done.isEmpty();
    outcome.summary = outcome.error ? errorLine(*outcome.error)
                                    : (done.isEmpty() ? QObject::tr("already as the daemon makes it")
                                                      : done.join(QLatin1String(", ")));
    return outcome;
}

HomeJobOutcome applyBlock(const HomeJobTarget &target)
{
    HomeJobOutcome outcome;
    outcome.path = target.path;
    ApplyOptions apply;
    apply.backup = true;
    const Expected<ApplyResult> result = applyHomeBlock(target.path, target.policy, apply);
    if (!result) {
        outcome.error = result.error();
        outcome.summary = errorLine(result.error());
    } else {
        outcome.ok = true;
        outcome.changed = result->written;
        outcome.summary = result->written ? QObject::tr("block written (backup: %1)").arg(result->backupPath)
                                          : QObject::tr("already current");
    }
    return outcome;
}

Expected<PrepareResult> planRepair(const HomeJobTarget &target, const InspectOptions &options)
{
    PrepareOptions prepare = prepareOptions(target, options);
    prepare.dryRun = true;
    prepare.backup = false;
    return prepareHome(target.path, prepare);
}

} // namespace SandboxDoctor::Ui
