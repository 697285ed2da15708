#include "homefixtures.h"
#include "scannercollector.h"

#include "clicontext.h"
#include "clirunner.h"
#include "homes/homepreparer.h"
#include "homes/homescan.h"
#include "homes/homescanner.h"
#include "homes/homesreport.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutex>
#include <QTest>

#ifdef Q_OS_LINUX
#include <sys/inotify.h>
#include <unistd.h>
#endif

using namespace SandboxDoctor;
using namespace HomeFixtures;

namespace {

// Every message any code logs while the suite runs (all categories on).
QMutex g_logMutex;
QStringList g_log;
QtMessageHandler g_previous = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_log += message;
    }
    if (g_previous)
        g_previous(type, context, message);
}

QString everyString(const HomeReport &report)
{
    QStringList parts{report.path, report.workspace, report.task, report.policy.reason, report.policy.hint};
    for (const HomeEntry &entry : report.entries)
        parts << entry.name << entry.target << entry.expectedTarget << QString::number(entry.size);
    for (const Finding &finding : report.findings)
        parts << finding.code << finding.message << finding.fix;
    if (report.error)
        parts << report.error->toText();
    return parts.join(QLatin1Char('\n'));
}

} // namespace

// No byte of auth.json may reach any output: reports, text, JSON, logs. The
// credentials carry a marker; every output is searched for it. On Linux,
// inotify also proves the files are never opened at all.
class TestHomeSecrets final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_shared;
    QString m_root;
    QStringList m_authFiles;  // the real files holding the marker
#ifdef Q_OS_LINUX
    int m_inotify = -1;
#endif

    void expectNoSecret(const QString &where, const QString &text)
    {
        QVERIFY2(!text.contains(QString::fromLatin1(AuthSecret)), qPrintable(where + QLatin1String(" leaks auth.json")));
        // Any fragment of the marker counts too (a truncated or quoted echo).
        QVERIFY2(!text.contains(QStringLiteral("SECRET-MARKER")), qPrintable(where));
        QVERIFY2(!text.contains(QStringLiteral("OPENAI_API_KEY")), qPrintable(where));
    }

    InspectOptions options() const
    {
        InspectOptions o;
        o.sharedHome = m_shared;
        o.policyInputs.platform = Platform::Linux;
        return o;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true"));
        g_previous = qInstallMessageHandler(captureMessage);

        m_shared = m_dir.path() + QLatin1String("/shared");
        m_root = m_dir.path() + QLatin1String("/root");
        makeSharedHome(m_shared);
        m_authFiles += m_shared + QLatin1String("/auth.json");

        // Every way auth.json can look: linked, copied, wrong target, broken, unreadable copy.
        makeDaemonHome(m_root + QLatin1String("/ws/linked/codex-home"), m_shared);
        const QString copied = m_root + QLatin1String("/ws/copied/codex-home");
        makeDaemonHome(copied, m_shared);
        QVERIFY(QFile::remove(copied + QLatin1String("/auth.json")));
        QVERIFY(writeFile(copied + QLatin1String("/auth.json"), authBytes()));
        m_authFiles += copied + QLatin1String("/auth.json");
        const QString wrong = m_root + QLatin1String("/ws/wrong/codex-home");
        makeDaemonHome(wrong, m_shared);
        QVERIFY(writeFile(m_dir.path() + QLatin1String("/other/auth.json"), authBytes()));
        m_authFiles += m_dir.path() + QLatin1String("/other/auth.json");
        QVERIFY(QFile::remove(wrong + QLatin1String("/auth.json")));
        QVERIFY(QFile::link(m_dir.path() + QLatin1String("/other/auth.json"), wrong + QLatin1String("/auth.json")));
        const QString broken = m_root + QLatin1String("/ws/broken/codex-home");
        makeDaemonHome(broken, m_shared);
        QVERIFY(QFile::remove(broken + QLatin1String("/auth.json")));
        QVERIFY(QFile::link(m_dir.path() + QLatin1String("/gone/auth.json"), broken + QLatin1String("/auth.json")));
        // A config.toml that mentions auth.json must not make anything read it.
        QVERIFY(writeFile(broken + QLatin1String("/config.toml"), currentConfig("model = [\n")));

#ifdef Q_OS_LINUX
        m_inotify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        QVERIFY(m_inotify >= 0);
        for (const QString &file : std::as_const(m_authFiles))
            QVERIFY(inotify_add_watch(m_inotify, QFile::encodeName(file).constData(), IN_OPEN | IN_ACCESS) >= 0);
#endif
    }

    void cleanupTestCase()
    {
        qInstallMessageHandler(g_previous);
#ifdef Q_OS_LINUX
        if (m_inotify >= 0)
            ::close(m_inotify);
#endif
    }

    void scanReports_holdNoSecret()
    {
        const HomeScan scan = scanHomes(m_root, options());
        QCOMPARE(scan.homes.size(), 4);
        for (const HomeReport &report : scan.homes)
            expectNoSecret(report.path, everyString(report));
        expectNoSecret(QStringLiteral("JSON"), QString::fromUtf8(QJsonDocument(homeScanToJson(scan, Platform::Linux)).toJson()));
        expectNoSecret(QStringLiteral("text"), homeScanToText(scan, Platform::Linux));
    }

    void scannerSignals_holdNoSecret()
    {
        HomeScanner scanner;
        ScannerCollector got(scanner);
        scanner.start(m_root, options());
        QTRY_COMPARE_WITH_TIMEOUT(got.finished.size(), 1, 10000);
        QCOMPARE(got.reports.size(), 4);
        for (const HomeReport &report : std::as_const(got.reports))
            expectNoSecret(QStringLiteral("homeInspected"), everyString(report));
    }

    void cliInspect_textAndJsonHoldNoSecret()
    {
        for (const QStringList &extra : {QStringList{}, QStringList{QStringLiteral("--json")}}) {
            QString out;
            QString err;
            QTextStream outStream(&out);
            QTextStream errStream(&err);
            Cli::CliContext context(outStream, errStream, QProcessEnvironment());
            const int code = Cli::runCli(QStringList{QStringLiteral("cli"), QStringLiteral("inspect"), m_root,
                                                     QStringLiteral("--shared-home"), m_shared,
                                                     QStringLiteral("--platform"), QStringLiteral("linux")}
                                             + extra,
                                         context);
            outStream.flush();
            errStream.flush();
            QCOMPARE(code, 1);  // the broken link is an error
            QVERIFY(out.contains(QStringLiteral("auth.json")));
            expectNoSecret(QStringLiteral("inspect ") + extra.join(QLatin1Char(' ')), out + err);
        }
    }

    void prepare_holdsNoSecret()
    {
        PrepareOptions o;
        o.sharedHome = m_shared;
        o.policyInputs.platform = Platform::Linux;
        o.backup = false;
        const Expected<PrepareResult> result = prepareHome(m_dir.path() + QLatin1String("/prepared/codex-home"), o);
        QVERIFY(result);
        QVERIFY(result->ok());
        expectNoSecret(QStringLiteral("prepare text"), prepareResultToText(*result));
        expectNoSecret(QStringLiteral("prepare JSON"),
                       QString::fromUtf8(QJsonDocument(prepareResultToJson(*result)).toJson()));
    }

    void logs_holdNoSecret()
    {
        QMutexLocker lock(&g_logMutex);
        QVERIFY(!g_log.isEmpty());  // debug logging was really on
        expectNoSecret(QStringLiteral("log"), g_log.join(QLatin1Char('\n')));
    }

#ifdef Q_OS_LINUX
    // Runs last: nothing above opened any file that holds credentials.
    void authFiles_wereNeverOpened()
    {
        char buffer[4096];
        const ssize_t got = ::read(m_inotify, buffer, sizeof buffer);
        QCOMPARE(got, ssize_t(-1));  // no event queued (EAGAIN)
    }

    // The watch above is not blind: opening one of the files is seen at once.
    void authFiles_watchSeesAnOpen()
    {
        QFile file(m_authFiles.first());
        QVERIFY(file.open(QIODevice::ReadOnly));
        file.close();
        char buffer[4096];
        const ssize_t got = ::read(m_inotify, buffer, sizeof buffer);
        QVERIFY(got >= ssize_t(sizeof(inotify_event)));
    }
#endif
};

QTEST_GUILESS_MAIN(TestHomeSecrets)
#include "test_homesecrets.moc"
