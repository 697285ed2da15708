#include "shortcuttext.h"

#include <QAction>

namespace SandboxDoctor::Ui {

QString withShortcut(const QString &text, const QKeySequence &shortcut)
{
    if (shortcut.isEmpty())
        return text;
    return QStringLiteral("%1 (%2)").arg(text, shortcut.toString(QKeySequence::NativeText));
}

void setToolTipWithShortcut(QAction *action, const QString &text)
{
    action->setToolTip(withShortcut(text, action->shortcut()));
    action->setStatusTip(text);
}

} // namespace SandboxDoctor::Ui
