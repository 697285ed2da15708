#include "verify/socketsupport.h"

#ifdef _WIN32
#  include <windows.h>
#else
#  include <arpa/inet.h>
#  include <fcntl.h>
#  include <netinet/in.h>
#  include <poll.h>
#  include <unistd.h>
#endif

#include <cerrno>
#include <cstring>

namespace SandboxDoctor {

SocketRuntime::SocketRuntime()
{
#ifdef _WIN32
    WSADATA data;
    WSAStartup(MAKEWORD(2, 2), &data);
#endif
}

SocketRuntime::~SocketRuntime()
{
#ifdef _WIN32
    WSACleanup();
#endif
}

void closeSocket(NativeSocket socket)
{
#ifdef _WIN32
    ::closesocket(socket);
#else
    ::close(socket);
#endif
}

int lastSocketError()
{
#ifdef _WIN32
    return WSAGetLastError();
#else
    return errno;
#endif
}

QString socketErrorText(int error)
{
#ifdef _WIN32
    wchar_t *buffer = nullptr;
    FormatMessageW(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, nullptr,
                   static_cast<DWORD>(error), 0, reinterpret_cast<LPWSTR>(&buffer), 0, nullptr);
    const QString text = buffer ? QString::fromWCharArray(buffer).trimmed() : QStringLiteral("error %1").arg(error);
    LocalFree(buffer);
    return text;
#else
    return QString::fromLocal8Bit(std::strerror(error));
#endif
}

QString numericAddress(const sockaddr *address, int length)
{
    char text[NI_MAXHOST] = {};
    if (::getnameinfo(address, static_cast<socklen_t>(length), text, sizeof text, nullptr, 0, NI_NUMERICHOST) != 0)
        return {};
    return QString::fromLatin1(text);
}

std::optional<QString> loopbackAddress(const QString &text)
{
    const QByteArray bytes = text.toLatin1();
    in_addr v4{};
    if (::inet_pton(AF_INET, bytes.constData(), &v4) == 1) {
        if ((ntohl(v4.s_addr) >> 24) != 127)
            return std::nullopt;
        char out[INET_ADDRSTRLEN] = {};
        ::inet_ntop(AF_INET, &v4, out, sizeof out);
        return QString::fromLatin1(out);
    }
    in6_addr v6{};
    if (::inet_pton(AF_INET6, bytes.constData(), &v6) == 1) {
        static const in6_addr loopback = IN6ADDR_LOOPBACK_INIT;
        if (std::memcmp(&v6, &loopback, sizeof v6) != 0)
            return std::nullopt;
        return QStringLiteral("::1");
    }
    return std::nullopt;
}

namespace {

bool setNonBlocking(NativeSocket socket)
{
#ifdef _WIN32
    u_long on = 1;
    return ::ioctlsocket(socket, FIONBIO, &on) == 0;
#else
    const int flags = ::fcntl(socket, F_GETFL, 0);
    return flags >= 0 && ::fcntl(socket, F_SETFL, flags | O_NONBLOCK) == 0;
#endif
}

bool inProgress(int error)
{
#ifdef _WIN32
    return error == WSAEWOULDBLOCK || error == WSAEINPROGRESS;
#else
    return error == EINPROGRESS || error == EWOULDBLOCK || error == EINTR;
#endif
}

} // namespace

SocketAttempt connectLoopback(const LoopbackTarget &target, int timeoutMs)
{
    SocketAttempt attempt;
    sockaddr_storage storage{};
    socklen_t length = 0;
    const QByteArray host = target.host.toLatin1();
    const bool v6 = target.host.contains(QLatin1Char(':'));
    if (v6) {
        auto *address = reinterpret_cast<sockaddr_in6 *>(&storage);
        address->sin6_family = AF_INET6;
        address->sin6_port = htons(target.port);
        ::inet_pton(AF_INET6, host.constData(), &address->sin6_addr);
        length = sizeof(sockaddr_in6);
    } else {
        auto *address = reinterpret_cast<sockaddr_in *>(&storage);
        address->sin_family = AF_INET;
        address->sin_port = htons(target.port);
        ::inet_pton(AF_INET, host.constData(), &address->sin_addr);
        length = sizeof(sockaddr_in);
    }

    const NativeSocket socket = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (socket == InvalidSocket) {
        // EPERM/EACCES here is the network sandbox (seccomp, Seatbelt) saying no.
        attempt.connect = DnsProbeResult::Connect::SocketDenied;
        attempt.error = lastSocketError();
        attempt.message = socketErrorText(attempt.error);
        return attempt;
    }

    int error = 0;
    if (!setNonBlocking(socket)) {
        error = lastSocketError();
    } else if (::connect(socket, reinterpret_cast<const sockaddr *>(&storage), length) != 0) {
        error = lastSocketError();
        if (inProgress(error)) {
#ifdef _WIN32
            WSAPOLLFD pollfd{socket, POLLOUT, 0};
            const int ready = WSAPoll(&pollfd, 1, timeoutMs);
#else
            pollfd pollfd{socket, POLLOUT, 0};
            int ready = 0;
            do {
                ready = ::poll(&pollfd, 1, timeoutMs);
            } while (ready < 0 && errno == EINTR);
#endif
            if (ready == 0) {
#ifdef _WIN32
                error = WSAETIMEDOUT;
#else
                error = ETIMEDOUT;
#endif
            } else if (ready < 0) {
                error = lastSocketError();
            } else {
                int soError = 0;
                socklen_t soLength = sizeof soError;
                ::getsockopt(socket, SOL_SOCKET, SO_ERROR, reinterpret_cast<char *>(&soError), &soLength);
                error = soError;
            }
        }
    }
    closeSocket(socket);

    attempt.error = error;
    attempt.connect = error == 0 ? DnsProbeResult::Connect::Connected : DnsProbeResult::Connect::ConnectFailed;
    attempt.message = error == 0 ? QStringLiteral("connected") : socketErrorText(error);
    return attempt;
}

} // namespace SandboxDoctor
