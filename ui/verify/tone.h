#pragma once

#include <QColor>

class QPalette;
class QWidget;

namespace SandboxDoctor::Ui {

// Verdict colours that read on light and dark palettes: the text of a label
// turns green, red or amber. The tone is kept as a property so a panel can
// apply it again when the palette changes (retone()).
enum class Tone { Neutral, Good, Bad, Caution };

QColor toneColor(Tone tone, const QPalette &palette);
void setTone(QWidget *widget, Tone tone);
// A text field inside a card: its base is tinted so it stands out from the
// card (whose background is the palette's base too), light or dark.
void setInset(QWidget *field);
// Re-applies every child's tone and inset from `root`'s current palette.
void retone(QWidget *root);

} // namespace SandboxDoctor::Ui
