#pragma once

#include <QStyledItemDelegate>

class QTreeView;

namespace SandboxDoctor::Ui {

// Rows as tall as their word-wrapped text at the column's current width, so a
// long finding or fix is read in full instead of being cut off.
class WrappingDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit WrappingDelegate(QTreeView *view);

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    QTreeView *m_view;
};

} // namespace SandboxDoctor::Ui
