#include "detecttesting.h"

#include <QPointer>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace SandboxDoctor;
using namespace DetectTesting;

class TestCodexLocator final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        qRegisterMetaType<SandboxDoctor::CodexDetection>();
    }

    // As at the window's shutdown: the locator dies while a version probe
    // hangs, and no event loop runs after it. The program is killed and
    // reaped and its QProcess deleted with the locator (a cancelled runner
    // used to hand its QProcess to nobody: LeakSanitizer's leak in the
    // main-window suites).
    void destroyedWhileProbing_takesItsProcessWithIt()
    {
        QTemporaryDir home;
        auto options = isolatedOptions(bareEnvironment(home.path(), QStringLiteral("/nonexistent")));
        options.explicitPath = install(fakeHang(), home.filePath(QStringLiteral("bin")));
        options.versionTimeoutMs = 600000;
        auto *locator = new CodexLocator(options);
        locator->start();
        QTRY_VERIFY_WITH_TIMEOUT(!locator->findChildren<QProcess *>().isEmpty(), 10000);
        const QPointer<QProcess> process = locator->findChildren<QProcess *>().constFirst();
        QTRY_VERIFY_WITH_TIMEOUT(process->state() == QProcess::Running, 10000);
        locator->cancel();  // what the window does first
        delete locator;
        QVERIFY(process.isNull());
    }

    void path_findsCodexWithSourcePath()
    {
        QTemporaryDir home;
        const QString codex = install(fakeVersion(), home.filePath(QStringLiteral("bin")));
        const auto detection = CodexLocator::detectBlocking(
            isolatedOptions(bareEnvironment(home.path(), home.filePath(QStringLiteral("bin")))));
        QVERIFY2(detection.chosen && detection.chosen->version, qPrintable(describe(detection)));
        QCOMPARE(detection.chosen->path, codex);
        QCOMPARE(detection.chosen->source, CodexSource::Path);
        QCOMPARE(detection.installs.size(), 1);
        QVERIFY(!detection.error);
    }

    // ~/.local/bin, nvm and symbolic links are the POSIX places and ways
    // (Windows has %APPDATA%\npm and %LOCALAPPDATA%, and .lnk shortcuts).
#ifdef Q_OS_UNIX
    void knownLocations_fakeHomeStandaloneAndNvm()
    {
        QTemporaryDir home;
        const QString standalone = install(fakeVersion(), home.filePath(QStringLiteral(".local/bin")));
        const QString nvm = install(fakePrerelease(), home.filePath(QStringLiteral(".nvm/versions/node/v20.11.1/bin")));
        QTemporaryDir extra;
        const QString extraCodex = install(fakeCodePage(), extra.path());
        auto options = isolatedOptions(bareEnvironment(home.path(), QStringLiteral("/nonexistent")));
        options.searchKnownLocations = true;
        options.extraKnownLocations = {extra.path()};
        const auto detection = CodexLocator::detectBlocking(options);

        const CodexInstall *a = findInstall(detection, standalone);
        const CodexInstall *b = findInstall(detection, nvm);
        const CodexInstall *c = findInstall(detection, extraCodex);
        QVERIFY2(a && b && c, qPrintable(describe(detection)));
        QCOMPARE(a->source, CodexSource::KnownLocation);
        QCOMPARE(a->version->toString(), QStringLiteral("0.121.0"));
        QCOMPARE(b->source, CodexSource::NpmPackage);
        QCOMPARE(b->version->toString(), QStringLiteral("0.146.0-alpha.9.2"));
        QCOMPARE(c->source, CodexSource::KnownLocation);
        QCOMPARE(c->version->toString(), QStringLiteral("0.130.2"));
        // Standard places come before the caller's extras, and differ in version.
        QCOMPARE(detection.chosen->path, standalone);
        QVERIFY(detection.versionsDisagree());
    }

    void duplicates_sameFileOnPathAndInAKnownPlace_keepsTheFirstSource()
    {
        QTemporaryDir home;
        const QString codex = install(fakeVersion(), home.filePath(QStringLiteral(".local/bin")));
        QDir().mkpath(home.filePath(QStringLiteral("links")));
        QVERIFY(QFile::link(codex, home.filePath(QStringLiteral("links/codex"))));
        // On PATH twice (the folder and a symlink to it), and a known place.
        auto options = isolatedOptions(bareEnvironment(
            home.path(), home.filePath(QStringLiteral("links")) + QLatin1Char(':') + home.filePath(QStringLiteral(".local/bin"))));
        options.searchKnownLocations = true;
        options.extraKnownLocations = {codex};
        const auto detection = CodexLocator::detectBlocking(options);
        int same = 0;
        for (const CodexInstall &install : detection.installs)
            same += install.resolvedPath == QFileInfo(codex).canonicalFilePath() ? 1 : 0;
        QCOMPARE(same, 1);
        QVERIFY(detection.chosen);
        QCOMPARE(detection.chosen->source, CodexSource::Path);
        QCOMPARE(detection.chosen->path, home.filePath(QStringLiteral("links/codex")));
        QVERIFY2(detection.chosen->version, qPrintable(describe(detection)));
    }
#endif

    void explicit_comesFirstAndOthersAreStillReported()
    {
        QTemporaryDir home;
        install(fakeVersion(), home.filePath(QStringLiteral("bin")));
        auto options = isolatedOptions(bareEnvironment(home.path(), home.filePath(QStringLiteral("bin"))));
        options.explicitPath = fakePrerelease();
        const auto detection = CodexLocator::detectBlocking(options);
        QCOMPARE(detection.installs.size(), 2);
        QCOMPARE(detection.chosen->source, CodexSource::Explicit);
        QCOMPARE(detection.chosen->version->toString(), QStringLiteral("0.146.0-alpha.9.2"));
        QCOMPARE(detection.installs.at(1).source, CodexSource::Path);
        QVERIFY(detection.versionsDisagree());
    }

    void versionsDisagree_falseWhenAllAgree()
    {
        QTemporaryDir home;
        install(fakeVersion(), home.filePath(QStringLiteral("a")));
        install(fakeVersion(), home.filePath(QStringLiteral("b")));
        const auto detection = CodexLocator::detectBlocking(isolatedOptions(bareEnvironment(
            home.path(), pathList({home.filePath(QStringLiteral("a")), home.filePath(QStringLiteral("b"))}))));
        QCOMPARE(detection.installs.size(), 2);
        QVERIFY(!detection.versionsDisagree());
    }

    void versionsDisagree_onValues()
    {
        CodexDetection detection;
        QVERIFY(!detection.versionsDisagree());
        CodexInstall chosen;
        chosen.version = Version(0, 121, 0);
        CodexInstall silent;  // did not answer: cannot disagree
        CodexInstall same;
        same.version = Version(0, 121, 0);
        detection.chosen = chosen;
        detection.installs = {chosen, silent, same};
        QVERIFY(!detection.versionsDisagree());
        CodexInstall prerelease;
        prerelease.version = Version(0, 121, 0, QStringLiteral("alpha.1"));
        detection.installs.append(prerelease);
        QVERIFY(detection.versionsDisagree());
    }

    void chosen_isTheFirstByPrecedenceEvenWhenItFails()
    {
        QTemporaryDir home;
        install(fakeExit3(), home.filePath(QStringLiteral("bin")));
        const QString later = install(fakeVersion(), home.filePath(QStringLiteral("later")));
        auto options = isolatedOptions(bareEnvironment(home.path(), home.filePath(QStringLiteral("bin"))));
        options.extraKnownLocations = {later};
        const auto detection = CodexLocator::detectBlocking(options);
        QCOMPARE(detection.installs.size(), 2);
        QCOMPARE(detection.chosen->source, CodexSource::Path);
        QVERIFY(detection.chosen->error);
        QCOMPARE(detection.installs.at(1).version->toString(), QStringLiteral("0.121.0"));
        QVERIFY(!detection.error);
    }

    void nothingFound_errorNamesThePlacesSearched()
    {
        QTemporaryDir home;
        QTemporaryDir extra;
        auto options = isolatedOptions(bareEnvironment(home.path(), home.filePath(QStringLiteral("emptybin"))));
        options.extraKnownLocations = {extra.filePath(QStringLiteral("codex"))};
        const auto detection = CodexLocator::detectBlocking(options);
        QVERIFY(!detection.chosen);
        QVERIFY(detection.installs.isEmpty());
        QVERIFY(detection.error.has_value());
        QCOMPARE(detection.error->kind, Error::Kind::NotFound);
        // Paths in messages are in this machine's spelling (backslashes on Windows).
        const QString hint = detection.error->hint;
        QVERIFY2(hint.contains(QDir::toNativeSeparators(home.filePath(QStringLiteral("emptybin")))), qPrintable(hint));
        QVERIFY2(hint.contains(QDir::toNativeSeparators(extra.filePath(QStringLiteral("codex")))), qPrintable(hint));
    }

    void start_returnsBeforeAnyAnswer()
    {
        QTemporaryDir home;
        install(fakeVersion(), home.filePath(QStringLiteral("bin")));
        CodexLocator locator(isolatedOptions(bareEnvironment(home.path(), home.filePath(QStringLiteral("bin")))));
        QSignalSpy spy(&locator, &CodexLocator::finished);
        locator.start();
        QVERIFY(locator.isRunning());
        QCOMPARE(spy.count(), 0);  // the answer comes later, from the event loop
        QVERIFY(spy.wait(10000));
        QCOMPARE(spy.count(), 1);
        QVERIFY(!locator.isRunning());
        const auto detection = spy.at(0).at(0).value<CodexDetection>();
        QCOMPARE(detection.chosen->version->toString(), QStringLiteral("0.121.0"));
    }

    void start_withNothingToAsk_stillFinishesFromTheEventLoop()
    {
        QTemporaryDir home;
        CodexLocator locator(isolatedOptions(bareEnvironment(home.path(), QString())));
        QSignalSpy spy(&locator, &CodexLocator::finished);
        locator.start();
        QCOMPARE(spy.count(), 0);
        QVERIFY(spy.wait(10000));
        QVERIFY(spy.at(0).at(0).value<CodexDetection>().error.has_value());
    }

    void cancel_stopsWithoutAnswering()
    {
        QTemporaryDir home;
        install(fakeHang(), home.filePath(QStringLiteral("bin")));
        auto options = isolatedOptions(bareEnvironment(home.path(), home.filePath(QStringLiteral("bin"))));
        options.versionTimeoutMs = 200;
        CodexLocator locator(options);
        QSignalSpy spy(&locator, &CodexLocator::finished);
        locator.start();
        QVERIFY(locator.isRunning());
        locator.cancel();
        QVERIFY(!locator.isRunning());
        // Well past the probe's own time limit: a cancelled run never reports.
        QTest::qWait(600);
        QCOMPARE(spy.count(), 0);
        // And the locator can run again afterwards.
        locator.start();
        QVERIFY(spy.wait(10000));
        QVERIFY(spy.at(0).at(0).value<CodexDetection>().chosen->error.has_value());
    }
};

QTEST_GUILESS_MAIN(TestCodexLocator)
#include "test_codexlocator.moc"
