// #13.1: a preview of another platform, a Codex path or a fixed version given
// on the command line lasts for that run only. It is never written to the
// settings, a bar says while another platform is previewed (with the way
// back), and Apply in that state asks, naming the platform.
#include "uitestsupport.h"

#include "policytext.h"
#include "prompt.h"
#include "widgets/messagebar.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace SandboxDoctor;
using namespace SandboxDoctor::Ui;
using SandboxDoctor::Ui::Testing::FixtureOptions;
using SandboxDoctor::Ui::Testing::WindowFixture;

namespace {

const QByteArray UserConfig = "model = \"o3\"\n";
constexpr int Timeout = 30000;

// A platform that is not this machine's, whatever machine runs the suite.
Platform otherPlatform()
{
    return hostPlatform() == Platform::MacOS ? Platform::Linux : Platform::MacOS;
}

FixtureOptions previewingOtherPlatform()
{
    FixtureOptions options;
    options.startup = [](StartupOptions &startup) { startup.platform = otherPlatform(); };
    return options;
}

template <typename T>
T *child(QWidget *root, const QString &name)
{
    T *widget = root->findChild<T *>(name);
    if (!widget)
        qFatal("no child named %s", qPrintable(name));
    return widget;
}

} // namespace

class TestPreviews final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // The bug: OK in Settings for an unrelated change saved the one-time
    // --platform (and --codex, --darwin-fixed-version) for every later start.
    void settings_unrelatedChange_savesNoCommandLinePreview()
    {
        WindowFixture fixture(&UserConfig, {}, previewingOtherPlatform());
        QTRY_VERIFY_WITH_TIMEOUT(fixture.window->isSettled(), Timeout);

        bool answered = false;
        bool originShown = false;
        QTimer::singleShot(0, this, [&]() {
            auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            originShown = child<QLabel>(dialog, QStringLiteral("codexPathOrigin"))->isVisible()
                          && child<QLabel>(dialog, QStringLiteral("darwinFixedOrigin"))->isVisible();
            Testing::saveShot(dialog, QStringLiteral("settings"));
            auto *keep = child<QSpinBox>(dialog, QStringLiteral("keepBackupsSpin"));
            keep->setFocus();
            keep->selectAll();
            QTest::keyClicks(keep, QStringLiteral("5"));
            auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
            QTest::mouseClick(ok, Qt::LeftButton);
            answered = true;
        });
        child<QAction>(fixture.window.get(), QStringLiteral("settingsAction"))->trigger();
        QVERIFY(answered);
        QVERIFY2(originShown, "Settings says which values came from the command line");

        fixture.settings->sync();
        const QSettings saved(fixture.settingsPath(), QSettings::IniFormat);
        QCOMPARE(saved.value(QStringLiteral("apply/keepBackups")).toInt(), 5);  // the change the user made
        QVERIFY2(!saved.contains(QStringLiteral("preview/platform")), "the preview platform is never saved");
        QVERIFY2(!saved.contains(QStringLiteral("codex/path")), "--codex stays this run's");
        QVERIFY2(!saved.contains(QStringLiteral("policy/darwinFixedVersion")), "--darwin-fixed-version stays this run's");

        // This run still previews what the command line asked for.
        QTRY_VERIFY_WITH_TIMEOUT(fixture.window->isSettled(), Timeout);
        QCOMPARE(fixture.session()->options().platform, std::optional<Platform>(otherPlatform()));
        QVERIFY(child<MessageBar>(fixture.window.get(), QStringLiteral("previewBar"))->isVisible());

        // And the next plain start shows this machine.
        StartupOptions plain = WindowFixture::startupOptions();
        plain.platform.reset();
        plain.codexHome = fixture.home;
        MainWindow next(fixture.settings.get(), plain);
        next.show();
        QTRY_VERIFY_WITH_TIMEOUT(next.isSettled(), Timeout);
        QVERIFY(!next.session()->diagnosis()->platform.simulated);
        QVERIFY(!child<MessageBar>(&next, QStringLiteral("previewBar"))->isVisible());
    }

    // An older version saved "preview/platform": it no longer reaches a start.
    void savedPreviewFromOlderVersion_isIgnored()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("old.ini"));
        {
            QSettings old(ini, QSettings::IniFormat);
            old.setValue(QStringLiteral("preview/platform"), platformName(otherPlatform()));
        }
        AppSettings settings(ini);
        StartupOptions startup = WindowFixture::startupOptions();
        startup.platform.reset();
        startup.codexHome = dir.path();
        MainWindow window(&settings, startup);
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(window.isSettled(), Timeout);
        QVERIFY(!window.session()->options().platform.has_value());
        QVERIFY(!window.session()->diagnosis()->platform.simulated);
        QVERIFY(!child<MessageBar>(&window, QStringLiteral("previewBar"))->isVisible());
    }

    void previewBar_namesThePlatform_andGoesBackToThisMachine()
    {
        WindowFixture fixture(&UserConfig, {}, previewingOtherPlatform());
        QTRY_VERIFY_WITH_TIMEOUT(fixture.window->isSettled(), Timeout);
        auto *bar = child<MessageBar>(fixture.window.get(), QStringLiteral("previewBar"));
        QVERIFY(bar->isVisible());
        QVERIFY2(bar->text().contains(QStringLiteral("Previewing %1").arg(platformDisplayName(otherPlatform()))),
                 qPrintable(bar->text()));
        QVERIFY(bar->text().contains(platformDisplayName(hostPlatform())));
        QVERIFY(fixture.session()->diagnosis()->platform.simulated);

        auto *back = child<QPushButton>(fixture.window.get(), QStringLiteral("backToThisMachineButton"));
        QVERIFY(back->isVisible());
        QTest::mouseClick(back, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(fixture.window->isSettled() && !fixture.session()->diagnosis()->platform.simulated,
                                 Timeout);
        QVERIFY(!bar->isVisible());
        QVERIFY(!fixture.session()->options().platform.has_value());
        QVERIFY(!fixture.window->isPreviewingOtherPlatform());
    }

    void apply_whilePreviewing_asksNamingThePlatform()
    {
        WindowFixture fixture(&UserConfig, {}, previewingOtherPlatform());
        QTRY_VERIFY_WITH_TIMEOUT(fixture.window->isSettled(), Timeout);
        QVERIFY(fixture.window->showPage(QStringLiteral("preview")));
        auto *apply = child<QPushButton>(fixture.window.get(), QStringLiteral("applyButton"));
        QTRY_VERIFY(apply->isVisible() && apply->isEnabled());

        const QString mode = sandboxModeName(fixture.session()->diagnosis()->policy.mode);
        Prompt::setNextAnswer(QMessageBox::Cancel);
        QTest::mouseClick(apply, Qt::LeftButton);
        const QString expected = QStringLiteral("Write the %1 policy (%2) to this %3 machine's config.toml?")
                                     .arg(platformDisplayName(otherPlatform()), mode,
                                          platformDisplayName(hostPlatform()));
        QVERIFY2(Prompt::lastText().startsWith(expected), qPrintable(Prompt::lastText()));
        QCOMPARE(fixture.readConfig(), UserConfig);  // cancelled: nothing written
        QVERIFY(fixture.backups().isEmpty());

        // Answered: it writes, as asked.
        Prompt::setNextAnswer(QMessageBox::Apply);
        QTest::mouseClick(apply, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(fixture.readConfig().startsWith("# BEGIN multica-managed"), Timeout);
    }

    // This machine's own policy is applied with the usual question.
    void apply_onThisMachine_asksTheUsualQuestion()
    {
        FixtureOptions options;
        options.startup = [](StartupOptions &startup) { startup.platform.reset(); };
        WindowFixture fixture(&UserConfig, {}, options);
        QTRY_VERIFY_WITH_TIMEOUT(fixture.window->isSettled(), Timeout);
        QVERIFY(fixture.session()->canApply());  // no managed block yet, on any platform
        Prompt::setNextAnswer(QMessageBox::Cancel);
        child<QAction>(fixture.window.get(), QStringLiteral("applyAction"))->trigger();
        QVERIFY2(Prompt::lastText().startsWith(QLatin1String("Write the managed block to")),
                 qPrintable(Prompt::lastText()));
        QVERIFY(!child<MessageBar>(fixture.window.get(), QStringLiteral("previewBar"))->isVisible());
    }
};

QTEST_MAIN(TestPreviews)
#include "test_previews.moc"
