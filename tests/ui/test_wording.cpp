// #13.4 and #13.7: the window names its buttons and menus, never a command
// line; Help → About says what this build is; a first start without a
// CODEX_HOME explains itself and offers to create the folder.
#include "uitestsupport.h"

#include "aboutdialog.h"
#include "common/tomlversion.h"
#include "guitext.h"
#include "overview/findingsmodel.h"
#include "widgets/messagebar.h"
#include "widgets/textlabel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using namespace SandboxDoctor;
using namespace SandboxDoctor::Ui;
using SandboxDoctor::Ui::Testing::FixtureOptions;
using SandboxDoctor::Ui::Testing::WindowFixture;

namespace {

constexpr int Timeout = 30000;

// A command line in a GUI text: the CLI's name, "Run apply", an option, or one
// of the CLI's commands quoted as code.
const QRegularExpression CommandLine(QStringLiteral(
    "codex-sandbox-doctor-cli|\\bRun apply\\b|(^|[\\s(`])--[a-z]"
    "|`(status|diff|apply|verify|probe-dns|inspect|prepare|restore|backups)\\b"));

template <typename T>
T *child(QWidget *root, const QString &name)
{
    T *widget = root->findChild<T *>(name);
    if (!widget)
        qFatal("no child named %s", qPrintable(name));
    return widget;
}

// Every text a person can read in the window: labels, buttons, the findings table.
QStringList visibleTexts(QWidget *window)
{
    QStringList texts;
    for (QLabel *label : window->findChildren<QLabel *>()) {
        if (label->isVisible())
            texts << (qobject_cast<TextLabel *>(label) ? static_cast<TextLabel *>(label)->fullText() : label->text());
    }
    for (QAbstractButton *button : window->findChildren<QAbstractButton *>()) {
        if (button->isVisible())
            texts << button->text() << button->toolTip();
    }
    for (QTreeView *view : window->findChildren<QTreeView *>()) {
        const QAbstractItemModel *model = view->model();
        for (int row = 0; model && row < model->rowCount(); ++row) {
            for (int column = 0; column < model->columnCount(); ++column) {
                texts << model->index(row, column).data().toString()
                      << model->index(row, column).data(Qt::ToolTipRole).toString();
            }
        }
    }
    return texts;
}

} // namespace

class TestWording final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // The fixes and hints core writes for the CLI, as the window words them.
    void guiAdvice_namesButtonsAndMenus_data()
    {
        QTest::addColumn<QString>("core");
        QTest::addColumn<QString>("gui");
        QTest::newRow("apply-to") << QStringLiteral("Run apply to update the block.")
                                  << QStringLiteral("Press Apply to update the block.");
        QTest::newRow("apply-colon") << QStringLiteral("Run apply: the setting moves into the managed block.")
                                     << QStringLiteral("Press Apply: the setting moves into the managed block.");
        QTest::newRow("codex-home") << QStringLiteral("Pass --codex-home DIR or set CODEX_HOME.")
                                    << QStringLiteral("Choose a folder with File → Open CODEX_HOME….");
        QTest::newRow("codex-or-settings")
            << QStringLiteral("Point the app at your Codex executable (--codex, or Settings) so its version can be read.")
            << QStringLiteral("Point the app at your Codex executable (Settings → Codex executable) so its version can "
                              "be read.");
        QTest::newRow("fixed-version")
            << QStringLiteral("set that release as the macOS fixed version (Settings, or --darwin-fixed-version) to return")
            << QStringLiteral("set that release as the macOS fixed version (Settings) to return");
        QTest::newRow("seed-policy") << QStringLiteral("choose the seed's table in Settings, or --policy seed.")
                                     << QStringLiteral("choose the seed's table in Settings.");
        // policyCost(): the preset to type, in the field Settings has for it.
        QTest::newRow("policy-cost")
            << QStringLiteral("choose workspace-write without network in the policy setting "
                              "(Settings, or --policy custom:macos=workspace-write).")
            << QStringLiteral("choose workspace-write without network in the policy setting "
                              "(Settings → Policy preset: Custom, custom:macos=workspace-write).");
        QTest::newRow("custom-policy-hint")
            << QStringLiteral("This mode was chosen in the custom policy (Settings, or --policy custom:…).")
            << QStringLiteral("This mode was chosen in the custom policy (Settings).");
        QTest::newRow("prepare")
            << QStringLiteral("Run `codex-sandbox-doctor-cli prepare --codex-home /w/t/codex-home` to link it again.")
            << QStringLiteral("use Repair on the Per-task homes page to link it again.");
        QTest::newRow("install") << QStringLiteral("Install it (npm install -g @openai/codex, or Homebrew), or give its "
                                                   "path with --codex. Searched: PATH (empty).")
                                 << QStringLiteral("Install it (npm install -g @openai/codex, or Homebrew), or choose it "
                                                   "in Settings → Codex executable. Searched: PATH (empty).");
        QTest::newRow("verify")
            << QStringLiteral("Remove default_permissions if the managed sandbox should apply, or check with `verify` "
                              "which one Codex uses.")
            << QStringLiteral("Remove default_permissions if the managed sandbox should apply, or check on the Verify "
                              "page which one Codex uses.");
        QTest::newRow("plain") << QStringLiteral("Move the block to the top.") << QStringLiteral("Move the block to the top.");
    }

    void guiAdvice_namesButtonsAndMenus()
    {
        QFETCH(QString, core);
        QFETCH(QString, gui);
        QCOMPARE(guiAdvice(core), gui);
        QVERIFY(!CommandLine.match(guiAdvice(core)).hasMatch());
    }

    // Configs whose findings carry CLI-worded fixes, and a missing Codex: what
    // the window shows names no command.
    void window_showsNoCommandLines_data()
    {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<bool>("codexFound");
        QTest::newRow("no-block") << QByteArray("model = \"o3\"\n") << true;
        QTest::newRow("legacy-line") << QByteArray("sandbox_mode = \"read-only\"\nmodel = \"o3\"\n") << true;
        QTest::newRow("trapped-key") << QByteArray("[permissions.x]\nsandbox_mode = \"read-only\"\n") << true;
        QTest::newRow("no-codex") << QByteArray("model = \"o3\"\n") << false;
        // default_permissions beside the block, agreeing with it: the engine's warning stays.
        QTest::newRow("permissions-beside-block")
            << QByteArray("# BEGIN multica-managed (do not edit; regenerated by daemon)\n"
                          "sandbox_mode = \"danger-full-access\"\n# END multica-managed\n\n"
                          "default_permissions = \":danger-full-access\"\n")
            << true;
    }

    void window_showsNoCommandLines()
    {
        QFETCH(QByteArray, config);
        QFETCH(bool, codexFound);
        FixtureOptions options;
        if (!codexFound)
            options.startup = [](StartupOptions &startup) { startup.codexPath.reset(); };
        WindowFixture fixture(&config, {}, options);
        QTRY_VERIFY_WITH_TIMEOUT(fixture.window->isSettled(), Timeout);
        auto *findings = qobject_cast<FindingsModel *>(child<QTreeView>(fixture.window.get(), QStringLiteral("findingsView"))->model());
        QVERIFY(findings && !findings->findings().isEmpty());
        for (const QString &page : {QStringLiteral("overview"), QStringLiteral("preview")}) {
            QVERIFY(fixture.window->showPage(page));
            for (const QString &text : visibleTexts(fixture.window.get()))
                QVERIFY2(!CommandLine.match(text).hasMatch(), qPrintable(page + QStringLiteral(": ") + text));
        }
    }

    void helpAbout_showsVersionsLicenceAndLinks()
    {
        const QByteArray config = "model = \"o3\"\n";
        WindowFixture fixture(&config);
        QVERIFY(QRegularExpression(QStringLiteral("^\\d+\\.\\d+\\.\\d+$")).match(tomlLibraryVersion()).hasMatch());

        QString versions, licence, links;
        bool shown = false;
        QTimer::singleShot(0, this, [&]() {
            auto *dialog = qobject_cast<AboutDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            shown = true;
            Testing::saveShot(dialog, QStringLiteral("about"));
            versions = child<QLabel>(dialog, QStringLiteral("aboutVersions"))->text();
            licence = child<QLabel>(dialog, QStringLiteral("aboutLicence"))->text();
            links = child<QLabel>(dialog, QStringLiteral("aboutLinks"))->text();
            QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("aboutCopyButton")), Qt::LeftButton);
            dialog->reject();
        });
        child<QAction>(fixture.window.get(), QStringLiteral("aboutAction"))->trigger();
        QVERIFY2(shown, "Help → About opened nothing");
        QVERIFY2(versions.contains(QStringLiteral(SANDBOXDOCTOR_VERSION)), qPrintable(versions));
        QVERIFY2(versions.contains(QStringLiteral("Qt %1").arg(QString::fromLatin1(qVersion()))), qPrintable(versions));
        QVERIFY2(versions.contains(QStringLiteral("toml++ %1").arg(tomlLibraryVersion())), qPrintable(versions));
        QVERIFY(licence.contains(QLatin1String("MIT")));
        QVERIFY2(links.contains(QLatin1String("https://github.com/codex-sandbox-doctor/codex-sandbox-doctor")),
                 qPrintable(links));
        QVERIFY(links.contains(QLatin1String("https://github.com/openai/codex/issues/10390")));
        QVERIFY(QApplication::clipboard()->text().contains(tomlLibraryVersion()));
    }

    // The bug: no ~/.codex gave a red "cannot be read" and nothing to do.
    void firstStart_explainsAndCreatesTheFolder()
    {
        FixtureOptions options;
        options.createHome = false;
        WindowFixture fixture(nullptr, {}, options);
        QTRY_VERIFY_WITH_TIMEOUT(fixture.window->isSettled(), Timeout);
        QVERIFY(!QFileInfo::exists(fixture.home));

        auto *headline = child<TextLabel>(fixture.window.get(), QStringLiteral("statusHeadline"));
        auto *details = child<TextLabel>(fixture.window.get(), QStringLiteral("statusDetails"));
        QCOMPARE(headline->fullText(), QStringLiteral("There is no CODEX_HOME folder yet"));
        QVERIFY2(details->fullText().contains(
                     QLatin1String("Codex has not run on this account yet, or CODEX_HOME points elsewhere")),
                 qPrintable(details->fullText()));
        QVERIFY(details->fullText().contains(QDir::toNativeSeparators(fixture.home)));
        auto *findings = qobject_cast<FindingsModel *>(child<QTreeView>(fixture.window.get(), QStringLiteral("findingsView"))->model());
        QCOMPARE(worstSeverity(findings->findings()), Severity::Info);  // nothing red

        auto *create = child<QPushButton>(fixture.window.get(), QStringLiteral("createHomeButton"));
        QVERIFY(create->isVisible());
        QCOMPARE(create->text(), QStringLiteral("Create It"));
        QTest::mouseClick(create, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(fixture.home).isDir() && fixture.window->isSettled()
                                     && fixture.session()->codexHomeExists(),
                                 Timeout);
#ifdef Q_OS_UNIX
        QCOMPARE(QFile::permissions(fixture.home) & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
#endif
        // Then analysed: a folder without config.toml, which Apply creates.
        QTRY_VERIFY_WITH_TIMEOUT(child<TextLabel>(fixture.window.get(), QStringLiteral("configStateLabel"))
                                     ->fullText()
                                     .startsWith(QLatin1String("no config.toml")),
                                 Timeout);
        QVERIFY(!create->isVisible());
        QCOMPARE(fixture.window->messageBar()->kind(), MessageBar::Kind::Success);
        QVERIFY(child<QAction>(fixture.window.get(), QStringLiteral("applyAction"))->isEnabled());
    }
};

QTEST_MAIN(TestWording)
#include "test_wording.moc"
