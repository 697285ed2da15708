#pragma once

#include "verify/verifytypes.h"

#include <QObject>

#include <memory>

namespace SandboxDoctor {

// Runs `codex doctor --json` on a scratch CODEX_HOME without blocking the
// caller's thread: start() returns at once, finished() reports exactly once
// per start() (also after cancel() or a timeout, as Outcome::Failed).
class DoctorRunner final : public QObject
{
    Q_OBJECT

public:
    explicit DoctorRunner(QObject *parent = nullptr);
    ~DoctorRunner() override;

    void start(const VerifyRequest &request);
    void cancel();
    bool isRunning() const;

    // For the CLI and tests: start() in a local event loop.
    static VerifyResult runBlocking(const VerifyRequest &request);

signals:
    void started(const QString &scratchHome);
    void finished(const SandboxDoctor::VerifyResult &result);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace SandboxDoctor
