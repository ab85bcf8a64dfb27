#pragma once

#include <QList>
#include <QString>

namespace td {

// One hop of a connection: a jump host or the target itself.
struct SshHop
{
    QString host;
    int port = 0; // 0: not given, 22 is used
    QString user; // empty: not given

    int effectivePort() const { return port > 0 ? port : 22; }
    // "user@host:port" with only the given parts, IPv6 hosts in brackets when a port follows.
    QString toString() const;
    bool operator==(const SshHop &o) const = default;
};

// Where a connection goes, as the user pasted or typed it.
struct SshEndpoint
{
    QString host;
    int port = 0; // 0: not given, 22 is used
    QString user;
    QString identityFile; // as written; "~/" is expanded when connecting
    QList<SshHop> jump;   // first hop first
    QString configAlias;  // the Host pattern name from ~/.ssh/config, when one was used

    int effectivePort() const { return port > 0 ? port : 22; }
    SshHop targetHop() const { return SshHop{host, port, user}; }
    // The jump list in ProxyJump syntax ("a,user@b:2222"), as stored in machines.jump.
    QString jumpSpec() const;
    bool operator==(const SshEndpoint &o) const = default;
};

struct SshLineParseResult
{
    bool ok = false;
    SshEndpoint endpoint;
    QString error; // translated, for the user
};

// Parses a pasted command line such as "ssh -p 41234 root@connect.westb.seetacloud.com".
// The leading "ssh" is optional. Flags that do not affect where or as whom we connect are
// ignored; anything we cannot understand is an error rather than a guess.
SshLineParseResult parseSshLine(const QString &line);

// Parses a ProxyJump value: "host", "user@host:port", comma-separated hops, ssh:// URIs.
bool parseJumpSpec(const QString &spec, QList<SshHop> *hops, QString *error);

// Splits a line into words like a POSIX shell (quotes, backslashes), without expansions.
bool splitShellWords(const QString &line, QStringList *words, QString *error);

struct SshConfigResolution
{
    bool ok = false;
    SshEndpoint endpoint;
    QString warning; // e.g. a ProxyCommand that we refuse to run
};

// Applies an OpenSSH client config (default ~/.ssh/config) to the endpoint, through libssh's
// own parser: HostName, Port, User, IdentityFile and ProxyJump. Values given explicitly in the
// endpoint win, as with ssh. Best effort: libssh does not support every keyword.
SshConfigResolution resolveSshConfig(const SshEndpoint &endpoint, const QString &configPath = {});

} // namespace td
