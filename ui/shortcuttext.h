#pragma once

#include <QKeySequence>
#include <QString>

class QAction;

namespace SandboxDoctor::Ui {

// "Undo the last change (⌘Z)" on macOS, "(Ctrl+Z)" elsewhere: a tooltip names
// the shortcut as this platform writes it (QKeySequence::NativeText), never a
// hard-coded "Ctrl".
QString withShortcut(const QString &text, const QKeySequence &shortcut);

// Sets the action's tooltip and status tip to `text` followed by its first shortcut.
void setToolTipWithShortcut(QAction *action, const QString &text);

} // namespace SandboxDoctor::Ui
