#pragma once

#include <QMap>
#include <QMessageBox>
#include <QString>

namespace SandboxDoctor::Ui {

// Every question the window asks goes through here, so tests can answer it in
// advance (KeePassXC's MessageBox::setNextAnswer) instead of driving a modal.
class Prompt final
{
public:
    static QMessageBox::StandardButton ask(QWidget *parent, const QString &title, const QString &text,
                                           const QString &details, QMessageBox::StandardButtons buttons,
                                           QMessageBox::StandardButton defaultButton,
                                           QMessageBox::Icon icon = QMessageBox::Question,
                                           const QMap<QMessageBox::StandardButton, QString> &buttonTexts = {});

    // The next ask() returns `answer` without showing anything; one use only.
    static void setNextAnswer(QMessageBox::StandardButton answer);
    // What the last ask() was about, for tests that check the question named the file.
    static QString lastText();

private:
    static QMessageBox::StandardButton s_nextAnswer;
    static QString s_lastText;
};

} // namespace SandboxDoctor::Ui
