#pragma once

#include <QDialog>
#include <QString>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace SandboxDoctor::Ui {

// What the Settings dialog edits; the window saves it in AppSettings.
struct SettingsValues final
{
    QString codexPath;           // empty: detect
    QString darwinFixedVersion;  // empty: no fixed macOS release known
    QString platform;            // empty: this machine; else "macos", "linux", "windows" (this run only)
    QString policyPreset;        // "policy/preset": empty (none chosen), seed, multica-today or custom:…
    int keepBackups = 10;        // 0 keeps all
};

class SettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(const SettingsValues &values, QWidget *parent = nullptr);

    SettingsValues values() const;

    // Marks the fields whose value came from the command line: they apply to
    // this run only and are saved only if changed here.
    void setCommandLineFields(bool codexPath, bool darwinFixedVersion);

private:
    void validate();

    QLineEdit *m_codexPath;
    QLineEdit *m_darwinFixed;
    QLabel *m_darwinError;
    QLabel *m_codexPathOrigin;
    QLabel *m_darwinOrigin;
    QComboBox *m_platform;
    QComboBox *m_preset;
    QLineEdit *m_customPreset;
    QLabel *m_presetError;
    QSpinBox *m_keepBackups;
    QDialogButtonBox *m_buttons;
};

} // namespace SandboxDoctor::Ui
