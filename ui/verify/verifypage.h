#pragma once

#include "checkbasis.h"
#include "common/expected.h"
#include "page.h"
#include "verify/sandboxprobe.h"
#include "verify/verifytypes.h"

#include "config/applier.h"

#include <QPointer>
#include <QStringList>

#include <optional>

class QAction;
class QLabel;

namespace SandboxDoctor::Ui {

class DoctorPanel;
class MessageBar;
class ProbePanel;
class SymptomPanel;

// "Verify": Codex itself is the judge. Asks the chosen Codex whether it loads
// the current or the proposed config and which sandbox it gives, probes DNS
// outside and inside its sandbox, and explains a pasted error. Everything runs
// in the core's runners, off the GUI thread, bounded in time and cancellable.
class VerifyPage final : public Page
{
    Q_OBJECT

public:
    explicit VerifyPage(Session *session, QWidget *parent = nullptr);
    // `applyAction` is the window's Apply: "Fix it" triggers it for fixes the
    // app can apply. fixRequested() is emitted either way.
    VerifyPage(Session *session, QAction *applyAction, QWidget *parent = nullptr);

    QString pageId() const override { return QStringLiteral("verify"); }
    QString title() const override { return tr("Verify"); }
    QIcon icon() const override;

    // The program run inside the sandbox (`probe-dns`); default: the CLI
    // installed beside this app.
    void setProbeProgram(const QString &program) { m_probeProgram = program; }
    QString probeProgram() const { return m_probeProgram; }
    // Where scratch CODEX_HOMEs go; empty: the core's default (the cache folder).
    void setScratchBase(const QString &folder) { m_scratchBase = folder; }
    // Prepended to `codex doctor` (e.g. {"unshare", "-rn"} to keep its network checks local).
    void setDoctorWrapper(const QStringList &wrapper) { m_doctorWrapper = wrapper; }

    DoctorPanel *doctorPanel() const { return m_doctor; }
    ProbePanel *probePanel() const { return m_probe; }
    SymptomPanel *symptomPanel() const { return m_symptoms; }

    Expected<VerifyRequest> doctorRequest(bool proposed) const;
    Expected<SandboxProbeRequest> probeRequest(const QString &host) const;

signals:
    // "Fix it" in the symptom explainer; "apply-managed-block" is the one fix today.
    void fixRequested(const QString &fixId);

private:
    void updateContext();
    // Says on each panel whether its result still describes config.toml.
    void updateCurrency();
    std::optional<CheckBasis> basisFor(const QString &program, const QByteArray &bytes, bool exists,
                                       bool proposed, const SandboxPolicy &policy) const;
    void onFixRequested(const QString &fixId);
    // Tells the explainer which fixes config.toml already has.
    void updateAppliedFixes();
    void onApplied(const SandboxDoctor::ApplyResult &result);
    void onApplyFailed(const SandboxDoctor::Error &error);
    QString unavailableReason() const;
    Expected<CodexCommand> codexCommand() const;

    QPointer<QAction> m_applyAction;
    QString m_probeProgram;
    QString m_scratchBase;
    QStringList m_doctorWrapper;

    // What the running check asked about, and what the shown result is about.
    std::optional<CheckBasis> m_doctorAsked;
    std::optional<CheckBasis> m_doctorShown;
    std::optional<CheckBasis> m_probeAsked;
    std::optional<CheckBasis> m_probeShown;
    // The notices last put up, so a dismissed one stays dismissed until something changes.
    QString m_doctorNotice;
    QString m_probeNotice;
    // "Fix it" started Apply, whose outcome the explainer shows beside its button.
    bool m_fixPending = false;

    QLabel *m_context = nullptr;
    MessageBar *m_messages = nullptr;
    DoctorPanel *m_doctor = nullptr;
    ProbePanel *m_probe = nullptr;
    SymptomPanel *m_symptoms = nullptr;
};

// codex-sandbox-doctor-cli beside this app (or, in a build tree, in ../cli);
// the bare name (found on PATH when run) when neither exists.
QString defaultProbeProgram();

} // namespace SandboxDoctor::Ui
