#pragma once

#include <QMetaType>
#include <QString>

namespace td {

// Categories callers act on: the CLI maps them to exit codes (a changed host key is 4), the UI
// picks the dialog, the reconnect logic retries only transient ones.
enum class SshErrorKind {
    None,
    Cancelled,
    Timeout,
    ConnectionFailed,     // could not reach the host, or the connection dropped
    HostKeyUnknown,       // first contact, and nobody accepted the fingerprint
    HostKeyRejected,      // the user rejected the fingerprint
    HostKeyChanged,       // known_hosts holds another key: possible man-in-the-middle
    AuthenticationFailed, // no method worked
    ChannelFailed,        // the server refused a channel (exec, direct-tcpip)
    RemoteCommandFailed,  // a remote command exited non-zero where success was required
    InvalidRequest,       // a command that cannot be sent (NUL byte), bad arguments
    LocalIoError,         // reading or writing a local file
    ProtocolError,        // unexpected data from the remote side
};

struct SshError
{
    SshErrorKind kind = SshErrorKind::None;
    QString message; // translated, for the user; never contains secrets

    bool isError() const { return kind != SshErrorKind::None; }
    explicit operator bool() const { return isError(); }
    // Worth retrying after a delay (dropped connection, timeout), as opposed to a refusal.
    bool isTransient() const
    {
        return kind == SshErrorKind::ConnectionFailed || kind == SshErrorKind::Timeout;
    }
    static SshError make(SshErrorKind k, const QString &msg) { return SshError{k, msg}; }
};

// Stable English identifier ("host-key-changed"), for logs and JSON output.
QString sshErrorKindName(SshErrorKind kind);

} // namespace td

Q_DECLARE_METATYPE(td::SshError)
