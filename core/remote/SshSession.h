#pragma once

#include "core/remote/CancelFlag.h"
#include "core/remote/ShellQuote.h"
#include "core/remote/SshEndpoint.h"
#include "core/remote/SshError.h"
#include "core/remote/SshInteraction.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

struct ssh_session_struct;
struct ssh_channel_struct;

namespace td {

class JumpBridge;

struct SshConnectOptions
{
    SshEndpoint endpoint;
    // Seams: tests point these at throw-away files and never touch the real ~/.ssh.
    QString knownHostsPath;       // empty: ~/.ssh/known_hosts
    QString globalKnownHostsPath; // empty: libssh's default (/etc/ssh/ssh_known_hosts)
    QString agentSocket;          // empty: $SSH_AUTH_SOCK
    bool useAgent = true;
    bool tryDefaultKeys = true;   // ~/.ssh/id_ed25519, id_ecdsa, id_rsa after the given identity
    bool allowPassword = true;    // ask SshInteraction::password when keys fail
    int connectTimeoutMs = 20000; // TCP connect, key exchange and authentication, per hop
    int ioTimeoutMs = 60000;      // a channel operation making no progress for this long fails
};

// Remote command result when output is collected.
struct RemoteResult
{
    int exitStatus = -1; // -1: killed by a signal or the channel closed without a status
    QByteArray stdOut;
    QByteArray stdErr;
};

class SshExecChannel;

// One libssh session in non-blocking mode, used by a single thread at a time. Blocking calls
// poll with short waits so that cancel() from any thread and the timeouts take effect.
// A jump chain (ProxyJump) is built natively: each hop's direct-tcpip channel is bridged to the
// next hop's session through a socketpair, and every hop's host key is verified.
class SshSession
{
public:
    SshSession();
    ~SshSession();
    SshSession(const SshSession &) = delete;
    SshSession &operator=(const SshSession &) = delete;

    // Connects, verifies the host key(s) and authenticates. interaction may be null (then
    // unknown host keys and password prompts are refused).
    SshError connect(const SshConnectOptions &options, SshInteraction *interaction);
    void disconnect();
    bool isConnected() const;

    // Safe to call from any thread: the current and following operations fail as Cancelled.
    void cancel() { m_cancel.cancel(); }
    void resetCancel() { m_cancel.reset(); }
    const CancelFlag &cancelFlag() const { return m_cancel; }

    const SshConnectOptions &options() const { return m_options; }
    const HostKeyInfo &hostKey() const { return m_hostKey; }
    // Sends an OpenSSH keepalive request; fails when the connection is gone.
    SshError sendKeepalive();

    // Starts a remote command. Only RemoteCommand (quoted pieces) can be run.
    std::unique_ptr<SshExecChannel> openExec(const RemoteCommand &command, SshError *error);
    // Runs a command to completion, collecting its output (for small outputs).
    SshError run(const RemoteCommand &command, RemoteResult *result, const QByteArray &stdIn = {},
                 int timeoutMs = -1);
    // Like run() but requires exit status 0; the error message carries stderr.
    SshError runChecked(const RemoteCommand &command, QByteArray *stdOut = nullptr,
                        const QByteArray &stdIn = {}, int timeoutMs = -1);

    // For the transfer and channel classes of this module.
    ssh_session_struct *handle() const { return m_session; }
    // Waits until the socket has something to read (or can flush pending output).
    void waitSocket(int ms) const;
    SshError connectionLostError() const;
    SshError checkCancelled() const;

private:
    SshError connectHop(ssh_session_struct *session, const SshHop &hop, int fd,
                        SshInteraction *interaction, HostKeyInfo *hostKey);

    ssh_session_struct *m_session = nullptr;
    std::vector<std::unique_ptr<JumpBridge>> m_bridges;
    SshConnectOptions m_options;
    HostKeyInfo m_hostKey;
    CancelFlag m_cancel;
};

} // namespace td
