#pragma once

#include "core/remote/SshError.h"

#include <QString>

#include <atomic>
#include <thread>

struct ssh_session_struct;
struct ssh_channel_struct;

namespace td {

// Carries the next hop's SSH connection through a direct-tcpip channel of an authenticated
// jump session. libssh 0.10 has no ProxyJump of its own (its ProxyJump runs the ssh binary,
// which would bypass our host-key checks), so the bytes are pumped between the channel and one
// end of a socketpair whose other end the next session uses as its socket (SSH_OPTIONS_FD).
// The bridge owns the jump session and pumps on its own thread, the only thread touching it.
class JumpBridge
{
public:
    JumpBridge() = default;
    ~JumpBridge();
    JumpBridge(const JumpBridge &) = delete;
    JumpBridge &operator=(const JumpBridge &) = delete;

    // Takes ownership of jumpSession (connected, authenticated, non-blocking), opens the
    // channel to host:port and starts pumping. On success *peerFd is the socket for the next
    // session, which then owns it.
    SshError start(ssh_session_struct *jumpSession, const QString &host, int port,
                   int connectTimeoutMs, const std::atomic_bool *cancelled, int *peerFd);
    void stop();

private:
    void pump();

    ssh_session_struct *m_session = nullptr;
    ssh_channel_struct *m_channel = nullptr;
    int m_fd = -1;
    std::atomic_bool m_stop{false};
    std::thread m_thread;
};

} // namespace td
