#pragma once

#include "config/backups.h"

#include <QByteArray>
#include <QDialog>
#include <QStringList>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTreeWidget;

namespace SandboxDoctor {
struct RestoreResult;
}

namespace SandboxDoctor::Ui {

class DiffView;
class MessageBar;
class Session;

// The backup history of the window's CODEX_HOME (Config → Backups…): every
// entry newest first with its time, size, files and whether it parses, the
// entries not offered and why, and for the selected entry what Restore would
// change in config.toml. Restore goes through the session (so the window
// re-analyses, and Undo takes the restore back); Delete… through
// deleteBackups. Modeless: it follows the session, reading the history again
// after every analysis and when the CODEX_HOME changes.
class BackupsDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit BackupsDialog(Session *session, QWidget *parent = nullptr);

    // Nothing being read, restored or deleted: what the dialog shows is current.
    bool isSettled() const;
    const BackupHistory &history() const { return m_history; }
    // The names of the selected entries, in table order.
    QStringList selectedNames() const;
    // The entry the diff shows; empty when none.
    QString shownName() const { return m_shownName; }

    QTreeWidget *table() const { return m_table; }
    QTreeWidget *skippedList() const { return m_skipped; }
    DiffView *diffView() const { return m_diff; }
    QLabel *diffLabel() const { return m_diffLabel; }
    QLabel *otherFilesLabel() const { return m_otherFiles; }
    QLabel *emptyLabel() const { return m_empty; }
    MessageBar *messageBar() const { return m_message; }
    QPushButton *restoreButton() const { return m_restore; }
    QPushButton *deleteButton() const { return m_delete; }

public slots:
    void reload();
    void restoreSelected();  // asks first, naming the entry
    void deleteSelected();   // asks first, naming how many

signals:
    void settled();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    struct Loaded;
    void showLoaded(quint64 generation, const Loaded &loaded);
    void fillTable(const QStringList &keepSelected);
    void fillSkipped();
    void showDiff();
    void updateButtons();
    void onRestored(const SandboxDoctor::RestoreResult &result);
    void onRestoreFailed(const SandboxDoctor::Error &error);
    void finishDelete(const QStringList &names, const Expected<QStringList> &removed);
    const BackupInfo *currentEntry() const;

    Session *m_session;
    BackupHistory m_history;
    QByteArray m_current;      // config.toml as it is now
    bool m_currentExists = false;
    QString m_loadError;
    QString m_shownName;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_deleting = false;
    bool m_restoring = false;  // this dialog asked the session to restore

    MessageBar *m_message;
    QLabel *m_title;
    QStackedWidget *m_stack;
    QLabel *m_empty;
    QTreeWidget *m_table;
    QLabel *m_skippedLabel;
    QTreeWidget *m_skipped;
    QLabel *m_diffLabel;
    QLabel *m_otherFiles;  // what Restore does to the change's other files
    DiffView *m_diff;
    QPushButton *m_restore;
    QPushButton *m_delete;
};

} // namespace SandboxDoctor::Ui
