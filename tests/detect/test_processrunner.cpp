#include "common/processrunner.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#include <sys/types.h>
#include <unistd.h>

using namespace SandboxDoctor;

namespace {

// A process is gone when it no longer exists or is a zombie nobody reaped yet
// (an orphaned grandchild belongs to init, which reaps it when it gets to it).
bool alive(qint64 pid)
{
    if (pid <= 0 || (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH))
        return false;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;  // no /proc (macOS): kill() said it exists
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close < 0 || text.mid(close + 2, 1) != "Z";
}

qint64 readPid(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed().toLongLong() : 0;
}

} // namespace

// The one runner every external program goes through: a time limit, cancel,
// the whole process tree killed, exactly one report from the event loop, and
// nothing left behind.
class TestProcessRunner final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    // sh -> sh -> sleep: the child and the grandchild ignore SIGTERM and write
    // their pids (atomically) once they run.
    ProcessSpec family(const QString &tag, int timeoutMs) const
    {
        ProcessSpec spec;
        spec.program = QStringLiteral("/bin/sh");
        spec.arguments = {path(QStringLiteral("child.sh")), path(tag + QStringLiteral(".grandchild")),
                          path(tag + QStringLiteral(".child")), path(QStringLiteral("grandchild.sh"))};
        spec.timeoutMs = timeoutMs;
        return spec;
    }

    static bool write(const QString &file, const QByteArray &text)
    {
        QFile out(file);
        return out.open(QIODevice::WriteOnly) && out.write(text) == text.size();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(write(path(QStringLiteral("grandchild.sh")),
                      "trap '' TERM\necho $$ > \"$1.tmp\" && mv \"$1.tmp\" \"$1\"\nexec sleep 600\n"));
        QVERIFY(write(path(QStringLiteral("child.sh")),
                      "trap '' TERM\necho $$ > \"$2.tmp\" && mv \"$2.tmp\" \"$2\"\n/bin/sh \"$3\" \"$1\" &\nwait\n"));
    }

    void timeout_killsTheGrandchildThatIgnoresSigterm()
    {
        // The limit must pass after the grandchild has started; on a machine
        // too busy for that, the next round gives it longer.
        bool checked = false;
        for (int timeoutMs : {1000, 4000, 16000}) {
            const QString tag = QStringLiteral("timeout-%1").arg(timeoutMs);
            ProcessRunner runner;
            QSignalSpy finished(&runner, &ProcessRunner::finished);
            runner.start(family(tag, timeoutMs));
            QVERIFY(finished.wait(timeoutMs + 30000));
            const auto outcome = finished.first().first().value<ProcessOutcome>();
            QCOMPARE(outcome.status, ProcessOutcome::Status::TimedOut);
            QCOMPARE(outcome.timeoutMs, timeoutMs);
            const qint64 grandchild = readPid(path(tag + QStringLiteral(".grandchild")));
            if (grandchild == 0)
                continue;  // killed before it ran: nothing shown yet
            QTRY_VERIFY_WITH_TIMEOUT(!alive(grandchild), 10000);
            QVERIFY(!alive(readPid(path(tag + QStringLiteral(".child")))));
            checked = true;
            break;
        }
        QVERIFY2(checked, "the grandchild never started before the time limit");
    }

    void cancel_killsTheGrandchildThatIgnoresSigterm()
    {
        ProcessRunner runner;
        QSignalSpy finished(&runner, &ProcessRunner::finished);
        runner.start(family(QStringLiteral("cancel"), 600000));
        const QString grandchildFile = path(QStringLiteral("cancel.grandchild"));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(grandchildFile), 30000);
        const qint64 grandchild = readPid(grandchildFile);
        QVERIFY(alive(grandchild));

        runner.cancel();
        QVERIFY(!runner.isRunning());
        QCOMPARE(finished.count(), 0);  // never from inside cancel()
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().value<ProcessOutcome>().status, ProcessOutcome::Status::Cancelled);
        QTRY_VERIFY_WITH_TIMEOUT(!alive(grandchild), 10000);
        QTest::qWait(50);
        QCOMPARE(finished.count(), 1);
    }

    void destruction_leavesNoProcessAndNoQProcess()
    {
        qint64 child = 0;
        qint64 grandchild = 0;
        QObject owner;
        {
            auto *runner = new ProcessRunner(&owner);
            runner->start(family(QStringLiteral("destroy"), 600000));
            QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path(QStringLiteral("destroy.grandchild"))), 30000);
            child = readPid(path(QStringLiteral("destroy.child")));
            grandchild = readPid(path(QStringLiteral("destroy.grandchild")));
            QCOMPARE(owner.findChildren<QProcess *>().size(), 1);
            delete runner;  // as at shutdown: no event loop runs after this
        }
        QVERIFY(owner.findChildren<QProcess *>().isEmpty());
        QVERIFY(!alive(child));  // reaped by the destructor itself
        QTRY_VERIFY_WITH_TIMEOUT(!alive(grandchild), 10000);
    }

    void killedProcess_isReapedAndItsQProcessDeleted()
    {
        ProcessRunner runner;
        QSignalSpy finished(&runner, &ProcessRunner::finished);
        runner.start(family(QStringLiteral("reap"), 600000));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path(QStringLiteral("reap.grandchild"))), 30000);
        runner.cancel();
        QVERIFY(finished.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(runner.findChildren<QProcess *>().isEmpty(), 10000);
    }

    void output_andExitCodeAreReportedOnceFromTheEventLoop()
    {
        ProcessRunner runner;
        QSignalSpy finished(&runner, &ProcessRunner::finished);
        ProcessSpec spec;
        spec.program = QStringLiteral("/bin/sh");
        spec.arguments = {QStringLiteral("-c"), QStringLiteral("echo out; echo err >&2; read line; exit 3")};
        runner.start(spec);
        QVERIFY(runner.isRunning());
        QVERIFY(finished.wait(30000));
        const auto outcome = finished.first().first().value<ProcessOutcome>();
        QCOMPARE(outcome.status, ProcessOutcome::Status::Finished);
        QCOMPARE(outcome.exitCode, 3);  // stdin is the null device: `read` gets EOF at once
        QCOMPARE(outcome.standardOutput, QByteArray("out\n"));
        QCOMPARE(outcome.standardError, QByteArray("err\n"));
        QTest::qWait(50);
        QCOMPARE(finished.count(), 1);
    }

    void failedStart_isReportedLaterNotFromInsideStart()
    {
        ProcessRunner runner;
        QSignalSpy finished(&runner, &ProcessRunner::finished);
        ProcessSpec spec;
        spec.program = path(QStringLiteral("no-such-program"));
        runner.start(spec);
        QCOMPARE(finished.count(), 0);
        QVERIFY(finished.wait(10000));
        const auto outcome = finished.first().first().value<ProcessOutcome>();
        QCOMPARE(outcome.status, ProcessOutcome::Status::FailedToStart);
        QVERIFY(!outcome.started());
        QVERIFY(!outcome.errorString.isEmpty());
        QVERIFY(!runner.isRunning());
    }

    void startWhileRunning_reportsTheOldRunCancelledThenTheNewOne()
    {
        ProcessRunner runner;
        QSignalSpy finished(&runner, &ProcessRunner::finished);
        ProcessSpec slow;
        slow.program = QStringLiteral("/bin/sh");
        slow.arguments = {QStringLiteral("-c"), QStringLiteral("exec sleep 600")};
        runner.start(slow);
        ProcessSpec quick;
        quick.program = QStringLiteral("/bin/sh");
        quick.arguments = {QStringLiteral("-c"), QStringLiteral("exit 7")};
        runner.start(quick);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 30000);
        QCOMPARE(finished.at(0).first().value<ProcessOutcome>().status, ProcessOutcome::Status::Cancelled);
        const auto second = finished.at(1).first().value<ProcessOutcome>();
        QCOMPARE(second.status, ProcessOutcome::Status::Finished);
        QCOMPARE(second.exitCode, 7);
    }
};

QTEST_GUILESS_MAIN(TestProcessRunner)
#include "test_processrunner.moc"
#endif // Q_OS_UNIX
