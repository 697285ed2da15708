// The main window opens as it was closed: size, position and the homes
// splitter, kept in AppSettings ("window/..."). A --screenshot run keeps the
// default size whatever was saved (it reads settings of its own).
#include "uitestsupport.h"

#include <QApplication>
#include <QImage>
#include <QProcess>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTest>

using namespace SandboxDoctor;
using namespace SandboxDoctor::Ui;

namespace {

const QSize DefaultSize(1180, 840);  // MainWindow's first-run size

// The first-run size on this screen: the default, shrunk so that the window
// and its frame fit the screen when it is smaller (1920x1200 here, see
// CMakeLists.txt; 960x600 at QT_SCALE_FACTOR=2).
QSize expectedDefaultSize(const QWidget &window)
{
    const QSize frame = window.frameGeometry().size() - window.geometry().size();
    return DefaultSize.boundedTo(QGuiApplication::primaryScreen()->availableGeometry().size() - frame);
}

bool fitsOnAScreen(const QRect &frame)
{
    for (QScreen *screen : QGuiApplication::screens()) {
        if (screen->availableGeometry().contains(frame))
            return true;
    }
    return false;
}

QString describe(const QRect &rect)
{
    return QStringLiteral("%1,%2 %3x%4").arg(rect.x()).arg(rect.y()).arg(rect.width()).arg(rect.height());
}

// A size that differs from the default and fits the screen (1920x1200 here,
// see CMakeLists.txt), which restoreGeometry() would otherwise shrink it to.
QSize smallerSize()
{
    const QRect screen = QGuiApplication::primaryScreen()->availableGeometry();
    return QSize(qMin(1000, screen.width() - 100), qMin(560, screen.height() - 40));
}

} // namespace

class TestWindowState final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_home;

    std::unique_ptr<MainWindow> openWindow(AppSettings *settings)
    {
        StartupOptions startup = Testing::WindowFixture::startupOptions();
        startup.codexHome = m_home;
        auto window = std::make_unique<MainWindow>(settings, startup);
        window->show();
        return window;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_home = m_dir.filePath(QStringLiteral("codex-home"));
        QVERIFY(QDir().mkpath(m_home));
    }

    void windowState_nothingSaved_opensAtDefaultSize()
    {
        AppSettings settings(m_dir.filePath(QStringLiteral("fresh.ini")));
        auto window = openWindow(&settings);
        QCOMPARE(window->size(), expectedDefaultSize(*window));
    }

    void windowState_closedResized_reopensAtThatSize()
    {
        AppSettings settings(m_dir.filePath(QStringLiteral("resized.ini")));
        const QSize size = smallerSize();
        QVERIFY(size != DefaultSize);
        {
            auto window = openWindow(&settings);
            window->resize(size);
            QTRY_COMPARE(window->size(), size);
            QVERIFY(window->close());
        }
        QVERIFY(!settings.windowGeometry().isEmpty());
        auto window = openWindow(&settings);
        QCOMPARE(window->size(), size);
    }

    void windowState_homesSplitter_keepsItsSizes()
    {
        AppSettings settings(m_dir.filePath(QStringLiteral("splitter.ini")));
        QList<int> sizes;
        {
            auto window = openWindow(&settings);
            QVERIFY(window->showPage(QStringLiteral("homes")));
            auto *splitter = window->findChild<QSplitter *>(QStringLiteral("homesSplitter"));
            QVERIFY(splitter);
            QTRY_VERIFY(splitter->width() > 600);
            const int total = splitter->sizes().value(0) + splitter->sizes().value(1);
            splitter->setSizes({total / 4, total - total / 4});
            sizes = splitter->sizes();
            QVERIFY(window->close());
        }
        QVERIFY(!settings.splitterState(QStringLiteral("homesSplitter")).isEmpty());
        auto window = openWindow(&settings);
        QVERIFY(window->showPage(QStringLiteral("homes")));
        auto *splitter = window->findChild<QSplitter *>(QStringLiteral("homesSplitter"));
        QTRY_COMPARE(splitter->sizes(), sizes);
    }

    // Closed on a screen that is gone (here: far off to the left and above):
    // it comes back on a screen, not somewhere nobody can reach it.
    void windowState_savedOffScreen_reopensOnAScreen()
    {
        AppSettings settings(m_dir.filePath(QStringLiteral("offscreen.ini")));
        {
            auto window = openWindow(&settings);
            window->resize(smallerSize());
            window->move(-20000, -20000);
            QTRY_COMPARE(window->pos(), QPoint(-20000, -20000));
            QVERIFY(window->close());
        }
        auto window = openWindow(&settings);
        QTRY_VERIFY(window->isVisible());
        bool onScreen = false;
        for (QScreen *screen : QGuiApplication::screens())
            onScreen = onScreen || screen->geometry().intersects(window->frameGeometry());
        QVERIFY2(onScreen, qPrintable(QStringLiteral("at %1,%2").arg(window->x()).arg(window->y())));
    }

    void windowState_unreadableSavedData_opensAtDefaultSize()
    {
        AppSettings settings(m_dir.filePath(QStringLiteral("garbage.ini")));
        settings.setWindowGeometry("not a geometry", "not a state");
        auto window = openWindow(&settings);
        QCOMPARE(window->size(), expectedDefaultSize(*window));
    }

    // Saved on a larger screen, or at a smaller scale (the same window reopened
    // with QT_SCALE_FACTOR=2 has half the room): larger than this screen and
    // reaching past its bottom-right corner. It comes back whole on the screen.
    void windowState_savedForALargerScreen_fitsThisOne()
    {
        const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
        QWidget probe;
        probe.setGeometry(QRect(available.right() - 300, available.bottom() - 200, available.width() + 400,
                                available.height() + 300));
        const QByteArray saved = probe.saveGeometry();
        AppSettings settings(m_dir.filePath(QStringLiteral("larger.ini")));
        settings.setWindowGeometry(saved, QByteArray());

        auto window = openWindow(&settings);
        QTRY_VERIFY(window->isVisible());
        QVERIFY2(fitsOnAScreen(window->frameGeometry()),
                 qPrintable(describe(window->frameGeometry()) + QStringLiteral(" on ") + describe(available)));
        QVERIFY(window->width() >= window->minimumWidth());
    }

    // The real app: a user's saved size (in the settings file QSettings finds
    // under XDG_CONFIG_HOME) does not reach a --screenshot, nor does the
    // screenshot change it.
    void screenshot_ignoresSavedGeometry()
    {
        const QString config = m_dir.filePath(QStringLiteral("xdg-config"));
        const QString file = config + QStringLiteral("/CodexSandboxDoctor/codex-sandbox-doctor.conf");
        QVERIFY(QDir().mkpath(QFileInfo(file).path()));
        QByteArray saved;
        {
            AppSettings settings(file);
            auto window = openWindow(&settings);
            window->resize(smallerSize());
            QTRY_COMPARE(window->size(), smallerSize());
            QVERIFY(window->close());
            saved = settings.windowGeometry();
        }
        QVERIFY(!saved.isEmpty());

        const QString shot = m_dir.filePath(QStringLiteral("shot.png"));
        QProcess app;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();  // this suite's screen and scale
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), config);
        app.setProcessEnvironment(environment);
        app.start(QStringLiteral(SANDBOXDOCTOR_GUI_PATH),
                  {QStringLiteral("--codex-home"), m_home, QStringLiteral("--codex-version"), QStringLiteral("0.121.0"),
                   QStringLiteral("--platform"), QStringLiteral("linux"), QStringLiteral("--screenshot"), shot});
        QVERIFY2(app.waitForFinished(120000), qPrintable(app.errorString()));
        QVERIFY2(app.exitCode() == 0, app.readAllStandardError().constData());
        const QImage image(shot);
        QVERIFY(!image.isNull());
        // Always the default size, even where the screen is smaller (at QT_SCALE_FACTOR=2).
        const qreal ratio = QGuiApplication::primaryScreen()->devicePixelRatio();
        QCOMPARE(image.size(), (QSizeF(DefaultSize) * ratio).toSize());
        QCOMPARE(AppSettings(file).windowGeometry(), saved);
    }
};

QTEST_MAIN(TestWindowState)
#include "test_windowstate.moc"
