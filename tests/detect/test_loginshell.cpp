#include "detecttesting.h"

#include <QTemporaryDir>
#include <QTest>

using namespace SandboxDoctor;
using namespace DetectTesting;

// The user's login shell, asked as a desktop app must: PATH bare, the answer
// only in the profile.
class TestLoginShell final : public QObject
{
    Q_OBJECT

private:
    static DetectOptions shellOptions(const QString &home, const QString &shell, int timeoutMs = 4000)
    {
        auto env = bareEnvironment(home, QStringLiteral("/usr/bin:/bin"));
        env.insert(QStringLiteral("SHELL"), shell);
        auto options = isolatedOptions(env);
        options.useLoginShell = true;
        options.loginShellTimeoutMs = timeoutMs;
        return options;
    }

private slots:
    void bashProfile_putsCodexOnPath_foundThroughTheLoginShell()
    {
        QTemporaryDir home;
        const QString codex = install(fakeVersion(), home.filePath(QStringLiteral("tools/codex-bin")));
        // Noise before and after, as real profiles print banners and warnings.
        QVERIFY(writeFile(home.filePath(QStringLiteral(".bash_profile")),
                          "echo 'Welcome to this machine'\n"
                          "export PATH=\"$HOME/tools/codex-bin:$PATH\"\n"
                          "echo 'note: /etc/motd is stale' >&2\n"));
        const auto detection = CodexLocator::detectBlocking(shellOptions(home.path(), QStringLiteral("/bin/bash")));
        QVERIFY2(detection.chosen, qPrintable(describe(detection)));
        QCOMPARE(detection.chosen->source, CodexSource::LoginShell);
        QCOMPARE(detection.chosen->path, codex);
        QVERIFY2(detection.chosen->version, qPrintable(describe(detection)));
        QCOMPARE(detection.chosen->version->toString(), QStringLiteral("0.121.0"));
    }

    void profileNoiseAfterTheAnswer_isIgnored()
    {
        // A tiny shell of our own: it prints noise, the path, then a line
        // that is not a path (a logout message).
        QTemporaryDir home;
        const QString codex = install(fakePrerelease(), home.filePath(QStringLiteral("opt/bin")));
        const QString shell = home.filePath(QStringLiteral("fakeshell"));
        QVERIFY(writeFile(shell,
                          "#!/bin/sh\n"
                          "echo 'Last login: today'\n"
                          "echo '" + codex.toUtf8() + "'\n"
                          "echo 'bye'\n", true));
        const auto detection = CodexLocator::detectBlocking(shellOptions(home.path(), shell));
        QVERIFY2(detection.chosen && detection.chosen->version, qPrintable(describe(detection)));
        QCOMPARE(detection.chosen->source, CodexSource::LoginShell);
        QCOMPARE(detection.chosen->version->toString(), QStringLiteral("0.146.0-alpha.9.2"));
    }

    void sameFileOnPathAndInTheShell_keepsSourcePath()
    {
        QTemporaryDir home;
        const QString dir = home.filePath(QStringLiteral("bin"));
        const QString codex = install(fakeVersion(), dir);
        QVERIFY(writeFile(home.filePath(QStringLiteral(".bash_profile")), "export PATH=\"$HOME/bin:$PATH\"\n"));
        auto options = shellOptions(home.path(), QStringLiteral("/bin/bash"));
        options.environment.insert(QStringLiteral("PATH"), dir + QStringLiteral(":/usr/bin:/bin"));
        const auto detection = CodexLocator::detectBlocking(options);
        QCOMPARE(detection.installs.size(), 1);
        QCOMPARE(detection.chosen->source, CodexSource::Path);
    }

    void hangingShell_isBoundedAndNamedInTheHint()
    {
        QTemporaryDir home;
        const QString shell = home.filePath(QStringLiteral("slowshell"));
        QVERIFY(writeFile(shell, "#!/bin/sh\nsleep 120\n", true));
        const auto detection = CodexLocator::detectBlocking(shellOptions(home.path(), shell, 300));
        QVERIFY(!detection.chosen);
        QVERIFY(detection.error);
        QVERIFY2(detection.error->hint.contains(QStringLiteral("did not answer")), qPrintable(detection.error->hint));
    }

    void shellThatFindsNothing_isNoCandidate()
    {
        QTemporaryDir home;
        const auto detection = CodexLocator::detectBlocking(shellOptions(home.path(), QStringLiteral("/bin/sh")));
        QVERIFY2(detection.installs.isEmpty(), qPrintable(describe(detection)));
        QVERIFY(detection.error);
        QVERIFY2(detection.error->hint.contains(QStringLiteral("/bin/sh")), qPrintable(detection.error->hint));
    }
};

QTEST_GUILESS_MAIN(TestLoginShell)
#include "test_loginshell.moc"
