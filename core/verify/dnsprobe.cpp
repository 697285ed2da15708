#include "verify/dnsprobe.h"

#include "verify/socketsupport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cerrno>
#include <cstring>

namespace SandboxDoctor {

namespace {

struct NamePair
{
    DnsProbeResult::Resolve value;
    QLatin1String name;
};
constexpr NamePair ResolveNames[] = {
    {DnsProbeResult::Resolve::Resolved, QLatin1String("resolved")},
    {DnsProbeResult::Resolve::NoSuchName, QLatin1String("no-such-name")},
    {DnsProbeResult::Resolve::TemporaryFailure, QLatin1String("temporary-failure")},
    {DnsProbeResult::Resolve::SystemError, QLatin1String("system-error")},
    {DnsProbeResult::Resolve::OtherError, QLatin1String("other-error")},
    {DnsProbeResult::Resolve::NotRun, QLatin1String("not-run")},
};

struct ConnectPair
{
    DnsProbeResult::Connect value;
    QLatin1String name;
};
constexpr ConnectPair ConnectNames[] = {
    {DnsProbeResult::Connect::Connected, QLatin1String("connected")},
    {DnsProbeResult::Connect::SocketDenied, QLatin1String("socket-denied")},
    {DnsProbeResult::Connect::ConnectFailed, QLatin1String("connect-failed")},
    {DnsProbeResult::Connect::NotTried, QLatin1String("not-tried")},
};

// Winsock's getaddrinfo codes are WSA errors, and its gai_strerror is the
// UNICODE-dependent, non-thread-safe macro; FormatMessage reads them instead.
QString resolverErrorText(int code)
{
#ifdef _WIN32
    return socketErrorText(code);
#else
    return QString::fromLocal8Bit(gai_strerror(code));
#endif
}

QString gaiCodeName(int code)
{
    if (code == EAI_NONAME)
        return QStringLiteral("EAI_NONAME");
    if (code == EAI_AGAIN)
        return QStringLiteral("EAI_AGAIN");
    if (code == EAI_FAIL)
        return QStringLiteral("EAI_FAIL");
#ifdef EAI_NODATA
    if (code == EAI_NODATA)
        return QStringLiteral("EAI_NODATA");
#endif
#ifdef EAI_SYSTEM
    if (code == EAI_SYSTEM)
        return QStringLiteral("EAI_SYSTEM");
#endif
    return QStringLiteral("code %1").arg(code);
}

void resolve(DnsProbeResult &result)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *list = nullptr;
    errno = 0;
    const QByteArray host = result.host.toUtf8();
    const int code = ::getaddrinfo(host.constData(), nullptr, &hints, &list);
    const int savedErrno = errno;
    result.gaiCode = code;
    if (code == 0) {
        result.resolve = DnsProbeResult::Resolve::Resolved;
        for (addrinfo *entry = list; entry; entry = entry->ai_next) {
            const QString address = numericAddress(entry->ai_addr, static_cast<int>(entry->ai_addrlen));
            if (!address.isEmpty() && !result.addresses.contains(address))
                result.addresses.append(address);
        }
        ::freeaddrinfo(list);
        return;
    }

    result.resolveMessage = resolverErrorText(code) + QLatin1String(" (") + gaiCodeName(code) + QLatin1Char(')');
    if (code == EAI_NONAME)
        result.resolve = DnsProbeResult::Resolve::NoSuchName;
#ifdef EAI_NODATA
    else if (code == EAI_NODATA)
        result.resolve = DnsProbeResult::Resolve::NoSuchName;
#endif
    else if (code == EAI_AGAIN)
        result.resolve = DnsProbeResult::Resolve::TemporaryFailure;
#ifdef EAI_SYSTEM
    else if (code == EAI_SYSTEM) {
        result.resolve = DnsProbeResult::Resolve::SystemError;
        result.resolveErrno = savedErrno;
        result.resolveMessage += QLatin1String(": ") + QString::fromLocal8Bit(std::strerror(savedErrno));
    }
#endif
    else
        result.resolve = DnsProbeResult::Resolve::OtherError;
    Q_UNUSED(savedErrno)
}

} // namespace

QString resolveName(DnsProbeResult::Resolve resolve)
{
    for (const NamePair &pair : ResolveNames) {
        if (pair.value == resolve)
            return pair.name;
    }
    return QStringLiteral("not-run");
}

QString connectName(DnsProbeResult::Connect connect)
{
    for (const ConnectPair &pair : ConnectNames) {
        if (pair.value == connect)
            return pair.name;
    }
    return QStringLiteral("not-tried");
}

std::optional<DnsProbeResult::Resolve> parseResolveName(QStringView name)
{
    for (const NamePair &pair : ResolveNames) {
        if (name == pair.name)
            return pair.value;
    }
    return std::nullopt;
}

std::optional<DnsProbeResult::Connect> parseConnectName(QStringView name)
{
    for (const ConnectPair &pair : ConnectNames) {
        if (name == pair.name)
            return pair.value;
    }
    return std::nullopt;
}

QString LoopbackTarget::toString() const
{
    if (host.contains(QLatin1Char(':')))
        return QLatin1Char('[') + host + QLatin1String("]:") + QString::number(port);
    return host + QLatin1Char(':') + QString::number(port);
}

Expected<LoopbackTarget> parseLoopbackTarget(QStringView text)
{
    auto refuse = [&text] {
        return Error{Error::Kind::Usage, QStringLiteral("'%1' is not a loopback address with a port.").arg(text.toString()),
                     {}, 0, 0, QStringLiteral("Give 127.0.0.1:PORT or [::1]:PORT; the probe only connects to this machine.")};
    };
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return refuse();
    QStringView hostPart = text.left(colon);
    if (hostPart.startsWith(QLatin1Char('[')) && hostPart.endsWith(QLatin1Char(']')))
        hostPart = hostPart.mid(1, hostPart.size() - 2);
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    const std::optional<QString> address = loopbackAddress(hostPart.toString());
    if (!ok || port == 0 || port > 65535 || !address)
        return refuse();
    return LoopbackTarget{*address, static_cast<quint16>(port)};
}

DnsProbeResult runDnsProbe(const QString &host, const std::optional<LoopbackTarget> &connectTo, int connectTimeoutMs)
{
    SocketRuntime runtime;  // WSAStartup on Windows; nothing elsewhere
    QElapsedTimer clock;
    clock.start();

    DnsProbeResult result;
    result.host = host;
    resolve(result);

    if (connectTo) {
        result.connectTarget = connectTo->toString();
        const SocketAttempt attempt = connectLoopback(*connectTo, connectTimeoutMs);
        result.connect = attempt.connect;
        result.connectErrno = attempt.error;
        result.connectMessage = attempt.message;
    }
    result.elapsedMs = clock.elapsed();
    return result;
}

QString describeResolve(const DnsProbeResult &result)
{
    switch (result.resolve) {
    case DnsProbeResult::Resolve::Resolved:
        return QStringLiteral("%1 resolves to %2").arg(result.host, result.addresses.join(QLatin1String(", ")));
    case DnsProbeResult::Resolve::NoSuchName:
        return QStringLiteral("%1: no such name — the resolver answered that it does not exist (%2)")
            .arg(result.host, result.resolveMessage);
    case DnsProbeResult::Resolve::TemporaryFailure:
        return QStringLiteral("%1: resolver unreachable or temporary failure (%2)").arg(result.host, result.resolveMessage);
    case DnsProbeResult::Resolve::SystemError:
        return QStringLiteral("%1: the lookup failed in a system call (%2)").arg(result.host, result.resolveMessage);
    case DnsProbeResult::Resolve::OtherError:
        return QStringLiteral("%1: lookup failed (%2)").arg(result.host, result.resolveMessage);
    case DnsProbeResult::Resolve::NotRun:
        return QStringLiteral("%1: not looked up").arg(result.host);
    }
    return {};
}

QString describeConnect(const DnsProbeResult &result)
{
    switch (result.connect) {
    case DnsProbeResult::Connect::Connected:
        return QStringLiteral("a TCP connection to %1 succeeded: sockets are allowed").arg(result.connectTarget);
    case DnsProbeResult::Connect::SocketDenied:
        return QStringLiteral("socket() was denied (%1): the network is blocked here").arg(result.connectMessage);
    case DnsProbeResult::Connect::ConnectFailed:
        return QStringLiteral("a socket opened but the connection to %1 failed (%2)")
            .arg(result.connectTarget, result.connectMessage);
    case DnsProbeResult::Connect::NotTried:
        return QStringLiteral("no connection tried");
    }
    return {};
}

QJsonObject dnsProbeToJson(const DnsProbeResult &result)
{
    QJsonObject resolveObject{
        {QStringLiteral("status"), resolveName(result.resolve)},
        {QStringLiteral("addresses"), QJsonArray::fromStringList(result.addresses)},
        {QStringLiteral("gai_code"), result.gaiCode},
        {QStringLiteral("errno"), result.resolveErrno},
        {QStringLiteral("message"), result.resolveMessage},
    };
    QJsonObject connectObject{
        {QStringLiteral("target"), result.connectTarget},
        {QStringLiteral("status"), connectName(result.connect)},
        {QStringLiteral("errno"), result.connectErrno},
        {QStringLiteral("message"), result.connectMessage},
    };
    return QJsonObject{
        {QStringLiteral("host"), result.host},
        {QStringLiteral("resolve"), resolveObject},
        {QStringLiteral("connect"), connectObject},
        {QStringLiteral("elapsed_ms"), static_cast<double>(result.elapsedMs)},
    };
}

Expected<DnsProbeResult> dnsProbeFromJson(const QByteArray &bytes)
{
    const qsizetype first = bytes.indexOf('{');
    const qsizetype last = bytes.lastIndexOf('}');
    QJsonParseError parseError{};
    const QJsonDocument document = first >= 0 && last > first
                                       ? QJsonDocument::fromJson(bytes.mid(first, last - first + 1), &parseError)
                                       : QJsonDocument();
    const QJsonObject root = document.object();
    const auto resolve = parseResolveName(root.value(QLatin1String("resolve")).toObject().value(QLatin1String("status")).toString());
    const auto connect = parseConnectName(root.value(QLatin1String("connect")).toObject().value(QLatin1String("status")).toString());
    if (root.isEmpty() || !resolve || !connect) {
        return Error{Error::Kind::Process, QStringLiteral("The probe did not print its JSON result."), {}, 0, 0,
                     QStringLiteral("Run `codex-sandbox-doctor-cli probe-dns HOST --json` by hand to see what it prints.")};
    }
    const QJsonObject r = root.value(QLatin1String("resolve")).toObject();
    const QJsonObject c = root.value(QLatin1String("connect")).toObject();
    DnsProbeResult result;
    result.host = root.value(QLatin1String("host")).toString();
    result.resolve = *resolve;
    for (const QJsonValue &address : r.value(QLatin1String("addresses")).toArray())
        result.addresses.append(address.toString());
    result.gaiCode = r.value(QLatin1String("gai_code")).toInt();
    result.resolveErrno = r.value(QLatin1String("errno")).toInt();
    result.resolveMessage = r.value(QLatin1String("message")).toString();
    result.connectTarget = c.value(QLatin1String("target")).toString();
    result.connect = *connect;
    result.connectErrno = c.value(QLatin1String("errno")).toInt();
    result.connectMessage = c.value(QLatin1String("message")).toString();
    result.elapsedMs = static_cast<qint64>(root.value(QLatin1String("elapsed_ms")).toDouble());
    return result;
}

} // namespace SandboxDoctor
