#include "mainwindow.h"

#include <QLabel>

namespace SandboxDoctor::Ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(QStringLiteral("Codex Sandbox Doctor"));
    setCentralWidget(new QLabel(QStringLiteral("Codex Sandbox Doctor"), this));
}

} // namespace SandboxDoctor::Ui
