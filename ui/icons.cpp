#include "icons.h"

#include <QApplication>
#include <QFile>
#include <QIconEngine>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QSvgRenderer>

namespace SandboxDoctor::Ui::Icons {

namespace {

class SvgIconEngine final : public QIconEngine
{
public:
    explicit SvgIconEngine(QString name) : m_name(std::move(name))
    {
        QFile file(QStringLiteral(":/icons/%1.svg").arg(m_name));
        if (file.open(QIODevice::ReadOnly))
            m_svg = file.readAll();
    }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        QSvgRenderer renderer(coloured(mode));
        renderer.setAspectRatioMode(Qt::KeepAspectRatio);
        renderer.render(painter, QRectF(rect));
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state, qreal scale) override
    {
        // `size` is in device-independent pixels; draw at the device's resolution.
        const QSize devicePixels = (QSizeF(size) * scale).toSize();
        QPixmap pixmap(devicePixels);
        pixmap.fill(Qt::transparent);
        {
            QPainter painter(&pixmap);
            painter.setRenderHint(QPainter::Antialiasing);
            paint(&painter, QRect(QPoint(0, 0), devicePixels), mode, state);
        }
        pixmap.setDevicePixelRatio(scale);
        return pixmap;
    }

    QIconEngine *clone() const override { return new SvgIconEngine(*this); }
    QString key() const override { return QStringLiteral("SandboxDoctorSvg"); }
    bool isNull() override { return m_svg.isEmpty(); }

private:
    QByteArray coloured(QIcon::Mode mode) const
    {
        if (!m_svg.contains("currentColor")) {
            return m_svg;  // a status icon with its own colours
        }
        const QPalette palette = QApplication::palette();
        const QPalette::ColorGroup group = mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Active;
        const QPalette::ColorRole role = mode == QIcon::Selected ? QPalette::HighlightedText : QPalette::WindowText;
        QByteArray svg = m_svg;
        svg.replace("currentColor", palette.color(group, role).name().toLatin1());
        return svg;
    }

    QString m_name;
    QByteArray m_svg;
};

} // namespace

QIcon icon(const QString &name)
{
    return QIcon(new SvgIconEngine(name));
}

QIcon severity(Severity severity)
{
    switch (severity) {
    case Severity::Info: return icon(QStringLiteral("info"));
    case Severity::Warning: return icon(QStringLiteral("warning"));
    case Severity::Error: return icon(QStringLiteral("error"));
    }
    return icon(QStringLiteral("info"));
}

QIcon ok()
{
    return icon(QStringLiteral("ok"));
}

} // namespace SandboxDoctor::Ui::Icons
