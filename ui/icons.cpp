#include "icons.h"

#include <QApplication>
#include <QFile>
#include <QIconEngine>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QPixmapCache>
#include <QSvgRenderer>

#include <atomic>

namespace SandboxDoctor::Ui::Icons {

namespace {

std::atomic<int> s_renders{0};

class SvgIconEngine final : public QIconEngine
{
public:
    explicit SvgIconEngine(QString name) : m_name(std::move(name))
    {
        QFile file(QStringLiteral(":/icons/%1.svg").arg(m_name));
        if (file.open(QIODevice::ReadOnly))
            m_svg = file.readAll();
    }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override
    {
        const qreal scale = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        painter->drawPixmap(rect, scaledPixmap(rect.size(), mode, state, scale));
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    // Rendered once per name, size, scale, mode and colour (the palette: a
    // theme change gives new colours, so a new key); every later paint of the
    // same icon is a copy from QPixmapCache, not an SVG parse and render.
    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State, qreal scale) override
    {
        // `size` is in device-independent pixels; draw at the device's resolution.
        const QSize devicePixels = (QSizeF(size) * scale).toSize();
        if (devicePixels.isEmpty())
            return {};
        const QByteArray colour = colourFor(mode);
        const QString key = QStringLiteral("sandboxdoctor-icon:%1:%2x%3:%4:%5")
                                .arg(m_name)
                                .arg(devicePixels.width())
                                .arg(devicePixels.height())
                                .arg(int(mode))
                                .arg(QString::fromLatin1(colour));
        QPixmap pixmap;
        if (!QPixmapCache::find(key, &pixmap)) {
            pixmap = QPixmap(devicePixels);
            pixmap.fill(Qt::transparent);
            {
                QPainter painter(&pixmap);
                painter.setRenderHint(QPainter::Antialiasing);
                QSvgRenderer renderer(coloured(colour));
                renderer.setAspectRatioMode(Qt::KeepAspectRatio);
                renderer.render(&painter, QRectF(QPointF(0, 0), QSizeF(devicePixels)));
            }
            ++s_renders;
            QPixmapCache::insert(key, pixmap);
        }
        pixmap.setDevicePixelRatio(scale);
        return pixmap;
    }

    QIconEngine *clone() const override { return new SvgIconEngine(*this); }
    QString key() const override { return QStringLiteral("SandboxDoctorSvg"); }
    bool isNull() override { return m_svg.isEmpty(); }

private:
    // The colour `currentColor` becomes, or empty for an icon with its own colours.
    QByteArray colourFor(QIcon::Mode mode) const
    {
        if (!m_svg.contains("currentColor"))
            return {};  // a status icon with its own colours
        const QPalette palette = QApplication::palette();
        const QPalette::ColorGroup group = mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Active;
        const QPalette::ColorRole role = mode == QIcon::Selected ? QPalette::HighlightedText : QPalette::WindowText;
        return palette.color(group, role).name().toLatin1();
    }

    QByteArray coloured(const QByteArray &colour) const
    {
        if (colour.isEmpty())
            return m_svg;
        QByteArray svg = m_svg;
        svg.replace("currentColor", colour);
        return svg;
    }

    QString m_name;
    QByteArray m_svg;
};

} // namespace

int renderCount()
{
    return s_renders.load();
}

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
