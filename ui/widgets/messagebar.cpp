#include "messagebar.h"

#include "icons.h"
#include "widgets/colorblend.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

namespace SandboxDoctor::Ui {

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent),
      m_icon(new QLabel(this)),
      m_text(new QLabel(this)),
      m_action(new QPushButton(this)),
      m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("messageBar"));
    setAccessibleName(tr("Message"));
    m_text->setObjectName(QStringLiteral("messageText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setTextFormat(Qt::PlainText);
    m_action->setObjectName(QStringLiteral("messageAction"));
    m_close->setObjectName(QStringLiteral("messageClose"));
    m_close->setText(QStringLiteral("\u2715"));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Dismiss"));
    m_close->setAccessibleName(tr("Dismiss message"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 8, 8);
    layout->setSpacing(10);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_action, 0, Qt::AlignVCenter);
    layout->addWidget(m_close, 0, Qt::AlignTop);

    connect(m_action, &QPushButton::clicked, this, [this]() {
        const auto callback = m_callback;  // the callback may replace the message
        if (callback)
            callback();
    });
    connect(m_close, &QToolButton::clicked, this, &MessageBar::dismiss);
    hide();
}

void MessageBar::showMessage(Kind kind, const QString &text, const QString &actionText, std::function<void()> action)
{
    m_kind = kind;
    m_text->setText(text);
    m_text->setAccessibleName(text);
    m_callback = std::move(action);
    m_action->setText(actionText);
    m_action->setVisible(!actionText.isEmpty() && m_callback);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    QIcon icon;
    switch (kind) {
    case Kind::Info: icon = Icons::severity(Severity::Info); break;
    case Kind::Success: icon = Icons::ok(); break;
    case Kind::Warning: icon = Icons::severity(Severity::Warning); break;
    case Kind::Error: icon = Icons::severity(Severity::Error); break;
    }
    m_icon->setPixmap(icon.pixmap(QSize(size, size), devicePixelRatioF()));
    show();
    update();
}

void MessageBar::setClosable(bool closable)
{
    m_close->setVisible(closable);
}

void MessageBar::dismiss()
{
    m_callback = {};
    hide();
}

QString MessageBar::text() const
{
    return m_text->text();
}

void MessageBar::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        update();
}

QColor MessageBar::accent() const
{
    switch (m_kind) {
    case Kind::Info: return QColor(0x2f, 0x6f, 0xde);
    case Kind::Success: return QColor(0x2e, 0x9d, 0x57);
    case Kind::Warning: return QColor(0xe0, 0xa1, 0x00);
    case Kind::Error: return QColor(0xd9, 0x3f, 0x3f);
    }
    return palette().color(QPalette::Highlight);
}

void MessageBar::paintEvent(QPaintEvent *)
{
    // A tint of the accent over the window colour: readable on light and dark palettes.
    const QColor base = palette().color(QPalette::Window);
    const QColor tint = accent();
    const qreal mix = base.lightness() < 128 ? 0.28 : 0.14;
    const QColor fill = blendColors(base, tint, mix);
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    path.addRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    painter.fillPath(path, fill);
    painter.setPen(QPen(tint, 1));
    painter.drawPath(path);
}

} // namespace SandboxDoctor::Ui
