#pragma once

#include "page.h"

class QLabel;
class QPushButton;
class QTreeView;

namespace SandboxDoctor::Ui {

class Card;
class ElidedLabel;
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

private:
    QWidget *createBanner();
    Card *createCodexCard();
    Card *createPlatformCard();
    Card *createPolicyCard();
    Card *createConfigCard();
    void update();
    void updateBanner();
    void updateCodex();

    Card *m_banner = nullptr;
    QLabel *m_statusIcon = nullptr;
    QLabel *m_statusHeadline = nullptr;
    QLabel *m_statusDetails = nullptr;
    QPushButton *m_reviewButton = nullptr;

    Card *m_codexCard = nullptr;
    ElidedLabel *m_codexPath = nullptr;
    QLabel *m_codexVersion = nullptr;
    QLabel *m_codexSource = nullptr;
    QLabel *m_codexInstalls = nullptr;
    QLabel *m_codexWarning = nullptr;

    Card *m_platformCard = nullptr;
    QLabel *m_platformOs = nullptr;
    QLabel *m_platformArch = nullptr;
    QLabel *m_platformName = nullptr;

    Card *m_policyCard = nullptr;
    QLabel *m_policyMode = nullptr;
    QLabel *m_policyNetwork = nullptr;
    QLabel *m_policyReason = nullptr;
    QLabel *m_policyHint = nullptr;

    Card *m_configCard = nullptr;
    ElidedLabel *m_configPath = nullptr;
    QLabel *m_configState = nullptr;
    QTreeView *m_findingsView = nullptr;
    FindingsModel *m_findings = nullptr;
};

} // namespace SandboxDoctor::Ui
