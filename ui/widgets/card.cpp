#include "card.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QStyle>
#include <QVBoxLayout>

namespace SandboxDoctor::Ui {

Card::Card(const QString &title, QWidget *parent)
    : QFrame(parent), m_badge(new QLabel(this)), m_title(new QLabel(title, this)), m_body(new QVBoxLayout)
{
    QFont font = m_title->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.08);
    m_title->setFont(font);
    m_badge->hide();
    m_title->setVisible(!title.isEmpty());  // an untitled card has no header row

    auto *header = new QHBoxLayout;
    header->setSpacing(6);
    header->addWidget(m_badge);
    header->addWidget(m_title, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 12, 14, 14);
    layout->setSpacing(8);
    layout->addLayout(header);
    layout->addLayout(m_body);
    m_body->setSpacing(6);
}

void Card::setTitle(const QString &title)
{
    m_title->setText(title);
    m_title->setVisible(!title.isEmpty());
}

void Card::setBadge(const QIcon &icon)
{
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_badge->setPixmap(icon.pixmap(QSize(size, size), devicePixelRatioF()));
    m_badge->setVisible(!icon.isNull());
}

void Card::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    path.addRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8);
    painter.fillPath(path, palette().color(QPalette::Base));
    QColor border = palette().color(QPalette::WindowText);
    border.setAlphaF(0.14f);
    painter.setPen(QPen(border, 1));
    painter.drawPath(path);
}

} // namespace SandboxDoctor::Ui
