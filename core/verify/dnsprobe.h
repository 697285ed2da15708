#pragma once

#include "common/expected.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace SandboxDoctor {

// One run of the probe, in one place (outside or inside Codex's sandbox): does
// the name resolve, and can a socket be opened at all.
struct DnsProbeResult final
{
    enum class Resolve {
        Resolved,      // getaddrinfo gave addresses
        NoSuchName,    // EAI_NONAME (and EAI_NODATA): the resolver answered "no such name"
        TemporaryFailure,  // EAI_AGAIN: resolver unreachable or timed out
        SystemError,   // EAI_SYSTEM: a system call failed (errno says which; EPERM = sandbox)
        OtherError,    // any other getaddrinfo error
        NotRun,        // the probe did not get that far (timed out, could not start)
    };
    enum class Connect {
        Connected,     // TCP connect to the loopback listener succeeded
        SocketDenied,  // socket() itself failed (EPERM/EACCES: a network sandbox)
        ConnectFailed, // socket() worked, connect() did not (refused, unreachable, timed out)
        NotTried,      // no --connect target given
    };

    QString host;
    Resolve resolve = Resolve::NotRun;
    QStringList addresses;     // numeric, in getaddrinfo's order
    int gaiCode = 0;           // getaddrinfo's return value
    int resolveErrno = 0;      // errno for EAI_SYSTEM
    QString resolveMessage;    // gai_strerror / strerror text

    QString connectTarget;     // "127.0.0.1:PORT", empty when not tried
    Connect connect = Connect::NotTried;
    int connectErrno = 0;
    QString connectMessage;

    qint64 elapsedMs = 0;
};

QString resolveName(DnsProbeResult::Resolve resolve);   // "resolved", "no-such-name", "temporary-failure", ...
QString connectName(DnsProbeResult::Connect connect);   // "connected", "socket-denied", "connect-failed", "not-tried"
std::optional<DnsProbeResult::Resolve> parseResolveName(QStringView name);
std::optional<DnsProbeResult::Connect> parseConnectName(QStringView name);

// A target for --connect: "127.0.0.1:PORT" or "[::1]:PORT". Only loopback is
// accepted: the probe never sends traffic off the machine.
struct LoopbackTarget final
{
    QString host;  // "127.0.0.1" or "::1"
    quint16 port = 0;
    QString toString() const;
};
Expected<LoopbackTarget> parseLoopbackTarget(QStringView text);

// Runs the probe in this process, blocking (it is the program that runs inside
// the sandbox; the GUI never calls this on its own thread). The resolver may
// take as long as the system's resolver does: callers bound it from outside.
DnsProbeResult runDnsProbe(const QString &host, const std::optional<LoopbackTarget> &connectTo,
                           int connectTimeoutMs = 3000);

// A sentence for a person: "localhost resolves to 127.0.0.1, ::1" /
// "no such name (EAI_NONAME)" / "socket() denied: Operation not permitted".
QString describeResolve(const DnsProbeResult &result);
QString describeConnect(const DnsProbeResult &result);

// The JSON `probe-dns --json` prints, and reading it back (the outer verifier
// reads the inner probe's stdout).
QJsonObject dnsProbeToJson(const DnsProbeResult &result);
Expected<DnsProbeResult> dnsProbeFromJson(const QByteArray &bytes);

} // namespace SandboxDoctor
