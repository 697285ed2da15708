#pragma once

#include "common/expected.h"
#include "verify/sandboxprobe.h"

#include <QDateTime>
#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace SandboxDoctor::Ui {

class Card;
class MessageBar;

// "DNS inside Codex's sandbox": resolves a host and opens a loopback socket
// outside and inside `codex sandbox` (SandboxProbeRunner), and shows both
// results side by side with a headline for the pattern they make.
class ProbePanel final : public QWidget
{
    Q_OBJECT

public:
    using RequestProvider = std::function<Expected<SandboxProbeRequest>(const QString &host)>;

    explicit ProbePanel(QWidget *parent = nullptr);
    ~ProbePanel() override;

    void setRequestProvider(RequestProvider provider) { m_provider = std::move(provider); }
    void setUnavailableReason(const QString &reason);

    QString host() const;
    void setHost(const QString &host);
    void probe();
    void cancel();
    bool isRunning() const;
    const std::optional<SandboxProbeReport> &report() const { return m_report; }
    // When the probe finished (UTC), for reports; invalid before the first report.
    QDateTime reportTime() const { return m_reportTime; }
    // Above the headline: whether the report still describes config.toml (the
    // page fills it in). Hidden whenever a new probe starts.
    MessageBar *notice() const { return m_notice; }

signals:
    void finished(const SandboxDoctor::SandboxProbeReport &report);
    void hostChanged(const QString &host);  // typed, or set by setHost()

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Column
    {
        QLabel *resolves = nullptr;
        QLabel *socket = nullptr;
        QLabel *error = nullptr;
        QLabel *command = nullptr;
    };
    Column makeColumn(const QString &side);
    void showReport(const SandboxProbeReport &report);
    void showRun(const Column &column, const ProbeRun &run);
    void showNoSandbox(const Column &column);
    void setRunning(bool running);

    SandboxProbeRunner *m_runner;
    RequestProvider m_provider;
    std::optional<SandboxProbeReport> m_report;
    QDateTime m_reportTime;
    QString m_unavailable;

    Card *m_card;
    QLineEdit *m_hostEdit;
    QPushButton *m_probeButton;
    QPushButton *m_cancelButton;
    QProgressBar *m_busy;
    QLabel *m_busyLabel;
    MessageBar *m_notice;
    QLabel *m_headlineIcon;
    QLabel *m_headline;
    QLabel *m_summary;
    QLabel *m_settings;
    QLabel *m_denials;
    QWidget *m_grid;
    Column m_outside;
    Column m_inside;
};

} // namespace SandboxDoctor::Ui
