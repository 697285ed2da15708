#include "doctorpanel.h"

#include "panelwidgets.h"
#include "tone.h"
#include "verify/doctorrunner.h"
#include "widgets/card.h"
#include "widgets/messagebar.h"

#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace SandboxDoctor::Ui {

namespace {

QString policyText(const SandboxReport &sandbox)
{
    return QObject::tr("filesystem %1, network %2").arg(sandbox.filesystem, sandbox.network);
}

QString orUnreported(const QString &text)
{
    return text.isEmpty() ? QObject::tr("not reported") : text;
}

// "restricted (the policy expects restricted)"
QString sandboxLine(const QString &reported, const QString &expected)
{
    if (reported.isEmpty())
        return QObject::tr("not reported (the policy expects %1)").arg(expected);
    if (reported == expected)
        return QObject::tr("%1, as the policy expects").arg(reported);
    return QObject::tr("%1, but the policy expects %2").arg(reported, expected);
}

} // namespace

DoctorPanel::DoctorPanel(QWidget *parent)
    : QWidget(parent), m_runner(new DoctorRunner(this)), m_card(new Card(tr("Does Codex accept the config?"), this))
{
    setObjectName(QStringLiteral("doctorPanel"));
    qRegisterMetaType<SandboxDoctor::VerifyResult>();

    auto *intro = mutedLabel(m_card, QStringLiteral("doctorIntro"));
    intro->setText(tr("Runs this Codex's own `codex doctor` on a scratch copy of config.toml (never auth.json, "
                      "never your folder) and compares the sandbox it reports with the chosen policy."));
    m_currentButton = panelButton(m_card, QStringLiteral("verify"), tr("Check c&urrent config"),
                                  QStringLiteral("verifyCurrentButton"), tr("Check the current config with Codex"),
                                  tr("Ask Codex whether it loads config.toml as it is now, and which sandbox it gives"));
    m_proposedButton = panelButton(m_card, QStringLiteral("preview"), tr("Check p&roposed config"),
                                   QStringLiteral("verifyProposedButton"), tr("Check the proposed config with Codex"),
                                   tr("Ask Codex about config.toml as Apply would write it"));
    m_cancelButton = panelButton(m_card, QString(), tr("Cancel"), QStringLiteral("verifyCancelButton"),
                                 tr("Cancel the check"), tr("Stop asking Codex"));
    m_cancelButton->hide();
    m_busy = busyBar(m_card, QStringLiteral("verifyBusy"), tr("Asking Codex"));
    m_busyLabel = mutedLabel(m_card, QStringLiteral("verifyBusyLabel"));
    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(8);
    buttons->addWidget(m_currentButton);
    buttons->addWidget(m_proposedButton);
    buttons->addSpacing(6);
    buttons->addWidget(m_busy);
    buttons->addWidget(m_busyLabel, 1);
    buttons->addWidget(m_cancelButton);

    m_notice = new MessageBar(m_card);
    m_notice->setObjectName(QStringLiteral("verifyNotice"));
    m_notice->setAccessibleName(tr("About this result"));

    m_verdictIcon = iconLabel(m_card);
    m_verdict = headlineLabel(m_card, QStringLiteral("verifyVerdictLabel"));
    m_verdict->setAccessibleName(tr("Verdict"));
    auto *verdictRow = new QHBoxLayout;
    verdictRow->setSpacing(8);
    verdictRow->addWidget(m_verdictIcon, 0, Qt::AlignTop);
    verdictRow->addWidget(m_verdict, 1);

    m_details = new QWidget(m_card);
    m_codex = valueLabel(m_details, QStringLiteral("verifyCodexLabel"), tr("Codex"));
    m_loads = valueLabel(m_details, QStringLiteral("verifyLoadsLabel"), tr("Config loads"));
    m_filesystem = valueLabel(m_details, QStringLiteral("verifyFilesystemLabel"), tr("Filesystem sandbox"));
    m_network = valueLabel(m_details, QStringLiteral("verifyNetworkLabel"), tr("Network sandbox"));
    QFormLayout *form = panelForm();
    form->setContentsMargins(0, 0, 0, 0);
    addFormRow(form, tr("Codex"), m_codex);
    addFormRow(form, tr("Config loads"), m_loads);
    addFormRow(form, tr("Filesystem sandbox"), m_filesystem);
    addFormRow(form, tr("Network sandbox"), m_network);
    m_details->setLayout(form);
    m_details->hide();

    m_note = valueLabel(m_card, QStringLiteral("verifyNoteLabel"), tr("Note"));
    m_note->hide();

    m_card->body()->addWidget(intro);
    m_card->body()->addLayout(buttons);
    m_card->body()->addWidget(m_notice);
    m_card->body()->addLayout(verdictRow);
    m_card->body()->addWidget(m_details);
    m_card->body()->addWidget(m_note);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_card);

    connect(m_currentButton, &QPushButton::clicked, this, [this]() { check(false); });
    connect(m_proposedButton, &QPushButton::clicked, this, [this]() { check(true); });
    connect(m_cancelButton, &QPushButton::clicked, this, &DoctorPanel::cancel);
    connect(m_runner, &DoctorRunner::finished, this, [this](const VerifyResult &result) {
        setRunning(false);
        m_resultTime = QDateTime::currentDateTimeUtc();
        showResult(result);
        emit finished(result);
    });
    setRunning(false);
    syncHeadline(m_verdictIcon, m_verdict);
}

DoctorPanel::~DoctorPanel()
{
    m_runner->cancel();
}

void DoctorPanel::setUnavailableReason(const QString &reason)
{
    m_unavailable = reason;
    setRunning(isRunning());
    if (!reason.isEmpty() && !m_result && !isRunning()) {
        setIcon(m_verdictIcon, QStringLiteral("info"));
        m_verdict->setText(reason);
        setTone(m_verdict, Tone::Neutral);
    } else if (reason.isEmpty() && !m_result && !isRunning()) {
        setIcon(m_verdictIcon, QString());
        m_verdict->clear();
    }
    syncHeadline(m_verdictIcon, m_verdict);
}

void DoctorPanel::check(bool proposed)
{
    if (isRunning() || !m_provider)
        return;
    m_notice->dismiss();  // whatever it said was about the result this check replaces
    const Expected<VerifyRequest> request = m_provider(proposed);
    if (!request) {
        showError(request.error().toText());
        return;
    }
    m_note->hide();
    setRunning(true, proposed);
    m_runner->start(*request);
}

void DoctorPanel::cancel()
{
    m_runner->cancel();
}

bool DoctorPanel::isRunning() const
{
    return m_runner->isRunning();
}

void DoctorPanel::setRunning(bool running, bool proposed)
{
    const bool ready = m_unavailable.isEmpty();
    m_currentButton->setEnabled(!running && ready);
    m_proposedButton->setEnabled(!running && ready);
    m_cancelButton->setVisible(running);
    m_busy->setVisible(running);
    m_busyLabel->setText(running ? (proposed ? tr("Asking Codex about the proposed config…")
                                             : tr("Asking Codex about the current config…"))
                                 : QString());
}

void DoctorPanel::showError(const QString &text)
{
    setIcon(m_verdictIcon, QStringLiteral("error"));
    m_verdict->setText(tr("Could not ask Codex"));
    setTone(m_verdict, Tone::Bad);
    m_details->hide();
    m_note->setText(text);
    m_note->show();
    syncHeadline(m_verdictIcon, m_verdict);
}

void DoctorPanel::showResult(const VerifyResult &result)
{
    m_result = result;
    const QString which = result.proposed ? tr("proposed") : tr("current");
    m_codex->setText(result.codexVersion.isEmpty() ? tr("version not reported") : result.codexVersion);

    if (result.outcome == VerifyResult::Outcome::Failed) {
        showError(result.error ? result.error->toText() : result.note);
        return;
    }
    if (result.outcome == VerifyResult::Outcome::NoDoctor) {
        setIcon(m_verdictIcon, QStringLiteral("info"));
        m_verdict->setText(tr("This Codex has no `doctor` command: below is this app's own analysis instead"));
        setTone(m_verdict, Tone::Neutral);
        m_details->hide();
        QString note = result.note;
        if (result.fallback) {
            note += QStringLiteral("\n\n") + tr("This app's own analysis of the same file: managed block %1.")
                                                  .arg(blockStateName(result.fallback->block));
            if (result.fallback->invalid)
                note += QLatin1Char('\n') + result.fallback->invalid->toText();
            for (const Finding &finding : result.fallback->findings)
                note += QStringLiteral("\n• ") + finding.message;
        }
        m_note->setText(note);
        m_note->show();
        syncHeadline(m_verdictIcon, m_verdict);
        return;
    }

    // Answered.
    m_details->show();
    if (!result.configLoads) {
        m_loads->setText(tr("not reported"));
        setTone(m_loads, Tone::Caution);
    } else if (*result.configLoads) {
        m_loads->setText(tr("yes"));
        setTone(m_loads, Tone::Good);
    } else {
        QString text = tr("no: %1").arg(orUnreported(result.configMessage));
        if (result.configLine > 0) {
            text += result.configColumn > 0 ? tr(" (line %1, column %2)").arg(result.configLine).arg(result.configColumn)
                                            : tr(" (line %1)").arg(result.configLine);
        }
        if (!result.configRemediation.isEmpty())
            text += QLatin1Char('\n') + result.configRemediation;
        m_loads->setText(text);
        setTone(m_loads, Tone::Bad);
    }
    m_filesystem->setText(sandboxLine(result.sandbox.filesystem, result.expected.filesystem));
    setTone(m_filesystem, result.sandbox.filesystem == result.expected.filesystem ? Tone::Neutral : Tone::Bad);
    m_network->setText(sandboxLine(result.sandbox.network, result.expected.network));
    setTone(m_network, result.sandbox.network == result.expected.network ? Tone::Neutral : Tone::Bad);

    if (result.configLoads && !*result.configLoads) {
        setIcon(m_verdictIcon, QStringLiteral("error"));
        m_verdict->setText(tr("Codex does not load the %1 config: it would not start with it").arg(which));
        setTone(m_verdict, Tone::Bad);
    } else if (result.match == PolicyMatch::Matches) {
        setIcon(m_verdictIcon, QStringLiteral("ok"));
        m_verdict->setText(tr("Codex loads the %1 config and gives the sandbox the policy asks for (%2)")
                               .arg(which, policyText(result.expected)));
        setTone(m_verdict, Tone::Good);
    } else if (result.match == PolicyMatch::Differs) {
        setIcon(m_verdictIcon, QStringLiteral("error"));
        m_verdict->setText(tr("Codex gives %1, but the policy asks for %2")
                               .arg(policyText(result.sandbox), policyText(result.expected)));
        setTone(m_verdict, Tone::Bad);
    } else {
        setIcon(m_verdictIcon, QStringLiteral("warning"));
        m_verdict->setText(tr("Codex did not say which sandbox it gives: no verdict"));
        setTone(m_verdict, Tone::Caution);
    }
    const QString note = result.match == PolicyMatch::Matches ? QString() : result.note;
    m_note->setText(result.stderrText.isEmpty() ? note : note + QStringLiteral("\n") + tr("Codex warned: %1").arg(result.stderrText));
    m_note->setVisible(!m_note->text().trimmed().isEmpty());
    syncHeadline(m_verdictIcon, m_verdict);
}

void DoctorPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        retone(this);
        if (m_result)
            showResult(*m_result);  // icons follow the palette too
    }
}

} // namespace SandboxDoctor::Ui
