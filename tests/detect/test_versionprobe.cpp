#include "detecttesting.h"

#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>

using namespace SandboxDoctor;
using namespace DetectTesting;

namespace {

// Asks only the given file, as `--codex PATH` does, with nothing else around.
CodexDetection askExplicit(const QString &path, const QString &pathVariable, int timeoutMs = 5000)
{
    QTemporaryDir home;
    auto options = isolatedOptions(bareEnvironment(home.path(), pathVariable));
    options.explicitPath = path;
    options.versionTimeoutMs = timeoutMs;
    return CodexLocator::detectBlocking(options);
}

#ifdef Q_OS_LINUX
// Every running process whose program is `path` (Linux /proc).
int processesRunning(const QString &path)
{
    int count = 0;
    QDirIterator it(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        const QString exe = QFileInfo(it.next() + QStringLiteral("/exe")).symLinkTarget();
        if (exe == path)
            ++count;
    }
    return count;
}
#endif

} // namespace

class TestVersionProbe final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_emptyBin;

private slots:
    void version_isReadWithTheLineItCameFrom()
    {
        const auto detection = askExplicit(fakeVersion(), m_emptyBin.path());
        QVERIFY(detection.chosen.has_value());
        const CodexInstall &codex = *detection.chosen;
        QVERIFY2(!codex.error, qPrintable(describe(detection)));
        QCOMPARE(codex.source, CodexSource::Explicit);
        QCOMPARE(codex.version->toString(), QStringLiteral("0.121.0"));
        QCOMPARE(codex.raw, QStringLiteral("codex-cli 0.121.0"));
        QCOMPARE(codex.askedBinary, fakeVersion());
        QVERIFY(!detection.error);
    }

    void prerelease_isKept()
    {
        const auto detection = askExplicit(fakePrerelease(), m_emptyBin.path());
        QVERIFY2(detection.chosen && detection.chosen->version, qPrintable(describe(detection)));
        QCOMPARE(detection.chosen->version->toString(), QStringLiteral("0.146.0-alpha.9.2"));
        QVERIFY(detection.chosen->version->isPrerelease());
    }

    void codePageLine_isSkipped()
    {
        const auto detection = askExplicit(fakeCodePage(), m_emptyBin.path());
        QVERIFY2(detection.chosen && detection.chosen->version, qPrintable(describe(detection)));
        QCOMPARE(detection.chosen->version->toString(), QStringLiteral("0.130.2"));
        QCOMPARE(detection.chosen->raw, QStringLiteral("codex-cli 0.130.2"));
    }

    void hang_reportsTimedOutAndKillsIt()
    {
        // A copy of its own, so no other test's hanging fake is counted.
        QTemporaryDir tmp;
        const QString hang = install(fakeHang(), tmp.path());
        const auto detection = askExplicit(hang, m_emptyBin.path(), 300);
        QVERIFY(detection.chosen.has_value());
        QVERIFY(!detection.chosen->version);
        QVERIFY(detection.chosen->error.has_value());
        QCOMPARE(detection.chosen->error->kind, Error::Kind::Process);
        QVERIFY2(detection.chosen->error->message.contains(QStringLiteral("timed out after 0.3 s")),
                 qPrintable(detection.chosen->error->message));
#ifdef Q_OS_LINUX
        QTRY_COMPARE(processesRunning(QFileInfo(hang).canonicalFilePath()), 0);  // only Linux lists them in /proc
#endif
    }

    void exitCode_isReportedWithItsStderr()
    {
        const auto detection = askExplicit(fakeExit3(), m_emptyBin.path());
        QVERIFY(detection.chosen && detection.chosen->error);
        QVERIFY(!detection.chosen->version);
        const QString message = detection.chosen->error->message;
        QVERIFY2(message.contains(QStringLiteral("exited with code 3")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("error: failed to load config: broken.toml")), qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral("second line")), qPrintable(message));
        QVERIFY(!detection.chosen->error->hint.isEmpty());
    }

    void silence_isReportedAsPrintingNothing()
    {
        const auto detection = askExplicit(fakeSilent(), m_emptyBin.path());
        QVERIFY(detection.chosen && detection.chosen->error);
        QVERIFY(!detection.chosen->version);
        QVERIFY2(detection.chosen->error->message.contains(QStringLiteral("printed nothing")),
                 qPrintable(detection.chosen->error->message));
    }

    void fileThatIsNoProgram_failsToStart()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(codexFileName());
        QVERIFY(writeFile(path, QByteArrayLiteral("\x7f" "ELF but not really"), true));
        const auto detection = askExplicit(path, m_emptyBin.path());
        QVERIFY(detection.chosen && detection.chosen->error);
        QVERIFY2(detection.chosen->error->message.contains(QStringLiteral("failed to start")),
                 qPrintable(detection.chosen->error->message));
    }

    void explicitMissing_isAnErrorValue()
    {
        const auto detection = askExplicit(QStringLiteral("/nonexistent/dir/codex"), m_emptyBin.path());
        QVERIFY(detection.chosen.has_value());
        QCOMPARE(detection.chosen->source, CodexSource::Explicit);
        QVERIFY(detection.chosen->error.has_value());
        QCOMPARE(detection.chosen->error->kind, Error::Kind::NotFound);
        QCOMPARE(detection.chosen->error->path, QDir::toNativeSeparators(QStringLiteral("/nonexistent/dir/codex")));
        QVERIFY(!detection.chosen->error->hint.isEmpty());
        QVERIFY(detection.error.has_value());  // nothing else exists either
    }

    // npm's POSIX shim: a symbolic link to a `#!/usr/bin/env node` script
    // (QFile::link makes a .lnk shortcut on Windows, where npm writes codex.cmd).
#ifdef Q_OS_UNIX
    void npmShimWithoutNode_asksTheNativeBinary()
    {
        QTemporaryDir prefix;
        const QString native = makeNpmPrefix(prefix.path(), fakeVersion());
        // PATH holds the shim's folder and nothing else: no node anywhere.
        const auto detection = askExplicit(prefix.filePath(QStringLiteral("bin/codex")), prefix.filePath(QStringLiteral("bin")));
        QVERIFY2(detection.chosen && detection.chosen->version, qPrintable(describe(detection)));
        QCOMPARE(detection.chosen->version->toString(), QStringLiteral("0.121.0"));
        QCOMPARE(detection.chosen->path, prefix.filePath(QStringLiteral("bin/codex")));
        QCOMPARE(QFileInfo(detection.chosen->askedBinary).canonicalFilePath(), QFileInfo(native).canonicalFilePath());
    }

    void npmShimThatFailsToStart_fallsBackToTheNativeBinary()
    {
        // node is on PATH, so the shim is tried first; its interpreter is
        // missing, as when the node on PATH is not the one npm recorded.
        QTemporaryDir prefix;
        const QString native = makeNpmPrefix(prefix.path(), fakePrerelease(), QByteArrayLiteral("#!/nonexistent/bin/node"));
        const QString nodeBin = prefix.filePath(QStringLiteral("nodebin"));
        install(fakeSilent(), nodeBin, QStringLiteral("node"));
        const auto detection = askExplicit(prefix.filePath(QStringLiteral("bin/codex")), nodeBin);
        QVERIFY2(detection.chosen && detection.chosen->version, qPrintable(describe(detection)));
        QCOMPARE(detection.chosen->version->toString(), QStringLiteral("0.146.0-alpha.9.2"));
        QCOMPARE(QFileInfo(detection.chosen->askedBinary).canonicalFilePath(), QFileInfo(native).canonicalFilePath());
    }

    void npmShimWithoutNodeOrNativeBinary_needsNode()
    {
        QTemporaryDir prefix;
        makeNpmPrefix(prefix.path(), QString());
        const auto detection = askExplicit(prefix.filePath(QStringLiteral("bin/codex")), prefix.filePath(QStringLiteral("bin")));
        QVERIFY(detection.chosen && detection.chosen->error);
        QVERIFY(!detection.chosen->version);
        QVERIFY2(detection.chosen->error->message.contains(QStringLiteral("needs Node.js")),
                 qPrintable(detection.chosen->error->message));
    }
#endif
};

QTEST_GUILESS_MAIN(TestVersionProbe)
#include "test_versionprobe.moc"
