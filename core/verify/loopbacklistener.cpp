#include "verify/loopbacklistener.h"

#include "verify/socketsupport.h"

#ifndef _WIN32
#  include <arpa/inet.h>
#  include <netinet/in.h>
#endif

namespace SandboxDoctor {

class LoopbackListener::Private final
{
public:
    ~Private()
    {
        if (socket != InvalidSocket)
            closeSocket(socket);
    }

    SocketRuntime runtime;
    NativeSocket socket = InvalidSocket;
    LoopbackTarget target;
};

LoopbackListener::LoopbackListener() : d(std::make_unique<Private>()) {}
LoopbackListener::LoopbackListener(LoopbackListener &&) noexcept = default;
LoopbackListener &LoopbackListener::operator=(LoopbackListener &&) noexcept = default;
LoopbackListener::~LoopbackListener() = default;

LoopbackTarget LoopbackListener::target() const
{
    return d ? d->target : LoopbackTarget{};
}

Expected<LoopbackListener> LoopbackListener::open()
{
    return bindSocket(true);
}

Expected<LoopbackListener> LoopbackListener::reserveClosed()
{
    return bindSocket(false);
}

Expected<LoopbackListener> LoopbackListener::bindSocket(bool listening)
{
    LoopbackListener listener;
    auto fail = [listening](const QString &what) {
        const int error = lastSocketError();
        const QString purpose = listening ? QStringLiteral("a loopback listener for the probe")
                                       : QStringLiteral("a closed loopback port for Codex's network checks");
        return Error{Error::Kind::Io, QStringLiteral("Could not open %1 (%2: %3).").arg(purpose, what, socketErrorText(error)),
                     {}, 0, 0, QStringLiteral("This process may itself be sandboxed; run the app outside any sandbox.")};
    };

    listener.d->socket = ::socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (listener.d->socket == InvalidSocket)
        return fail(QStringLiteral("socket"));

    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;  // the system picks a free port
    if (::bind(listener.d->socket, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0)
        return fail(QStringLiteral("bind"));
    if (listening && ::listen(listener.d->socket, 16) != 0)
        return fail(QStringLiteral("listen"));

    socklen_t length = sizeof address;
    if (::getsockname(listener.d->socket, reinterpret_cast<sockaddr *>(&address), &length) != 0)
        return fail(QStringLiteral("getsockname"));
    listener.d->target = LoopbackTarget{QStringLiteral("127.0.0.1"), ntohs(address.sin_port)};
    return listener;
}

} // namespace SandboxDoctor
