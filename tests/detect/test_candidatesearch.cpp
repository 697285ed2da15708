#include "detecttesting.h"

#include "detect/candidatesearch.h"
#include "detect/loginshellquery.h"
#include "detect/npmshim.h"

#include <QTemporaryDir>
#include <QTest>

using namespace SandboxDoctor;
using namespace DetectTesting;

namespace {

QStringList patterns(const QList<KnownPlace> &places)
{
    QStringList list;
    for (const KnownPlace &place : places)
        list << place.pattern;
    return list;
}

CodexSource sourceOf(const QList<KnownPlace> &places, const QString &pattern)
{
    for (const KnownPlace &place : places) {
        if (place.pattern == pattern)
            return place.source;
    }
    return CodexSource::Explicit;  // not listed: no test expects Explicit here
}

} // namespace

class TestCandidateSearch final : public QObject
{
    Q_OBJECT

private slots:
    void codexSourceName_spellsTheContractNames()
    {
        QCOMPARE(codexSourceName(CodexSource::Explicit), QStringLiteral("explicit"));
        QCOMPARE(codexSourceName(CodexSource::Path), QStringLiteral("path"));
        QCOMPARE(codexSourceName(CodexSource::LoginShell), QStringLiteral("login-shell"));
        QCOMPARE(codexSourceName(CodexSource::KnownLocation), QStringLiteral("known-location"));
        QCOMPARE(codexSourceName(CodexSource::AppBundle), QStringLiteral("app-bundle"));
        QCOMPARE(codexSourceName(CodexSource::NpmPackage), QStringLiteral("npm-package"));
    }

    void onPath_findsEveryCodexInPathOrder()
    {
        QTemporaryDir tmp;
        const QString first = install(fakeVersion(), tmp.filePath(QStringLiteral("a")));
        QDir().mkpath(tmp.filePath(QStringLiteral("empty")));
        const QString second = install(fakePrerelease(), tmp.filePath(QStringLiteral("b")));
        const auto env = bareEnvironment(tmp.path(), pathList({tmp.filePath(QStringLiteral("a")),
                                                               tmp.filePath(QStringLiteral("empty")),
                                                               tmp.filePath(QStringLiteral("b"))}));
        const auto found = CandidateSearch::onPath(env, hostPlatform());
        QCOMPARE(found.size(), 2);
        QCOMPARE(found.at(0).path, first);
        QCOMPARE(found.at(1).path, second);
        QCOMPARE(found.at(0).source, CodexSource::Path);
    }

    // Windows has no execute bit (any file may run there).
#ifdef Q_OS_UNIX
    void onPath_skipsFilesThatCannotRun()
    {
        QTemporaryDir tmp;
        QVERIFY(writeFile(tmp.filePath(QStringLiteral("bin/codex")), "not executable", false));
        const auto env = bareEnvironment(tmp.path(), tmp.filePath(QStringLiteral("bin")));
        QVERIFY(CandidateSearch::onPath(env, Platform::Linux).isEmpty());
    }
#endif

    void homeDirectory_comesFromTheInjectedEnvironment()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("HOME"), QStringLiteral("/home/fake"));
        QCOMPARE(CandidateSearch::homeDirectory(env, Platform::Linux), QStringLiteral("/home/fake"));
        env.insert(QStringLiteral("USERPROFILE"), QStringLiteral("C:\\Users\\fake"));
        QCOMPARE(CandidateSearch::homeDirectory(env, Platform::Windows), QStringLiteral("C:/Users/fake"));
    }

    void knownPlaces_linuxListsStandaloneNpmAndNvm()
    {
        const auto env = bareEnvironment(QStringLiteral("/home/u"), QStringLiteral("/usr/bin:/bin"));
        const auto places = CandidateSearch::knownPlaces(env, Platform::Linux);
        const QStringList list = patterns(places);
        QVERIFY2(list.contains(QStringLiteral("/usr/local/bin/codex")), qPrintable(list.join(QLatin1Char('\n'))));
        QVERIFY(list.contains(QStringLiteral("/home/u/.local/bin/codex")));
        QVERIFY(list.contains(QStringLiteral("/home/u/.npm-global/bin/codex")));
        QVERIFY(list.contains(QStringLiteral("/home/u/.nvm/versions/node/*/bin/codex")));
        QCOMPARE(sourceOf(places, QStringLiteral("/home/u/.local/bin/codex")), CodexSource::KnownLocation);
        QCOMPARE(sourceOf(places, QStringLiteral("/home/u/.npm-global/bin/codex")), CodexSource::NpmPackage);
        QCOMPARE(sourceOf(places, QStringLiteral("/home/u/.nvm/versions/node/*/bin/codex")), CodexSource::NpmPackage);
        QVERIFY(!list.contains(QStringLiteral("/Applications/Codex.app/Contents/Resources/codex")));
    }

    void knownPlaces_macosListsHomebrewAndAppBundles()
    {
        const auto env = bareEnvironment(QStringLiteral("/Users/u"), QStringLiteral("/usr/bin:/bin"));
        const auto places = CandidateSearch::knownPlaces(env, Platform::MacOS);
        const QStringList list = patterns(places);
        QVERIFY(list.contains(QStringLiteral("/opt/homebrew/bin/codex")));
        QVERIFY(list.contains(QStringLiteral("/usr/local/bin/codex")));
        QCOMPARE(sourceOf(places, QStringLiteral("/Applications/Codex.app/Contents/Resources/codex")), CodexSource::AppBundle);
        QCOMPARE(sourceOf(places, QStringLiteral("/Users/u/Applications/Codex.app/Contents/Resources/codex")),
                 CodexSource::AppBundle);
        // Homebrew before the app bundle: a CLI the user installed on purpose wins.
        QVERIFY(list.indexOf(QStringLiteral("/opt/homebrew/bin/codex"))
                < list.indexOf(QStringLiteral("/Applications/Codex.app/Contents/Resources/codex")));
    }

    void knownPlaces_windowsUsesAppDataAndLocalAppData()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("USERPROFILE"), QStringLiteral("C:\\Users\\u"));
        env.insert(QStringLiteral("APPDATA"), QStringLiteral("C:\\Users\\u\\AppData\\Roaming"));
        env.insert(QStringLiteral("LOCALAPPDATA"), QStringLiteral("C:\\Users\\u\\AppData\\Local"));
        const auto places = CandidateSearch::knownPlaces(env, Platform::Windows);
        QCOMPARE(sourceOf(places, QStringLiteral("C:/Users/u/AppData/Roaming/npm/codex.cmd")), CodexSource::NpmPackage);
        QCOMPARE(sourceOf(places, QStringLiteral("C:/Users/u/AppData/Local/Programs/OpenAI/Codex/bin/codex.exe")),
                 CodexSource::KnownLocation);
    }

    // nvm and its executable `codex` are POSIX things.
#ifdef Q_OS_UNIX
    void existing_expandsNvmVersionsNewestFirst()
    {
        QTemporaryDir home;
        const QString older = install(fakeVersion(), home.filePath(QStringLiteral(".nvm/versions/node/v18.19.0/bin")));
        const QString newer = install(fakePrerelease(), home.filePath(QStringLiteral(".nvm/versions/node/v20.11.1/bin")));
        QDir().mkpath(home.filePath(QStringLiteral(".nvm/versions/node/v22.0.0/bin")));  // a Node without Codex
        const auto env = bareEnvironment(home.path(), QStringLiteral("/usr/bin:/bin"));
        const auto found = CandidateSearch::existing(CandidateSearch::knownPlaces(env, Platform::Linux), Platform::Linux);
        QStringList paths;
        for (const CodexCandidate &candidate : found)
            paths << candidate.path;
        QVERIFY2(paths.indexOf(newer) >= 0 && paths.indexOf(older) > paths.indexOf(newer), qPrintable(paths.join(u'\n')));
        QCOMPARE(found.at(paths.indexOf(newer)).source, CodexSource::NpmPackage);
    }
#endif

    void extraPlaces_acceptFilesAndFolders()
    {
        QTemporaryDir tmp;
        const QString inFolder = install(fakeVersion(), tmp.filePath(QStringLiteral("folder")));
        const QString file = install(fakeVersion(), tmp.filePath(QStringLiteral("other")), QStringLiteral("codex-nightly"));
        const auto found = CandidateSearch::existing(
            CandidateSearch::extraPlaces({tmp.filePath(QStringLiteral("folder")), file}, hostPlatform()), hostPlatform());
        QCOMPARE(found.size(), 2);
        QCOMPARE(found.at(0).path, inFolder);
        QCOMPARE(found.at(1).path, file);
        QCOMPARE(found.at(1).source, CodexSource::KnownLocation);
    }

    void resolveExplicit_bareNameIsLookedUpOnPath()
    {
        QTemporaryDir tmp;
        const QString codex = install(fakeVersion(), tmp.filePath(QStringLiteral("bin")));
        const auto env = bareEnvironment(tmp.path(), tmp.filePath(QStringLiteral("bin")));
        QCOMPARE(CandidateSearch::resolveExplicit(QStringLiteral("codex"), env, hostPlatform()), codex);
        QCOMPARE(CandidateSearch::resolveExplicit(codex, env, hostPlatform()), codex);
        QVERIFY(CandidateSearch::resolveExplicit(tmp.filePath(QStringLiteral("nope/codex")), env, hostPlatform()).isEmpty());
    }

    // Symbolic links and npm's POSIX shim (a link to codex.js): on Windows
    // QFile::link makes a .lnk shortcut instead, and npm writes codex.cmd.
#ifdef Q_OS_UNIX
    void identity_isTheSameForASymlinkAndItsTarget()
    {
        QTemporaryDir tmp;
        const QString codex = install(fakeVersion(), tmp.filePath(QStringLiteral("real")));
        QDir().mkpath(tmp.filePath(QStringLiteral("links")));
        QVERIFY(QFile::link(codex, tmp.filePath(QStringLiteral("links/codex"))));
        QCOMPARE(CandidateSearch::identity(tmp.filePath(QStringLiteral("links/codex")), Platform::Linux),
                 CandidateSearch::identity(codex, Platform::Linux));
        QVERIFY(CandidateSearch::identity(tmp.filePath(QStringLiteral("missing")), Platform::Linux).isEmpty());
    }

    void npmShim_symlinkToCodexJsLeadsToItsPackage()
    {
        QTemporaryDir tmp;
        const QString native = makeNpmPrefix(tmp.path(), fakeVersion());
        const auto package = NpmShim::packageDirectory(tmp.filePath(QStringLiteral("bin/codex")), Platform::Linux);
        QVERIFY(package.has_value());
        QCOMPARE(*package, QFileInfo(tmp.filePath(QStringLiteral("lib/node_modules/@openai/codex"))).canonicalFilePath());
        // The vendor folder also holds an arm64 build: this machine's triple wins.
        QCOMPARE(QFileInfo(NpmShim::findNativeBinary(*package, Platform::Linux)).canonicalFilePath(),
                 QFileInfo(native).canonicalFilePath());
    }
#endif

    void npmShim_nativeProgramIsNotAShim()
    {
        QTemporaryDir tmp;
        const QString codex = install(fakeVersion(), tmp.filePath(QStringLiteral("bin")));
        QVERIFY(!NpmShim::packageDirectory(codex, hostPlatform()).has_value());
    }

    void npmShim_packageWithoutVendorHasNoNativeBinary()
    {
        QTemporaryDir tmp;
        const QString package = makeNpmPrefix(tmp.path(), QString());
        QVERIFY(NpmShim::findNativeBinary(package, Platform::Linux).isEmpty());
    }

    void npmShim_nodeOnPathIsSeen()
    {
        QTemporaryDir tmp;
        install(fakeSilent(), tmp.filePath(QStringLiteral("nodebin")),
                hostPlatform() == Platform::Windows ? QStringLiteral("node.exe") : QStringLiteral("node"));
        QVERIFY(NpmShim::isNodeOnPath(bareEnvironment(tmp.path(), tmp.filePath(QStringLiteral("nodebin"))), hostPlatform()));
        QVERIFY(!NpmShim::isNodeOnPath(bareEnvironment(tmp.path(), tmp.filePath(QStringLiteral("empty"))), hostPlatform()));
    }

    void loginShellOutput_lastAbsolutePathLineWins()
    {
        QCOMPARE(LoginShellQuery::parseOutput("Welcome!\n/usr/bin/fortune says hi: /nope\n  /opt/homebrew/bin/codex  \n\n"),
                 QStringLiteral("/opt/homebrew/bin/codex"));
        QVERIFY(LoginShellQuery::parseOutput("alias codex='npx codex'\n").isEmpty());
        QVERIFY(LoginShellQuery::parseOutput("").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCandidateSearch)
#include "test_candidatesearch.moc"
