#include "core/remote/JumpBridge.h"

#include "core/remote/RemoteTr.h"

#include <libssh/libssh.h>
#include <libssh/server.h> // ssh_send_keepalive lives here in 0.10, clients included

#include <QDeadlineTimer>
#include <QElapsedTimer>

#include <cerrno>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace td {

namespace {
constexpr int kBuf = 64 * 1024;
constexpr int kKeepaliveMs = 30000;
constexpr int kMaxBuffered = 1024 * 1024;
} // namespace

JumpBridge::~JumpBridge()
{
    stop();
}

SshError JumpBridge::start(ssh_session jumpSession, const QString &host, int port,
                           int connectTimeoutMs, const std::atomic_bool *cancelled, int *peerFd)
{
    m_session = jumpSession;
    m_channel = ssh_channel_new(m_session);
    if (!m_channel)
        return SshError::make(SshErrorKind::ChannelFailed,
                              RemoteTr::tr("Could not create a channel on the jump host."));
    const QByteArray hostBytes = host.toUtf8();
    QDeadlineTimer deadline(connectTimeoutMs);
    int rc;
    while ((rc = ssh_channel_open_forward(m_channel, hostBytes.constData(), port, "127.0.0.1",
                                          0)) == SSH_AGAIN) {
        if (cancelled && cancelled->load())
            return SshError::make(SshErrorKind::Cancelled, RemoteTr::tr("Cancelled."));
        if (deadline.hasExpired())
            return SshError::make(SshErrorKind::Timeout,
                                  RemoteTr::tr("The jump host did not open a connection to %1:%2 "
                                               "in time.")
                                      .arg(host)
                                      .arg(port));
        pollfd p{ssh_get_fd(m_session), POLLIN, 0};
        ::poll(&p, 1, 20);
    }
    if (rc != SSH_OK)
        return SshError::make(SshErrorKind::ChannelFailed,
                              RemoteTr::tr("The jump host refused to connect to %1:%2: %3")
                                  .arg(host)
                                  .arg(port)
                                  .arg(QString::fromUtf8(ssh_get_error(m_session))));
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
        return SshError::make(SshErrorKind::LocalIoError,
                              RemoteTr::tr("Could not create a local socket pair."));
    m_fd = fds[1];
    *peerFd = fds[0];
    m_thread = std::thread([this] { pump(); });
    return {};
}

void JumpBridge::pump()
{
    // Both directions are buffered and bounded; neither side is ever written with a blocking
    // call, so a slow reader on one side cannot stall the other direction.
    QByteArray toChannel; // read from the socket, not yet accepted by the channel window
    QByteArray toSocket;  // read from the channel, not yet accepted by the socket
    char buf[kBuf];
    QElapsedTimer sinceKeepalive;
    sinceKeepalive.start();
    bool socketEof = false;
    bool channelEof = false;
    while (!m_stop.load()) {
        pollfd fds[2] = {{m_fd, 0, 0}, {ssh_get_fd(m_session), POLLIN, 0}};
        if (toChannel.size() < kMaxBuffered && !socketEof)
            fds[0].events |= POLLIN;
        if (!toSocket.isEmpty())
            fds[0].events |= POLLOUT;
        if (ssh_get_poll_flags(m_session) & SSH_WRITE_PENDING)
            fds[1].events |= POLLOUT;
        ::poll(fds, 2, 100);

        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            const ssize_t n = ::read(m_fd, buf, sizeof buf);
            if (n > 0)
                toChannel.append(buf, int(n));
            else if (n == 0 || (errno != EAGAIN && errno != EINTR))
                socketEof = true; // the next session closed its socket
        }
        while (!toSocket.isEmpty()) {
            const ssize_t w = ::send(m_fd, toSocket.constData(), size_t(toSocket.size()),
                                     MSG_NOSIGNAL | MSG_DONTWAIT);
            if (w > 0) {
                toSocket.remove(0, int(w));
                continue;
            }
            if (w < 0 && (errno == EAGAIN || errno == EINTR))
                break;
            socketEof = true;
            toSocket.clear();
        }
        while (!toChannel.isEmpty()) {
            const uint32_t window = ssh_channel_window_size(m_channel);
            if (window == 0)
                break;
            const int n = ssh_channel_write(
                m_channel, toChannel.constData(),
                uint32_t(qMin<qint64>(qMin<qint64>(toChannel.size(), window), kBuf)));
            if (n == SSH_ERROR) {
                channelEof = true;
                break;
            }
            if (n == 0)
                break;
            toChannel.remove(0, n);
        }
        while (!channelEof && toSocket.size() < kMaxBuffered) {
            const int n = ssh_channel_read_nonblocking(m_channel, buf, sizeof buf, 0);
            if (n == SSH_ERROR || n == SSH_EOF) {
                channelEof = true;
                break;
            }
            if (n == 0)
                break;
            toSocket.append(buf, n);
        }
        if (ssh_channel_is_closed(m_channel) || !ssh_is_connected(m_session))
            channelEof = true;
        if ((channelEof && toSocket.isEmpty()) || (socketEof && toChannel.isEmpty()))
            break;
        if (sinceKeepalive.elapsed() > kKeepaliveMs) {
            ssh_send_keepalive(m_session);
            sinceKeepalive.restart();
        }
        ssh_blocking_flush(m_session, 0);
    }
    // Closing our end tells the next session that its transport is gone.
    ::shutdown(m_fd, SHUT_RDWR);
}

void JumpBridge::stop()
{
    m_stop.store(true);
    if (m_fd >= 0)
        ::shutdown(m_fd, SHUT_RDWR);
    if (m_thread.joinable())
        m_thread.join();
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (m_channel) {
        ssh_channel_close(m_channel);
        ssh_channel_free(m_channel);
        m_channel = nullptr;
    }
    if (m_session) {
        ssh_disconnect(m_session);
        ssh_free(m_session);
        m_session = nullptr;
    }
}

} // namespace td
