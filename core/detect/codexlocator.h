#pragma once

#include "detect/codexinstall.h"

#include <QObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <memory>

namespace SandboxDoctor {

// Everything detection reads from the machine, injectable for tests.
struct DetectOptions final
{
    QString explicitPath;                  // --codex or the saved setting; wins when set
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();  // PATH, HOME, SHELL, APPDATA, ...
    bool useLoginShell = true;             // ask $SHELL -l -c 'command -v codex' (never on Windows)
    bool searchKnownLocations = true;      // Homebrew, npm prefixes, nvm, standalone, app bundle
    QStringList extraKnownLocations;       // tests add fake install places here
    int versionTimeoutMs = 5000;
    int loginShellTimeoutMs = 4000;
};

// Finds every Codex CLI and asks each for its version, without blocking the
// caller's thread: start() returns at once and finished() reports the result.
// Errors are values in the result, never exceptions or hangs.
class CodexLocator final : public QObject
{
    Q_OBJECT

public:
    explicit CodexLocator(DetectOptions options, QObject *parent = nullptr);
    ~CodexLocator() override;

    void start();
    void cancel();
    bool isRunning() const;

    // For the CLI: runs start() in a local event loop and returns the result.
    static CodexDetection detectBlocking(const DetectOptions &options);

signals:
    void finished(const SandboxDoctor::CodexDetection &detection);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace SandboxDoctor
