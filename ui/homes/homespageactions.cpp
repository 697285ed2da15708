// The "Per-task homes" page's actions on the selection: Repair, Apply, Show
// diff, Reveal. Writes run on Qt Concurrent's pool, one home at a time
// (HomeBatch, homejobs.h), stoppable between homes; the page only asks and shows.
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
#include <QItemSelectionModel>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeView>
#include <QUrl>

#include <utility>
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
    QList<HomeJobTarget> targets;
    for (const HomeReport &report : reports)
        targets << HomeJobTarget{report.path, report.policy};
    const InspectOptions options = inspectOptions();
    runBatch(targets, [options](const HomeJobTarget &target) { return repairHome(target.path, options); },
             {tr("Repairing %1 of %2…"), tr("Repaired"), tr("repaired"), tr("repair")});
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
    runBatch(targets, [](const HomeJobTarget &target) { return applyBlock(target); },
             {tr("Applying the block to %1 of %2…"), tr("Applied the block to"), tr("applied"), tr("apply")});
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
        if (std::exchange(m_scanAfterJob, false))
            scan();
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

void HomesPage::runBatch(const QList<HomeJobTarget> &targets,
                         std::function<HomeJobOutcome(const HomeJobTarget &)> step, const BatchWords &words)
{
    m_jobRunning = true;
    m_batchWords = words;
    m_messages->dismiss();
    m_batch = new HomeBatch(targets, std::move(step), inspectOptions(), this);
    // Queued: the worker emits after each home; the page hears it in its own thread.
    connect(m_batch, &HomeBatch::progress, this, &HomesPage::onBatchProgress, Qt::QueuedConnection);
    connect(m_batch, &HomeBatch::finished, this, &HomesPage::finishBatch);
    updateActions();
    setBusyText(words.running.arg(0).arg(homesCount(m_batch->total())), 0, m_batch->total());
    emit batchStarted(m_batch);
    m_batch->start();
}

QString HomesPage::stoppingText() const
{
    return tr("Stopping after the home being written…");
}

bool HomesPage::isBatchRunning() const
{
    return m_batch != nullptr;
}

void HomesPage::cancelBatch()
{
    if (!m_batch || m_batch->isCancelRequested())
        return;
    m_batch->cancel();
    // Cancel is disabled now (asked once): keep the keyboard in the table, not wherever Qt moves focus.
    const bool cancelHadFocus = focusWidget() == m_cancelButton;
    setBusyText(stoppingText(), m_progress->value(), m_batch->total());
    updateActions();
    if (cancelHadFocus)
        m_view->setFocus(Qt::OtherFocusReason);
}

void HomesPage::onBatchProgress(int done, int total)
{
    if (!m_batch)
        return;  // a late report of a batch already summed up
    const QString text = m_batch->isCancelRequested() ? stoppingText()
                                                      : m_batchWords.running.arg(done).arg(homesCount(total));
    setBusyText(text, done, total);
    emit batchProgress(done, total);
}

void HomesPage::finishBatch()
{
    const HomeBatchResult result = m_batch->result();
    m_batch->deleteLater();
    m_batch = nullptr;
    m_jobRunning = false;
    // Cancel is about to hide: the same.
    const bool cancelHadFocus = focusWidget() == m_cancelButton;
    setBusyText(QString());
    if (cancelHadFocus)
        m_view->setFocus(Qt::OtherFocusReason);

    QStringList failures;
    for (const HomeJobOutcome &outcome : result.outcomes) {
        m_model->replace(outcome.report);  // the home as it is now, under the scan's names
        if (!outcome.ok)
            failures << QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(outcome.path), outcome.summary);
    }
    const int attempted = int(result.outcomes.size());
    const int succeeded = attempted - int(failures.size());
    const QString failureLines = failures.mid(0, 5).join(QLatin1Char('\n'));
    if (result.stopped()) {
        const int untouched = int(result.untouched.size());
        const QString text =
            failures.isEmpty()
                ? tr("Stopped: %1 %2, %3 not touched.").arg(succeeded).arg(m_batchWords.done).arg(untouched)
                : tr("Stopped: %1 %2, %3 failed, %4 not touched:\n")
                          .arg(succeeded)
                          .arg(m_batchWords.done)
                          .arg(failures.size())
                          .arg(untouched)
                      + failureLines;
        // Selecting what is left makes "run it again" one click away.
        const QStringList left = result.untouched;
        m_messages->showMessage(failures.isEmpty() ? MessageBar::Kind::Warning : MessageBar::Kind::Error, text,
                                tr("Select the %1 not touched").arg(untouched), [this, left]() { selectPaths(left); });
        m_progressLabel->setText(tr("Stopped after %1 of %2").arg(attempted).arg(homesCount(result.total())));
    } else if (failures.isEmpty()) {
        QString text = tr("%1 %2.").arg(m_batchWords.title, homesCount(succeeded));
        if (attempted == 1)
            text += QLatin1Char(' ') + result.outcomes.first().summary + QLatin1Char('.');
        m_messages->showMessage(MessageBar::Kind::Success, text);
        m_progressLabel->setText(tr("%1 %2").arg(m_batchWords.title, homesCount(succeeded)));
    } else {
        m_messages->showMessage(MessageBar::Kind::Error,
                                tr("%1 %2; %3 failed:\n").arg(m_batchWords.title, homesCount(succeeded)).arg(failures.size())
                                    + failureLines);
    }
    updateSelection();
    updateCount();
    emit jobFinished();
    if (std::exchange(m_scanAfterJob, false))
        scan();
}

void HomesPage::selectPaths(const QStringList &paths)
{
    QItemSelection selection;
    QModelIndex first;
    for (const QString &path : paths) {
        const QModelIndex index = m_filter->mapFromSource(m_model->index(m_model->rowOf(path), 0));
        if (!index.isValid())
            continue;  // filtered out of view
        selection.select(index, index);
        if (!first.isValid() || index.row() < first.row())
            first = index;
    }
    if (!first.isValid())
        return;
    m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->selectionModel()->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
    m_view->scrollTo(first);
    m_view->setFocus(Qt::OtherFocusReason);
}

} // namespace SandboxDoctor::Ui
