#include "core/remote/SshSession.h"

#include "core/remote/JumpBridge.h"
#include "core/remote/LibSshInit.h"
#include "core/remote/RemoteTr.h"
#include "core/remote/SshAuth.h"
#include "core/remote/SshExecChannel.h"

#include <libssh/libssh.h>
#include <libssh/server.h> // ssh_send_keepalive lives here in 0.10, clients included

#include <QDir>
#include <QFile>

#include <poll.h>

namespace td {

SshSession::SshSession()
{
    ensureLibSshInitialized();
}

SshSession::~SshSession()
{
    disconnect();
}

SshError SshSession::checkCancelled() const
{
    if (m_cancel.isCancelled())
        return SshError::make(SshErrorKind::Cancelled, RemoteTr::tr("Cancelled."));
    return {};
}

SshError SshSession::connectionLostError() const
{
    if (SshError e = checkCancelled())
        return e;
    const QString detail = m_session ? QString::fromUtf8(ssh_get_error(m_session)) : QString();
    return SshError::make(
        SshErrorKind::ConnectionFailed,
        detail.isEmpty()
            ? RemoteTr::tr("The connection to %1 was lost.").arg(m_options.endpoint.host)
            : RemoteTr::tr("The connection to %1 was lost: %2")
                  .arg(m_options.endpoint.host, detail));
}

void SshSession::waitSocket(int ms) const
{
    const int fd = m_session ? ssh_get_fd(m_session) : -1;
    if (fd < 0) {
        ::poll(nullptr, 0, ms);
        return;
    }
    pollfd p{fd, POLLIN, 0};
    if (ssh_get_poll_flags(m_session) & SSH_WRITE_PENDING)
        p.events |= POLLOUT;
    ::poll(&p, 1, ms);
}

SshError SshSession::connectHop(ssh_session session, const SshHop &hop, int fd,
                                SshInteraction *interaction, HostKeyInfo *hostKey)
{
    const QByteArray host = hop.host.toUtf8();
    const QByteArray user = hop.user.toUtf8();
    const QByteArray knownHosts = QFile::encodeName(m_options.knownHostsPath);
    const unsigned int port = unsigned(hop.effectivePort());
    const long timeoutSec = qMax(1, m_options.connectTimeoutMs / 1000);
    const int processConfig = 0; // never read ~/.ssh/config here: it may run ProxyCommands
    ssh_options_set(session, SSH_OPTIONS_PROCESS_CONFIG, &processConfig);
    ssh_options_set(session, SSH_OPTIONS_HOST, host.constData());
    ssh_options_set(session, SSH_OPTIONS_PORT, &port);
    if (!user.isEmpty())
        ssh_options_set(session, SSH_OPTIONS_USER, user.constData());
    ssh_options_set(session, SSH_OPTIONS_KNOWNHOSTS, knownHosts.constData());
    if (!m_options.globalKnownHostsPath.isEmpty()) {
        const QByteArray global = QFile::encodeName(m_options.globalKnownHostsPath);
        ssh_options_set(session, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, global.constData());
    }
    if (!m_options.agentSocket.isEmpty()) {
        const QByteArray agent = QFile::encodeName(m_options.agentSocket);
        ssh_options_set(session, SSH_OPTIONS_IDENTITY_AGENT, agent.constData());
    }
    ssh_options_set(session, SSH_OPTIONS_TIMEOUT, &timeoutSec);
    // AES-GCM first: with AES-NI it costs a fraction of chacha20-poly1305 per byte on both
    // ends, which is what bounds a bulk transfer on a fast link. The rest of libssh's defaults
    // follow for servers without it; compression stays off (the default), it only slows
    // transfers of already compressed data sets and checkpoints.
    static const char kCiphers[] = "aes128-gcm@openssh.com,aes256-gcm@openssh.com,"
                                   "chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,"
                                   "aes256-ctr";
    ssh_options_set(session, SSH_OPTIONS_CIPHERS_C_S, kCiphers);
    ssh_options_set(session, SSH_OPTIONS_CIPHERS_S_C, kCiphers);
    if (fd >= 0)
        ssh_options_set(session, SSH_OPTIONS_FD, &fd);
    ssh_set_blocking(session, 0);

    HopContext ctx{session,     hop,      m_options,
                   interaction, m_cancel, QDeadlineTimer(m_options.connectTimeoutMs)};
    SshError error;
    const int rc = retryWhileAgain(
        ctx, [&] { return ssh_connect(session); }, SSH_AGAIN, &error);
    if (error)
        return error;
    if (rc != SSH_OK)
        return SshError::make(SshErrorKind::ConnectionFailed,
                              RemoteTr::tr("Could not connect to %1: %2")
                                  .arg(hop.toString(), QString::fromUtf8(ssh_get_error(session))));
    if (SshError e = verifyHostKey(ctx, hostKey))
        return e;
    return authenticate(ctx);
}

SshError SshSession::connect(const SshConnectOptions &options, SshInteraction *interaction)
{
    disconnect();
    m_options = options;
    if (m_options.knownHostsPath.isEmpty())
        m_options.knownHostsPath = QDir::homePath() + QStringLiteral("/.ssh/known_hosts");
    if (m_options.endpoint.host.isEmpty())
        return SshError::make(SshErrorKind::InvalidRequest, RemoteTr::tr("No host given."));

    QList<SshHop> hops = m_options.endpoint.jump;
    hops.append(m_options.endpoint.targetHop());
    int fd = -1;
    for (int i = 0; i < hops.size(); ++i) {
        ssh_session session = ssh_new();
        if (!session)
            return SshError::make(SshErrorKind::LocalIoError,
                                  RemoteTr::tr("Could not create an SSH session."));
        HostKeyInfo key;
        SshError e = connectHop(session, hops.at(i), fd, interaction, &key);
        fd = -1; // owned by the session now
        if (e) {
            ssh_disconnect(session);
            ssh_free(session);
            disconnect();
            if (i + 1 < hops.size())
                e.message = RemoteTr::tr("Jump host %1: %2").arg(hops.at(i).toString(), e.message);
            return e;
        }
        if (i + 1 == hops.size()) {
            m_session = session;
            m_hostKey = key;
            break;
        }
        auto bridge = std::make_unique<JumpBridge>();
        const SshHop &next = hops.at(i + 1);
        // The bridge owns the jump session from here on, whatever the outcome.
        std::atomic_bool cancelled{m_cancel.isCancelled()};
        e = bridge->start(session, next.host, next.effectivePort(), m_options.connectTimeoutMs,
                          &cancelled, &fd);
        m_bridges.push_back(std::move(bridge));
        if (e) {
            disconnect();
            e.message = RemoteTr::tr("Jump host %1: %2").arg(hops.at(i).toString(), e.message);
            return e;
        }
    }
    return {};
}

void SshSession::disconnect()
{
    if (m_session) {
        ssh_disconnect(m_session);
        ssh_free(m_session);
        m_session = nullptr;
    }
    // Innermost hop last: each bridge carries the one after it.
    while (!m_bridges.empty()) {
        m_bridges.back()->stop();
        m_bridges.pop_back();
    }
}

bool SshSession::isConnected() const
{
    return m_session && ssh_is_connected(m_session);
}

SshError SshSession::sendKeepalive()
{
    if (!isConnected() || ssh_send_keepalive(m_session) != SSH_OK)
        return connectionLostError();
    ssh_blocking_flush(m_session, 0);
    // Process whatever arrived (the reply, or a disconnect) so a dead link is noticed.
    const int rc = ssh_get_status(m_session);
    if (rc & (SSH_CLOSED | SSH_CLOSED_ERROR))
        return connectionLostError();
    return {};
}

std::unique_ptr<SshExecChannel> SshSession::openExec(const RemoteCommand &command, SshError *error)
{
    if (!command.isValid()) {
        *error = SshError::make(SshErrorKind::InvalidRequest,
                                RemoteTr::tr("The remote command contains a NUL byte."));
        return nullptr;
    }
    if (!isConnected()) {
        *error = connectionLostError();
        return nullptr;
    }
    ssh_channel channel = ssh_channel_new(m_session);
    if (!channel) {
        *error = connectionLostError();
        return nullptr;
    }
    HopContext ctx{m_session, m_options.endpoint.targetHop(),       m_options, nullptr,
                   m_cancel,  QDeadlineTimer(m_options.ioTimeoutMs)};
    int rc = retryWhileAgain(
        ctx, [&] { return ssh_channel_open_session(channel); }, SSH_AGAIN, error);
    if (!error->isError() && rc == SSH_OK) {
        const QByteArray text = command.toShell();
        rc = retryWhileAgain(
            ctx, [&] { return ssh_channel_request_exec(channel, text.constData()); }, SSH_AGAIN,
            error);
    }
    if (error->isError() || rc != SSH_OK) {
        if (!error->isError())
            *error = ssh_is_connected(m_session)
                         ? SshError::make(SshErrorKind::ChannelFailed,
                                          RemoteTr::tr("The server refused to run a command: %1")
                                              .arg(QString::fromUtf8(ssh_get_error(m_session))))
                         : connectionLostError();
        ssh_channel_free(channel);
        return nullptr;
    }
    return std::make_unique<SshExecChannel>(*this, channel);
}

SshError SshSession::run(const RemoteCommand &command, RemoteResult *result,
                         const QByteArray &stdIn, int timeoutMs)
{
    SshError error;
    std::unique_ptr<SshExecChannel> channel = openExec(command, &error);
    if (!channel)
        return error;
    if (!stdIn.isEmpty())
        if (SshError e = channel->write(stdIn))
            return e;
    if (SshError e = channel->sendEof())
        return e;
    if (SshError e = channel->waitForExit(timeoutMs))
        return e;
    result->exitStatus = channel->exitStatus();
    result->stdOut = channel->takeStdOut();
    result->stdErr = channel->takeStdErr();
    return {};
}

SshError SshSession::runChecked(const RemoteCommand &command, QByteArray *stdOut,
                                const QByteArray &stdIn, int timeoutMs)
{
    RemoteResult result;
    if (SshError e = run(command, &result, stdIn, timeoutMs))
        return e;
    if (result.exitStatus != 0)
        return SshError::make(SshErrorKind::RemoteCommandFailed,
                              RemoteTr::tr("A remote command failed (exit status %1): %2")
                                  .arg(result.exitStatus)
                                  .arg(QString::fromUtf8(result.stdErr.trimmed().right(2000))));
    if (stdOut)
        *stdOut = result.stdOut;
    return {};
}

} // namespace td
