#pragma once

#include <QColor>

namespace SandboxDoctor::Ui {

// `tint` laid over `base` at `amount` (0 = base, 1 = tint): how every tinted
// surface derives from the palette, so light and dark themes both stay readable.
// QColor's channels are float in Qt 6; the cast keeps MSVC's /W4 quiet.
inline QColor blendColors(const QColor &base, const QColor &tint, qreal amount)
{
    const auto channel = [amount](float from, float to) {
        return static_cast<float>(from * (1 - amount) + to * amount);
    };
    return QColor::fromRgbF(channel(base.redF(), tint.redF()), channel(base.greenF(), tint.greenF()),
                            channel(base.blueF(), tint.blueF()));
}

} // namespace SandboxDoctor::Ui
