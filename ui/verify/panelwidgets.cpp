#include "panelwidgets.h"

#include "icons.h"

#include <QFormLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>

namespace SandboxDoctor::Ui {

QLabel *valueLabel(QWidget *parent, const QString &objectName, const QString &accessibleName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setAccessibleName(accessibleName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

QLabel *mutedLabel(QWidget *parent, const QString &objectName)
{
    auto *label = valueLabel(parent, objectName, QString());
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QLabel *headlineLabel(QWidget *parent, const QString &objectName)
{
    auto *label = valueLabel(parent, objectName, QString());
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.1);
    label->setFont(font);
    return label;
}

QPushButton *panelButton(QWidget *parent, const QString &icon, const QString &text, const QString &objectName,
                         const QString &accessibleName, const QString &tip)
{
    auto *button = new QPushButton(icon.isEmpty() ? QIcon() : Icons::icon(icon), text, parent);
    button->setObjectName(objectName);
    button->setAccessibleName(accessibleName);
    button->setToolTip(tip);
    return button;
}

QProgressBar *busyBar(QWidget *parent, const QString &objectName, const QString &accessibleName)
{
    auto *bar = new QProgressBar(parent);
    bar->setObjectName(objectName);
    bar->setAccessibleName(accessibleName);
    bar->setRange(0, 0);  // busy: no known end
    bar->setTextVisible(false);
    bar->setMaximumWidth(140);
    bar->setMaximumHeight(12);
    bar->hide();
    return bar;
}

QFormLayout *panelForm()
{
    auto *form = new QFormLayout;
    form->setHorizontalSpacing(14);
    form->setVerticalSpacing(6);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    return form;
}

void addFormRow(QFormLayout *form, const QString &name, QWidget *field)
{
    auto *label = new QLabel(name, field->parentWidget());
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setBuddy(field);
    if (field->accessibleName().isEmpty())
        field->setAccessibleName(QString(name).remove(QLatin1Char('&')));
    form->addRow(label, field);
}

QLabel *iconLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    const int size = parent->style()->pixelMetric(QStyle::PM_SmallIconSize);
    label->setFixedSize(size, size);
    return label;
}

void setIcon(QLabel *label, const QString &iconName)
{
    if (iconName.isEmpty()) {
        label->clear();
        return;
    }
    label->setPixmap(Icons::icon(iconName).pixmap(label->size(), label->devicePixelRatioF()));
}

void syncHeadline(QLabel *icon, QLabel *headline)
{
    const bool shown = !headline->text().isEmpty();
    icon->setVisible(shown);
    headline->setVisible(shown);
}

} // namespace SandboxDoctor::Ui
