#include "sidebardelegate.h"

#include <QIcon>
#include <QPainter>
#include <QPainterPath>

namespace SandboxDoctor::Ui {

void SidebarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const bool selected = option.state & QStyle::State_Selected;
    const bool hovered = option.state & QStyle::State_MouseOver;
    const QPalette &palette = option.palette;
    const QRectF box = QRectF(option.rect).adjusted(1, 1, -1, -1);
    if (selected || hovered) {
        QColor fill = palette.color(QPalette::Highlight);
        if (!selected)
            fill.setAlphaF(0.15f);
        QPainterPath path;
        path.addRoundedRect(box, 6, 6);
        painter->fillPath(path, fill);
    }
    if (option.state & QStyle::State_HasFocus && option.state & QStyle::State_KeyboardFocusChange) {
        painter->setPen(QPen(palette.color(QPalette::Highlight).lighter(140), 1.5));
        painter->drawRoundedRect(box, 6, 6);
    }

    const int iconSize = option.decorationSize.height();
    const QRect iconRect(option.rect.left() + 10, option.rect.center().y() - iconSize / 2, iconSize, iconSize);
    const QIcon icon = index.data(Qt::DecorationRole).value<QIcon>();
    icon.paint(painter, iconRect, Qt::AlignCenter, selected ? QIcon::Selected : QIcon::Normal);

    painter->setPen(palette.color(selected ? QPalette::HighlightedText : QPalette::WindowText));
    const QRect textRect = option.rect.adjusted(iconRect.right() - option.rect.left() + 10, 0, -6, 0);
    painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter,
                      option.fontMetrics.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight,
                                                    textRect.width()));
    painter->restore();
}

QSize SidebarDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(qMax(size.height(), option.fontMetrics.height() + 16));
    return size;
}

} // namespace SandboxDoctor::Ui
