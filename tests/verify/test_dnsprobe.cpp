// First, before anything could pull in <windows.h> (and with it winsock 1).
#ifdef _WIN32
#ifndef NOMINMAX
#define NOMINMAX  // no min/max macros from <windows.h>
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <winsock2.h>  // WSAECONNREFUSED: Winsock reports its own codes, not errno's
#endif

#include "verify/dnsprobe.h"
#include "verify/loopbacklistener.h"

#include <QJsonDocument>
#include <QTest>

#include <cerrno>

namespace {
#ifdef Q_OS_WIN
constexpr int ConnectionRefused = WSAECONNREFUSED;
#else
constexpr int ConnectionRefused = ECONNREFUSED;
#endif
} // namespace

using namespace SandboxDoctor;

// The probe outside any sandbox: `localhost` and a loopback listener only,
// so nothing leaves the machine.
class TestDnsProbe final : public QObject
{
    Q_OBJECT

private slots:
    void probe_localhostResolvesAndConnectsToTheListener()
    {
        Expected<LoopbackListener> listener = LoopbackListener::open();
        QVERIFY2(listener.hasValue(), qPrintable(listener ? QString() : listener.error().toText()));
        QCOMPARE(listener->target().host, QStringLiteral("127.0.0.1"));
        QVERIFY(listener->target().port > 0);

        const DnsProbeResult result = runDnsProbe(QStringLiteral("localhost"), listener->target());
        QCOMPARE(result.resolve, DnsProbeResult::Resolve::Resolved);
        QCOMPARE(result.gaiCode, 0);
        QVERIFY2(result.addresses.contains(QStringLiteral("127.0.0.1")) || result.addresses.contains(QStringLiteral("::1")),
                 qPrintable(result.addresses.join(QLatin1Char(' '))));
        QCOMPARE(result.connect, DnsProbeResult::Connect::Connected);
        QCOMPARE(result.connectTarget, listener->target().toString());
        QVERIFY(describeConnect(result).contains(QLatin1String("sockets are allowed")));
    }

    void probe_closedPortIsAFailedConnectionNotADeniedSocket()
    {
        LoopbackTarget closed;
        {
            Expected<LoopbackListener> listener = LoopbackListener::open();
            QVERIFY(listener.hasValue());
            closed = listener->target();
        }  // closed here: nothing listens on that port any more
        const DnsProbeResult result = runDnsProbe(QStringLiteral("localhost"), closed);
        QCOMPARE(result.connect, DnsProbeResult::Connect::ConnectFailed);
        QCOMPARE(result.connectErrno, ConnectionRefused);
        QVERIFY(!result.connectMessage.isEmpty());
    }

    void reservedClosedPort_refusesWhileHeld()
    {
        // Where doctor's proxy and provider point: bound, never listening.
        Expected<LoopbackListener> port = LoopbackListener::reserveClosed();
        QVERIFY2(port.hasValue(), qPrintable(port ? QString() : port.error().toText()));
        QVERIFY(port->target().port > 0);
        const DnsProbeResult result = runDnsProbe(QStringLiteral("localhost"), port->target());
        QCOMPARE(result.connect, DnsProbeResult::Connect::ConnectFailed);
        QCOMPARE(result.connectErrno, ConnectionRefused);
    }

    void probe_withoutTargetTriesNoConnection()
    {
        const DnsProbeResult result = runDnsProbe(QStringLiteral("localhost"), std::nullopt);
        QCOMPARE(result.connect, DnsProbeResult::Connect::NotTried);
        QVERIFY(result.connectTarget.isEmpty());
    }

    void parseLoopbackTarget_acceptsOnlyLoopback_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");  // empty: refused
        QTest::newRow("v4") << "127.0.0.1:8080" << "127.0.0.1:8080";
        QTest::newRow("v4 other loopback") << "127.0.0.2:80" << "127.0.0.2:80";
        QTest::newRow("v6") << "[::1]:443" << "[::1]:443";
        QTest::newRow("lan address") << "192.168.1.1:80" << "";
        QTest::newRow("public") << "8.8.8.8:53" << "";
        QTest::newRow("name") << "localhost:80" << "";
        QTest::newRow("no port") << "127.0.0.1" << "";
        QTest::newRow("port zero") << "127.0.0.1:0" << "";
        QTest::newRow("port too large") << "127.0.0.1:70000" << "";
    }

    void parseLoopbackTarget_acceptsOnlyLoopback()
    {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        const Expected<LoopbackTarget> target = parseLoopbackTarget(text);
        if (canonical.isEmpty()) {
            QVERIFY(!target.hasValue());
            QCOMPARE(target.error().kind, Error::Kind::Usage);
        } else {
            QVERIFY(target.hasValue());
            QCOMPARE(target->toString(), canonical);
        }
    }

    void json_roundTrips()
    {
        DnsProbeResult result;
        result.host = QStringLiteral("api.openai.com");
        result.resolve = DnsProbeResult::Resolve::SystemError;
        result.gaiCode = -11;
        result.resolveErrno = 1;
        result.resolveMessage = QStringLiteral("System error (EAI_SYSTEM): Operation not permitted");
        result.connectTarget = QStringLiteral("127.0.0.1:4000");
        result.connect = DnsProbeResult::Connect::SocketDenied;
        result.connectErrno = 1;
        result.connectMessage = QStringLiteral("Operation not permitted");
        result.elapsedMs = 12;

        const QByteArray json = QJsonDocument(dnsProbeToJson(result)).toJson();
        const Expected<DnsProbeResult> back = dnsProbeFromJson(QByteArray("warning: noise\n") + json);
        QVERIFY(back.hasValue());
        QCOMPARE(back->host, result.host);
        QCOMPARE(back->resolve, result.resolve);
        QCOMPARE(back->gaiCode, result.gaiCode);
        QCOMPARE(back->resolveErrno, result.resolveErrno);
        QCOMPARE(back->resolveMessage, result.resolveMessage);
        QCOMPARE(back->connect, result.connect);
        QCOMPARE(back->connectErrno, result.connectErrno);
        QCOMPARE(back->connectTarget, result.connectTarget);
        QCOMPARE(back->elapsedMs, result.elapsedMs);
        QVERIFY(!dnsProbeFromJson("not json").hasValue());
    }

    void describe_distinguishesNoSuchNameFromUnreachableResolver()
    {
        DnsProbeResult noName;
        noName.host = QStringLiteral("x.example");
        noName.resolve = DnsProbeResult::Resolve::NoSuchName;
        DnsProbeResult again = noName;
        again.resolve = DnsProbeResult::Resolve::TemporaryFailure;
        QVERIFY(describeResolve(noName).contains(QLatin1String("no such name")));
        QVERIFY(describeResolve(again).contains(QLatin1String("resolver unreachable")));
        QCOMPARE(parseResolveName(resolveName(DnsProbeResult::Resolve::TemporaryFailure)),
                 std::optional<DnsProbeResult::Resolve>(DnsProbeResult::Resolve::TemporaryFailure));
    }
};

QTEST_GUILESS_MAIN(TestDnsProbe)
#include "test_dnsprobe.moc"
