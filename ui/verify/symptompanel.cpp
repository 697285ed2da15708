#include "symptompanel.h"

#include "panelwidgets.h"
#include "tone.h"
#include "widgets/card.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace SandboxDoctor::Ui {

SymptomPanel::SymptomPanel(QWidget *parent)
    : QWidget(parent), m_card(new Card(tr("Explain an error"), this)), m_debounce(new QTimer(this))
{
    setObjectName(QStringLiteral("symptomPanel"));
    Expected<SymptomCatalog> catalog = SymptomCatalog::builtIn();
    if (catalog)
        m_catalog = std::move(catalog).value();
    else
        m_catalogError = catalog.error().toText();

    m_text = new QPlainTextEdit(m_card);
    m_text->setObjectName(QStringLiteral("symptomTextEdit"));
    m_text->setAccessibleName(tr("Error text to explain"));
    m_text->setPlaceholderText(tr("Paste an error from Codex or from a command it ran, e.g.\n"
                                  "dial tcp: lookup api.openai.com: no such host"));
    setInset(m_text);
    m_text->setTabChangesFocus(true);  // Tab moves on, so the panel stays keyboard-navigable
    m_text->setFixedHeight(m_text->fontMetrics().lineSpacing() * 4 + 14);
    m_explainButton = panelButton(m_card, QStringLiteral("info"), tr("E&xplain"), QStringLiteral("symptomExplainButton"),
                                  tr("Explain the pasted error"), tr("Find the likely cause of the pasted error"));

    m_causeIcon = iconLabel(m_card);
    m_cause = headlineLabel(m_card, QStringLiteral("symptomCauseLabel"));
    m_cause->setAccessibleName(tr("Cause"));
    m_explanationLabel = valueLabel(m_card, QStringLiteral("symptomExplanationLabel"), tr("Explanation"));
    m_fix = valueLabel(m_card, QStringLiteral("symptomFixLabel"), tr("What to do"));
    m_host = mutedLabel(m_card, QStringLiteral("symptomHostLabel"));
    m_useHostButton = panelButton(m_card, QStringLiteral("verify"), tr("Use i&n the DNS probe"),
                                  QStringLiteral("symptomUseHostButton"), tr("Use this host in the DNS probe"),
                                  tr("Put the host named in the error into the DNS probe's Host field"));
    m_useHostButton->hide();
    m_others = mutedLabel(m_card, QStringLiteral("symptomOthersLabel"));
    m_fixButton = panelButton(m_card, QStringLiteral("apply"), tr("F&ix it…"), QStringLiteral("symptomFixButton"),
                              tr("Apply the fix for this cause"), tr("Apply the managed block (asks first)"));
    m_fixButton->hide();
    m_fixStatus = valueLabel(m_card, QStringLiteral("symptomFixStatusLabel"), tr("Fix status"));
    m_fixStatus->hide();

    auto *inputRow = new QHBoxLayout;
    inputRow->setSpacing(8);
    inputRow->addWidget(m_text, 1);
    inputRow->addWidget(m_explainButton, 0, Qt::AlignTop);
    auto *causeRow = new QHBoxLayout;
    causeRow->setSpacing(8);
    causeRow->addWidget(m_causeIcon, 0, Qt::AlignTop);
    causeRow->addWidget(m_cause, 1);
    auto *fixRow = new QHBoxLayout;
    fixRow->addWidget(m_fix, 1);
    fixRow->addWidget(m_fixStatus, 1, Qt::AlignTop);
    fixRow->addWidget(m_fixButton, 0, Qt::AlignTop);
    auto *hostRow = new QHBoxLayout;
    hostRow->addWidget(m_host, 1);
    hostRow->addWidget(m_useHostButton, 0, Qt::AlignTop);

    m_card->body()->addLayout(inputRow);
    m_card->body()->addLayout(causeRow);
    m_card->body()->addWidget(m_explanationLabel);
    m_card->body()->addLayout(fixRow);
    m_card->body()->addLayout(hostRow);
    m_card->body()->addWidget(m_others);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_card);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, &SymptomPanel::explain);
    connect(m_text, &QPlainTextEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_explainButton, &QPushButton::clicked, this, &SymptomPanel::explain);
    connect(m_fixButton, &QPushButton::clicked, this, [this]() {
        if (!m_explanation.matches.isEmpty())
            emit fixRequested(m_explanation.matches.first().symptom.fixId);
    });
    connect(m_useHostButton, &QPushButton::clicked, this, [this]() {
        if (!m_explanation.host.isEmpty())
            emit useHostRequested(m_explanation.host);
    });
    showExplanation();
}

void SymptomPanel::setText(const QString &text)
{
    m_text->setPlainText(text);
    explain();
}

void SymptomPanel::explain()
{
    m_debounce->stop();
    const QString text = m_text->toPlainText();
    if (text != m_explainedText)
        m_fixResult.clear();  // it was about another error
    m_explainedText = text;
    m_explanation = m_catalog ? m_catalog->explain(text) : Explanation{};
    if (m_explanation.host.isEmpty())
        m_explanation.host = extractHost(text);
    showExplanation();
}

void SymptomPanel::setAppliedFixes(const QHash<QString, QString> &applied)
{
    if (applied == m_appliedFixes)
        return;
    m_appliedFixes = applied;
    showExplanation();
}

void SymptomPanel::setProbeHost(const QString &host)
{
    if (host == m_probeHost)
        return;
    m_probeHost = host;
    showExplanation();
}

void SymptomPanel::showFixResult(const QString &text, Tone tone)
{
    m_fixResult = text;
    m_fixResultTone = tone;
    showExplanation();
}

void SymptomPanel::showFixRow(bool matched)
{
    const QString fixId = matched ? m_explanation.matches.first().symptom.fixId : QString();
    const QString applied = m_appliedFixes.value(fixId);
    const bool done = !fixId.isEmpty() && !applied.isEmpty();
    m_fixButton->setVisible(!fixId.isEmpty() && !done);
    // What the last click came to wins; else, for a fix already in the file, that it is.
    const QString status = !m_fixResult.isEmpty() ? m_fixResult : (done ? applied : QString());
    m_fixStatus->setText(status);
    setTone(m_fixStatus, !m_fixResult.isEmpty() ? m_fixResultTone : Tone::Good);
    m_fixStatus->setVisible(matched && !status.isEmpty());
}

void SymptomPanel::showHostOffer(bool empty)
{
    const QString &host = m_explanation.host;
    const bool offer = !empty && !host.isEmpty() && host != m_probeHost;
    m_host->setVisible(!empty && !host.isEmpty());
    m_useHostButton->setVisible(offer);
    m_host->setText(offer ? tr("The error names %1. Use it as the DNS probe's host?").arg(host)
                          : tr("The error names %1, the DNS probe's host.").arg(host));
}

void SymptomPanel::showExplanation()
{
    const bool empty = m_text->toPlainText().trimmed().isEmpty();
    const bool matched = !m_explanation.matches.isEmpty();
    m_explanationLabel->setVisible(matched);
    m_fix->setVisible(matched);
    m_others->setVisible(matched && m_explanation.matches.size() > 1);
    showHostOffer(empty);
    showFixRow(matched);

    if (!m_catalogError.isEmpty()) {
        setIcon(m_causeIcon, QStringLiteral("error"));
        m_cause->setText(tr("The symptom catalog could not be read: %1").arg(m_catalogError));
        setTone(m_cause, Tone::Bad);
        syncHeadline(m_causeIcon, m_cause);
        return;
    }
    if (empty) {
        setIcon(m_causeIcon, QString());
        m_cause->clear();
        syncHeadline(m_causeIcon, m_cause);
        return;
    }
    if (!matched) {
        setIcon(m_causeIcon, QStringLiteral("info"));
        m_cause->setText(tr("No known cause for this text. Probe DNS, or check Codex's own log."));
        setTone(m_cause, Tone::Neutral);
        syncHeadline(m_causeIcon, m_cause);
        return;
    }
    const Symptom &symptom = m_explanation.matches.first().symptom;
    setIcon(m_causeIcon, QStringLiteral("warning"));
    m_cause->setText(symptom.cause);
    setTone(m_cause, Tone::Caution);
    m_explanationLabel->setText(symptom.explanation);
    m_fix->setText(symptom.fix.isEmpty() ? QString() : tr("What to do: %1").arg(symptom.fix));
    QStringList others;
    for (int i = 1; i < m_explanation.matches.size(); ++i)
        others << m_explanation.matches.at(i).symptom.cause;
    m_others->setText(tr("Also possible: %1").arg(others.join(QLatin1String("; "))));
    syncHeadline(m_causeIcon, m_cause);
}

void SymptomPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        retone(this);
        showExplanation();
    }
}

} // namespace SandboxDoctor::Ui
