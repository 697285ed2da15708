#pragma once

#include "tone.h"
#include "verify/symptoms.h"

#include <QHash>
#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTimer;

namespace SandboxDoctor::Ui {

class Card;

// "Explain an error": a pasted error text becomes its likely cause, an
// explanation and, where the app can apply one, a "Fix it" button, unless the
// page says that fix is in config.toml already; what a click came to is shown
// beside the button. A host named in the error is offered to the DNS probe,
// never put there without the user's click.
class SymptomPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit SymptomPanel(QWidget *parent = nullptr);

    void setText(const QString &text);
    void explain();
    const Explanation &explanation() const { return m_explanation; }

    // Fixes config.toml already has: fix id -> the sentence shown instead of "Fix it".
    void setAppliedFixes(const QHash<QString, QString> &applied);
    // The DNS probe's host now: the offer to use the error's host is made only when it differs.
    void setProbeHost(const QString &host);
    // What the last "Fix it" came to (applying, applied, not confirmed, failed),
    // shown beside the button until another error is explained.
    void showFixResult(const QString &text, Tone tone);

signals:
    void useHostRequested(const QString &host);
    void fixRequested(const QString &fixId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void showExplanation();
    void showFixRow(bool matched);
    void showHostOffer(bool empty);

    std::optional<SymptomCatalog> m_catalog;
    QString m_catalogError;
    Explanation m_explanation;
    QString m_explainedText;
    QHash<QString, QString> m_appliedFixes;
    QString m_probeHost;
    QString m_fixResult;
    Tone m_fixResultTone = Tone::Neutral;

    Card *m_card;
    QPlainTextEdit *m_text;
    QPushButton *m_explainButton;
    QTimer *m_debounce;
    QLabel *m_causeIcon;
    QLabel *m_cause;
    QLabel *m_explanationLabel;
    QLabel *m_fix;
    QLabel *m_host;
    QPushButton *m_useHostButton;
    QLabel *m_others;
    QPushButton *m_fixButton;
    QLabel *m_fixStatus;
};

} // namespace SandboxDoctor::Ui
