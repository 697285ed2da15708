#include "verifypage.h"

#include "doctorpanel.h"
#include "policytext.h"
#include "icons.h"
#include "panelwidgets.h"
#include "probepanel.h"
#include "report/diagnosis.h"
#include "session.h"
#include "symptompanel.h"
#include "verify/verifyinput.h"
#include "widgets/messagebar.h"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
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
    m_doctor->setRequestProvider([this](bool proposed) { return doctorRequest(proposed); });
    m_probe->setRequestProvider([this](const QString &host) { return probeRequest(host); });

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

    connect(m_symptoms, &SymptomPanel::hostFound, m_probe, &ProbePanel::setHost);
    connect(m_symptoms, &SymptomPanel::fixRequested, this, &VerifyPage::onFixRequested);
    if (session) {
        connect(session, &Session::diagnosisChanged, this, &VerifyPage::updateContext);
        connect(session, &Session::activityChanged, this, &VerifyPage::updateContext);
    }
    updateContext();
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

Expected<CodexCommand> VerifyPage::codexCommand() const
{
    const QString reason = unavailableReason();
    if (!reason.isEmpty())
        return notReady(reason, tr("Refresh once Codex and config.toml are in place."));
    const CodexInstall &codex = *session()->diagnosis()->codex.chosen;
    CodexCommand command;
    command.program = codex.askedBinary.isEmpty() ? codex.path : codex.askedBinary;
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
    request.policy = diagnosis.policy;
    request.platform = hostPlatform();  // the sandbox that runs is this machine's
    request.scratchBase = m_scratchBase;
    return request;
}

void VerifyPage::onFixRequested(const QString &fixId)
{
    emit fixRequested(fixId);
    if (fixId != ApplyManagedBlockFix || !m_applyAction)
        return;
    if (m_applyAction->isEnabled()) {
        m_applyAction->trigger();  // the window asks first and shows the diff
        return;
    }
    m_messages->showMessage(MessageBar::Kind::Info,
                            tr("Nothing to apply: config.toml already has the managed block for this policy. "
                               "Check the current config with Codex, or probe DNS, to see what still fails."));
}

} // namespace SandboxDoctor::Ui
