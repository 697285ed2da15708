#include "probepanel.h"

#include "panelwidgets.h"
#include "tone.h"
#include "widgets/card.h"
#include "widgets/messagebar.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace SandboxDoctor::Ui {

namespace {

const QString DefaultHost = QStringLiteral("api.openai.com");

QString resolvesText(const DnsProbeResult &result)
{
    switch (result.resolve) {
    case DnsProbeResult::Resolve::Resolved:
        return QObject::tr("yes: %1").arg(result.addresses.join(QLatin1String(", ")));
    case DnsProbeResult::Resolve::NoSuchName: return QObject::tr("no: no such name");
    case DnsProbeResult::Resolve::TemporaryFailure: return QObject::tr("no: resolver unreachable");
    case DnsProbeResult::Resolve::SystemError: return QObject::tr("no: blocked in a system call");
    case DnsProbeResult::Resolve::OtherError: return QObject::tr("no: lookup failed");
    case DnsProbeResult::Resolve::NotRun: return QObject::tr("not looked up");
    }
    return {};
}

QString socketText(const DnsProbeResult &result)
{
    switch (result.connect) {
    case DnsProbeResult::Connect::Connected: return QObject::tr("yes: connected to %1").arg(result.connectTarget);
    case DnsProbeResult::Connect::SocketDenied: return QObject::tr("no: socket() denied (%1)").arg(result.connectMessage);
    case DnsProbeResult::Connect::ConnectFailed:
        return QObject::tr("opened, but the connection failed (%1)").arg(result.connectMessage);
    case DnsProbeResult::Connect::NotTried: return QObject::tr("not tried");
    }
    return {};
}

QString headlineText(const SandboxProbeReport &report)
{
    switch (report.verdict) {
    case ProbeVerdict::MacosDnsBug: return QObject::tr("Resolves outside, blocked inside: the macOS sandbox bug");
    case ProbeVerdict::SandboxBlocksNetwork:
        return QObject::tr("Resolves on both sides, but the sandbox blocks sockets: its network is off");
    case ProbeVerdict::SameBothSides: return QObject::tr("Same inside as outside: the sandbox lets the network through");
    case ProbeVerdict::Offline: return QObject::tr("Does not resolve even outside the sandbox: offline or unknown name");
    case ProbeVerdict::NoSandbox:
        return QObject::tr("No sandbox to probe: with danger-full-access Codex runs commands unsandboxed");
    case ProbeVerdict::Inconclusive: return QObject::tr("The probe could not finish");
    }
    return {};
}

} // namespace

ProbePanel::ProbePanel(QWidget *parent)
    : QWidget(parent), m_runner(new SandboxProbeRunner(this)), m_card(new Card(tr("DNS inside Codex's sandbox"), this))
{
    setObjectName(QStringLiteral("probePanel"));
    qRegisterMetaType<SandboxDoctor::SandboxProbeReport>();

    auto *intro = mutedLabel(m_card, QStringLiteral("probeIntro"));
    intro->setText(tr("Looks the host up and opens a loopback socket, once as this app and once inside Codex's "
                      "sandbox with the sandbox settings of the config. Only the name lookup leaves this machine."));
    auto *hostLabel = new QLabel(tr("H&ost:"), m_card);
    m_hostEdit = new QLineEdit(DefaultHost, m_card);
    m_hostEdit->setObjectName(QStringLiteral("probeHostEdit"));
    m_hostEdit->setAccessibleName(tr("Host to probe"));
    m_hostEdit->setClearButtonEnabled(true);
    hostLabel->setBuddy(m_hostEdit);
    setInset(m_hostEdit);
    m_probeButton = panelButton(m_card, QStringLiteral("verify"), tr("Probe &DNS"), QStringLiteral("probeButton"),
                                tr("Probe DNS outside and inside the sandbox"),
                                tr("Resolve the host outside and inside Codex's sandbox"));
    m_cancelButton = panelButton(m_card, QString(), tr("Cancel"), QStringLiteral("probeCancelButton"),
                                 tr("Cancel the probe"), tr("Stop the probe"));
    m_cancelButton->hide();
    m_busy = busyBar(m_card, QStringLiteral("probeBusy"), tr("Probing"));
    m_busyLabel = mutedLabel(m_card, QStringLiteral("probeBusyLabel"));
    auto *hostRow = new QHBoxLayout;
    hostRow->setSpacing(8);
    hostRow->addWidget(hostLabel);
    hostRow->addWidget(m_hostEdit, 1);
    hostRow->addWidget(m_probeButton);
    auto *busyRow = new QHBoxLayout;
    busyRow->addWidget(m_busy);
    busyRow->addWidget(m_busyLabel, 1);
    busyRow->addWidget(m_cancelButton);

    m_notice = new MessageBar(m_card);
    m_notice->setObjectName(QStringLiteral("probeNotice"));
    m_notice->setAccessibleName(tr("About this probe"));

    m_headlineIcon = iconLabel(m_card);
    m_headline = headlineLabel(m_card, QStringLiteral("probeHeadlineLabel"));
    m_headline->setAccessibleName(tr("Probe verdict"));
    auto *headlineRow = new QHBoxLayout;
    headlineRow->setSpacing(8);
    headlineRow->addWidget(m_headlineIcon, 0, Qt::AlignTop);
    headlineRow->addWidget(m_headline, 1);
    m_summary = valueLabel(m_card, QStringLiteral("probeSummaryLabel"), tr("Probe summary"));
    m_settings = valueLabel(m_card, QStringLiteral("probeSettingsLabel"), tr("Sandbox settings of the inside run"));
    m_denials = valueLabel(m_card, QStringLiteral("probeDenialsLabel"), tr("Sandbox denials"));

    m_grid = new QWidget(m_card);
    auto *grid = new QGridLayout(m_grid);
    grid->setContentsMargins(0, 4, 0, 0);
    grid->setHorizontalSpacing(18);
    grid->setVerticalSpacing(6);
    m_outside = makeColumn(tr("outside"));
    m_inside = makeColumn(tr("inside"));
    auto header = [this](const QString &text) {
        auto *label = new QLabel(text, m_grid);
        QFont font = label->font();
        font.setBold(true);
        label->setFont(font);
        return label;
    };
    auto rowName = [this](const QString &text) {
        auto *label = new QLabel(text, m_grid);
        label->setForegroundRole(QPalette::PlaceholderText);
        return label;
    };
    grid->addWidget(header(tr("Outside the sandbox")), 0, 1);
    grid->addWidget(header(tr("Inside Codex's sandbox")), 0, 2);
    grid->addWidget(rowName(tr("Resolves?")), 1, 0, Qt::AlignTop);
    grid->addWidget(m_outside.resolves, 1, 1, Qt::AlignTop);
    grid->addWidget(m_inside.resolves, 1, 2, Qt::AlignTop);
    grid->addWidget(rowName(tr("Socket allowed?")), 2, 0, Qt::AlignTop);
    grid->addWidget(m_outside.socket, 2, 1, Qt::AlignTop);
    grid->addWidget(m_inside.socket, 2, 2, Qt::AlignTop);
    grid->addWidget(rowName(tr("Resolver error")), 3, 0, Qt::AlignTop);
    grid->addWidget(m_outside.error, 3, 1, Qt::AlignTop);
    grid->addWidget(m_inside.error, 3, 2, Qt::AlignTop);
    grid->addWidget(rowName(tr("Command")), 4, 0, Qt::AlignTop);
    grid->addWidget(m_outside.command, 4, 1, Qt::AlignTop);
    grid->addWidget(m_inside.command, 4, 2, Qt::AlignTop);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(2, 1);
    m_grid->hide();

    m_card->body()->addWidget(intro);
    m_card->body()->addLayout(hostRow);
    m_card->body()->addLayout(busyRow);
    m_card->body()->addWidget(m_notice);
    m_card->body()->addLayout(headlineRow);
    m_card->body()->addWidget(m_summary);
    m_card->body()->addWidget(m_settings);
    m_card->body()->addWidget(m_grid);
    m_card->body()->addWidget(m_denials);
    m_summary->hide();
    m_settings->hide();
    m_denials->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_card);

    connect(m_probeButton, &QPushButton::clicked, this, &ProbePanel::probe);
    connect(m_hostEdit, &QLineEdit::returnPressed, this, &ProbePanel::probe);
    connect(m_hostEdit, &QLineEdit::textChanged, this, [this]() { emit hostChanged(host()); });
    connect(m_cancelButton, &QPushButton::clicked, this, &ProbePanel::cancel);
    connect(m_runner, &SandboxProbeRunner::progress, this, [this](const QString &step) {
        m_busyLabel->setText(tr("Probing: %1…").arg(step));
    });
    connect(m_runner, &SandboxProbeRunner::finished, this, [this](const SandboxProbeReport &report) {
        setRunning(false);
        m_reportTime = QDateTime::currentDateTimeUtc();
        showReport(report);
        emit finished(report);
    });
    setRunning(false);
    syncHeadline(m_headlineIcon, m_headline);
}

ProbePanel::~ProbePanel()
{
    m_runner->cancel();
}

ProbePanel::Column ProbePanel::makeColumn(const QString &side)
{
    Column column;
    column.resolves = valueLabel(m_grid, QStringLiteral("probe_%1_resolves").arg(side), tr("Resolves %1").arg(side));
    column.socket = valueLabel(m_grid, QStringLiteral("probe_%1_socket").arg(side), tr("Socket allowed %1").arg(side));
    column.error = valueLabel(m_grid, QStringLiteral("probe_%1_error").arg(side), tr("Resolver error %1").arg(side));
    column.command = mutedLabel(m_grid, QStringLiteral("probe_%1_command").arg(side));
    column.command->setAccessibleName(tr("Command run %1").arg(side));
    QFont mono = column.command->font();
    mono.setFamily(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    mono.setPointSizeF(mono.pointSizeF() * 0.9);
    column.command->setFont(mono);
    return column;
}

void ProbePanel::setUnavailableReason(const QString &reason)
{
    m_unavailable = reason;
    setRunning(isRunning());
    if (!m_report && !isRunning()) {
        setIcon(m_headlineIcon, reason.isEmpty() ? QString() : QStringLiteral("info"));
        m_headline->setText(reason);
        setTone(m_headline, Tone::Neutral);
    }
    syncHeadline(m_headlineIcon, m_headline);
}

QString ProbePanel::host() const
{
    return m_hostEdit->text().trimmed();
}

void ProbePanel::setHost(const QString &host)
{
    m_hostEdit->setText(host);
}

void ProbePanel::probe()
{
    if (isRunning() || !m_provider || !m_unavailable.isEmpty())
        return;
    if (host().isEmpty())
        setHost(DefaultHost);
    m_notice->dismiss();  // whatever it said was about the report this probe replaces
    const Expected<SandboxProbeRequest> request = m_provider(host());
    if (!request) {
        m_settings->hide();
        m_denials->hide();
        setIcon(m_headlineIcon, QStringLiteral("error"));
        m_headline->setText(tr("Could not start the probe"));
        setTone(m_headline, Tone::Bad);
        m_summary->setText(request.error().toText());
        m_summary->show();
        m_grid->hide();
        syncHeadline(m_headlineIcon, m_headline);
        return;
    }
    setRunning(true);
    m_runner->start(*request);
}

void ProbePanel::cancel()
{
    m_runner->cancel();
}

bool ProbePanel::isRunning() const
{
    return m_runner->isRunning();
}

void ProbePanel::setRunning(bool running)
{
    const bool ready = m_unavailable.isEmpty();
    m_probeButton->setEnabled(!running && ready);
    m_hostEdit->setEnabled(!running);
    m_cancelButton->setVisible(running);
    m_busy->setVisible(running);
    m_busyLabel->setVisible(running);
    if (running)
        m_busyLabel->setText(tr("Probing %1…").arg(host()));
}

void ProbePanel::showRun(const Column &column, const ProbeRun &run)
{
    column.command->setText(run.commandLine.join(QLatin1Char(' ')));
    column.command->setToolTip(run.stderrText);
    if (!run.ran) {
        const QString why = run.error ? run.error->toText() : tr("the probe printed no result");
        column.resolves->setText(tr("not run"));
        setTone(column.resolves, Tone::Caution);
        column.socket->setText(tr("not run"));
        setTone(column.socket, Tone::Caution);
        column.error->setText(why);
        setTone(column.error, Tone::Bad);
        return;
    }
    const DnsProbeResult &result = run.result;
    const bool resolved = result.resolve == DnsProbeResult::Resolve::Resolved;
    column.resolves->setText(resolvesText(result));
    setTone(column.resolves, resolved ? Tone::Good : Tone::Bad);
    column.socket->setText(socketText(result));
    setTone(column.socket, result.connect == DnsProbeResult::Connect::Connected
                               ? Tone::Good
                               : (result.connect == DnsProbeResult::Connect::NotTried ? Tone::Neutral : Tone::Bad));
    column.error->setText(resolved ? tr("none") : (result.resolveMessage.isEmpty() ? resolveName(result.resolve)
                                                                                    : result.resolveMessage));
    setTone(column.error, Tone::Neutral);
}

void ProbePanel::showNoSandbox(const Column &column)
{
    column.command->clear();
    column.command->setToolTip(QString());
    for (QLabel *label : {column.resolves, column.socket}) {
        label->setText(tr("no sandbox: not run"));
        setTone(label, Tone::Neutral);
    }
    column.error->setText(tr("none"));
    setTone(column.error, Tone::Neutral);
}

void ProbePanel::showReport(const SandboxProbeReport &report)
{
    m_report = report;
    m_headline->setText(headlineText(report));
    switch (report.verdict) {
    case ProbeVerdict::MacosDnsBug:
    case ProbeVerdict::SandboxBlocksNetwork:
        setIcon(m_headlineIcon, QStringLiteral("error"));
        setTone(m_headline, Tone::Bad);
        break;
    case ProbeVerdict::SameBothSides:
        setIcon(m_headlineIcon, QStringLiteral("ok"));
        setTone(m_headline, Tone::Good);
        break;
    case ProbeVerdict::NoSandbox:
        setIcon(m_headlineIcon, QStringLiteral("info"));
        setTone(m_headline, Tone::Neutral);
        break;
    case ProbeVerdict::Offline:
    case ProbeVerdict::Inconclusive:
        setIcon(m_headlineIcon, QStringLiteral("warning"));
        setTone(m_headline, Tone::Caution);
        break;
    }
    QString summary = report.summary;
    if (!report.style)
        summary += QStringLiteral("\n") + tr("This Codex does not say how to run a command in its sandbox, so only "
                                             "the outside run could be made.");
    m_summary->setText(summary);
    m_summary->setVisible(!summary.trimmed().isEmpty());
    const QString ranWith = report.ranWith.isEmpty() ? report.settings.describe() : report.ranWith;
    m_settings->setText(tr("Inside Codex's sandbox, with: %1").arg(ranWith));
    m_settings->show();
    showRun(m_outside, report.outside);
    if (report.verdict == ProbeVerdict::NoSandbox)
        showNoSandbox(m_inside);
    else
        showRun(m_inside, report.inside);
    m_denials->setVisible(report.logDenials);
    m_denials->setText(report.denials.isEmpty()
                           ? tr("Sandbox denials Codex logged: none")
                           : tr("Sandbox denials Codex logged:\n%1").arg(report.denials.join(QLatin1Char('\n'))));
    m_grid->show();
    syncHeadline(m_headlineIcon, m_headline);
}

void ProbePanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        retone(this);
        if (m_report)
            showReport(*m_report);
    }
}

} // namespace SandboxDoctor::Ui
