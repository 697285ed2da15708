#include "overviewpage.h"

#include "findingsmodel.h"
#include "common/policycost.h"
#include "guitext.h"
#include "icons.h"
#include "overview/restorecard.h"
#include "overview/sandboxverdict.h"
#include "overview/wrappingdelegate.h"
#include "report/statusreport.h"
#include "session.h"
#include "verify/tone.h"
#include "widgets/card.h"
#include "widgets/elidedlabel.h"
#include "widgets/textlabel.h"

#include <QDir>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTreeView>
#include <QVBoxLayout>

namespace SandboxDoctor::Ui {

namespace {

TextLabel *valueLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new TextLabel(parent);
    label->setObjectName(objectName);
    return label;
}

// Name/value rows. A grid rather than QFormLayout: it gives word-wrapped
// values the height they need.
QGridLayout *formIn(Card *card)
{
    auto *form = new QGridLayout;
    form->setHorizontalSpacing(14);
    form->setVerticalSpacing(6);
    form->setColumnStretch(1, 1);
    card->body()->addLayout(form);
    return form;
}

void addRow(QGridLayout *form, const QString &name, QWidget *field)
{
    auto *label = new QLabel(name, field->parentWidget());
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setBuddy(field);
    field->setAccessibleName(QString(name).remove(QLatin1Char('&')));
    const int row = form->rowCount();
    form->addWidget(label, row, 0, Qt::AlignLeft | Qt::AlignTop);
    form->addWidget(field, row, 1);
}

// A card's verdict: its badge, and the same as a property ("ok", "warning",
// "error") that tests and accessibility tools read without comparing pixmaps.
enum class CardState { Ok, Warning, Error };

void setCardState(Card *card, CardState state)
{
    switch (state) {
    case CardState::Ok:
        card->setBadge(Icons::ok());
        card->setProperty("cardState", QStringLiteral("ok"));
        break;
    case CardState::Warning:
        card->setBadge(Icons::severity(Severity::Warning));
        card->setProperty("cardState", QStringLiteral("warning"));
        break;
    case CardState::Error:
        card->setBadge(Icons::severity(Severity::Error));
        card->setProperty("cardState", QStringLiteral("error"));
        break;
    }
}

const Finding *findingWithCode(const QList<Finding> &findings, QLatin1String code)
{
    for (const Finding &finding : findings) {
        if (finding.code == code)
            return &finding;
    }
    return nullptr;
}

QString sourceText(CodexSource source)
{
    switch (source) {
    case CodexSource::Explicit: return QObject::tr("chosen in Settings or on the command line");
    case CodexSource::Path: return QObject::tr("found on PATH");
    case CodexSource::LoginShell: return QObject::tr("found by the login shell");
    case CodexSource::KnownLocation: return QObject::tr("found in a known install location");
    case CodexSource::AppBundle: return QObject::tr("bundled with the Codex desktop app");
    case CodexSource::NpmPackage: return QObject::tr("native binary of the npm package");
    }
    return codexSourceName(source);
}

QString versionText(const CodexInstall &install)
{
    if (install.version)
        return install.version->toString();
    if (install.error)
        return install.error->message;
    return QObject::tr("unknown");
}

QString blockStateText(BlockState state, const QList<Finding> &findings)
{
    switch (state) {
    case BlockState::Current: return QObject::tr("current — the managed block matches the policy");
    case BlockState::Stale:
        return blockStaleOnlyElsewhere(findings)
                   ? QObject::tr("stale — the block asks for the policy, but Apply still changes another line")
                   : QObject::tr("stale — the managed block asks for another sandbox");
    case BlockState::Absent: return QObject::tr("absent — no managed block yet");
    case BlockState::Damaged: return QObject::tr("damaged — the block's markers are broken");
    case BlockState::Misplaced: return QObject::tr("misplaced — the block is not at the top of the file");
    }
    return blockStateName(state);
}

} // namespace

OverviewPage::OverviewPage(Session *session, QWidget *parent) : Page(session, parent)
{
    setObjectName(QStringLiteral("page_overview"));

    // Two columns of boxes rather than a grid with a card spanning two rows:
    // box layouts pass word-wrapped heights (height-for-width) on exactly, so
    // the page knows how tall it must be at any width and scrolls instead of
    // squeezing the cards onto each other.
    auto *left = new QVBoxLayout;
    left->setSpacing(12);
    left->addWidget(createCodexCard());
    left->addWidget(createPlatformCard());
    auto *cards = new QHBoxLayout;
    cards->setSpacing(12);
    cards->addLayout(left, 1);
    cards->addWidget(createPolicyCard(), 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 16);
    layout->setSpacing(12);
    layout->addWidget(createBanner());
    // Above the rest: a zero-filled config.toml is the one thing that matters then.
    m_restoreCard = new RestoreCard(this);
    m_restoreCard->hide();
    connect(m_restoreCard, &RestoreCard::restoreRequested, session, &Session::restoreCandidate);
    layout->addWidget(m_restoreCard, 1);
    layout->addLayout(cards);
    layout->addWidget(createConfigCard(), 1);

    connect(session, &Session::diagnosisChanged, this, &OverviewPage::update);
    connect(session, &Session::activityChanged, this, [this]() {
        updateBanner();
        m_restoreCard->setRestoreEnabled(this->session()->canRestoreCandidate());
    });
    update();
}

void OverviewPage::changeEvent(QEvent *event)
{
    Page::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        retone(this);  // the verdict colours for the new (light or dark) palette
}

QIcon OverviewPage::icon() const
{
    return Icons::icon(QStringLiteral("overview"));
}

QWidget *OverviewPage::createBanner()
{
    m_banner = new Card(QString(), this);
    m_banner->setObjectName(QStringLiteral("statusBanner"));
    m_statusIcon = new QLabel(m_banner);
    m_statusHeadline = valueLabel(m_banner, QStringLiteral("statusHeadline"));
    QFont font = m_statusHeadline->font();
    font.setPointSizeF(font.pointSizeF() * 1.3);
    font.setBold(true);
    m_statusHeadline->setFont(font);
    m_statusDetails = valueLabel(m_banner, QStringLiteral("statusDetails"));
    m_reviewButton = new QPushButton(Icons::icon(QStringLiteral("preview")), tr("Review the change"), m_banner);
    m_reviewButton->setObjectName(QStringLiteral("reviewButton"));
    m_reviewButton->setAccessibleName(tr("Review the proposed change"));
    connect(m_reviewButton, &QPushButton::clicked, this, [this]() { emit showPageRequested(QStringLiteral("preview")); });
    m_createHomeButton = new QPushButton(Icons::icon(QStringLiteral("folder")), tr("Create It"), m_banner);
    m_createHomeButton->setObjectName(QStringLiteral("createHomeButton"));
    m_createHomeButton->setAccessibleName(tr("Create the CODEX_HOME folder"));
    m_createHomeButton->setToolTip(tr("Make the folder (readable by you only), then look at it again"));
    connect(m_createHomeButton, &QPushButton::clicked, session(), &Session::createCodexHome);
    // Secondary, flat: the policy already holds, moving the settings is optional.
    m_tidyUpButton = new QPushButton(tr("Tidy Up…"), m_banner);
    m_tidyUpButton->setObjectName(QStringLiteral("tidyUpButton"));
    m_tidyUpButton->setFlat(true);
    m_tidyUpButton->setAutoDefault(false);
    m_tidyUpButton->setAccessibleName(tr("Optional tidy-up: move the settings into the managed block"));
    m_tidyUpButton->setToolTip(tr("Review moving the sandbox settings into the managed block (optional)"));
    connect(m_tidyUpButton, &QPushButton::clicked, this, [this]() { emit showPageRequested(QStringLiteral("preview")); });

    auto *texts = new QVBoxLayout;
    texts->setSpacing(3);
    texts->addWidget(m_statusHeadline);
    texts->addWidget(m_statusDetails);
    auto *row = new QHBoxLayout;
    row->setSpacing(14);
    row->addWidget(m_statusIcon, 0, Qt::AlignTop);
    row->addLayout(texts, 1);
    row->addWidget(m_reviewButton, 0, Qt::AlignVCenter);
    row->addWidget(m_createHomeButton, 0, Qt::AlignVCenter);
    row->addWidget(m_tidyUpButton, 0, Qt::AlignVCenter);
    m_banner->body()->addLayout(row);
    return m_banner;
}

Card *OverviewPage::createCodexCard()
{
    m_codexCard = new Card(tr("Codex"), this);
    m_codexCard->setObjectName(QStringLiteral("codexCard"));
    m_codexPath = new ElidedLabel(m_codexCard);
    m_codexPath->setObjectName(QStringLiteral("codexPathLabel"));
    m_codexVersion = valueLabel(m_codexCard, QStringLiteral("codexVersionLabel"));
    m_codexSource = valueLabel(m_codexCard, QStringLiteral("codexSourceLabel"));
    m_codexInstalls = valueLabel(m_codexCard, QStringLiteral("codexInstallsLabel"));
    m_codexWarning = valueLabel(m_codexCard, QStringLiteral("codexWarningLabel"));
    QGridLayout *form = formIn(m_codexCard);
    addRow(form, tr("Path"), m_codexPath);
    addRow(form, tr("Version"), m_codexVersion);
    addRow(form, tr("Found"), m_codexSource);
    addRow(form, tr("Other installs"), m_codexInstalls);
    m_codexCard->body()->addWidget(m_codexWarning);
    m_codexCard->body()->addStretch(1);
    return m_codexCard;
}

Card *OverviewPage::createPlatformCard()
{
    m_platformCard = new Card(tr("Platform"), this);
    m_platformCard->setObjectName(QStringLiteral("platformCard"));
    m_platformName = valueLabel(m_platformCard, QStringLiteral("platformNameLabel"));
    m_platformOs = valueLabel(m_platformCard, QStringLiteral("platformOsLabel"));
    m_platformArch = valueLabel(m_platformCard, QStringLiteral("platformArchLabel"));
    QGridLayout *form = formIn(m_platformCard);
    addRow(form, tr("Sandbox"), m_platformName);
    addRow(form, tr("System"), m_platformOs);
    addRow(form, tr("Architecture"), m_platformArch);
    m_platformCard->body()->addStretch(1);
    return m_platformCard;
}

Card *OverviewPage::createPolicyCard()
{
    m_policyCard = new Card(tr("Policy"), this);
    m_policyCard->setObjectName(QStringLiteral("policyCard"));
    m_policyMode = valueLabel(m_policyCard, QStringLiteral("policyModeLabel"));
    QFont mono = m_policyMode->font();
    mono.setFamily(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    mono.setBold(true);
    m_policyMode->setFont(mono);
    m_policyNetwork = valueLabel(m_policyCard, QStringLiteral("policyNetworkLabel"));
    m_policyReason = valueLabel(m_policyCard, QStringLiteral("policyReasonLabel"));
    m_policyHint = valueLabel(m_policyCard, QStringLiteral("policyHintLabel"));
    m_policyHint->setForegroundRole(QPalette::PlaceholderText);
    m_effective = valueLabel(m_policyCard, QStringLiteral("effectiveSandboxLabel"));
    QFont strong = m_effective->font();
    strong.setBold(true);
    m_effective->setFont(strong);
    m_effectiveProblem = valueLabel(m_policyCard, QStringLiteral("effectiveProblemLabel"));
    m_effectiveNote = valueLabel(m_policyCard, QStringLiteral("effectiveNoteLabel"));
    m_effectiveNote->setForegroundRole(QPalette::PlaceholderText);
    m_policyCost = valueLabel(m_policyCard, QStringLiteral("policyCostLabel"));
    m_policySettingsButton = new QPushButton(Icons::icon(QStringLiteral("settings")), tr("Choose Another Policy…"),
                                             m_policyCard);
    m_policySettingsButton->setObjectName(QStringLiteral("policySettingsButton"));
    m_policySettingsButton->setToolTip(tr("Settings → Policy preset"));
    connect(m_policySettingsButton, &QPushButton::clicked, this, &OverviewPage::settingsRequested);
    QGridLayout *form = formIn(m_policyCard);
    addRow(form, tr("sandbox_mode"), m_policyMode);
    addRow(form, tr("Network access"), m_policyNetwork);
    m_policyCard->body()->addSpacing(2);
    m_policyCard->body()->addWidget(m_effective);
    m_policyCard->body()->addWidget(m_effectiveProblem);
    m_policyCard->body()->addWidget(m_effectiveNote);
    m_policyCard->body()->addSpacing(2);
    m_policyCard->body()->addWidget(m_policyReason);
    m_policyCard->body()->addWidget(m_policyHint);
    m_policyCard->body()->addWidget(m_policyCost);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_policySettingsButton);
    buttons->addStretch(1);
    m_policyCard->body()->addLayout(buttons);
    m_policyCard->body()->addStretch(1);
    m_policyReason->setAccessibleName(tr("Why"));
    m_policyHint->setAccessibleName(tr("What next"));
    m_effective->setAccessibleName(tr("Codex will run"));
    m_effectiveProblem->setAccessibleName(tr("Why it is not the policy's sandbox"));
    m_effectiveNote->setAccessibleName(tr("Codex release"));
    m_policyCost->setAccessibleName(tr("What this policy costs"));
    return m_policyCard;
}

Card *OverviewPage::createConfigCard()
{
    m_configCard = new Card(tr("config.toml"), this);
    m_configCard->setObjectName(QStringLiteral("configCard"));
    m_configPath = new ElidedLabel(m_configCard);
    m_configPath->setObjectName(QStringLiteral("configPathLabel"));
    m_configState = valueLabel(m_configCard, QStringLiteral("configStateLabel"));
    QGridLayout *form = formIn(m_configCard);
    addRow(form, tr("File"), m_configPath);
    addRow(form, tr("Managed block"), m_configState);

    m_findings = new FindingsModel(this);
    m_findingsView = new QTreeView(m_configCard);
    m_findingsView->setObjectName(QStringLiteral("findingsView"));
    m_findingsView->setAccessibleName(tr("Findings"));
    m_findingsView->setModel(m_findings);
    m_findingsView->setRootIsDecorated(false);
    m_findingsView->setUniformRowHeights(false);
    m_findingsView->setWordWrap(true);
    m_findingsView->setAlternatingRowColors(true);
    m_findingsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_findingsView->setMinimumHeight(72);  // three rows; the page scrolls below that
    QHeaderView *header = m_findingsView->header();
    header->setStretchLastSection(true);
    header->setSectionResizeMode(FindingsModel::SeverityColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(FindingsModel::MessageColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(FindingsModel::LineColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(FindingsModel::FixColumn, QHeaderView::Stretch);
    m_configCard->body()->addWidget(m_findingsView, 1);
    m_findingsView->setItemDelegate(new WrappingDelegate(m_findingsView));
    return m_configCard;
}

void OverviewPage::update()
{
    updateBanner();
    updateCodex();
    const auto &diagnosis = session()->diagnosis();
    if (!diagnosis) {
        for (TextLabel *label : {m_platformName, m_platformOs, m_platformArch, m_policyMode, m_policyNetwork,
                                 m_policyReason, m_policyHint, m_configState, m_effective})
            label->setFullText(QStringLiteral("…"));
        for (QWidget *widget : {static_cast<QWidget *>(m_effectiveProblem), static_cast<QWidget *>(m_effectiveNote),
                                static_cast<QWidget *>(m_policyCost), static_cast<QWidget *>(m_policySettingsButton),
                                static_cast<QWidget *>(m_restoreCard)})
            widget->hide();
        setTone(m_effective, Tone::Neutral);
        m_configPath->setText(QDir::toNativeSeparators(session()->codexHome() + QStringLiteral("/config.toml")));
        m_findings->setFindings({});
        return;
    }

    const PlatformInfo &platform = diagnosis->platform;
    m_platformName->setFullText(platform.simulated ? tr("%1 (previewed: not this machine)").arg(platform.name) : platform.name);
    m_platformOs->setFullText(platform.os.isEmpty() ? tr("unknown") : platform.os);
    m_platformArch->setFullText(platform.arch);

    updatePolicy();
    updateRestore();

    QList<Finding> findings = diagnosis->analysis.findings;
    if (diagnosis->config) {
        m_configPath->setText(QDir::toNativeSeparators(diagnosis->config->path));
        m_configState->setFullText(diagnosis->config->exists ? blockStateText(diagnosis->analysis.block, findings)
                                                         : tr("no config.toml yet — Apply creates it"));
    } else {
        const Error &error = diagnosis->config.error();
        m_configPath->setText(QDir::toNativeSeparators(diagnosedConfigPath(*diagnosis)));
        m_configState->setFullText(session()->codexHomeExists() ? tr("cannot be read")
                                                                : tr("no CODEX_HOME folder yet"));
        if (session()->codexHomeExists())
            findings.prepend(Finding{QStringLiteral("config-unreadable"), Severity::Error, error.message, error.line,
                                     error.hint});
    }
    m_findings->setFindings(findings);
    m_configCard->setBadge(Icons::severity(worstSeverity(findings)));
    if (findings.isEmpty() || worstSeverity(findings) == Severity::Info)
        m_configCard->setBadge(Icons::ok());
    m_findingsView->resizeColumnToContents(FindingsModel::SeverityColumn);
}

void OverviewPage::updatePolicy()
{
    const Diagnosis &diagnosis = *session()->diagnosis();
    const SandboxPolicy &policy = diagnosis.policy;
    m_policyMode->setFullText(sandboxModeName(policy.mode));
    if (policy.mode == SandboxMode::WorkspaceWrite)
        m_policyNetwork->setFullText(policy.networkAccess ? tr("on (sandbox_workspace_write.network_access = true)")
                                                      : tr("off"));
    else if (policy.mode == SandboxMode::DangerFullAccess)
        m_policyNetwork->setFullText(tr("unrestricted (no sandbox)"));
    else
        m_policyNetwork->setFullText(tr("off"));
    m_policyReason->setFullText(policy.reason);
    m_policyHint->setFullText(guiAdvice(policyNextStep(diagnosis)));

    // What the policy costs, beside it, with the way to another one.
    const QString cost = policyCost(policy, diagnosis.platform.platform);
    m_policyCost->setFullText(guiAdvice(cost));
    m_policyCost->setVisible(!cost.isEmpty());
    setTone(m_policyCost, cost.isEmpty() ? Tone::Neutral : Tone::Caution);
    m_policySettingsButton->setVisible(!cost.isEmpty());

    CardState state = policy.mode == SandboxMode::DangerFullAccess ? CardState::Warning : CardState::Ok;
    if (!diagnosis.config) {
        // Nothing to judge: the config card and the banner say why.
        m_effective->setFullText(tr("Codex will run: unknown — config.toml cannot be read"));
        setTone(m_effective, Tone::Neutral);
        m_effectiveProblem->hide();
        m_effectiveNote->hide();
        m_policyHint->show();
        setCardState(m_policyCard, state);
        return;
    }
    const SandboxVerdict verdict = sandboxVerdict(diagnosis.analysis, policy);
    m_effective->setFullText(verdict.sentence);
    m_effectiveProblem->setFullText(verdict.problem);
    m_effectiveProblem->setVisible(!verdict.problem.isEmpty());
    m_effectiveNote->setFullText(verdict.note);
    m_effectiveNote->setVisible(!verdict.note.isEmpty());
    switch (verdict.severity) {
    case Severity::Info: setTone(m_effective, Tone::Good); break;
    case Severity::Warning:
        setTone(m_effective, Tone::Caution);
        state = CardState::Warning;
        break;
    case Severity::Error:
        setTone(m_effective, Tone::Bad);
        state = CardState::Error;
        break;
    }
    setTone(m_effectiveProblem, verdict.severity == Severity::Error ? Tone::Bad : Tone::Neutral);
    // The policy's "what next" assumes the file gives the policy's sandbox
    // ("Nothing to do: …"); beside a red verdict the banner says what to do.
    m_policyHint->setVisible(verdict.severity != Severity::Error);
    setCardState(m_policyCard, state);
}

void OverviewPage::updateRestore()
{
    const auto &diagnosis = session()->diagnosis();
    if (!diagnosis || !diagnosis->config || !diagnosis->analysis.restoreCandidate) {
        m_restoreCard->hide();
        return;
    }
    m_restoreCard->setCandidate(*diagnosis->analysis.restoreCandidate, diagnosis->config->bytes);
    m_restoreCard->setRestoreEnabled(session()->canRestoreCandidate());
    m_restoreCard->show();
}

void OverviewPage::updateCodex()
{
    const auto &diagnosis = session()->diagnosis();
    if (!diagnosis) {
        m_codexPath->setText(tr("looking for Codex…"));
        for (TextLabel *label : {m_codexVersion, m_codexSource, m_codexInstalls})
            label->setFullText(QStringLiteral("…"));
        m_codexWarning->hide();
        m_codexCard->setBadge({});
        return;
    }
    const CodexDetection &codex = diagnosis->codex;
    m_codexWarning->hide();
    if (!codex.chosen) {
        m_codexPath->setText(tr("not found"));
        m_codexVersion->setFullText(tr("unknown — the policy assumes an unfixed Codex"));
        m_codexSource->setFullText(codex.error ? codex.error->message : QString());
        m_codexInstalls->setFullText(tr("none"));
        if (codex.error && !codex.error->hint.isEmpty()) {
            m_codexWarning->setFullText(guiAdvice(codex.error->hint));
            m_codexWarning->show();
        }
        m_codexCard->setBadge(Icons::severity(Severity::Warning));
        return;
    }
    const CodexInstall &chosen = *codex.chosen;
    m_codexPath->setText(chosen.path.isEmpty() ? tr("not run") : QDir::toNativeSeparators(chosen.path));
    m_codexVersion->setFullText(diagnosis->codexVersion ? diagnosis->codexVersion->toString() : versionText(chosen));
    m_codexSource->setFullText(chosen.path.isEmpty() ? tr("the version was given on the command line")
                                                     : sourceText(chosen.source));
    QStringList others;
    for (const CodexInstall &install : codex.installs) {
        if (install.resolvedPath == chosen.resolvedPath && install.path == chosen.path)
            continue;
        others << QStringLiteral("%1  (%2)").arg(QDir::toNativeSeparators(install.path), versionText(install));
    }
    m_codexInstalls->setFullText(others.isEmpty() ? tr("none") : others.join(QLatin1Char('\n')));
    if (codex.versionsDisagree()) {
        m_codexWarning->setFullText(tr("⚠ The installs report different versions: the daemon may run another Codex "
                                   "than this one. Choose the one it uses in Settings."));
        m_codexWarning->show();
    } else if (chosen.error) {
        m_codexWarning->setFullText(chosen.error->message + QLatin1Char(' ') + guiAdvice(chosen.error->hint));
        m_codexWarning->show();
    }
    const bool healthy = diagnosis->codexVersion.has_value() && !codex.versionsDisagree();
    m_codexCard->setBadge(healthy ? Icons::ok() : Icons::severity(Severity::Warning));
}

void OverviewPage::updateBanner()
{
    const int size = style()->pixelMetric(QStyle::PM_LargeIconSize);
    auto setIcon = [&](const QIcon &icon) { m_statusIcon->setPixmap(icon.pixmap(QSize(size, size), devicePixelRatioF())); };
    const auto &diagnosis = session()->diagnosis();
    m_reviewButton->hide();
    m_createHomeButton->hide();
    m_tidyUpButton->hide();
    setTone(m_statusHeadline, Tone::Neutral);
    if (!diagnosis) {
        setIcon(Icons::icon(QStringLiteral("refresh")));
        m_statusHeadline->setFullText(session()->activity() == Session::Activity::Detecting ? tr("Looking for Codex…")
                                                                                         : tr("Reading config.toml…"));
        m_statusDetails->setFullText(tr("This takes a few seconds; the window stays usable."));
        return;
    }
    if (!diagnosis->config && !session()->codexHomeExists()) {
        // A first start, not a failure: say what it means and offer the fix.
        setIcon(Icons::severity(Severity::Info));
        m_statusHeadline->setFullText(tr("There is no CODEX_HOME folder yet"));
        m_statusDetails->setFullText(
            tr("Codex has not run on this account yet, or CODEX_HOME points elsewhere. %1 does not exist: create "
               "it here, or choose the folder Codex uses with Browse… above.")
                .arg(QDir::toNativeSeparators(session()->codexHome())));
        m_createHomeButton->show();
        return;
    }
    if (!diagnosis->config) {
        setIcon(Icons::severity(Severity::Error));
        m_statusHeadline->setFullText(tr("config.toml cannot be read"));
        m_statusDetails->setFullText(diagnosis->config.error().message + QLatin1Char(' ')
                                     + guiAdvice(diagnosis->config.error().hint));
        return;
    }
    if (updateSandboxBanner())
        return;
    const QString mode = sandboxModeName(diagnosis->policy.mode);
    if (!diagnosis->proposal) {
        const Error &error = diagnosis->proposal.error();
        setIcon(Icons::severity(Severity::Error));
        m_statusHeadline->setFullText(tr("No safe fix can be proposed"));
        const QString where = error.line > 0 ? tr("Line %1: ").arg(error.line) : QString();
        m_statusDetails->setFullText(where + error.message + QLatin1Char(' ') + guiAdvice(error.hint));
        return;
    }
    if (!diagnosis->proposal->changed) {
        setIcon(worstSeverity(diagnosis->analysis.findings) == Severity::Info ? Icons::ok()
                                                                               : Icons::severity(Severity::Warning));
        m_statusHeadline->setFullText(tr("config.toml is set up for this machine"));
        m_statusDetails->setFullText(tr("The managed block asks for %1, as the policy says. Nothing to apply.").arg(mode));
        return;
    }
    const Severity worst = diagnosis->worstSeverity();
    setIcon(Icons::severity(worst == Severity::Info ? Severity::Warning : worst));
    switch (diagnosis->analysis.block) {
    case BlockState::Absent:
        m_statusHeadline->setFullText(diagnosis->config->exists ? tr("config.toml has no managed sandbox block")
                                                            : tr("There is no config.toml yet"));
        break;
    case BlockState::Stale: m_statusHeadline->setFullText(tr("The managed block asks for the wrong sandbox")); break;
    case BlockState::Damaged: m_statusHeadline->setFullText(tr("The managed block is damaged")); break;
    case BlockState::Misplaced: m_statusHeadline->setFullText(tr("The managed block is in the wrong place")); break;
    case BlockState::Current: m_statusHeadline->setFullText(tr("config.toml needs a tidy-up")); break;
    }
    m_statusDetails->setFullText(tr("Apply sets sandbox_mode = \"%1\" at the top of the file, keeping everything else. "
                                "Review the change, then apply it; Undo puts the old file back.")
                                 .arg(mode));
    m_reviewButton->show();
}

} // namespace SandboxDoctor::Ui

namespace SandboxDoctor::Ui {

// The banner when the sandbox Codex will run decides what matters most: a
// zero-filled file, a file Codex refuses, a setting that overrides the policy,
// or the policy already holding without the managed block. False: none of
// these, the block's state tells the story.
bool OverviewPage::updateSandboxBanner()
{
    const Diagnosis &diagnosis = *session()->diagnosis();
    const ConfigAnalysis &analysis = diagnosis.analysis;
    const int size = style()->pixelMetric(QStyle::PM_LargeIconSize);
    auto setIcon = [&](const QIcon &icon) { m_statusIcon->setPixmap(icon.pixmap(QSize(size, size), devicePixelRatioF())); };
    const bool canReview = diagnosis.proposal && diagnosis.proposal->changed;

    if (const Finding *zeroFilled = findingWithCode(analysis.findings, FindingCode::ConfigZeroFilled)) {
        setIcon(Icons::severity(Severity::Error));
        m_statusHeadline->setFullText(tr("config.toml was zero-filled by a crash"));
        m_statusDetails->setFullText(
            zeroFilled->message + QLatin1Char(' ')
            + (analysis.restoreCandidate
                   ? tr("The newest backup that parses is shown below: Restore This Backup puts it back, and Undo "
                        "takes that back again.")
                   : guiAdvice(zeroFilled->fix)));
        return true;
    }
    if (!analysis.effective.runs()) {
        setIcon(Icons::severity(Severity::Error));
        m_statusHeadline->setFullText(tr("Codex will not start with this config.toml"));
        // The finding's fix says whether Apply resolves it; the banner does
        // not promise more.
        QString details = analysis.effective.sentence() + QLatin1Char('.');
        for (const QLatin1String code : {FindingCode::LegacyProfile, FindingCode::CodexRefuses}) {
            const Finding *refusal = findingWithCode(analysis.findings, code);
            if (refusal && !refusal->fix.isEmpty()) {
                details += QLatin1Char(' ') + guiAdvice(refusal->fix);
                break;
            }
        }
        m_statusDetails->setFullText(details);
        m_reviewButton->setVisible(canReview);
        return true;
    }
    if (const Finding *overridden = findingWithCode(analysis.findings, FindingCode::SandboxOverridden)) {
        setIcon(Icons::severity(Severity::Error));
        m_statusHeadline->setFullText(overridden->line > 0
                                          ? tr("Line %1 of config.toml overrides the policy").arg(overridden->line)
                                          : tr("A setting in config.toml overrides the policy"));
        m_statusDetails->setFullText(overridden->message + QLatin1Char(' ') + guiAdvice(overridden->fix));
        m_reviewButton->setVisible(canReview);
        return true;
    }
    if (analysis.effectiveMatchesPolicy && analysis.block == BlockState::Absent && diagnosis.config->exists) {
        // Right already: green, with moving the settings as an option.
        setIcon(Icons::ok());
        setTone(m_statusHeadline, Tone::Good);
        m_statusHeadline->setFullText(tr("Codex already runs the policy's sandbox"));
        m_statusDetails->setFullText(
            tr("%1, as the policy asks, without a managed block. Optional: Tidy Up moves these settings into the "
               "managed block, where the multica daemon keeps them; outside it, its next rewrite may remove them.")
                .arg(analysis.effective.sentence()));
        m_tidyUpButton->setVisible(canReview);
        return true;
    }
    return false;
}

} // namespace SandboxDoctor::Ui
