#pragma once

#include "verify/symptoms.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTimer;

namespace SandboxDoctor::Ui {

class Card;

// "Explain an error": a pasted error text becomes its likely cause, an
// explanation and, where the app can apply one, a "Fix it" button. The host
// named in the error (if any) is handed to the DNS probe.
class SymptomPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit SymptomPanel(QWidget *parent = nullptr);

    void setText(const QString &text);
    void explain();
    const Explanation &explanation() const { return m_explanation; }

signals:
    void hostFound(const QString &host);
    void fixRequested(const QString &fixId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void showExplanation();

    std::optional<SymptomCatalog> m_catalog;
    QString m_catalogError;
    Explanation m_explanation;

    Card *m_card;
    QPlainTextEdit *m_text;
    QPushButton *m_explainButton;
    QTimer *m_debounce;
    QLabel *m_causeIcon;
    QLabel *m_cause;
    QLabel *m_explanationLabel;
    QLabel *m_fix;
    QLabel *m_host;
    QLabel *m_others;
    QPushButton *m_fixButton;
};

} // namespace SandboxDoctor::Ui
