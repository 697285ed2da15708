#pragma once

#include "homes/homepreparer.h"

#include <QDialog>
#include <QString>

class QPushButton;
class QTreeWidget;

namespace SandboxDoctor::Ui {

class DiffView;

// "Show changes" for one home: what Repair would do to each entry (links
// included) and what Apply would write to config.toml, in the preview's diff
// view, with Repair and Apply right there. Modeless, so a person can keep it
// open beside the table; the buttons hand the home back to the page, which
// runs the write.
class HomeDiffDialog final : public QDialog
{
    Q_OBJECT

public:
    // `plan`: a dry run of prepare for this home (prepareHome with dryRun).
    HomeDiffDialog(const QString &homePath, const PrepareResult &plan, QWidget *parent = nullptr);

    DiffView *diffView() const { return m_diff; }
    QTreeWidget *planList() const { return m_plan; }
    QPushButton *applyButton() const { return m_apply; }
    QPushButton *repairButton() const { return m_repair; }

signals:
    void applyRequested(const QString &homePath);
    void repairRequested(const QString &homePath);

private:
    DiffView *m_diff;
    QTreeWidget *m_plan;
    QPushButton *m_apply = nullptr;
    QPushButton *m_repair = nullptr;
};

// The steps of a plan that change something or need a word (kept with a warning).
QList<PrepareStep> planChanges(const PrepareResult &plan);

} // namespace SandboxDoctor::Ui
