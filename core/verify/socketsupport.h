#pragma once

// Internal to core/verify: the few plain-socket calls the probe and the
// loopback listener need (core links no Qt Network). POSIX, with Winsock
// behind #ifdef for Windows.

#include "verify/dnsprobe.h"

#ifdef _WIN32
#  include <winsock2.h>
#  include <ws2tcpip.h>
#else
#  include <netdb.h>
#  include <sys/socket.h>
#endif

#include <QString>

#include <optional>

namespace SandboxDoctor {

#ifdef _WIN32
using NativeSocket = SOCKET;
inline constexpr NativeSocket InvalidSocket = INVALID_SOCKET;
#else
using NativeSocket = int;
inline constexpr NativeSocket InvalidSocket = -1;
#endif

// Winsock must be started before any socket or getaddrinfo call; a no-op elsewhere.
class SocketRuntime final
{
public:
    SocketRuntime();
    ~SocketRuntime();
    SocketRuntime(const SocketRuntime &) = delete;
    SocketRuntime &operator=(const SocketRuntime &) = delete;
};

void closeSocket(NativeSocket socket);
int lastSocketError();                 // errno, or WSAGetLastError()
QString socketErrorText(int error);    // strerror, or FormatMessage

// "127.0.0.1"/"::1"-style text when `sockaddr` is an address; empty otherwise.
QString numericAddress(const sockaddr *address, int length);
// The canonical spelling when `text` is a numeric loopback address (127/8, ::1).
std::optional<QString> loopbackAddress(const QString &text);

struct SocketAttempt final
{
    DnsProbeResult::Connect connect = DnsProbeResult::Connect::NotTried;
    int error = 0;
    QString message;
};

// socket() + non-blocking connect() bounded by timeoutMs.
SocketAttempt connectLoopback(const LoopbackTarget &target, int timeoutMs);

} // namespace SandboxDoctor
