#pragma once

#include <QDialog>

namespace SandboxDoctor::Ui {

// Help → About: what this build is (its version, and the Qt and toml++ it was
// built with and runs on), its licence, and where to read more.
class AboutDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);

    // The text of the dialog, also what Copy puts on the clipboard.
    QString versionsText() const;
};

} // namespace SandboxDoctor::Ui
