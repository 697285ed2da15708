#include "homejobs.h"

#include "config/applier.h"
#include "homes/homepreparer.h"

namespace SandboxDoctor::Ui {

namespace {

QString errorLine(const Error &error)
{
    QString text = error.message;
    if (!error.hint.isEmpty())
        text += QLatin1Char(' ') + error.hint;
    return text;
}

} // namespace

HomeJobOutcome repairHome(const QString &path, const InspectOptions &options)
{
    PrepareOptions prepare;
    prepare.sharedHome = options.sharedHome;
    prepare.policyInputs = options.policyInputs;
    prepare.backup = true;

    HomeJobOutcome outcome;
    outcome.path = path;
    const Expected<PrepareResult> result = prepareHome(path, prepare);
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
    const Expected<ApplyResult> result = applyManagedBlock(target.path, target.policy, apply);
    if (!result) {
        outcome.error = result.error();
        outcome.summary = errorLine(result.error());
    } else {
        outcome.ok = true;
        outcome.summary = result->written ? QObject::tr("block written (backup: %1)").arg(result->backupPath)
                                          : QObject::tr("already current");
    }
    return outcome;
}

Expected<ProposedEdit> proposeBlock(const HomeJobTarget &target)
{
    ApplyOptions options;
    options.dryRun = true;
    options.backup = false;
    const Expected<ApplyResult> result = applyManagedBlock(target.path, target.policy, options);
    if (!result)
        return result.error();
    return result->edit;
}

} // namespace SandboxDoctor::Ui
