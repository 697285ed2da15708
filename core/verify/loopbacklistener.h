#pragma once

#include "common/expected.h"
#include "verify/dnsprobe.h"

#include <memory>

namespace SandboxDoctor {

// A TCP listener on 127.0.0.1 with a port the system picks, opened outside the
// sandbox so the probe inside can try to reach it. Plain sockets (core links
// no Qt Network); connections complete in the kernel's backlog and are never
// read. Closed when this object dies.
class LoopbackListener final
{
public:
    static Expected<LoopbackListener> open();
    // A port bound on 127.0.0.1 and never listened on: every connection to it
    // is refused at once, and no other program can take the port while this
    // object lives. Where `codex doctor` is told its proxy and provider are,
    // so its network checks fail in milliseconds and nothing leaves the machine.
    static Expected<LoopbackListener> reserveClosed();

    LoopbackListener(LoopbackListener &&) noexcept;
    LoopbackListener &operator=(LoopbackListener &&) noexcept;
    ~LoopbackListener();

    LoopbackTarget target() const;

private:
    LoopbackListener();
    static Expected<LoopbackListener> bindSocket(bool listening);
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace SandboxDoctor
