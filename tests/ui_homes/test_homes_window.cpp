// The policy preset in the desktop app (--policy, the "policy/preset" setting
// shared with the CLI, the Settings dialog), and the Homes page inside the
// main window: a folder dropped on it sets the root and never the window's
// CODEX_HOME (the shared home).
#include "appsettings.h"
#include "homefixtures.h"
#include "homes/homespage.h"
#include "mainwindow.h"
#include "session.h"
#include "settingsdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using namespace SandboxDoctor;
using namespace SandboxDoctor::Ui;
using namespace HomeFixtures;

class TestHomesWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void settings_presetKeyIsSharedWithTheCli();
    void window_followsThePolicyOption_andTheSavedPreset();
    void settingsDialog_choosesAndChecksThePreset();
    void settingsDialog_okForAnotherChange_keepsACommandLinePresetOut();
    void guiExecutable_refusesAnUnknownPolicy();
    void dropOnTheHomesPage_neverChangesTheWindowsCodexHome();

private:
    StartupOptions startup() const;
    std::unique_ptr<MainWindow> makeWindow(AppSettings *settings, const StartupOptions &options);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_shared;
};

void TestHomesWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SandboxDoctorTests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_homes_window"));
}

void TestHomesWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_shared = m_dir->filePath(QStringLiteral("shared"));
    makeSharedHome(m_shared);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir->filePath(QStringLiteral("user-settings")));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings().clear();
}

StartupOptions TestHomesWindow::startup() const
{
    StartupOptions options;
    options.codexHome = m_shared;
    options.codexPath = m_dir->filePath(QStringLiteral("no-codex-here"));
    options.codexVersionText = QStringLiteral("0.171.0");  // believed: nothing is run
    options.platform = Platform::Linux;
    options.darwinFixedVersion = QString();
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("HOME"), m_dir->path());
    environment.insert(QStringLiteral("MULTICA_WORKSPACES_ROOT"), m_dir->filePath(QStringLiteral("workspaces")));
    options.detect.environment = environment;
    options.detect.useLoginShell = false;
    options.detect.searchKnownLocations = false;
    return options;
}

std::unique_ptr<MainWindow> TestHomesWindow::makeWindow(AppSettings *settings, const StartupOptions &options)
{
    auto window = std::make_unique<MainWindow>(settings, options);
    window->show();
    return window;
}

void TestHomesWindow::settings_presetKeyIsSharedWithTheCli()
{
    const QString ini = m_dir->filePath(QStringLiteral("settings.ini"));
    {
        AppSettings settings(ini);
        QVERIFY(settings.policyPreset().isEmpty());
        settings.setPolicyPreset(QStringLiteral("multica-today"));
        settings.sync();
    }
    // The CLI reads this key (app/cli/main.cpp).
    QCOMPARE(QSettings(ini, QSettings::IniFormat).value(QStringLiteral("policy/preset")).toString(),
             QStringLiteral("multica-today"));
    AppSettings settings(ini);
    settings.setPolicyPreset(QString());
    settings.sync();
    QVERIFY(!QSettings(ini, QSettings::IniFormat).contains(QStringLiteral("policy/preset")));
}

void TestHomesWindow::window_followsThePolicyOption_andTheSavedPreset()
{
    AppSettings settings(m_dir->filePath(QStringLiteral("settings.ini")));
    StartupOptions options = startup();
    options.policy = QStringLiteral("multica-today");
    auto window = makeWindow(&settings, options);
    QTRY_VERIFY_WITH_TIMEOUT(window->session()->diagnosis().has_value() && !window->session()->isBusy(), 20000);
    QCOMPARE(window->session()->diagnosis()->policy.preset, PolicyPreset::MulticaToday);
    QCOMPARE(window->session()->diagnosis()->policy.mode, SandboxMode::DangerFullAccess);
    QVERIFY(settings.policyPreset().isEmpty());  // a command-line choice is for this run only
    window.reset();

    settings.setPolicyPreset(QStringLiteral("custom:linux=workspace-write"));
    auto saved = makeWindow(&settings, startup());
    QTRY_VERIFY_WITH_TIMEOUT(saved->session()->diagnosis().has_value() && !saved->session()->isBusy(), 20000);
    QCOMPARE(saved->session()->diagnosis()->policy.preset, PolicyPreset::Custom);
    QCOMPARE(saved->session()->diagnosis()->policy.networkAccess, false);
    saved.reset();

    // None chosen: the seed's table, as before presets.
    settings.setPolicyPreset(QString());
    auto none = makeWindow(&settings, startup());
    QTRY_VERIFY_WITH_TIMEOUT(none->session()->diagnosis().has_value() && !none->session()->isBusy(), 20000);
    QCOMPARE(none->session()->diagnosis()->policy.preset, PolicyPreset::Seed);
    QVERIFY(!none->session()->diagnosis()->presetChosen);
}

void TestHomesWindow::settingsDialog_choosesAndChecksThePreset()
{
    SettingsValues values;
    SettingsDialog dialog(values);
    dialog.show();
    auto *combo = dialog.findChild<QComboBox *>(QStringLiteral("policyPresetCombo"));
    auto *custom = dialog.findChild<QLineEdit *>(QStringLiteral("customPresetEdit"));
    auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(combo && custom && ok);
    QCOMPARE(combo->currentData().toString(), QString());
    QVERIFY(!custom->isVisible());

    combo->setFocus();
    combo->setCurrentIndex(combo->findData(QStringLiteral("multica-today")));
    QCOMPARE(dialog.values().policyPreset, QStringLiteral("multica-today"));

    combo->setCurrentIndex(combo->findData(QStringLiteral("custom")));
    QVERIFY(custom->isVisible());
    QTest::keyClicks(custom, QStringLiteral("custom:mars=read-only"));
    QVERIFY(!ok->isEnabled());
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("policyPresetError"))->text().contains(QStringLiteral("mars")));
    custom->clear();
    QTest::keyClicks(custom, QStringLiteral("custom: linux=workspace-write+network"));
    QVERIFY(ok->isEnabled());
    QCOMPARE(dialog.values().policyPreset, QStringLiteral("custom:linux=workspace-write+network"));

    // A saved custom preset opens as itself.
    values.policyPreset = QStringLiteral("custom:macos=danger-full-access");
    SettingsDialog again(values);
    QCOMPARE(again.findChild<QComboBox *>(QStringLiteral("policyPresetCombo"))->currentData().toString(),
             QStringLiteral("custom"));
    QCOMPARE(again.findChild<QLineEdit *>(QStringLiteral("customPresetEdit"))->text(), values.policyPreset);
}

// OK in Settings for an unrelated change neither saves a --policy of this run
// nor drops it.
void TestHomesWindow::settingsDialog_okForAnotherChange_keepsACommandLinePresetOut()
{
    AppSettings settings(m_dir->filePath(QStringLiteral("settings.ini")));
    StartupOptions options = startup();
    options.policy = QStringLiteral("multica-today");
    auto window = makeWindow(&settings, options);
    QTRY_VERIFY_WITH_TIMEOUT(window->session()->diagnosis().has_value() && !window->session()->isBusy(), 20000);
    QTimer::singleShot(0, window.get(), []() {
        auto *dialog = qobject_cast<SettingsDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        dialog->findChild<QLineEdit *>(QStringLiteral("codexPathEdit"))->setText(QStringLiteral("/opt/codex"));
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    });
    window->openSettings();
    QVERIFY(settings.policyPreset().isEmpty());
    QCOMPARE(window->session()->options().policyChoice->preset, PolicyPreset::MulticaToday);
}

void TestHomesWindow::guiExecutable_refusesAnUnknownPolicy()
{
    QProcess gui;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    gui.setProcessEnvironment(environment);
    gui.start(QStringLiteral(SANDBOXDOCTOR_GUI), {QStringLiteral("--policy"), QStringLiteral("sandbox-please"),
                                                  QStringLiteral("--screenshot"), m_dir->filePath(QStringLiteral("x.png"))});
    QVERIFY(gui.waitForFinished(60000));
    QCOMPARE(gui.exitCode(), 2);
    QVERIFY2(gui.readAllStandardError().contains("sandbox-please"), "the message names the value");
    QVERIFY(!QFileInfo::exists(m_dir->filePath(QStringLiteral("x.png"))));
}

void TestHomesWindow::dropOnTheHomesPage_neverChangesTheWindowsCodexHome()
{
    AppSettings settings(m_dir->filePath(QStringLiteral("settings.ini")));
    auto window = makeWindow(&settings, startup());
    QTRY_VERIFY_WITH_TIMEOUT(window->session()->diagnosis().has_value() && !window->session()->isBusy(), 20000);
    QVERIFY(window->showPage(QStringLiteral("homes")));
    auto *page = window->findChild<HomesPage *>(QStringLiteral("page_homes"));
    QVERIFY(page);
    const QString folder = m_dir->filePath(QStringLiteral("another-codex-home"));
    makeSharedHome(folder);  // a folder the window would happily open as a CODEX_HOME
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(folder)});
    QWidget *target = page->view()->viewport();
    const QPoint at = target->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, {});
    QApplication::sendEvent(target, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, {});
    QApplication::sendEvent(target, &drop);
    QCOMPARE(page->root(), folder);
    QCOMPARE(window->session()->codexHome(), m_shared);
    QCOMPARE(page->sharedHome(), m_shared);
}

QTEST_MAIN(TestHomesWindow)
#include "test_homes_window.moc"
