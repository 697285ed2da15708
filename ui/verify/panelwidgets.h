#pragma once

#include <QString>

class QFormLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QWidget;

namespace SandboxDoctor::Ui {

// Small builders shared by the Verify panels, so their labels and buttons
// look and behave alike (selectable text, accessible names, object names
// tests can find).
QLabel *valueLabel(QWidget *parent, const QString &objectName, const QString &accessibleName);
QLabel *mutedLabel(QWidget *parent, const QString &objectName);
QLabel *headlineLabel(QWidget *parent, const QString &objectName);
QPushButton *panelButton(QWidget *parent, const QString &icon, const QString &text, const QString &objectName,
                         const QString &accessibleName, const QString &tip);
QProgressBar *busyBar(QWidget *parent, const QString &objectName, const QString &accessibleName);
// A form row whose name is muted and whose field gets the name as accessibleName.
void addFormRow(QFormLayout *form, const QString &name, QWidget *field);
QFormLayout *panelForm();
QLabel *iconLabel(QWidget *parent);
void setIcon(QLabel *label, const QString &iconName);
// An icon + headline row takes no room while the headline is empty.
void syncHeadline(QLabel *icon, QLabel *headline);

} // namespace SandboxDoctor::Ui
