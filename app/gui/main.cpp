#include "mainwindow.h"

#include <QApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("CodexSandboxDoctor"));
    QApplication::setApplicationName(QStringLiteral("codex-sandbox-doctor"));
    QApplication::setApplicationDisplayName(QStringLiteral("Codex Sandbox Doctor"));
    QApplication::setApplicationVersion(QStringLiteral(SANDBOXDOCTOR_VERSION));

    if (QApplication::arguments().contains(QStringLiteral("--version"))) {
        QTextStream(stdout) << "codex-sandbox-doctor " << SANDBOXDOCTOR_VERSION << Qt::endl;
        return 0;
    }

    SandboxDoctor::Ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
