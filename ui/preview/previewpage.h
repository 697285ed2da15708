#pragma once

#include "common/finding.h"
#include "config/otherfiles.h"
#include "page.h"

class QAction;
class QLabel;
class QPushButton;
class QStackedWidget;
class QToolButton;
class QVBoxLayout;

namespace SandboxDoctor::Ui {

class DiffView;
class OtherFileDiffs;

// The diff from the current to the proposed config.toml, what the edit does
// beyond the block, and the Apply / Undo / Redo buttons (the window's actions).
class PreviewPage final : public Page
{
    Q_OBJECT

public:
    PreviewPage(Session *session, QAction *applyAction, QAction *undoAction, QAction *redoAction,
                QWidget *parent = nullptr);

    QString pageId() const override { return QStringLiteral("preview"); }
    QString title() const override { return tr("Preview"); }
    QIcon icon() const override;

    void setSideBySide(bool sideBySide);
    bool isSideBySide() const;

signals:
    void sideBySideChanged(bool sideBySide);

private:
    void update();
    void showState(const QIcon &icon, const QString &headline, const QString &details);
    void setNotes(const QList<Finding> &notes);

    QLabel *m_summary;
    QToolButton *m_unifiedButton;
    QToolButton *m_sideBySideButton;
    QWidget *m_notes;
    QVBoxLayout *m_notesLayout;
    QStackedWidget *m_stack;
    DiffView *m_diff;
    OtherFileDiffs *m_otherFiles;    // a titled diff per other file the change writes
    QLabel *m_stateIcon;
    QLabel *m_stateHeadline;
    QLabel *m_stateDetails;
    QPushButton *m_applyButton;
    QPushButton *m_undoButton;
    QPushButton *m_redoButton;
};

} // namespace SandboxDoctor::Ui
