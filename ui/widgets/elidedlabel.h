#pragma once

#include <QFrame>
#include <QString>

namespace SandboxDoctor::Ui {

// One line of text (a path) elided in the middle when too narrow; the full
// text is the tooltip and the accessible name, and it can be copied.
class ElidedLabel final : public QFrame
{
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    void setText(const QString &text);
    const QString &text() const { return m_text; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    QString m_text;
};

} // namespace SandboxDoctor::Ui
