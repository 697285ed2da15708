// The "Per-task homes" page's actions on the selection: Repair, Apply, Show
// changes, Reveal, Copy path (buttons, the table's context menu, double-click). Writes run on Qt Concurrent's pool, one home at a time
// (HomeBatch, homejobs.h), stoppable between homes; the page only asks and shows.
#include "homediffdialog.h"
#include "homejobs.h"
#include "homes/homefindings.h"
#include "homes/sharedhome.h"
#include "homesfilter.h"
#include "homesmodel.h"
#include "homespage.h"
#include "prompt.h"
#include "widgets/messagebar.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFutureWatcher>
#include <QItemSelectionModel>
#include <QGuiApplication>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeView>
#include <QUrl>

#include <algorithm>
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
struct PlanOutcome
{
    Expected<PrepareResult> plan = Error{};
};

// What Repair would change that the person must agree to first: an auth.json
// link to another file (moving it moves the task's login), and a config.toml
// link that leaves the home (replacing it drops what the task linked to).
struct RepairQuestions final
{
    QStringList relinks;  // "• home: auth.json → A; Repair links it to B"
    QStringList planted;  // "• home: config.toml → outside"
};

RepairQuestions repairQuestions(const QList<HomeReport> &reports, const QString &sharedAuth)
{
    RepairQuestions questions;
    for (const HomeReport &report : reports) {
        const HomeEntry *auth = report.entry(EntryAuth);
        if (auth && auth->state == EntryState::WrongTarget)
            questions.relinks << QObject::tr("• %1: auth.json links to %2; Repair would link it to %3")
                                     .arg(QDir::toNativeSeparators(report.path), QDir::toNativeSeparators(auth->target),
                                          QDir::toNativeSeparators(sharedAuth));
        if (hasFinding(report.findings, HomeFindingCode::LinkLeavesHome))
            questions.planted << QObject::tr("• %1: config.toml links to %2, outside the home")
                                     .arg(QDir::toNativeSeparators(report.path),
                                          QDir::toNativeSeparators(report.entry(EntryConfigToml)->target));
    }
    return questions;
}

QString firstLines(const QStringList &lines)
{
    constexpr int Shown = 8;
    QStringList shown = lines.mid(0, Shown);
    if (lines.size() > Shown)
        shown << QObject::tr("… and %n more", nullptr, int(lines.size()) - Shown);
    return shown.join(QLatin1Char('\n'));
}

} // namespace

void HomesPage::repairSelected()
{
    repairHomes(selectedReports(), true);
}

void HomesPage::repairHomes(const QList<HomeReport> &reports, bool confirm)
{
    if (reports.isEmpty() || m_jobRunning)
        return;
    const InspectOptions options = inspectOptions();
    const RepairQuestions questions = repairQuestions(reports, SharedHome::load(options.sharedHome).authPath);
    RepairChoices choices;
    const int count = int(reports.size());
    if (!questions.relinks.isEmpty() || !questions.planted.isEmpty()) {
        // One question, naming both targets of every link Repair would move.
        QStringList what;
        if (!questions.relinks.isEmpty())
            what << tr("re-link auth.json in %1 to a different file than the one it links to now").arg(homesCount(int(questions.relinks.size())));
        if (!questions.planted.isEmpty())
            what << tr("replace config.toml links that leave %1 with a copy of the shared config.toml")
                        .arg(homesCount(int(questions.planted.size())));
        const QString question = tr("Repair %1, and %2?").arg(homesCount(count), what.join(tr(", and ")));
        const QString details = firstLines(questions.relinks + questions.planted)
                                + tr("\n\nYes: repair and change these links. No: repair the rest and leave these "
                                     "links as they are.");
        const auto answer = Prompt::ask(this, tr("Repair homes"), question, details,
                                        QMessageBox::Yes | QMessageBox::No | QMessageBox::Cancel, QMessageBox::No);
        if (answer == QMessageBox::Cancel || answer == QMessageBox::NoButton)
            return;
        choices.relinkAuth = answer == QMessageBox::Yes;
        choices.replaceLinks = answer == QMessageBox::Yes;
    } else if (confirm) {
        const QString question = tr("Repair %1 as the daemon prepares them?").arg(homesCount(count));
        const QString details = tr("Links to the shared home are made or fixed, a regular file is never replaced, "
                                   "copies are never overwritten, then the managed block is written to each "
                                   "config.toml (a backup is kept). Each home keeps its layout.\n\n")
                                + listPaths(reports);
        if (Prompt::ask(this, tr("Repair homes"), question, details, QMessageBox::Yes | QMessageBox::Cancel,
                        QMessageBox::Yes)
            != QMessageBox::Yes)
            return;
    }
    QList<HomeJobTarget> targets;
    for (const HomeReport &report : reports)
        targets << HomeJobTarget{report.path, report.policy, report.layout};
    runBatch(targets,
             [options, choices](const HomeJobTarget &target) { return repairHome(target, options, choices); },
             {tr("Repairing %1 of %2…"), tr("Repaired"), tr("repaired"), tr("repair")});
}

void HomesPage::applySelected()
{
    applyHomes(selectedReports(), true);
}

void HomesPage::applyHomes(const QList<HomeReport> &reports, bool confirm)
{
    if (reports.isEmpty() || m_jobRunning)
        return;
    const int count = int(reports.size());
    if (confirm) {
        const QString question = tr("Write the managed block to the config.toml of %1?").arg(homesCount(count));
        const QString details = tr("Each file is backed up first; homes whose block is current are left alone, and "
                                   "nothing is written through a config.toml link that leaves its home. Show "
                                   "changes shows the change for one home.\n\n")
                                + listPaths(reports);
        if (Prompt::ask(this, tr("Apply the managed block"), question, details,
                        QMessageBox::Apply | QMessageBox::Cancel, QMessageBox::Apply)
            != QMessageBox::Apply)
            return;
    }
    QList<HomeJobTarget> targets;
    for (const HomeReport &report : reports)
        targets << HomeJobTarget{report.path, report.policy, report.layout};
    runBatch(targets, [](const HomeJobTarget &target) { return applyBlock(target); },
             {tr("Applying the block to %1 of %2…"), tr("Applied the block to"), tr("applied"), tr("apply")});
}

void HomesPage::showChanges()
{
    const HomeReport *report = currentReport();
    if (!report || m_jobRunning || m_scanning)
        return;
    const HomeJobTarget target{report->path, report->policy, report->layout};
    const InspectOptions options = inspectOptions();
    m_jobRunning = true;
    updateActions();
    setBusyText(tr("Working out the changes…"), 0, 0);
    auto *watcher = new QFutureWatcher<PlanOutcome>(this);
    connect(watcher, &QFutureWatcher<PlanOutcome>::finished, this, [this, watcher, target]() {
        const Expected<PrepareResult> plan = watcher->result().plan;
        watcher->deleteLater();
        m_jobRunning = false;
        setBusyText(QString());
        updateActions();
        if (!plan) {
            m_messages->showMessage(MessageBar::Kind::Error, plan.error().toText());
        } else {
            auto *dialog = new HomeDiffDialog(target.path, *plan, this);
            connect(dialog, &HomeDiffDialog::applyRequested, this, [this](const QString &path) {
                if (const HomeReport *home = reportAt(path))
                    applyHomes({*home}, false);
            });
            connect(dialog, &HomeDiffDialog::repairRequested, this, [this](const QString &path) {
                if (const HomeReport *home = reportAt(path))
                    repairHomes({*home}, false);
            });
            dialog->show();
        }
        emit jobFinished();
        if (std::exchange(m_scanAfterJob, false))
            scan();
    });
    watcher->setFuture(QtConcurrent::run([target, options]() { return PlanOutcome{planRepair(target, options)}; }));
}

void HomesPage::showContextMenu(const QPoint &position)
{
    // As in a file manager: a right-click outside the selection selects that row first.
    const QModelIndex index = m_view->indexAt(position);
    if (index.isValid() && !m_view->selectionModel()->isRowSelected(index.row(), index.parent()))
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (!m_view->selectionModel()->hasSelection())
        return;
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("homesContextMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    auto add = [menu](const QString &text, const QString &name, bool enabled, auto slot) {
        QAction *action = menu->addAction(text);
        action->setObjectName(name);
        action->setEnabled(enabled);
        connect(action, &QAction::triggered, menu, slot);
        return action;
    };
    const bool idle = !m_jobRunning && !m_scanning;
    add(tr("&Repair…"), QStringLiteral("homesRepairAction"), idle, [this]() { repairSelected(); });
    add(tr("A&pply…"), QStringLiteral("homesApplyAction"), idle, [this]() { applySelected(); });
    add(tr("Show &Changes…"), QStringLiteral("homesShowChangesAction"), idle && currentReport(), [this]() { showChanges(); });
    menu->addSeparator();
#if defined(Q_OS_MACOS)
    const QString reveal = tr("Reveal in &Finder");
#elif defined(Q_OS_WIN)
    const QString reveal = tr("Reveal in &Explorer");
#else
    const QString reveal = tr("Reveal in File &Manager");
#endif
    add(reveal, QStringLiteral("homesRevealAction"), true, [this]() { revealSelected(); });
    QAction *copy = add(tr("&Copy Path"), QStringLiteral("homesCopyPathAction"), true, [this]() { copySelectedPaths(); });
    copy->setShortcut(QKeySequence::Copy);  // shown in the menu; the view's own shortcut does the work
    menu->popup(m_view->viewport()->mapToGlobal(position));
}

void HomesPage::copySelectedPaths()
{
    QStringList paths;
    for (const HomeReport &report : selectedReports())
        paths << QDir::toNativeSeparators(report.path);
    if (!paths.isEmpty())
        QGuiApplication::clipboard()->setText(paths.join(QLatin1Char('\n')));
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

} // namespace SandboxDoctor::Ui
