#include "prompt.h"

#include <QAbstractButton>

namespace SandboxDoctor::Ui {

QMessageBox::StandardButton Prompt::s_nextAnswer = QMessageBox::NoButton;
QString Prompt::s_lastText;

QMessageBox::StandardButton Prompt::ask(QWidget *parent, const QString &title, const QString &text,
                                        const QString &details, QMessageBox::StandardButtons buttons,
                                        QMessageBox::StandardButton defaultButton, QMessageBox::Icon icon,
                                        const QMap<QMessageBox::StandardButton, QString> &buttonTexts)
{
    s_lastText = text + QLatin1Char('\n') + details;
    if (s_nextAnswer != QMessageBox::NoButton) {
        const auto answer = s_nextAnswer;
        s_nextAnswer = QMessageBox::NoButton;
        return answer;
    }
    QMessageBox box(icon, title, text, buttons, parent);
    box.setInformativeText(details);
    box.setDefaultButton(defaultButton);
    // A button that says what it does ("Put It Back") rather than "OK".
    for (auto it = buttonTexts.cbegin(); it != buttonTexts.cend(); ++it) {
        if (QAbstractButton *button = box.button(it.key()))
            button->setText(it.value());
    }
    box.setTextInteractionFlags(Qt::TextSelectableByMouse);
    box.setWindowModality(Qt::WindowModal);
    return static_cast<QMessageBox::StandardButton>(box.exec());
}

void Prompt::setNextAnswer(QMessageBox::StandardButton answer)
{
    s_nextAnswer = answer;
}

QString Prompt::lastText()
{
    return s_lastText;
}

} // namespace SandboxDoctor::Ui
