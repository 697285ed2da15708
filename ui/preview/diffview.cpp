#include "diffview.h"

#include "diffeditor.h"
#include "diffrows.h"

#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace SandboxDoctor::Ui {

namespace {
// Enough context to read the block in its surroundings, small enough that a
// large config still shows the change first.
constexpr int ContextLines = 4;
} // namespace

DiffView::DiffView(QWidget *parent)
    : QWidget(parent),
      m_stack(new QStackedWidget(this)),
      m_unified(new DiffEditor(DiffEditor::Gutter::OldAndNew, this)),
      m_left(new DiffEditor(DiffEditor::Gutter::Old, this)),
      m_right(new DiffEditor(DiffEditor::Gutter::New, this))
{
    setObjectName(QStringLiteral("diffView"));
    m_unified->setObjectName(QStringLiteral("unifiedDiff"));
    m_unified->setAccessibleName(tr("Unified diff of config.toml"));
    m_left->setObjectName(QStringLiteral("currentDiff"));
    m_left->setAccessibleName(tr("Current config.toml"));
    m_right->setObjectName(QStringLiteral("proposedDiff"));
    m_right->setAccessibleName(tr("Proposed config.toml"));

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_left);
    splitter->addWidget(m_right);
    splitter->setChildrenCollapsible(false);
    splitter->setHandleWidth(3);

    m_stack->addWidget(m_unified);
    m_stack->addWidget(splitter);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    // Scroll the two columns together.
    connect(m_left->verticalScrollBar(), &QScrollBar::valueChanged, m_right->verticalScrollBar(), &QScrollBar::setValue);
    connect(m_right->verticalScrollBar(), &QScrollBar::valueChanged, m_left->verticalScrollBar(), &QScrollBar::setValue);
}

void DiffView::setTexts(const QByteArray &before, const QByteArray &after)
{
    const QList<DiffHunk> hunks = diffLines(before, after, ContextLines);
    m_unified->setRows(unifiedRows(hunks));
    const SideBySideRows sides = sideBySideRows(hunks);
    m_left->setRows(sides.left);
    m_right->setRows(sides.right);
}

void DiffView::setSideBySide(bool sideBySide)
{
    m_stack->setCurrentIndex(sideBySide ? 1 : 0);
}

bool DiffView::isSideBySide() const
{
    return m_stack->currentIndex() == 1;
}

QStringList DiffView::addedLines() const
{
    QStringList lines;
    for (const DiffRow &row : m_unified->rows()) {
        if (row.kind == DiffRow::Kind::Added)
            lines << row.text;
    }
    return lines;
}

QStringList DiffView::removedLines() const
{
    QStringList lines;
    for (const DiffRow &row : m_unified->rows()) {
        if (row.kind == DiffRow::Kind::Removed)
            lines << row.text;
    }
    return lines;
}

int DiffView::addedCount() const
{
    return int(addedLines().size());
}

int DiffView::removedCount() const
{
    return int(removedLines().size());
}

} // namespace SandboxDoctor::Ui
