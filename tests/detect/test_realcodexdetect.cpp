#include "detecttesting.h"

#include "detect/npmshim.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace SandboxDoctor;
using namespace DetectTesting;

// The real @openai/codex from npm, as a desktop app without node meets it.
class TestRealCodexDetect final : public QObject
{
    Q_OBJECT

private:
    QString m_prefix;
    QString m_version;

private slots:
    void initTestCase()
    {
        m_prefix = qEnvironmentVariable("SANDBOXDOCTOR_CODEX_PREFIX");
        m_version = qEnvironmentVariable("SANDBOXDOCTOR_CODEX_VERSION");
        QVERIFY2(QFileInfo(m_prefix + QStringLiteral("/bin/codex")).exists(),
                 "SANDBOXDOCTOR_CODEX_PREFIX must hold the npm install (run through ctest)");
        QVERIFY(!m_version.isEmpty());
    }

    void npmShimWithoutNode_resolvesToTheNativeBinary()
    {
        QTemporaryDir home;
        // PATH is the shim's own folder only: no node anywhere on it.
        const QString bin = m_prefix + QStringLiteral("/bin");
        const auto env = bareEnvironment(home.path(), bin);
        QVERIFY(!NpmShim::isNodeOnPath(env, Platform::Linux));
        const auto detection = CodexLocator::detectBlocking(isolatedOptions(env));
        QVERIFY2(detection.chosen && detection.chosen->version, qPrintable(describe(detection)));
        QCOMPARE(detection.chosen->source, CodexSource::Path);
        QCOMPARE(detection.chosen->path, bin + QStringLiteral("/codex"));
        QCOMPARE(detection.chosen->version->toString(), m_version);
        QCOMPARE(detection.chosen->raw, QStringLiteral("codex-cli ") + m_version);
        QVERIFY2(detection.chosen->askedBinary.contains(QStringLiteral("/node_modules/@openai/codex-"))
                     && detection.chosen->askedBinary.contains(QStringLiteral("/vendor/"))
                     && detection.chosen->askedBinary.endsWith(QStringLiteral("/bin/codex")),
                 qPrintable(detection.chosen->askedBinary));
    }

    void npmShimWithoutNode_foundThroughTheLoginShell()
    {
        QTemporaryDir home;
        QTemporaryDir emptyBin;
        QVERIFY(writeFile(home.filePath(QStringLiteral(".bash_profile")),
                          "echo 'profile loaded'\nexport PATH=\"" + m_prefix.toUtf8() + "/bin:$PATH\"\n"));
        auto env = bareEnvironment(home.path(), emptyBin.path());
        env.insert(QStringLiteral("SHELL"), QStringLiteral("/bin/bash"));
        QVERIFY(!NpmShim::isNodeOnPath(env, Platform::Linux));
        auto options = isolatedOptions(env);
        options.useLoginShell = true;
        const auto detection = CodexLocator::detectBlocking(options);
        QVERIFY2(detection.chosen && detection.chosen->version, qPrintable(describe(detection)));
        QCOMPARE(detection.chosen->source, CodexSource::LoginShell);
        QCOMPARE(detection.chosen->path, m_prefix + QStringLiteral("/bin/codex"));
        QCOMPARE(detection.chosen->version->toString(), m_version);
        QVERIFY(detection.chosen->askedBinary.contains(QStringLiteral("/vendor/")));
    }

    void npmShimWithNodeOnPath_runsTheShimItself()
    {
        // npm installed the package, so node is on this process's PATH.
        const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
        QVERIFY2(!node.isEmpty(), "node is not on PATH, yet npm installed Codex");
        QTemporaryDir home;
        auto env = bareEnvironment(home.path(), m_prefix + QStringLiteral("/bin:") + QFileInfo(node).absolutePath()
                                                    + QStringLiteral(":/usr/bin:/bin"));
        const auto detection = CodexLocator::detectBlocking(isolatedOptions(env));
        QVERIFY2(detection.chosen && detection.chosen->version, qPrintable(describe(detection)));
        QCOMPARE(detection.chosen->version->toString(), m_version);
        QCOMPARE(detection.chosen->askedBinary, m_prefix + QStringLiteral("/bin/codex"));
    }
};

QTEST_GUILESS_MAIN(TestRealCodexDetect)
#include "test_realcodexdetect.moc"
