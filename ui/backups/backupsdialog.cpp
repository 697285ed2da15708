#include "backupsdialog.h"

#include "background.h"
#include "backuprows.h"
#include "config/configfile.h"
#include "config/restore.h"
#include "guitext.h"
#include "preview/diffview.h"
#include "prompt.h"
#include "session.h"
#include "widgets/messagebar.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStackedWidget>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace SandboxDoctor::Ui {

namespace {

enum Column { TimeColumn, SizeColumn, FilesColumn, ParsesColumn };
constexpr int IndexRole = Qt::UserRole;      // the entry's index in m_history.backups
constexpr int NameRole = Qt::UserRole + 1;   // its name
const QString ConfigName = QStringLiteral("config.toml");

// One line each, kept short: a word-wrapped label makes the whole layout
// height-for-width, which left gaps between the lists and cut lines off.
QLabel *textLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

// An error as the window words it: where, what, and what to do (in buttons,
// not commands).
QString errorText(const Error &error)
{
    QString text = error.message;
    if (!error.path.isEmpty())
        text = QDir::toNativeSeparators(error.path) + QStringLiteral(": ") + text;
    if (!error.hint.isEmpty())
        text += QLatin1Char(' ') + guiAdvice(error.hint);
    return text;
}

} // namespace

struct BackupsDialog::Loaded
{
    Expected<BackupHistory> history = Error{};
    Expected<ConfigSnapshot> current = Error{};
};

BackupsDialog::BackupsDialog(Session *session, QWidget *parent)
    : QDialog(parent),
      m_session(session),
      m_message(new MessageBar(this)),
      m_title(textLabel(QStringLiteral("backupsTitle"), this)),
      m_stack(new QStackedWidget(this)),
      m_empty(textLabel(QStringLiteral("backupsEmptyLabel"), this)),
      m_table(new QTreeWidget(this)),
      m_skippedLabel(textLabel(QStringLiteral("skippedBackupsLabel"), this)),
      m_skipped(new QTreeWidget(this)),
      m_diffLabel(textLabel(QStringLiteral("backupDiffLabel"), this)),
      m_otherFiles(textLabel(QStringLiteral("backupOtherFilesLabel"), this)),
      m_diff(new DiffView(this))
{
    setObjectName(QStringLiteral("backupsDialog"));
    setWindowTitle(tr("Backups"));
    resize(860, 640);

    m_message->setObjectName(QStringLiteral("backupsMessageBar"));
    m_message->hide();

    m_table->setObjectName(QStringLiteral("backupsTable"));
    m_table->setAccessibleName(tr("Backups, newest first"));
    m_table->setRootIsDecorated(false);
    m_table->setUniformRowHeights(true);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setHeaderLabels({tr("Saved"), tr("Size"), tr("Files"), tr("Parses")});
    m_table->header()->setSectionResizeMode(TimeColumn, QHeaderView::ResizeToContents);
    m_table->header()->setSectionResizeMode(SizeColumn, QHeaderView::ResizeToContents);
    m_table->header()->setSectionResizeMode(FilesColumn, QHeaderView::Stretch);
    m_table->header()->setSectionResizeMode(ParsesColumn, QHeaderView::ResizeToContents);
    m_table->header()->setStretchLastSection(false);

    m_empty->setText(tr("No backups yet: every Apply and Restore leaves one here."));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);  // alone in its page: wrapping moves nothing else
    m_empty->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_empty);

    m_skippedLabel->setText(tr("Not offered, and never opened: a backup's name on something that is not a backup."));
    m_skipped->setObjectName(QStringLiteral("skippedBackupsList"));
    m_skipped->setAccessibleName(tr("Entries not offered"));
    m_skipped->setRootIsDecorated(false);
    m_skipped->setHeaderLabels({tr("Name"), tr("Why not")});
    m_skipped->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_skipped->header()->setStretchLastSection(true);
    m_skipped->setSelectionMode(QAbstractItemView::NoSelection);

    m_diff->setObjectName(QStringLiteral("backupDiffView"));
    m_diff->setAccessibleName(tr("What Restore would change in config.toml"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_restore = buttons->addButton(tr("&Restore…"), QDialogButtonBox::ActionRole);
    m_restore->setObjectName(QStringLiteral("restoreBackupButton"));
    m_restore->setToolTip(tr("Put back every file of the selected entry, after asking. The files as they are now "
                             "become a new backup, so Undo takes the restore back."));
    m_delete = buttons->addButton(tr("&Delete…"), QDialogButtonBox::DestructiveRole);
    m_delete->setObjectName(QStringLiteral("deleteBackupsButton"));
    m_delete->setToolTip(tr("Delete the selected entries, after asking (Delete key)"));
    // Enter shows the diff (keyPressEvent): no button may take it as "default".
    for (QAbstractButton *button : buttons->buttons()) {
        if (auto *push = qobject_cast<QPushButton *>(button)) {
            push->setAutoDefault(false);
            push->setDefault(false);
        }
    }
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_restore, &QPushButton::clicked, this, &BackupsDialog::restoreSelected);
    // The Delete key (and Backspace, the Mac's delete key) on the table. A
    // shortcut, not keyPressEvent: the table would take a key with text for
    // its type-ahead search before the dialog ever saw it.
    auto *deleteKey = new QAction(tr("Delete Backups…"), m_table);
    deleteKey->setObjectName(QStringLiteral("deleteBackupsKey"));
    deleteKey->setShortcuts({QKeySequence(QKeySequence::Delete), QKeySequence(Qt::Key_Backspace)});
    deleteKey->setShortcutContext(Qt::WidgetShortcut);
    m_table->addAction(deleteKey);
    connect(deleteKey, &QAction::triggered, this, &BackupsDialog::deleteSelected);
    connect(m_delete, &QPushButton::clicked, this, &BackupsDialog::deleteSelected);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_title);
    layout->addWidget(m_stack, 2);
    layout->addWidget(m_skippedLabel);
    layout->addWidget(m_skipped);
    layout->addWidget(m_diffLabel);
    layout->addWidget(m_otherFiles);
    layout->addWidget(m_diff, 3);
    layout->addWidget(buttons);

    connect(m_table, &QTreeWidget::itemSelectionChanged, this, [this]() {
        showDiff();
        updateButtons();
    });
    connect(m_table, &QTreeWidget::currentItemChanged, this, [this]() { showDiff(); });
    // Every analysis (an apply, an Undo, an outside edit, this dialog's own
    // restore) may have added an entry: read the history again.
    connect(m_session, &Session::diagnosisChanged, this, &BackupsDialog::reload);
    connect(m_session, &Session::activityChanged, this, &BackupsDialog::updateButtons);
    connect(m_session, &Session::entryRestored, this, &BackupsDialog::onRestored);
    // Another home: a restore still running for the old one reports nothing.
    connect(m_session, &Session::codexHomeChanged, this, [this]() {
        m_restoring = false;
        m_message->dismiss();
    });
    connect(m_session, &Session::actionFailed, this,
            [this](const SandboxDoctor::Error &error, bool) { onRestoreFailed(error); });

    m_table->setFocus();
    reload();
}

bool BackupsDialog::isSettled() const
{
    return !m_loading && !m_deleting && !m_restoring && !m_session->isBusy();
}

QStringList BackupsDialog::selectedNames() const
{
    QStringList names;
    for (int row = 0; row < m_table->topLevelItemCount(); ++row) {
        const QTreeWidgetItem *item = m_table->topLevelItem(row);
        if (item->isSelected())
            names << item->data(TimeColumn, NameRole).toString();
    }
    return names;
}

void BackupsDialog::reload()
{
    const QString home = m_session->codexHome();
    const quint64 generation = ++m_generation;
    m_loading = true;
    updateButtons();
    runInBackground(
        this,
        [home]() {
            Loaded loaded;
            loaded.history = listBackupHistory(home, ParseCheck::Check);
            loaded.current = readConfig(home);
            return loaded;
        },
        [this, generation](const Loaded &loaded) { showLoaded(generation, loaded); });
}

void BackupsDialog::showLoaded(quint64 generation, const Loaded &loaded)
{
    if (generation != m_generation)
        return;  // a newer look has been asked for since
    const QStringList keep = selectedNames();
    m_loading = false;
    const QString home = QDir::toNativeSeparators(m_session->codexHome());
    setWindowTitle(tr("Backups of %1").arg(home));
    if (loaded.history) {
        m_history = *loaded.history;
        if (!m_loadError.isEmpty() && m_message->text() == m_loadError)
            m_message->dismiss();  // the folder is readable again
        m_loadError.clear();
        m_title->setText(tr("Newest first: the files as they were before each Apply, Restore or Undo."));
    } else {
        m_history = BackupHistory{};
        m_loadError = errorText(loaded.history.error());
        m_title->setText(tr("The backups of %1 cannot be listed.").arg(home));
    }
    m_current = loaded.current ? loaded.current->bytes : QByteArray();
    m_currentExists = loaded.current && loaded.current->exists;
    if (!m_loadError.isEmpty())
        m_message->showMessage(MessageBar::Kind::Error, m_loadError);
    fillTable(keep);
    fillSkipped();
    showDiff();
    updateButtons();
    if (isSettled())
        emit settled();
}

void BackupsDialog::fillTable(const QStringList &keepSelected)
{
    const QSignalBlocker blocker(m_table);
    m_table->clear();
    for (int index = 0; index < m_history.backups.size(); ++index) {
        const BackupInfo &backup = m_history.backups.at(index);
        const BackupRowText text = backupRowText(backup);
        auto *item = new QTreeWidgetItem(m_table, {text.time, text.size, text.files, text.parses});
        item->setData(TimeColumn, IndexRole, index);
        item->setData(TimeColumn, NameRole, backup.name);
        item->setToolTip(TimeColumn, text.timeToolTip);
        item->setToolTip(SizeColumn, text.sizeToolTip);
        item->setToolTip(FilesColumn, text.filesToolTip);
        item->setToolTip(ParsesColumn, text.parsesOk ? tr("Valid TOML") : tr("Not valid TOML: Codex would refuse it"));
        item->setTextAlignment(SizeColumn, Qt::AlignRight | Qt::AlignVCenter);
        if (text.future)
            item->setIcon(TimeColumn, style()->standardIcon(QStyle::SP_MessageBoxWarning));
        if (!text.parsesOk)
            item->setIcon(ParsesColumn, style()->standardIcon(QStyle::SP_MessageBoxCritical));
    }
    // Empty: the sentence alone, no empty diff under it.
    const bool empty = m_history.backups.isEmpty() && m_loadError.isEmpty();
    m_stack->setCurrentWidget(empty ? static_cast<QWidget *>(m_empty) : m_table);
    m_title->setVisible(!empty);
    m_diffLabel->setVisible(!empty);
    m_diff->setVisible(!empty);
    QTreeWidgetItem *current = nullptr;
    for (int row = 0; row < m_table->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = m_table->topLevelItem(row);
        if (keepSelected.contains(item->data(TimeColumn, NameRole).toString())) {
            item->setSelected(true);
            if (!current)
                current = item;
        }
    }
    // Nothing chosen yet (or it is gone): the newest, whose diff is the likeliest question.
    if (!current && m_table->topLevelItemCount() > 0) {
        current = m_table->topLevelItem(0);
        current->setSelected(true);
    }
    if (current)
        m_table->setCurrentItem(current, 0, QItemSelectionModel::NoUpdate);
}

void BackupsDialog::fillSkipped()
{
    m_skipped->clear();
    for (const SkippedBackup &skipped : std::as_const(m_history.skipped)) {
        auto *item = new QTreeWidgetItem(m_skipped, {QFileInfo(skipped.path).fileName(), skipped.reason});
        item->setToolTip(0, QDir::toNativeSeparators(skipped.path));
        item->setToolTip(1, skipped.reason);
    }
    // As tall as its rows (up to four, then it scrolls): the table keeps the room.
    const int rows = int(std::min<qsizetype>(m_history.skipped.size(), 4));
    m_skipped->setMaximumHeight(m_skipped->header()->sizeHint().height() + 2 * m_skipped->frameWidth()
                                + rows * std::max(m_skipped->sizeHintForRow(0), fontMetrics().height()) + 4);
    m_skippedLabel->setVisible(!m_history.skipped.isEmpty());
    m_skipped->setVisible(!m_history.skipped.isEmpty());
}

const BackupInfo *BackupsDialog::currentEntry() const
{
    const QTreeWidgetItem *item = m_table->currentItem();
    if (!item || !item->isSelected())
        return nullptr;
    const int index = item->data(TimeColumn, IndexRole).toInt();
    return index >= 0 && index < m_history.backups.size() ? &m_history.backups.at(index) : nullptr;
}

// The backup against config.toml as it is now, in the preview's diff view:
// removed lines are what Restore takes away, added lines what it brings back.
void BackupsDialog::showDiff()
{
    const BackupInfo *entry = currentEntry();
    m_otherFiles->hide();
    if (!entry) {
        m_shownName.clear();
        m_diff->setTexts({}, {});
        m_diffLabel->setText(m_history.backups.isEmpty() ? QString() : tr("Select an entry to see what Restore "
                                                                            "would change."));
        return;
    }
    m_shownName = entry->name;
    QByteArray backupBytes;
    bool configExisted = false;
    for (const BackupFile &file : entry->files) {
        if (file.name != ConfigName || !file.existed)
            continue;
        configExisted = true;
        // One bounded read (at most 8 MiB) of a regular file the listing just
        // read: quick enough for the GUI thread, and never a link or a pipe.
        const Expected<QByteArray> bytes = readBackupFile(file.path);
        if (!bytes) {
            m_diff->setTexts({}, {});
            m_diffLabel->setText(tr("%1 cannot be read: %2").arg(entry->name, errorText(bytes.error())));
            return;
        }
        backupBytes = *bytes;
    }
    m_diff->setTexts(m_current, backupBytes);
    QString text;
    if (!configExisted)
        text = m_currentExists ? tr("config.toml did not exist before this change: Restore removes it (after "
                                    "keeping it as a backup).")
                               : tr("config.toml did not exist before this change, and does not exist now.");
    else if (m_currentExists && backupBytes == m_current)
        text = tr("config.toml already holds %1.").arg(entry->name);
    else if (!m_currentExists)
        text = tr("config.toml does not exist now: Restore creates it with the lines below (%1).").arg(entry->name);
    else
        text = tr("What Restoring %1 would change in config.toml:").arg(entry->name);
    m_diffLabel->setText(text);
    const QString others = otherFilesText(*entry);
    m_otherFiles->setText(others);
    m_otherFiles->setVisible(!others.isEmpty());
}

void BackupsDialog::updateButtons()
{
    const bool idle = !m_loading && !m_deleting && !m_restoring && !m_session->isBusy();
    const int selected = int(selectedNames().size());
    m_restore->setEnabled(idle && selected == 1);
    m_delete->setEnabled(idle && selected > 0);
    m_delete->setText(selected > 1 ? tr("&Delete %1…").arg(selected) : tr("&Delete…"));
}

void BackupsDialog::restoreSelected()
{
    const QStringList names = selectedNames();
    const BackupInfo *entry = m_history.find(names.value(0));
    if (names.size() != 1 || !entry || !m_restore->isEnabled())
        return;
    QStringList files;
    for (const BackupFile &file : entry->files)
        files << file.name;
    const BackupRowText text = backupRowText(*entry);
    const QString others = otherFilesText(*entry);
    const auto answer = Prompt::ask(
        this, tr("Restore a backup"), tr("Restore %1?").arg(entry->name),
        tr("Saved %1 (%2). Puts back %3 as they were before that change.%4 The files as they are now are kept as a "
           "new backup at the top of this list, so Undo takes this restore back.")
            .arg(text.time, text.size, files.join(QStringLiteral(", ")),
                 others.isEmpty() ? QString() : QLatin1Char(' ') + others),
        QMessageBox::Ok | QMessageBox::Cancel, QMessageBox::Ok, QMessageBox::Question,
        {{QMessageBox::Ok, tr("Restore")}});
    if (answer != QMessageBox::Ok)
        return;
    m_message->dismiss();
    m_restoring = true;
    updateButtons();
    m_session->restoreEntry(entry->name, sha256Hex(m_current));
    if (!m_session->isBusy()) {  // the session refused to start (another home, or busy after all)
        m_restoring = false;
        updateButtons();
    }
}

void BackupsDialog::onRestored(const RestoreResult &result)
{
    if (!m_restoring)
        return;  // another window's restore: the reload after the analysis shows it
    m_restoring = false;
    if (!result.written)
        m_message->showMessage(MessageBar::Kind::Info,
                               tr("Nothing to do: the files already hold %1.").arg(result.restored.name));
    else
        m_message->showMessage(MessageBar::Kind::Success,
                               tr("Restored %1. The files it replaced are kept as %2, now the newest entry: Undo "
                                  "in the main window puts them back.")
                                   .arg(result.restored.name, result.undoName));
    updateButtons();
}

void BackupsDialog::onRestoreFailed(const Error &error)
{
    if (!m_restoring)
        return;  // an apply's failure: the main window says it
    m_restoring = false;
    QString text = errorText(error);
    // The entry went since the list was read: the core's advice names the CLI's
    // listing; here the list itself is the answer.
    if (error.kind == Error::Kind::Refused && error.hint.contains(QLatin1String("backups command")))
        text = error.message + QLatin1Char(' ')
               + tr("Nothing was changed. The list now shows the backups as they are on disk: select one again.");
    m_message->showMessage(MessageBar::Kind::Error, text);
    reload();
    updateButtons();
}

void BackupsDialog::deleteSelected()
{
    const QStringList names = selectedNames();
    if (names.isEmpty() || !m_delete->isEnabled())
        return;
    constexpr int Listed = 8;
    QStringList shown = names.mid(0, Listed);
    if (names.size() > Listed)
        shown << tr("and %1 more").arg(names.size() - Listed);
    const bool newest = m_history.newest() && names.contains(m_history.newest()->name);
    const auto answer = Prompt::ask(
        this, tr("Delete backups"),
        names.size() == 1 ? tr("Delete 1 backup?") : tr("Delete %1 backups?").arg(names.size()),
        tr("%1.\nDeleted backups cannot be restored.%2")
            .arg(shown.join(QStringLiteral(", ")),
                 newest ? tr(" The newest is among them: Undo then offers the one before it.") : QString()),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel, QMessageBox::Warning,
        {{QMessageBox::Yes, names.size() == 1 ? tr("Delete") : tr("Delete %1").arg(names.size())}});
    if (answer != QMessageBox::Yes)
        return;
    m_message->dismiss();
    m_deleting = true;
    updateButtons();
    const QString home = m_session->codexHome();
    runInBackground(
        this, [home, names]() { return deleteBackups(home, names); },
        [this, names](const Expected<QStringList> &removed) { finishDelete(names, removed); });
}

void BackupsDialog::finishDelete(const QStringList &names, const Expected<QStringList> &removed)
{
    m_deleting = false;
    if (removed) {
        m_message->showMessage(MessageBar::Kind::Success, names.size() == 1
                                                              ? tr("Deleted %1.").arg(names.first())
                                                              : tr("Deleted %1 backups.").arg(names.size()));
    } else {
        const Error &error = removed.error();
        QString text = errorText(error);
        if (error.kind == Error::Kind::Refused)  // an entry went since the list was read: all or nothing
            text = error.message + QLatin1Char(' ')
                   + tr("Nothing was deleted. The list now shows the backups as they are on disk: select again, "
                        "then Delete.");
        m_message->showMessage(MessageBar::Kind::Error, text);
    }
    // The window's Undo offers the newest entry: it must see the history as it is now.
    m_session->reanalyse();
    reload();
}

void BackupsDialog::keyPressEvent(QKeyEvent *event)
{
    // Enter shows the diff of the entry under the cursor, never restores:
    // Restore is always a click and a confirmation away.
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        if (QTreeWidgetItem *item = m_table->currentItem(); item && !item->isSelected()) {
            m_table->clearSelection();
            item->setSelected(true);
        }
        showDiff();
        event->accept();
        return;
    }
    QDialog::keyPressEvent(event);  // Esc closes
}

} // namespace SandboxDoctor::Ui
