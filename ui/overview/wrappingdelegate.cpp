#include "wrappingdelegate.h"

#include <QApplication>
#include <QHeaderView>
#include <QStyle>
#include <QTreeView>

namespace SandboxDoctor::Ui {

WrappingDelegate::WrappingDelegate(QTreeView *view) : QStyledItemDelegate(view), m_view(view)
{
    // Heights depend on widths: lay the rows out again when a column changes.
    connect(view->header(), &QHeaderView::sectionResized, view, &QTreeView::doItemsLayout, Qt::QueuedConnection);
}

QSize WrappingDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QString text = index.data(Qt::DisplayRole).toString();
    if (text.isEmpty())
        return size;
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QStyle *style = m_view->style();
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_view) + 1;
    int width = m_view->header()->sectionSize(index.column()) - 2 * margin;
    if (!opt.icon.isNull())
        width -= opt.decorationSize.width() + 2 * margin;
    if (width <= 0)
        return size;
    const QRect bounds = opt.fontMetrics.boundingRect(QRect(0, 0, width, 100000), Qt::TextWordWrap, text);
    size.setHeight(qMax(size.height(), bounds.height() + 8));
    return size;
}

} // namespace SandboxDoctor::Ui
