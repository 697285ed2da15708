#include "pagescrollarea.h"

#include <QEvent>
#include <QLayout>
#include <QScrollBar>

namespace SandboxDoctor::Ui {

PageScrollArea::PageScrollArea(QWidget *page, QWidget *parent) : QScrollArea(parent)
{
    setWidgetResizable(false);  // fitPage() sizes the page
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setWidget(page);
    viewport()->setBackgroundRole(QPalette::Window);
    page->installEventFilter(this);
    fitPage();
}

bool PageScrollArea::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == widget() && event->type() == QEvent::LayoutRequest)
        fitPage();
    return QScrollArea::eventFilter(watched, event);
}

void PageScrollArea::resizeEvent(QResizeEvent *event)
{
    QScrollArea::resizeEvent(event);
    fitPage();
}

void PageScrollArea::fitPage()
{
    QWidget *page = widget();
    if (!page || m_fitting)
        return;
    m_fitting = true;
    const QLayout *layout = page->layout();
    const QSize minimum = layout ? layout->totalMinimumSize() : page->minimumSizeHint();
    auto heightAt = [&](int width) {
        if (layout && layout->hasHeightForWidth())
            // The preferred height at this width: box layouts under-report
            // the minimum for word-wrapped labels (their minimum is taken
            // at the widest), and a page a little taller just scrolls.
            return qMax(layout->totalHeightForWidth(width), layout->totalMinimumHeightForWidth(width));
        return minimum.height();
    };
    // First as if no vertical scroll bar were needed; if the page is taller
    // than the viewport, the bar takes its width and the height is taken again.
    const QSize room = maximumViewportSize();
    int width = qMax(room.width(), minimum.width());
    int height = heightAt(width);
    if (height > room.height()) {
        width = qMax(room.width() - verticalScrollBar()->sizeHint().width(), minimum.width());
        height = heightAt(width);
    }
    page->resize(width, qMax(height, width > room.width() ? room.height() - horizontalScrollBar()->sizeHint().height()
                                                           : room.height()));
    m_fitting = false;
}

} // namespace SandboxDoctor::Ui
