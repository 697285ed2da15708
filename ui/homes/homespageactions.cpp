// The "Per-task homes" page's actions on the selection: Repair, Apply, Show
// diff, Reveal. Writes run on Qt Concurrent's pool through homejobs.h; the
// page only asks and shows.
#include "homediffdialog.h"
#include "homejobs.h"
#include "homesfilter.h"
#include "homesmodel.h"
#include "homespage.h"
#include "prompt.h"
#include "widgets/messagebar.h"

#include <QDesktopServices>
#include <QDir>
#include <QFutureWatcher>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeView>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

namespace SandboxDoctor::Ui {

namespace {

// The first few paths of a batch, for the confirmation's details.
QString listPaths(const QList<HomeReport> &reports)
{
    constexpr int Shown = 8;
    QStringList lines;
    for (int i = 0; i < reports.size() && i < Shown; ++i)
        lines << QStringLiteral("• ") + QDir::toNativeSeparators(reports.at(i).path);
    if (reports.size() > Shown)
        lines << QObject::tr("… and %n more", nullptr, int(reports.size()) - Shown);
    return lines.join(QLatin1Char('\n'));
}

constexpr int MaxRevealed = 10;  // folders opened at once; more would flood the desktop

// QFutureWatcher wants a default-constructible result.
struct DiffOutcome
{
    Expected<ProposedEdit> edit = Error{};
};

} // namespace

void HomesPage::repairSelected()
{
    const QList<HomeReport> reports = selectedReports();
    if (reports.isEmpty() || m_jobRunning)
        return;
    const int count = int(reports.size());
    const QString question = tr("Repair %1 as the daemon prepares them?").arg(homesCount(count));
    const QString details = tr("Links to the shared home are made or fixed, a regular file is never replaced, "
                               "copies are never overwritten, then the managed block is written to each "
                               "config.toml (a backup is kept).\n\n")
                            + listPaths(reports);
    if (Prompt::ask(this, tr("Repair homes"), question, details, QMessageBox::Yes | QMessageBox::Cancel,
                    QMessageBox::Yes)
        != QMessageBox::Yes)
        return;
    QStringList paths;
    for (const HomeReport &report : reports)
        paths << report.path;
    const InspectOptions options = inspectOptions();
    runJob(tr("Repairing %1…").arg(homesCount(count)), [paths, options]() { return repairHomes(paths, options); },
           tr("Repaired"));
}

void HomesPage::applySelected()
{
    const QList<HomeReport> reports = selectedReports();
    if (reports.isEmpty() || m_jobRunning)
        return;
    const int count = int(reports.size());
    const QString question = tr("Write the managed block to the config.toml of %1?").arg(homesCount(count));
    const QString details = tr("Each file is backed up first; homes whose block is current are left alone. "
                               "Show diff shows the change for one home.\n\n")
                            + listPaths(reports);
    if (Prompt::ask(this, tr("Apply the managed block"), question, details, QMessageBox::Apply | QMessageBox::Cancel,
                    QMessageBox::Apply)
        != QMessageBox::Apply)
        return;
    QList<HomeJobTarget> targets;
    for (const HomeReport &report : reports)
        targets << HomeJobTarget{report.path, report.policy};
    const InspectOptions options = inspectOptions();
    runJob(tr("Applying to %1…").arg(homesCount(count)), [targets, options]() { return applyBlocks(targets, options); },
           tr("Applied to"));
}

void HomesPage::showDiff()
{
    const HomeReport *report = currentReport();
    if (!report || m_jobRunning)
        return;
    const HomeJobTarget target{report->path, report->policy};
    m_jobRunning = true;
    updateActions();
    setBusyText(tr("Computing the change…"), 0, 0);
    auto *watcher = new QFutureWatcher<DiffOutcome>(this);
    connect(watcher, &QFutureWatcher<DiffOutcome>::finished, this, [this, watcher, target]() {
        const Expected<ProposedEdit> edit = watcher->result().edit;
        watcher->deleteLater();
        m_jobRunning = false;
        setBusyText(QString());
        updateActions();
        if (!edit) {
            m_messages->showMessage(MessageBar::Kind::Error, edit.error().toText());
        } else {
            auto *dialog = new HomeDiffDialog(target.path, edit->before, edit->after, this);
            dialog->show();
        }
        emit jobFinished();
    });
    watcher->setFuture(QtConcurrent::run([target]() { return DiffOutcome{proposeBlock(target)}; }));
}

void HomesPage::revealSelected()
{
    const QList<HomeReport> reports = selectedReports();
    int opened = 0;
    QStringList failed;
    for (const HomeReport &report : reports) {
        if (opened == MaxRevealed)
            break;
        // The folder itself: selecting it inside its parent (`open -R`) would
        // mean running a process, which the UI never does.
        if (QDesktopServices::openUrl(QUrl::fromLocalFile(report.path)))
            ++opened;
        else
            failed << QDir::toNativeSeparators(report.path);
    }
    if (!failed.isEmpty()) {
        m_messages->showMessage(MessageBar::Kind::Warning,
                                tr("The file manager could not open %1. Open the folder by hand.").arg(failed.join(QLatin1String(", "))));
    } else if (reports.size() > MaxRevealed) {
        m_messages->showMessage(MessageBar::Kind::Info,
                                tr("Opened the first %1 of %2 selected homes.").arg(MaxRevealed).arg(reports.size()));
    }
}

void HomesPage::runJob(const QString &busyText, std::function<QList<HomeJobOutcome>()> work, const QString &doneVerb)
{
    m_jobRunning = true;
    m_messages->dismiss();
    updateActions();
    setBusyText(busyText, 0, 0);
    auto *watcher = new QFutureWatcher<QList<HomeJobOutcome>>(this);
    connect(watcher, &QFutureWatcher<QList<HomeJobOutcome>>::finished, this, [this, watcher, doneVerb]() {
        const QList<HomeJobOutcome> outcomes = watcher->result();
        watcher->deleteLater();
        finishJob(outcomes, doneVerb);
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

void HomesPage::finishJob(const QList<HomeJobOutcome> &outcomes, const QString &doneVerb)
{
    m_jobRunning = false;
    setBusyText(m_scanning ? m_progressLabel->text() : QString());
    QStringList failures;
    for (const HomeJobOutcome &outcome : outcomes) {
        m_model->replace(outcome.report);
        if (!outcome.ok)
            failures << QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(outcome.path), outcome.summary);
    }
    const int succeeded = int(outcomes.size() - failures.size());
    if (failures.isEmpty()) {
        QString text = tr("%1 %2.").arg(doneVerb, homesCount(succeeded));
        if (outcomes.size() == 1)
            text += QLatin1Char(' ') + outcomes.first().summary + QLatin1Char('.');
        m_messages->showMessage(MessageBar::Kind::Success, text);
    } else {
        m_messages->showMessage(MessageBar::Kind::Error,
                                tr("%1 %2; %3 failed:\n")
                                        .arg(doneVerb, homesCount(succeeded))
                                        .arg(failures.size())
                                    + failures.mid(0, 5).join(QLatin1Char('\n')));
    }
    updateSelection();
    updateCount();
    emit jobFinished();
}

} // namespace SandboxDoctor::Ui
