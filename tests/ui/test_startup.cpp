// #13.9: a fast start. Nothing runs before the window has painted; the login
// shell (which may start dozens of processes) runs only when no named Codex
// answers; icons are rendered once per size and palette, not on every paint.
#include "uitestsupport.h"

#include "icons.h"
#include "theme.h"

#include <QApplication>
#include <QFile>
#include <QPainter>
#include <QStandardPaths>
#include <QTest>

using namespace SandboxDoctor;
using namespace SandboxDoctor::Ui;
using SandboxDoctor::Ui::Testing::FixtureOptions;
using SandboxDoctor::Ui::Testing::WindowFixture;

namespace {

const QByteArray UserConfig = "model = \"o3\"\n";
constexpr int Timeout = 30000;

} // namespace

class TestStartup final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void window_runsNothingBeforeItIsShown()
    {
        FixtureOptions options;
        options.show = false;
        // Detection, not --codex-version: there is a process to (not) start.
        WindowFixture fixture(&UserConfig, {}, options);
        QCoreApplication::processEvents();
        QCOMPARE(fixture.session()->activity(), Session::Activity::Idle);
        QVERIFY(!fixture.session()->diagnosis().has_value());
        QVERIFY(!fixture.session()->isStarted());

        fixture.window->show();
        QTRY_VERIFY_WITH_TIMEOUT(fixture.window->isSettled(), Timeout);
        QVERIFY(fixture.session()->isStarted());
        QCOMPARE(fixture.session()->diagnosis()->codexVersion, std::optional<Version>(Version(0, 121, 0)));
    }

#ifdef Q_OS_UNIX
    // A stand-in login shell that notes each time it is asked.
    void loginShell_runsOnlyWhenNoNamedCodexAnswers()
    {
        QTemporaryDir dir;
        const QString log = dir.filePath(QStringLiteral("shell.log"));
        const QString shell = dir.filePath(QStringLiteral("fake-shell"));
        {
            QFile script(shell);
            QVERIFY(script.open(QIODevice::WriteOnly));
            script.write("#!/bin/sh\necho asked >> \"$FAKE_SHELL_LOG\"\nexit 0\n");
        }
        QVERIFY(QFile::setPermissions(shell, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("SHELL"), shell);
        environment.insert(QStringLiteral("FAKE_SHELL_LOG"), log);
        auto withLoginShell = [](std::optional<QString> codex) {
            FixtureOptions options;
            options.startup = [codex](StartupOptions &startup) {
                startup.detect.useLoginShell = true;
                startup.codexPath = codex;
            };
            return options;
        };

        {
            // --codex (or a saved path) that answers: the shell is never asked.
            WindowFixture fixture(&UserConfig, environment, withLoginShell(QStringLiteral(SANDBOXDOCTOR_FAKE_CODEX)));
            QTRY_VERIFY_WITH_TIMEOUT(fixture.window->isSettled(), Timeout);
            QVERIFY(fixture.session()->diagnosis()->codex.chosen);
            QVERIFY2(!QFile::exists(log), "the login shell ran although --codex answered");
        }
        {
            // A named Codex that does not answer: now the shell is the way to find one.
            WindowFixture fixture(&UserConfig, environment,
                                  withLoginShell(dir.filePath(QStringLiteral("no-such-codex"))));
            QTRY_VERIFY_WITH_TIMEOUT(fixture.window->isSettled(), Timeout);
            QVERIFY(QFile::exists(log));
        }
        QVERIFY(QFile::remove(log));
        {
            // Nothing named: the shell is asked, as before.
            WindowFixture fixture(&UserConfig, environment, withLoginShell(std::nullopt));
            QTRY_VERIFY_WITH_TIMEOUT(fixture.window->isSettled(), Timeout);
            QVERIFY(QFile::exists(log));
        }
    }
#endif

    void icons_areRenderedOncePerSizeAndPalette()
    {
        const QIcon icon = Icons::icon(QStringLiteral("refresh"));
        const int before = Icons::renderCount();
        QPixmap first = icon.pixmap(QSize(23, 23));
        QCOMPARE(Icons::renderCount(), before + 1);
        QPixmap again = icon.pixmap(QSize(23, 23));
        QCOMPARE(Icons::renderCount(), before + 1);  // the second is a copy
        QCOMPARE(again.toImage(), first.toImage());

        // Painting (a toolbar, a list) uses the same rendering.
        QImage canvas(64, 64, QImage::Format_ARGB32_Premultiplied);
        canvas.fill(Qt::transparent);
        {
            QPainter painter(&canvas);
            for (int i = 0; i < 10; ++i)
                icon.paint(&painter, QRect(0, 0, 23, 23));
        }
        QCOMPARE(Icons::renderCount(), before + 1);

        icon.pixmap(QSize(31, 31));
        QCOMPARE(Icons::renderCount(), before + 2);  // another size: rendered once more

        // Another palette (a dark theme) gives the icon another colour: rendered anew.
        const QPalette light = QApplication::palette();
        QApplication::setPalette(darkPalette());
        icon.pixmap(QSize(23, 23));
        QCOMPARE(Icons::renderCount(), before + 3);
        QApplication::setPalette(light);
        icon.pixmap(QSize(23, 23));
        QCOMPARE(Icons::renderCount(), before + 3);  // back to the first palette: still cached
    }
};

QTEST_MAIN(TestStartup)
#include "test_startup.moc"
