#include "diffcolors.h"

#include "widgets/colorblend.h"

namespace SandboxDoctor::Ui {

bool DiffColors::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

DiffColors DiffColors::forPalette(const QPalette &palette)
{
    const bool dark = isDark(palette);
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    const QColor green(0x2e, 0xa0, 0x43);
    const QColor red(0xd7, 0x3a, 0x49);
    const QColor blue(0x2f, 0x6f, 0xde);

    DiffColors c;
    c.addedBackground = blendColors(base, green, dark ? 0.26 : 0.16);
    c.removedBackground = blendColors(base, red, dark ? 0.26 : 0.14);
    c.headerBackground = blendColors(base, blue, dark ? 0.20 : 0.08);
    c.fillerBackground = blendColors(base, text, dark ? 0.05 : 0.04);
    c.addedSign = dark ? QColor(0x7e, 0xe7, 0x87) : QColor(0x1a, 0x7f, 0x37);
    c.removedSign = dark ? QColor(0xff, 0x9b, 0x9b) : QColor(0xb3, 0x1d, 0x28);
    c.lineNumber = blendColors(base, text, 0.45);
    c.gutterBackground = blendColors(base, text, dark ? 0.06 : 0.035);

    c.comment = blendColors(base, text, 0.55);
    c.tableHeader = dark ? QColor(0x79, 0xc0, 0xff) : QColor(0x05, 0x50, 0xae);
    c.key = dark ? QColor(0xd2, 0xa8, 0xff) : QColor(0x82, 0x50, 0xdf);
    c.string = dark ? QColor(0xa5, 0xd6, 0xff) : QColor(0x0a, 0x30, 0x69);
    c.number = dark ? QColor(0xff, 0xa6, 0x57) : QColor(0x95, 0x38, 0x00);
    return c;
}

} // namespace SandboxDoctor::Ui
