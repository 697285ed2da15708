#pragma once

#include "page.h"

class QLabel;
class QPushButton;
class QTreeView;

namespace SandboxDoctor::Ui {

class Card;
class ElidedLabel;
class RestoreCard;
class TextLabel;
class FindingsModel;

// At a glance: which Codex, which platform, which policy and why, and whether
// config.toml already has it (with the findings and what to do about each).
class OverviewPage final : public Page
{
    Q_OBJECT

public:
    explicit OverviewPage(Session *session, QWidget *parent = nullptr);

    QString pageId() const override { return QStringLiteral("overview"); }
    QString title() const override { return tr("Overview"); }
    QIcon icon() const override;

signals:
    // "Choose another policy": the window opens Settings (Policy preset).
    void settingsRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *createBanner();
    Card *createCodexCard();
    Card *createPlatformCard();
    Card *createPolicyCard();
    Card *createConfigCard();
    void update();
    void updateBanner();
    void updateCodex();
    void updatePolicy();
    void updateRestore();
    bool updateSandboxBanner();

    Card *m_banner = nullptr;
    QLabel *m_statusIcon = nullptr;
    TextLabel *m_statusHeadline = nullptr;
    TextLabel *m_statusDetails = nullptr;
    QPushButton *m_reviewButton = nullptr;
    QPushButton *m_createHomeButton = nullptr;
    QPushButton *m_tidyUpButton = nullptr;

    RestoreCard *m_restoreCard = nullptr;

    Card *m_codexCard = nullptr;
    ElidedLabel *m_codexPath = nullptr;
    TextLabel *m_codexVersion = nullptr;
    TextLabel *m_codexSource = nullptr;
    TextLabel *m_codexInstalls = nullptr;
    TextLabel *m_codexWarning = nullptr;

    Card *m_platformCard = nullptr;
    TextLabel *m_platformOs = nullptr;
    TextLabel *m_platformArch = nullptr;
    TextLabel *m_platformName = nullptr;

    Card *m_policyCard = nullptr;
    TextLabel *m_policyMode = nullptr;
    TextLabel *m_policyNetwork = nullptr;
    TextLabel *m_policyReason = nullptr;
    TextLabel *m_policyHint = nullptr;
    TextLabel *m_effective = nullptr;         // "Codex will run: …"
    TextLabel *m_effectiveProblem = nullptr;  // what keeps it from being the policy's
    TextLabel *m_effectiveNote = nullptr;     // another Codex release's rules may differ
    TextLabel *m_policyCost = nullptr;        // what danger-full-access costs
    QPushButton *m_policySettingsButton = nullptr;

    Card *m_configCard = nullptr;
    ElidedLabel *m_configPath = nullptr;
    TextLabel *m_configState = nullptr;
    QTreeView *m_findingsView = nullptr;
    FindingsModel *m_findings = nullptr;
};

} // namespace SandboxDoctor::Ui
