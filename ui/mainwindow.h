#pragma once

#include <QMainWindow>

namespace SandboxDoctor::Ui {

class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace SandboxDoctor::Ui
