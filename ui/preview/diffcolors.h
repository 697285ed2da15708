#pragma once

#include <QColor>
#include <QPalette>

namespace SandboxDoctor::Ui {

// Diff and TOML colours for the current palette: tints over the base colour,
// so added/removed lines and syntax stay readable on light and dark palettes.
struct DiffColors final
{
    QColor addedBackground;
    QColor removedBackground;
    QColor headerBackground;
    QColor fillerBackground;
    QColor addedSign;
    QColor removedSign;
    QColor lineNumber;
    QColor gutterBackground;

    QColor comment;
    QColor tableHeader;
    QColor key;
    QColor string;
    QColor number;   // numbers, booleans, dates

    static bool isDark(const QPalette &palette);
    static DiffColors forPalette(const QPalette &palette);
};

} // namespace SandboxDoctor::Ui
