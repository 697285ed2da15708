#pragma once

#include <QStyledItemDelegate>

namespace SandboxDoctor::Ui {

// Sidebar rows: icon and title on one rounded highlight, in palette colours.
class SidebarDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace SandboxDoctor::Ui
