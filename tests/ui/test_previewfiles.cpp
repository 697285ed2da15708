// Issue 11.4 in the GUI: a legacy profile's migration writes a second file;
// the Preview shows its diff below config.toml's, Apply writes both, and Undo
// puts both back (the profile file, which did not exist, goes again).

#include "uitestsupport.h"

#include "preview/diffview.h"
#include "prompt.h"

#include <QAction>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTest>

using namespace SandboxDoctor;
using namespace SandboxDoctor::Ui;
using SandboxDoctor::Ui::Testing::WindowFixture;

namespace {

const QByteArray Legacy = "model = \"o3\"\nprofile = \"work\"\n\n[profiles.work]\nsandbox_mode = \"read-only\"\n";
constexpr int Timeout = 30000;

QAction *action(const WindowFixture &fixture, const QString &name)
{
    auto *found = fixture.window->findChild<QAction *>(name);
    if (!found)
        qFatal("no action named %s", qPrintable(name));
    return found;
}

} // namespace

class TestPreviewFiles final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void legacyProfile_previewShowsBothFiles_undoRestoresBoth()
    {
        WindowFixture fixture(&Legacy);
        QTRY_VERIFY_WITH_TIMEOUT(fixture.window->isSettled(), Timeout);
        const QString profileFile = fixture.home + QStringLiteral("/work.config.toml");

        auto *other = fixture.window->findChild<DiffView *>(QStringLiteral("otherFileDiff:work.config.toml"));
        QVERIFY(other);
        QVERIFY(other->removedLines().isEmpty());
        QVERIFY2(other->addedLines().contains(QStringLiteral("sandbox_mode = \"read-only\"")),
                 qPrintable(other->addedLines().join(QLatin1Char('\n'))));
        auto *container = fixture.window->findChild<QWidget *>(QStringLiteral("previewOtherFiles"));
        QVERIFY(container && !container->isHidden());

        Prompt::setNextAnswer(QMessageBox::Apply);
        action(fixture, QStringLiteral("applyAction"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(profileFile) && fixture.window->isSettled()
                                     && fixture.session()->canUndo(),
                                 Timeout);
        QVERIFY(!fixture.readConfig().contains("profile"));

        Prompt::setNextAnswer(QMessageBox::Ok);
        action(fixture, QStringLiteral("undoAction"))->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(fixture.readConfig(), Legacy, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(fixture.window->isSettled(), Timeout);
        QVERIFY(!QFileInfo::exists(profileFile));
        Prompt::setNextAnswer(QMessageBox::NoButton);
    }
};

QTEST_MAIN(TestPreviewFiles)
#include "test_previewfiles.moc"
