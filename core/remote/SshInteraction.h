#pragma once

#include "core/remote/SshEndpoint.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>

#include <optional>

namespace td {

enum class HostKeyState { Known, Unknown, Changed };

struct HostKeyInfo
{
    QString host; // as written into known_hosts: the target name, not a jump's address
    int port = 22;
    QString keyType;           // "ssh-ed25519"
    QString sha256Fingerprint; // "SHA256:base64", as ssh-keygen -l shows it
    HostKeyState state = HostKeyState::Unknown;
    QString knownHostsPath;
};

struct PasswordAnswer
{
    QByteArray password; // wiped by the session after use
    bool remember = false;
};

// Questions a connection asks its user. Called on the connection's worker thread; an
// implementation may block until the user answers. Default answers refuse, so a caller that
// cannot ask (a script without a terminal) never trusts or authenticates by accident.
class SshInteraction
{
public:
    virtual ~SshInteraction() = default;
    // First contact with a host: return true to trust this key and record it in known_hosts.
    virtual bool confirmUnknownHostKey(const HostKeyInfo &) { return false; }
    // Passphrase of an encrypted private key; nullopt skips the key. attempt starts at 1.
    virtual std::optional<QByteArray> keyPassphrase(const QString &, int) { return std::nullopt; }
    // Password for user@host; nullopt gives up. attempt starts at 1.
    virtual std::optional<PasswordAnswer> password(const SshHop &, int) { return std::nullopt; }
    // A password that worked and that the user asked to remember (to put into the keychain).
    virtual void passwordAccepted(const SshHop &, const PasswordAnswer &) {}
};

} // namespace td

Q_DECLARE_METATYPE(td::HostKeyInfo)
