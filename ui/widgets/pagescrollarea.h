#pragma once

#include <QScrollArea>

namespace SandboxDoctor::Ui {

// Holds one page: the page fills the viewport and scrolls only when the window
// is smaller than the page needs at the width it has. QScrollArea's resizable
// mode would keep the page at least its minimumSizeHint() high, which for
// word-wrapped text is the height at the narrowest width: a scroll bar even at
// the default size. Here the height is the layout's heightForWidth() at the
// actual width (its preferred height there).
class PageScrollArea final : public QScrollArea
{
    Q_OBJECT

public:
    explicit PageScrollArea(QWidget *page, QWidget *parent = nullptr);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitPage();

    bool m_fitting = false;
};

} // namespace SandboxDoctor::Ui
