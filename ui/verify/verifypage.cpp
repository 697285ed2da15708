#include "verifypage.h"

#include "doctorpanel.h"
#include "policytext.h"
#include "icons.h"
#include "panelwidgets.h"
#include "probepanel.h"
#include "report/diagnosis.h"
#include "session.h"
#include "symptompanel.h"
#include "tone.h"
#include "verify/verifyinput.h"
#include "widgets/messagebar.h"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QScrollArea>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace SandboxDoctor::Ui {

namespace {

const QString ApplyManagedBlockFix = QStringLiteral("apply-managed-block");

Error notReady(const QString &message, const QString &hint)
{
    Error error;
    error.kind = Error::Kind::NotFound;
    error.message = message;
    error.hint = hint;
    return error;
}

} // namespace

QString defaultProbeProgram()
{
    const QString name = QStringLiteral("codex-sandbox-doctor-cli");
    const QString appDir = QCoreApplication::applicationDirPath();
    const QString found = QStandardPaths::findExecutable(name, {appDir, appDir + QLatin1String("/../cli")});
    return found.isEmpty() ? name : QDir::cleanPath(found);
}

VerifyPage::VerifyPage(Session *session, QWidget *parent) : VerifyPage(session, nullptr, parent) {}

VerifyPage::VerifyPage(Session *session, QAction *applyAction, QWidget *parent)
    : Page(session, parent), m_applyAction(applyAction), m_probeProgram(defaultProbeProgram())
{
    setObjectName(QStringLiteral("page_verify"));

    m_context = mutedLabel(this, QStringLiteral("verifyContextLabel"));
    m_context->setWordWrap(true);
    m_messages = new MessageBar(this);
    m_messages->setObjectName(QStringLiteral("verifyMessageBar"));
    m_doctor = new DoctorPanel(this);
    m_probe = new ProbePanel(this);
    m_symptoms = new SymptomPanel(this);
    // The page remembers what each check asked about, to say later whether its answer still holds.
    m_doctor->setRequestProvider([this](bool proposed) {
        Expected<VerifyRequest> request = doctorRequest(proposed);
        m_doctorAsked = request ? basisFor(request->codex.program, request->configBytes, request->configExists,
                                           request->proposed, request->policy)
                                : std::nullopt;
        if (!request)
            m_doctorShown.reset();  // the panel shows the error now
        return request;
    });
    m_probe->setRequestProvider([this](const QString &host) {
        Expected<SandboxProbeRequest> request = probeRequest(host);
        m_probeAsked = request ? basisFor(request->codex.program, request->configBytes, request->configExists, false,
                                          this->session()->diagnosis()->policy)
                               : std::nullopt;
        if (!request)
            m_probeShown.reset();
        return request;
    });

    auto *content = new QWidget;
    content->setObjectName(QStringLiteral("verifyContent"));
    auto *column = new QVBoxLayout(content);
    column->setContentsMargins(20, 16, 20, 16);
    column->setSpacing(12);
    column->addWidget(m_context);
    column->addWidget(m_messages);
    column->addWidget(m_doctor);
    column->addWidget(m_probe);
    column->addWidget(m_symptoms);
    column->addStretch(1);

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("verifyScroll"));
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setFocusPolicy(Qt::NoFocus);
    content->setAutoFillBackground(false);
    scroll->viewport()->setAutoFillBackground(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    // The probe's host changes only when the user takes the error's host.
    connect(m_symptoms, &SymptomPanel::useHostRequested, m_probe, &ProbePanel::setHost);
    connect(m_probe, &ProbePanel::hostChanged, m_symptoms, &SymptomPanel::setProbeHost);
    m_symptoms->setProbeHost(m_probe->host());
    connect(m_symptoms, &SymptomPanel::fixRequested, this, &VerifyPage::onFixRequested);
    connect(m_doctor, &DoctorPanel::finished, this, [this](const VerifyResult &result) {
        // A check that could not ask Codex says nothing about the config.
        m_doctorShown = result.outcome == VerifyResult::Outcome::Failed ? std::nullopt : m_doctorAsked;
        m_doctorNotice.clear();
        updateCurrency();
    });
    connect(m_probe, &ProbePanel::finished, this, [this]() {
        m_probeShown = m_probeAsked;
        m_probeNotice.clear();
        updateCurrency();
    });
    if (session) {
        // Apply, Undo, an edit elsewhere and Refresh all end in a new analysis.
        connect(session, &Session::diagnosisChanged, this, &VerifyPage::updateCurrency);
        connect(session, &Session::diagnosisChanged, this, &VerifyPage::updateContext);
        connect(session, &Session::activityChanged, this, &VerifyPage::updateContext);
        connect(session, &Session::diagnosisChanged, this, &VerifyPage::updateAppliedFixes);
        connect(session, &Session::applied, this, &VerifyPage::onApplied);
        connect(session, &Session::actionFailed, this,
                [this](const Error &error, bool) { onApplyFailed(error); });
    }
    updateContext();
    updateAppliedFixes();
}

QIcon VerifyPage::icon() const
{
    return Icons::icon(QStringLiteral("verify"));
}

QString VerifyPage::unavailableReason() const
{
    if (!session() || !session()->diagnosis())
        return tr("Waiting for the analysis of CODEX_HOME…");
    const Diagnosis &diagnosis = *session()->diagnosis();
    const auto &chosen = diagnosis.codex.chosen;
    if (!chosen || chosen->path.isEmpty() || (chosen->error && chosen->error->kind == Error::Kind::NotFound)) {
        QString reason = tr("No Codex CLI was found, so there is no judge to ask. Install Codex, or choose its "
                            "executable in Settings.");
        if (chosen && chosen->error)
            reason += QLatin1Char('\n') + chosen->error->toText();
        return reason;
    }
    if (!diagnosis.config)
        return tr("config.toml cannot be read: %1").arg(diagnosis.config.error().toText());
    return {};
}

void VerifyPage::updateContext()
{
    const QString reason = unavailableReason();
    m_doctor->setUnavailableReason(reason);
    m_probe->setUnavailableReason(reason);
    if (!session() || !session()->diagnosis()) {
        m_context->setText(tr("Checks what the chosen Codex itself makes of the config."));
        return;
    }
    const Diagnosis &diagnosis = *session()->diagnosis();
    const QString codex = diagnosis.codex.chosen && !diagnosis.codex.chosen->path.isEmpty()
                              ? tr("Codex %1 at %2")
                                    .arg(diagnosis.codexVersion ? diagnosis.codexVersion->toString() : tr("(version unknown)"),
                                         QDir::toNativeSeparators(diagnosis.codex.chosen->path))
                              : tr("no Codex found");
    m_context->setText(tr("%1 · %2 · chosen policy: %3")
                           .arg(codex, QDir::toNativeSeparators(diagnosis.codexHome + QLatin1String("/config.toml")),
                                policySummary(diagnosis.policy)));
}

std::optional<CheckBasis> VerifyPage::basisFor(const QString &program, const QByteArray &bytes, bool exists,
                                               bool proposed, const SandboxPolicy &policy) const
{
    if (!session() || !session()->diagnosis())
        return std::nullopt;
    CheckBasis basis;
    basis.codexHome = session()->diagnosis()->codexHome;
    basis.codexProgram = program;
    basis.configBytes = bytes;
    basis.configExists = exists;
    basis.proposed = proposed;
    basis.policy = policy;
    return basis;
}

namespace {

// Why a result no longer holds and what to do, for the doctor check or the probe.
QString staleText(CheckCurrency currency, const Diagnosis &now, bool probe)
{
    QString why;
    switch (currency) {
    case CheckCurrency::Current:
    case CheckCurrency::NowOnDisk: return {};
    case CheckCurrency::HomeChanged:
        why = probe ? VerifyPage::tr("This probe was about another CODEX_HOME")
                    : VerifyPage::tr("This check was about another CODEX_HOME");
        break;
    case CheckCurrency::CodexChanged:
        why = probe ? VerifyPage::tr("Another Codex is chosen since this probe")
                    : VerifyPage::tr("Another Codex is chosen since this check");
        break;
    case CheckCurrency::PolicyChanged:
        why = (probe ? VerifyPage::tr("The chosen policy changed since this probe (now %1)")
                     : VerifyPage::tr("The chosen policy changed since this check (now %1)"))
                  .arg(policySummary(now.policy));
        break;
    case CheckCurrency::ConfigChanged:
        why = probe ? VerifyPage::tr("config.toml changed since this probe")
                    : VerifyPage::tr("config.toml changed since this check");
        break;
    case CheckCurrency::ProposalChanged:
        why = VerifyPage::tr("config.toml changed since this check and Apply would now write something else");
        break;
    case CheckCurrency::ConfigUnreadable:
        why = probe ? VerifyPage::tr("config.toml changed since this probe and can no longer be read")
                    : VerifyPage::tr("config.toml changed since this check and can no longer be read");
        break;
    }
    return probe ? VerifyPage::tr("%1, so the results below are out of date.").arg(why)
                 : VerifyPage::tr("%1, so the verdict below is out of date.").arg(why);
}

} // namespace

void VerifyPage::updateCurrency()
{
    if (!session() || !session()->diagnosis())
        return;  // judged again once the new analysis is in
    const Diagnosis &now = *session()->diagnosis();
    const QString program = now.codex.chosen ? now.codex.chosen->program() : QString();

    // The notice is put up again only when it says something new, so one
    // the user dismissed is not forced back by every re-analysis.
    auto show = [](MessageBar *notice, QString &shown, MessageBar::Kind kind, const QString &text,
                   const QString &actionText, std::function<void()> action) {
        if (text == shown)
            return;
        shown = text;
        if (text.isEmpty())
            notice->dismiss();
        else
            notice->showMessage(kind, text, actionText, std::move(action));
    };

    if (m_doctor->isRunning() || !m_doctorShown) {
        show(m_doctor->notice(), m_doctorNotice, MessageBar::Kind::Info, {}, {}, {});
    } else {
        const CheckCurrency currency = judgeCheck(*m_doctorShown, now, program);
        if (currency == CheckCurrency::NowOnDisk) {
            show(m_doctor->notice(), m_doctorNotice, MessageBar::Kind::Info,
                 tr("config.toml now holds exactly the proposed config this check was about, so the verdict below "
                    "describes the file on disk."),
                 {}, {});
        } else {
            const bool proposed = m_doctorShown->proposed;
            show(m_doctor->notice(), m_doctorNotice, MessageBar::Kind::Warning, staleText(currency, now, false),
                 tr("Chec&k again"), [this, proposed]() { m_doctor->check(proposed); });
        }
    }

    if (m_probe->isRunning() || !m_probeShown) {
        show(m_probe->notice(), m_probeNotice, MessageBar::Kind::Info, {}, {}, {});
    } else {
        show(m_probe->notice(), m_probeNotice, MessageBar::Kind::Warning,
             staleText(judgeCheck(*m_probeShown, now, program), now, true), tr("Probe a&gain"),
             [this]() { m_probe->probe(); });
    }
}

Expected<CodexCommand> VerifyPage::codexCommand() const
{
    const QString reason = unavailableReason();
    if (!reason.isEmpty())
        return notReady(reason, tr("Refresh once Codex and config.toml are in place."));
    const CodexInstall &codex = *session()->diagnosis()->codex.chosen;
    CodexCommand command;
    command.program = codex.program();
    command.environment = session()->options().detect.environment;
    return command;
}

Expected<VerifyRequest> VerifyPage::doctorRequest(bool proposed) const
{
    Expected<CodexCommand> command = codexCommand();
    if (!command)
        return command.error();
    const Diagnosis &diagnosis = *session()->diagnosis();
    const Expected<VerifyInput> input = verifyInputFor(*diagnosis.config, diagnosis.policy, proposed);
    if (!input)
        return input.error();
    VerifyRequest request;
    request.codex = *command;
    request.codex.wrapper = m_doctorWrapper;
    request.configBytes = input->bytes;
    request.configExists = input->exists;
    request.proposed = proposed;
    request.policy = diagnosis.policy;
    request.scratchBase = m_scratchBase;
    return request;
}

Expected<SandboxProbeRequest> VerifyPage::probeRequest(const QString &host) const
{
    Expected<CodexCommand> command = codexCommand();
    if (!command)
        return command.error();
    const Diagnosis &diagnosis = *session()->diagnosis();
    SandboxProbeRequest request;
    request.codex = *command;
    request.probeProgram = m_probeProgram;
    request.host = host;
    request.configBytes = diagnosis.config->bytes;
    request.configExists = diagnosis.config->exists;
    // The sandbox config.toml gives the agent, which may not be the policy's.
    request.settings = probeSettingsFor(request.configBytes, request.configExists, diagnosis.codexVersion);
    request.platform = hostPlatform();  // the sandbox that runs is this machine's
    request.scratchBase = m_scratchBase;
    return request;
}

void VerifyPage::updateAppliedFixes()
{
    QHash<QString, QString> applied;
    const std::optional<Diagnosis> *diagnosis = session() ? &session()->diagnosis() : nullptr;
    if (diagnosis && *diagnosis && (*diagnosis)->config && (*diagnosis)->proposal && !(*diagnosis)->proposal->changed) {
        applied.insert(ApplyManagedBlockFix,
                       tr("Already applied: config.toml has the managed block for the chosen policy (%1). If the "
                          "error persists, Check current config and Probe DNS above show what Codex does with it.")
                           .arg(policySummary((*diagnosis)->policy)));
    }
    m_symptoms->setAppliedFixes(applied);
}

void VerifyPage::onFixRequested(const QString &fixId)
{
    emit fixRequested(fixId);
    if (fixId != ApplyManagedBlockFix || !m_applyAction)
        return;
    if (!m_applyAction->isEnabled()) {
        // Offered while the file had a change to make; the app is busy with it now.
        m_symptoms->showFixResult(tr("Not now: the app is still reading or writing config.toml. Try again in a "
                                     "moment."),
                                  Tone::Caution);
        return;
    }
    m_fixPending = true;
    m_applyAction->trigger();  // the window asks first, with the diff; Apply then runs in the background
    if (session() && session()->activity() == Session::Activity::Applying) {
        m_symptoms->showFixResult(tr("Applying…"), Tone::Neutral);
        return;
    }
    m_fixPending = false;
    m_symptoms->showFixResult(tr("Not applied: the change was not confirmed, so config.toml is as it was."),
                              Tone::Caution);
}

void VerifyPage::onApplied(const ApplyResult &result)
{
    if (!std::exchange(m_fixPending, false))
        return;
    if (!result.written) {
        m_symptoms->showFixResult(tr("Nothing was written: config.toml already had the managed block."), Tone::Good);
        return;
    }
    const QString backup = result.backupPath.isEmpty()
                               ? tr("there was no file before")
                               : tr("the old file is kept as %1, and Undo puts it back")
                                     .arg(QFileInfo(result.backupPath).fileName());
    m_symptoms->showFixResult(tr("Applied: config.toml now has the managed block (%1). Check current config above "
                                 "to see what Codex makes of it.")
                                  .arg(backup),
                              Tone::Good);
}

void VerifyPage::onApplyFailed(const Error &error)
{
    if (!std::exchange(m_fixPending, false))
        return;
    m_symptoms->showFixResult(tr("Not applied: %1").arg(error.message), Tone::Bad);
}

} // namespace SandboxDoctor::Ui
