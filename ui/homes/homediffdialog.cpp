#include "homediffdialog.h"

#include "preview/diffview.h"
#include "preview/otherfilediffs.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <iterator>

namespace SandboxDoctor::Ui {

namespace {

QString changeWord(const PrepareStep &step)
{
    switch (step.action) {
    case PrepareAction::Created: return QObject::tr("create");
    case PrepareAction::Replaced: return QObject::tr("replace");
    case PrepareAction::Kept: return QObject::tr("leave");
    case PrepareAction::Skipped: return QObject::tr("skip");
    case PrepareAction::Failed: return QObject::tr("cannot");
    }
    return {};
}

QLabel *wrappedLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

} // namespace

QList<PrepareStep> planChanges(const PrepareResult &plan)
{
    QList<PrepareStep> changes;
    for (const PrepareStep &step : plan.steps) {
        const bool writes = step.action == PrepareAction::Created || step.action == PrepareAction::Replaced
                              || step.action == PrepareAction::Failed;
        if (writes || !step.warning.isEmpty())
            changes << step;
    }
    return changes;
}

HomeDiffDialog::HomeDiffDialog(const QString &homePath, const PrepareResult &plan, QWidget *parent)
    : QDialog(parent), m_diff(new DiffView(this)), m_plan(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("homeDiffDialog"));
    const QString home = QDir::toNativeSeparators(homePath);
    setWindowTitle(tr("Changes to %1").arg(home));
    setAttribute(Qt::WA_DeleteOnClose);
    resize(900, 620);

    const QList<PrepareStep> changes = planChanges(plan);
    auto *planLabel = wrappedLabel(QStringLiteral("homePlanLabel"), this);
    planLabel->setText(changes.isEmpty()
                           ? tr("Repair changes no link and no copy in %1: they are as the daemon makes them.").arg(home)
                           : tr("What Repair would do in %1 (%2 layout):")
                                 .arg(home, plan.layout == HomeLayout::Today ? tr("today's daemon's")
                                                                             : tr("the seed's daemon's")));
    m_plan->setObjectName(QStringLiteral("homePlanList"));
    m_plan->setAccessibleName(tr("What Repair would do"));
    m_plan->setRootIsDecorated(false);
    m_plan->setHeaderLabels({tr("Entry"), tr("Change"), tr("What")});
    m_plan->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_plan->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_plan->header()->setStretchLastSection(true);
    for (const PrepareStep &step : changes) {
        QString what = step.detail;
        if (!step.warning.isEmpty() && step.warning != step.detail)
            what += QStringLiteral(" (") + step.warning + QLatin1Char(')');
        auto *item = new QTreeWidgetItem(m_plan, {step.name, changeWord(step), what});
        item->setToolTip(2, what);
    }
    m_plan->setVisible(!changes.isEmpty());
    m_plan->setMaximumHeight(changes.isEmpty() ? 0 : 40 + 24 * int(std::min<qsizetype>(changes.size(), 6)));

    auto *blockLabel = wrappedLabel(QStringLiteral("homeDiffLabel"), this);
    const bool blockChanges = plan.block && plan.block->edit.changed;
    if (plan.blockError)
        blockLabel->setText(tr("config.toml: the managed block cannot be written: %1").arg(plan.blockError->toText()));
    else if (!blockChanges)
        blockLabel->setText(tr("%1/config.toml already has the managed block: Apply changes nothing.").arg(home));
    else
        blockLabel->setText(tr("What Apply writes to %1/config.toml (a backup is kept):").arg(home));

    m_diff->setObjectName(QStringLiteral("homeDiffView"));
    m_diff->setAccessibleName(tr("Change to config.toml"));
    if (plan.block)
        m_diff->setTexts(plan.block->edit.before, plan.block->edit.after);
    m_diff->setVisible(blockChanges);  // an empty diff says nothing the label does not

    // A legacy profile's settings move to their own file in the same change:
    // its diff under config.toml's, as the Preview page shows it.
    auto *otherFiles = new OtherFileDiffs(QStringLiteral("homeOtherFile"), this);
    if (blockChanges) {
        QList<OtherFileEdit> changed;
        std::copy_if(plan.block->otherFiles.cbegin(), plan.block->otherFiles.cend(), std::back_inserter(changed),
                     [](const OtherFileEdit &file) { return file.changed(); });
        otherFiles->setFiles(changed);
    }

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_repair = buttons->addButton(tr("&Repair"), QDialogButtonBox::ActionRole);
    m_repair->setObjectName(QStringLiteral("homeChangesRepairButton"));
    m_repair->setToolTip(tr("Make every change listed above, then write the block"));
    m_repair->setEnabled(!changes.isEmpty() || blockChanges);
    m_apply = buttons->addButton(tr("&Apply"), QDialogButtonBox::ActionRole);
    m_apply->setObjectName(QStringLiteral("homeChangesApplyButton"));
    m_apply->setToolTip(otherFiles->isEmpty()
                            ? tr("Write only the managed block to config.toml (a backup is kept)")
                            : tr("Write the managed block to config.toml and the files shown under it "
                                 "(a backup of each is kept)"));
    m_apply->setEnabled(blockChanges);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_apply, &QPushButton::clicked, this, [this, homePath]() {
        emit applyRequested(homePath);
        accept();
    });
    connect(m_repair, &QPushButton::clicked, this, [this, homePath]() {
        emit repairRequested(homePath);
        accept();
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(planLabel);
    layout->addWidget(m_plan);
    layout->addWidget(blockLabel);
    layout->addWidget(m_diff, 1);
    layout->addWidget(otherFiles, 1);
    if (!blockChanges)
        layout->addStretch(1);
    layout->addWidget(buttons);
}

} // namespace SandboxDoctor::Ui
