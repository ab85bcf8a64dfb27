#include "core/remote/SshError.h"

namespace td {

QString sshErrorKindName(SshErrorKind kind)
{
    switch (kind) {
    case SshErrorKind::None:
        return QStringLiteral("none");
    case SshErrorKind::Cancelled:
        return QStringLiteral("cancelled");
    case SshErrorKind::Timeout:
        return QStringLiteral("timeout");
    case SshErrorKind::ConnectionFailed:
        return QStringLiteral("connection-failed");
    case SshErrorKind::HostKeyUnknown:
        return QStringLiteral("host-key-unknown");
    case SshErrorKind::HostKeyRejected:
        return QStringLiteral("host-key-rejected");
    case SshErrorKind::HostKeyChanged:
        return QStringLiteral("host-key-changed");
    case SshErrorKind::AuthenticationFailed:
        return QStringLiteral("authentication-failed");
    case SshErrorKind::ChannelFailed:
        return QStringLiteral("channel-failed");
    case SshErrorKind::RemoteCommandFailed:
        return QStringLiteral("remote-command-failed");
    case SshErrorKind::InvalidRequest:
        return QStringLiteral("invalid-request");
    case SshErrorKind::LocalIoError:
        return QStringLiteral("local-io-error");
    case SshErrorKind::ProtocolError:
        return QStringLiteral("protocol-error");
    }
    return QStringLiteral("unknown");
}

} // namespace td
