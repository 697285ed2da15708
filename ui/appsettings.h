#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

class QSettings;

namespace SandboxDoctor::Ui {

// The GUI's saved settings. "codex/path", "policy/darwinFixedVersion" and
// "policy/preset" are shared with the CLI (same organisation and application name), so a fixed
// version set here also changes what `codex-sandbox-doctor-cli status` says.
class AppSettings final
{
public:
    AppSettings();                                // the store the CLI reads too
    explicit AppSettings(const QString &iniPath); // a private store, for tests
    ~AppSettings();

    static constexpr int MaxRecentHomes = 8;
    static constexpr int DefaultKeepBackups = 10;

    QStringList recentHomes() const;              // "homes/recent", newest first
    void addRecentHome(const QString &home);

    QString codexPath() const;                    // "codex/path"; empty: detect
    void setCodexPath(const QString &path);

    QString darwinFixedVersion() const;           // "policy/darwinFixedVersion"; empty: none known
    void setDarwinFixedVersion(const QString &version);

    // "preview/platform" was saved by older versions, which made a one-time
    // preview of another platform stick; a preview now lasts one run.
    void forgetPlatformOverride();

    // "policy/preset", shared with the CLI: seed, multica-today or custom:…
    // (parsePolicyChoice). Empty: none chosen, so a CODEX_HOME gets the seed's
    // table and a per-task home the preset of the daemon that wrote it.
    QString policyPreset() const;
    void setPolicyPreset(const QString &preset);


    int keepBackups() const;                      // "apply/keepBackups"; 0 keeps all
    void setKeepBackups(int count);

    bool sideBySide() const;                      // "preview/sideBySide"
    void setSideBySide(bool on);

    // The main window as it was closed: QWidget::saveGeometry(), QMainWindow::saveState()
    // and each named splitter's QSplitter::saveState(). Empty: never saved.
    QByteArray windowGeometry() const;            // "window/geometry"
    QByteArray windowState() const;               // "window/state"
    void setWindowGeometry(const QByteArray &geometry, const QByteArray &state);
    QByteArray splitterState(const QString &name) const;  // "window/splitters/<name>"
    void setSplitterState(const QString &name, const QByteArray &state);

    void sync();

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace SandboxDoctor::Ui
