#include "tone.h"

#include "preview/diffcolors.h"
#include "widgets/colorblend.h"

#include <QPalette>
#include <QVariant>
#include <QWidget>

namespace SandboxDoctor::Ui {

namespace {
const char ToneProperty[] = "sandboxdoctorTone";
const char InsetProperty[] = "sandboxdoctorInset";
} // namespace

QColor toneColor(Tone tone, const QPalette &palette)
{
    const DiffColors colors = DiffColors::forPalette(palette);
    switch (tone) {
    case Tone::Neutral: return palette.color(QPalette::WindowText);
    case Tone::Good: return colors.addedSign;
    case Tone::Bad: return colors.removedSign;
    case Tone::Caution: return DiffColors::isDark(palette) ? QColor(0xff, 0xc1, 0x5e) : QColor(0x9a, 0x58, 0x00);
    }
    return palette.color(QPalette::WindowText);
}

void setTone(QWidget *widget, Tone tone)
{
    widget->setProperty(ToneProperty, int(tone));
    // Only the text roles are set; every other role still follows the parent.
    const QPalette inherited = widget->parentWidget() ? widget->parentWidget()->palette() : widget->palette();
    QPalette palette;
    if (tone != Tone::Neutral) {
        palette.setColor(QPalette::WindowText, toneColor(tone, inherited));
        palette.setColor(QPalette::Text, toneColor(tone, inherited));
    }
    widget->setPalette(palette);
}

void setInset(QWidget *field)
{
    field->setProperty(InsetProperty, true);
    const QPalette inherited = field->parentWidget() ? field->parentWidget()->palette() : field->palette();
    const qreal amount = DiffColors::isDark(inherited) ? 0.07 : 0.035;
    QPalette palette;
    palette.setColor(QPalette::Base, blendColors(inherited.color(QPalette::Base), inherited.color(QPalette::Text), amount));
    field->setPalette(palette);
}

void retone(QWidget *root)
{
    for (QWidget *child : root->findChildren<QWidget *>()) {
        const QVariant tone = child->property(ToneProperty);
        if (tone.isValid())
            setTone(child, Tone(tone.toInt()));
        if (child->property(InsetProperty).toBool())
            setInset(child);
    }
}

} // namespace SandboxDoctor::Ui
