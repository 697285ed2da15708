// The "Per-task homes" page's batches: a Repair or Apply over the selection
// on HomeBatch, its progress where the scan shows its own, Cancel and Esc
// between two homes, and a summary that counts what happened to each home.
#include "homebatch.h"
#include "homesfilter.h"
#include "homesmodel.h"
#include "homespage.h"
#include "widgets/messagebar.h"

#include <QDir>
#include <QItemSelectionModel>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeView>

#include <algorithm>
#include <utility>

namespace SandboxDoctor::Ui {

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

QString HomesPage::batchSummary(const HomeBatchResult &result, const BatchWords &words, QStringList *problems,
                                bool *failed, bool *stillFailing)
{
    // Four kinds of home, each counted once: the write failed; it went through
    // but the home still has a warning or an error; it changed the home; or
    // there was nothing to do.
    int changed = 0, fine = 0, failing = 0, failures = 0;
    for (const HomeJobOutcome &outcome : result.outcomes) {
        const QString where = QDir::toNativeSeparators(outcome.path);
        if (!outcome.ok) {
            ++failures;
            *problems << tr("%1: %2").arg(where, outcome.summary);
        } else if (outcome.report.status() != Severity::Info) {
            ++failing;
            const QList<Finding> &findings = outcome.report.findings;
            const auto worst = std::find_if(findings.begin(), findings.end(), [&](const Finding &f) {
                return f.severity == outcome.report.status();
            });
            *problems << tr("%1: still %2").arg(where, worst != findings.end() ? worst->message : outcome.report.statusName());
        } else if (outcome.changed) {
            ++changed;
        } else {
            ++fine;
        }
    }
    *failed = failures > 0;
    *stillFailing = failing > 0;
    const QString counts = tr("%1 changed, %2 already fine, %3 still failing, %4 failed")
                               .arg(changed)
                               .arg(fine)
                               .arg(failing)
                               .arg(failures);
    if (result.stopped())
        return tr("Stopped after %1 of %2: %3; %4 not touched.")
            .arg(result.outcomes.size())
            .arg(homesCount(result.total()), counts)
            .arg(result.untouched.size());
    return tr("%1 %2: %3.").arg(words.title, homesCount(int(result.outcomes.size())), counts);
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

    for (const HomeJobOutcome &outcome : result.outcomes)
        m_model->replace(outcome.report);  // the home as it is now, under the scan's names
    QStringList problems;
    bool failed = false;
    bool stillFailing = false;
    QString text = batchSummary(result, m_batchWords, &problems, &failed, &stillFailing);
    if (!problems.isEmpty())
        text += QLatin1Char('\n') + problems.mid(0, 5).join(QLatin1Char('\n'));
    else if (result.total() == 1)
        text += QLatin1Char(' ') + result.outcomes.first().summary + QLatin1Char('.');
    const MessageBar::Kind kind = failed                                   ? MessageBar::Kind::Error
                                  : stillFailing || result.stopped() ? MessageBar::Kind::Warning
                                                                          : MessageBar::Kind::Success;
    if (result.stopped()) {
        // Selecting what is left makes "run it again" one click away.
        const QStringList left = result.untouched;
        m_messages->showMessage(kind, text, tr("Select the %1 not touched").arg(left.size()),
                                [this, left]() { selectPaths(left); });
        m_progressLabel->setText(tr("Stopped after %1 of %2").arg(result.outcomes.size()).arg(homesCount(result.total())));
    } else {
        m_messages->showMessage(kind, text);
        m_progressLabel->setText(tr("%1 %2").arg(m_batchWords.title, homesCount(int(result.outcomes.size()))));
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
