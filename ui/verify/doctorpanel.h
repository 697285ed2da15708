#pragma once

#include "common/expected.h"
#include "verify/verifytypes.h"

#include <QDateTime>
#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;

namespace SandboxDoctor {
class DoctorRunner;
}

namespace SandboxDoctor::Ui {

class Card;
class MessageBar;

// "Does Codex accept it?": runs `codex doctor --json` (DoctorRunner, off the
// GUI thread) on the current or the proposed config and shows whether it
// loads, the sandbox Codex reports, and a green/red verdict against the policy.
class DoctorPanel final : public QWidget
{
    Q_OBJECT

public:
    using RequestProvider = std::function<Expected<VerifyRequest>(bool proposed)>;

    explicit DoctorPanel(QWidget *parent = nullptr);
    ~DoctorPanel() override;

    void setRequestProvider(RequestProvider provider) { m_provider = std::move(provider); }
    // Why nothing can be checked yet (no Codex, no analysis); empty when ready.
    void setUnavailableReason(const QString &reason);

    void check(bool proposed);
    void cancel();
    bool isRunning() const;
    const std::optional<VerifyResult> &result() const { return m_result; }
    // When Codex answered (UTC), for reports; invalid before the first result.
    QDateTime resultTime() const { return m_resultTime; }
    // Above the verdict: whether the result still describes config.toml (the
    // page fills it in). Hidden whenever a new check starts.
    MessageBar *notice() const { return m_notice; }

signals:
    void finished(const SandboxDoctor::VerifyResult &result);

protected:
    void changeEvent(QEvent *event) override;

private:
    void showResult(const VerifyResult &result);
    void showError(const QString &text);
    void setRunning(bool running, bool proposed = false);

    DoctorRunner *m_runner;
    RequestProvider m_provider;
    std::optional<VerifyResult> m_result;
    QDateTime m_resultTime;
    QString m_unavailable;

    Card *m_card;
    QPushButton *m_currentButton;
    QPushButton *m_proposedButton;
    QPushButton *m_cancelButton;
    QProgressBar *m_busy;
    QLabel *m_busyLabel;
    MessageBar *m_notice;
    QLabel *m_verdictIcon;
    QLabel *m_verdict;
    QWidget *m_details;
    QLabel *m_codex;
    QLabel *m_loads;
    QLabel *m_filesystem;
    QLabel *m_network;
    QLabel *m_note;
};

} // namespace SandboxDoctor::Ui
