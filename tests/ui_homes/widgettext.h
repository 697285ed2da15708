#pragma once

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStringList>
#include <QTextEdit>
#include <QWidget>

// Every piece of text a person (or a screen reader) could get from the open
// windows: labels, fields, buttons, rich text (plain and HTML), tool tips,
// accessible names, and every model cell a view shows (display, tool tip and
// accessible roles).
namespace WidgetText {

inline void collectModel(const QAbstractItemModel *model, QStringList &texts)
{
    if (!model)
        return;
    for (int row = 0; row < model->rowCount(); ++row) {
        for (int column = 0; column < model->columnCount(); ++column) {
            const QModelIndex index = model->index(row, column);
            for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::AccessibleTextRole)})
                texts << index.data(role).toString();
        }
    }
}

inline QStringList collect()
{
    QStringList texts;
    for (QWidget *top : QApplication::topLevelWidgets()) {
        QList<QWidget *> widgets = top->findChildren<QWidget *>();
        widgets.prepend(top);
        for (QWidget *widget : widgets) {
            texts << widget->toolTip() << widget->accessibleName() << widget->windowTitle();
            if (auto *label = qobject_cast<QLabel *>(widget))
                texts << label->text();
            if (auto *edit = qobject_cast<QLineEdit *>(widget))
                texts << edit->text();
            if (auto *edit = qobject_cast<QTextEdit *>(widget))
                texts << edit->toPlainText() << edit->toHtml();
            if (auto *edit = qobject_cast<QPlainTextEdit *>(widget))
                texts << edit->toPlainText();
            if (auto *button = qobject_cast<QAbstractButton *>(widget))
                texts << button->text();
            if (auto *combo = qobject_cast<QComboBox *>(widget))
                texts << combo->currentText();
            if (auto *view = qobject_cast<QAbstractItemView *>(widget))
                collectModel(view->model(), texts);
        }
    }
    return texts;
}

inline bool anyContains(const QByteArray &marker)
{
    const QString needle = QString::fromLatin1(marker);
    for (const QString &text : collect()) {
        if (text.contains(needle))
            return true;
    }
    return false;
}

// Controls that take focus must have a name a screen reader can say.
inline QStringList unnamedControls(QWidget *root)
{
    QStringList unnamed;
    for (QWidget *widget : root->findChildren<QWidget *>()) {
        const bool control = qobject_cast<QAbstractButton *>(widget) || qobject_cast<QLineEdit *>(widget)
                             || qobject_cast<QPlainTextEdit *>(widget) || qobject_cast<QComboBox *>(widget)
                             || qobject_cast<QAbstractItemView *>(widget);
        if (!control || !(widget->focusPolicy() & Qt::TabFocus) || widget->objectName().startsWith(QLatin1String("qt_")))
            continue;
        if (!widget->isVisibleTo(root))  // not reachable with Tab while hidden
            continue;
        // A button's text is its accessible name unless one is set.
        if (auto *button = qobject_cast<QAbstractButton *>(widget); button && !button->text().remove(QLatin1Char('&')).trimmed().isEmpty())
            continue;
        if (qobject_cast<QLineEdit *>(widget) && qobject_cast<QComboBox *>(widget->parentWidget()))
            continue;
        if (widget->accessibleName().isEmpty())
            unnamed << (widget->objectName().isEmpty() ? QString::fromLatin1(widget->metaObject()->className())
                                                       : widget->objectName());
    }
    return unnamed;
}

} // namespace WidgetText
