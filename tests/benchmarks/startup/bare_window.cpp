// The baseline for bench_startup: the least a Qt Widgets program does to show
// a window and save a screenshot of it. A main window with a menu, a toolbar
// and some text, shown, grabbed once the event loop runs, saved as PNG.
#include <QApplication>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QPixmap>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const QString path = args.value(args.indexOf(QStringLiteral("--screenshot")) + 1);
    QMainWindow window;
    window.menuBar()->addMenu(QStringLiteral("&File"))->addAction(QStringLiteral("&Quit"));
    window.addToolBar(QStringLiteral("Main"))->addAction(QStringLiteral("Refresh"));
    auto *label = new QLabel(QStringLiteral("A bare Qt Widgets window, for comparison."), &window);
    label->setAlignment(Qt::AlignCenter);
    window.setCentralWidget(label);
    window.statusBar()->showMessage(QStringLiteral("Ready"));
    window.resize(1180, 840);
    window.show();
    QTimer::singleShot(0, &window, [&window, path]() {
        QCoreApplication::exit(window.grab().save(path, "PNG") ? 0 : 4);
    });
    return QApplication::exec();
}
