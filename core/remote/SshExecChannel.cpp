#include "core/remote/SshExecChannel.h"

#include "core/remote/RemoteTr.h"
#include "core/remote/SshSession.h"

#include <libssh/libssh.h>

#include <QDeadlineTimer>

namespace td {

namespace {
constexpr int kChunk = 64 * 1024;
// Upper bound for one ssh_channel_write: the peer's window (2 MiB for OpenSSH) is the usual
// limit; this only caps the memory libssh queues at once.
constexpr qint64 kMaxWrite = 4 * 1024 * 1024;
constexpr int kPollMs = 50;
} // namespace

SshExecChannel::SshExecChannel(SshSession &session, ssh_channel channel)
    : m_session(session), m_channel(channel), m_ioTimeoutMs(session.options().ioTimeoutMs)
{
    m_sinceProgress.start();
}

SshExecChannel::~SshExecChannel()
{
    if (m_channel) {
        // Closing without waiting: the remote command gets EOF/SIGPIPE if it is still running.
        if (ssh_channel_is_open(m_channel))
            ssh_channel_close(m_channel);
        ssh_channel_free(m_channel);
    }
}

SshError SshExecChannel::checkProgress()
{
    if (SshError e = m_session.checkCancelled())
        return e;
    if (m_ioTimeoutMs > 0 && m_sinceProgress.elapsed() > m_ioTimeoutMs)
        return SshError::make(SshErrorKind::Timeout,
                              RemoteTr::tr("The remote side made no progress for %1 seconds.")
                                  .arg(m_ioTimeoutMs / 1000));
    return {};
}

SshError SshExecChannel::drain(bool *progress)
{
    char buf[kChunk];
    for (int stream = 0; stream < 2; ++stream) {
        for (;;) {
            const int n = ssh_channel_read_nonblocking(m_channel, buf, sizeof buf, stream);
            if (n == SSH_ERROR)
                return m_session.connectionLostError();
            if (n == SSH_EOF || n == 0)
                break;
            *progress = true;
            m_sinceProgress.restart();
            if (m_sink) {
                if (!m_sink(buf, n, stream == 1))
                    return m_sinkError.isError()
                               ? m_sinkError
                               : SshError::make(SshErrorKind::ProtocolError,
                                                RemoteTr::tr("Unexpected data from the remote "
                                                             "command."));
            } else {
                (stream == 1 ? m_stdErr : m_stdOut).append(buf, n);
            }
        }
    }
    if (ssh_channel_is_eof(m_channel))
        m_eof = true;
    return {};
}

SshError SshExecChannel::write(const char *data, qint64 size)
{
    if (m_eofSent)
        return SshError::make(SshErrorKind::InvalidRequest,
                              RemoteTr::tr("Writing after the end of input."));
    m_sinceProgress.restart();
    while (size > 0) {
        if (SshError e = m_session.checkCancelled())
            return e;
        const uint32_t window = ssh_channel_window_size(m_channel);
        // Keep libssh's own output buffer short: queue more only once the socket took the last
        // batch. Otherwise write as much as the window allows in one call (libssh cuts it into
        // packets itself), without polling in between: per-call round trips through the poll
        // loop are what made small writes slow.
        const bool pendingOut = ssh_get_poll_flags(m_session.handle()) & SSH_WRITE_PENDING;
        if (window > 0 && !pendingOut) {
            const int chunk = int(qMin<qint64>(qMin<qint64>(size, window), kMaxWrite));
            const int n = ssh_channel_write(m_channel, data, uint32_t(chunk));
            if (n == SSH_ERROR)
                return m_session.connectionLostError();
            if (n > 0) {
                data += n;
                size -= n;
                m_written += n;
                m_sinceProgress.restart();
                continue;
            }
        }
        // Blocked by the peer's window or a full socket: process what came in (window adjusts,
        // the command's output, so a command that talks back cannot deadlock us), flush, and
        // only then sleep on the socket.
        bool progress = false;
        if (SshError e = drain(&progress))
            return e;
        if (SshError e = checkProgress())
            return e;
        if (ssh_channel_is_closed(m_channel) || !ssh_is_connected(m_session.handle()))
            return m_session.connectionLostError();
        if (ssh_get_poll_flags(m_session.handle()) & SSH_WRITE_PENDING) {
            if (ssh_blocking_flush(m_session.handle(), 0) == SSH_ERROR)
                return m_session.connectionLostError();
            if (ssh_get_poll_flags(m_session.handle()) & SSH_WRITE_PENDING)
                m_session.waitSocket(kPollMs);
        } else if (ssh_channel_window_size(m_channel) == 0 && !progress) {
            m_session.waitSocket(kPollMs);
        }
    }
    return {};
}

SshError SshExecChannel::sendEof()
{
    if (m_eofSent)
        return {};
    // Flush first: EOF must follow the data already queued.
    QDeadlineTimer deadline(m_ioTimeoutMs > 0 ? m_ioTimeoutMs : -1);
    while (ssh_get_poll_flags(m_session.handle()) & SSH_WRITE_PENDING) {
        // Keep reading while flushing: a command echoing its input would otherwise stop
        // reading once its output is not consumed.
        bool progress = false;
        if (SshError e = drain(&progress))
            return e;
        if (SshError e = m_session.checkCancelled())
            return e;
        if (deadline.hasExpired())
            return SshError::make(SshErrorKind::Timeout,
                                  RemoteTr::tr("Timed out sending data to the remote side."));
        const int rc = ssh_blocking_flush(m_session.handle(), kPollMs);
        if (rc == SSH_ERROR)
            return m_session.connectionLostError();
    }
    if (ssh_channel_send_eof(m_channel) == SSH_ERROR)
        return m_session.connectionLostError();
    m_eofSent = true;
    return {};
}

SshError SshExecChannel::checkExit(bool *finished, bool *progress)
{
    *finished = false;
    if (SshError e = drain(progress))
        return e;
    if (m_eof || ssh_channel_is_closed(m_channel)) {
        // The exit status arrives with or right after EOF; libssh returns -1 until then (the
        // session is non-blocking: this only looks at what libssh has already read).
        const int status = ssh_channel_get_exit_status(m_channel);
        if (status >= 0 || ssh_channel_is_closed(m_channel)) {
            m_exitStatus = status;
            // A last drain: data may have been queued after the EOF check.
            bool more = false;
            drain(&more);
            *finished = true;
        }
    }
    return {};
}

SshError SshExecChannel::pollExit(bool *finished)
{
    bool progress = false;
    return checkExit(finished, &progress);
}

SshError SshExecChannel::waitForExit(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs >= 0 ? timeoutMs : -1);
    m_sinceProgress.restart();
    for (;;) {
        bool finished = false;
        bool progress = false;
        if (SshError e = checkExit(&finished, &progress))
            return e;
        if (finished)
            return {};
        if (deadline.hasExpired())
            return SshError::make(SshErrorKind::Timeout,
                                  RemoteTr::tr("The remote command did not finish within %1 s.")
                                      .arg(timeoutMs / 1000.0, 0, 'f', 1));
        if (SshError e = checkProgress())
            return e;
        if (!progress)
            m_session.waitSocket(kPollMs);
    }
}

} // namespace td
