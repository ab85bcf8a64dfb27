#include "core/remote/SshEndpoint.h"

#include "core/remote/LibSshInit.h"
#include "core/remote/RemoteTr.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

#include <libssh/libssh.h>

#include <memory>

namespace td {

namespace {

bool isValidHost(const QString &host)
{
    // Host names, IPv4 and IPv6 literals; nothing that a shell or ssh would read as an option.
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_.:%\\-]+$"));
    return !host.isEmpty() && !host.startsWith(QLatin1Char('-')) && re.match(host).hasMatch();
}

bool isValidUser(const QString &user)
{
    static const QRegularExpression re(QStringLiteral("^[^\\s@:/]+$"));
    return !user.startsWith(QLatin1Char('-')) && re.match(user).hasMatch();
}

bool parsePort(const QString &text, int *port)
{
    bool ok = false;
    const int p = text.toInt(&ok);
    if (!ok || p < 1 || p > 65535)
        return false;
    *port = p;
    return true;
}

// One destination: [user@]host[:port] when allowPort, or an ssh:// URI.
bool parseDestination(const QString &text, bool allowPort, SshHop *hop, QString *error)
{
    SshHop h;
    if (text.startsWith(QLatin1String("ssh://"))) {
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty()) {
            *error = RemoteTr::tr("“%1” is not a valid ssh:// address.").arg(text);
            return false;
        }
        h.host = url.host();
        h.user = url.userName();
        h.port = url.port(0);
        if (!url.path().isEmpty() && url.path() != QLatin1String("/")) {
            *error = RemoteTr::tr("An ssh:// address cannot contain a path: “%1”.").arg(text);
            return false;
        }
    } else {
        QString rest = text;
        const int at = rest.lastIndexOf(QLatin1Char('@'));
        if (at >= 0) {
            h.user = rest.left(at);
            rest = rest.mid(at + 1);
        }
        if (allowPort) {
            if (rest.startsWith(QLatin1Char('['))) {
                const int close = rest.indexOf(QLatin1Char(']'));
                if (close < 0) {
                    *error = RemoteTr::tr("Missing “]” in “%1”.").arg(text);
                    return false;
                }
                const QString after = rest.mid(close + 1);
                h.host = rest.mid(1, close - 1);
                if (!after.isEmpty()) {
                    if (!after.startsWith(QLatin1Char(':')) || !parsePort(after.mid(1), &h.port)) {
                        *error = RemoteTr::tr("Invalid port in “%1”.").arg(text);
                        return false;
                    }
                }
            } else if (rest.count(QLatin1Char(':')) == 1) {
                const int colon = rest.indexOf(QLatin1Char(':'));
                if (!parsePort(rest.mid(colon + 1), &h.port)) {
                    *error = RemoteTr::tr("Invalid port in “%1”.").arg(text);
                    return false;
                }
                h.host = rest.left(colon);
            } else {
                h.host = rest;
            }
        } else {
            h.host = rest;
        }
    }
    if (!h.user.isNull() && !h.user.isEmpty() && !isValidUser(h.user)) {
        *error = RemoteTr::tr("“%1” is not a valid user name.").arg(h.user);
        return false;
    }
    if (!isValidHost(h.host)) {
        *error = RemoteTr::tr("“%1” is not a valid host name.").arg(h.host);
        return false;
    }
    *hop = h;
    return true;
}

// Flags of OpenSSH's ssh(1) that take an argument and that we may safely ignore.
const QString kIgnoredWithArg = QStringLiteral("bcDeEFLmOQRSwWBI");
// Flags without an argument; none of them changes where we connect.
const QString kIgnoredNoArg = QStringLiteral("46AaCfGgKkMNnqsTtVvXxYy");

} // namespace

QString SshHop::toString() const
{
    QString out;
    if (!user.isEmpty())
        out += user + QLatin1Char('@');
    const bool v6 = host.contains(QLatin1Char(':'));
    if (port > 0)
        out += (v6 ? QLatin1Char('[') + host + QLatin1Char(']') : host) + QLatin1Char(':') +
               QString::number(port);
    else
        out += host;
    return out;
}

QString SshEndpoint::jumpSpec() const
{
    QStringList parts;
    for (const SshHop &h : jump)
        parts << h.toString();
    return parts.join(QLatin1Char(','));
}

bool splitShellWords(const QString &line, QStringList *words, QString *error)
{
    words->clear();
    QString cur;
    bool inWord = false;
    enum { Plain, Single, Double } mode = Plain;
    for (int i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        switch (mode) {
        case Plain:
            if (c.isSpace()) {
                if (inWord)
                    words->append(cur);
                cur.clear();
                inWord = false;
            } else if (c == QLatin1Char('\'')) {
                mode = Single;
                inWord = true;
            } else if (c == QLatin1Char('"')) {
                mode = Double;
                inWord = true;
            } else if (c == QLatin1Char('\\')) {
                if (i + 1 < line.size()) {
                    ++i;
                    if (line.at(i) != QLatin1Char('\n'))
                        cur += line.at(i);
                }
                inWord = true;
            } else {
                cur += c;
                inWord = true;
            }
            break;
        case Single:
            if (c == QLatin1Char('\''))
                mode = Plain;
            else
                cur += c;
            break;
        case Double:
            if (c == QLatin1Char('"')) {
                mode = Plain;
            } else if (c == QLatin1Char('\\') && i + 1 < line.size() &&
                       QStringLiteral("\"\\$`").contains(line.at(i + 1))) {
                cur += line.at(++i);
            } else {
                cur += c;
            }
            break;
        }
    }
    if (mode != Plain) {
        *error = RemoteTr::tr("The line has an unterminated quote.");
        return false;
    }
    if (inWord)
        words->append(cur);
    return true;
}

bool parseJumpSpec(const QString &spec, QList<SshHop> *hops, QString *error)
{
    hops->clear();
    const QString trimmed = spec.trimmed();
    if (trimmed.isEmpty() || trimmed.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0)
        return true;
    for (const QString &part : trimmed.split(QLatin1Char(','))) {
        SshHop hop;
        if (!parseDestination(part.trimmed(), true, &hop, error))
            return false;
        hops->append(hop);
    }
    return true;
}

SshLineParseResult parseSshLine(const QString &line)
{
    SshLineParseResult r;
    QStringList words;
    if (!splitShellWords(line.trimmed(), &words, &r.error))
        return r;
    if (words.isEmpty()) {
        r.error = RemoteTr::tr("The line is empty.");
        return r;
    }
    if (words.first() == QLatin1String("ssh") || words.first().endsWith(QLatin1String("/ssh")))
        words.removeFirst();

    SshEndpoint ep;
    QString destination;
    QString optUser;
    int optPort = 0;
    bool flagsDone = false;
    auto fail = [&r](const QString &msg) {
        r.error = msg;
        return r;
    };

    for (int i = 0; i < words.size(); ++i) {
        const QString w = words.at(i);
        if (!flagsDone && w == QLatin1String("--")) {
            flagsDone = true;
            continue;
        }
        if (flagsDone || !w.startsWith(QLatin1Char('-')) || w.size() == 1) {
            if (!destination.isEmpty())
                return fail(RemoteTr::tr("Unexpected “%1” after the host “%2”: remove the remote "
                                         "command or extra text.")
                                .arg(w, destination));
            destination = w;
            continue;
        }
        // A cluster of flags such as "-tt" or "-p41234".
        for (int j = 1; j < w.size(); ++j) {
            const QChar f = w.at(j);
            const bool takesArg =
                QStringLiteral("pilJo").contains(f) || kIgnoredWithArg.contains(f);
            if (!takesArg) {
                if (!kIgnoredNoArg.contains(f))
                    return fail(RemoteTr::tr("Unknown ssh option “-%1”.").arg(f));
                continue;
            }
            QString value = w.mid(j + 1);
            if (value.isEmpty()) {
                if (i + 1 >= words.size())
                    return fail(RemoteTr::tr("The option “-%1” needs a value.").arg(f));
                value = words.at(++i);
            }
            if (f == QLatin1Char('p')) {
                if (!parsePort(value, &ep.port))
                    return fail(RemoteTr::tr("“%1” is not a valid port (1–65535).").arg(value));
            } else if (f == QLatin1Char('i')) {
                ep.identityFile = value;
            } else if (f == QLatin1Char('l')) {
                if (!isValidUser(value))
                    return fail(RemoteTr::tr("“%1” is not a valid user name.").arg(value));
                ep.user = value;
            } else if (f == QLatin1Char('J')) {
                if (!parseJumpSpec(value, &ep.jump, &r.error))
                    return r;
            } else if (f == QLatin1Char('o')) {
                QString key, val;
                const int eq = value.indexOf(QLatin1Char('='));
                const int sp = value.indexOf(QLatin1Char(' '));
                const int sep = eq >= 0 && (sp < 0 || eq < sp) ? eq : sp;
                if (sep <= 0)
                    return fail(RemoteTr::tr("The option “-o %1” has no value.").arg(value));
                key = value.left(sep).trimmed().toLower();
                val = value.mid(sep + 1).trimmed();
                if (key == QLatin1String("port")) {
                    if (!parsePort(val, &optPort))
                        return fail(RemoteTr::tr("“%1” is not a valid port (1–65535).").arg(val));
                } else if (key == QLatin1String("user")) {
                    if (!isValidUser(val))
                        return fail(RemoteTr::tr("“%1” is not a valid user name.").arg(val));
                    optUser = val;
                } else if (key == QLatin1String("identityfile")) {
                    ep.identityFile = val;
                } else if (key == QLatin1String("proxyjump")) {
                    if (!parseJumpSpec(val, &ep.jump, &r.error))
                        return r;
                } else if (key == QLatin1String("hostname")) {
                    SshHop h;
                    if (!parseDestination(val, false, &h, &r.error))
                        return r;
                    destination = destination.isEmpty() ? h.host : destination;
                } else if (key == QLatin1String("proxycommand")) {
                    return fail(RemoteTr::tr("ProxyCommand is not supported: TrainDeck never runs "
                                             "local commands to connect. Use -J (ProxyJump)."));
                }
                // Other -o options (StrictHostKeyChecking, ServerAliveInterval, ...) are
                // ignored on purpose: host keys are always checked.
            }
            break; // the rest of the word was the value
        }
    }
    if (destination.isEmpty())
        return fail(RemoteTr::tr("No host found in the line."));

    SshHop target;
    if (!parseDestination(destination, destination.startsWith(QLatin1String("ssh://")), &target,
                          &r.error))
        return r;
    ep.host = target.host;
    // As with ssh: an explicit -p/-l wins over -o, which wins over user@host / URI parts.
    if (ep.port == 0)
        ep.port = optPort > 0 ? optPort : target.port;
    if (ep.user.isEmpty())
        ep.user = !optUser.isEmpty() ? optUser : target.user;
    r.endpoint = ep;
    r.ok = true;
    return r;
}

namespace {

struct SessionDeleter
{
    void operator()(ssh_session s) const { ssh_free(s); }
};

QString optionString(ssh_session s, ssh_options_e type)
{
    char *value = nullptr;
    if (ssh_options_get(s, type, &value) != SSH_OK || !value)
        return {};
    const QString out = QString::fromUtf8(value);
    ssh_string_free_char(value);
    return out;
}

// libssh 0.10 turns ProxyJump into a ProxyCommand running "ssh -J ... -W [%h]:%p host": read
// the hops back from that command instead of ever running it.
bool jumpsFromProxyCommand(const QString &command, QList<SshHop> *hops)
{
    QStringList words;
    QString error;
    if (!splitShellWords(command, &words, &error) || words.isEmpty() ||
        words.first() != QLatin1String("ssh") || !words.contains(QLatin1String("-W")))
        return false;
    const SshLineParseResult parsed = parseSshLine(command);
    if (!parsed.ok)
        return false;
    *hops = parsed.endpoint.jump;
    hops->append(parsed.endpoint.targetHop());
    return true;
}

} // namespace

SshConfigResolution resolveSshConfig(const SshEndpoint &endpoint, const QString &configPath)
{
    SshConfigResolution res;
    res.endpoint = endpoint;
    const QString path =
        configPath.isEmpty() ? QDir::homePath() + QStringLiteral("/.ssh/config") : configPath;
    if (!QFileInfo::exists(path)) {
        res.ok = true;
        return res;
    }
    ensureLibSshInitialized();
    std::unique_ptr<ssh_session_struct, SessionDeleter> s(ssh_new());
    if (!s)
        return res;
    const QByteArray alias = endpoint.host.toUtf8();
    ssh_options_set(s.get(), SSH_OPTIONS_HOST, alias.constData());
    if (ssh_options_parse_config(s.get(), QFile::encodeName(path).constData()) != SSH_OK) {
        res.warning = RemoteTr::tr("Could not read the SSH config file %1.").arg(path);
        return res;
    }
    const QString host = optionString(s.get(), SSH_OPTIONS_HOST);
    if (!host.isEmpty() && host != endpoint.host) {
        res.endpoint.configAlias = endpoint.host;
        res.endpoint.host = host;
    }
    unsigned int port = 0;
    if (endpoint.port == 0 && ssh_options_get_port(s.get(), &port) == SSH_OK && port != 22)
        res.endpoint.port = int(port);
    if (endpoint.user.isEmpty()) {
        const QString user = optionString(s.get(), SSH_OPTIONS_USER);
        if (!user.isEmpty())
            res.endpoint.user = user;
    }
    if (endpoint.identityFile.isEmpty()) {
        const QString identity = optionString(s.get(), SSH_OPTIONS_IDENTITY);
        // The built-in defaults (id_ed25519, id_rsa...) start with "%d/"; only keep a real choice.
        if (!identity.isEmpty() && !identity.startsWith(QLatin1String("%d/")))
            res.endpoint.identityFile = identity;
    }
    const QString proxy = optionString(s.get(), SSH_OPTIONS_PROXYCOMMAND);
    if (endpoint.jump.isEmpty() && !proxy.isEmpty()) {
        QList<SshHop> hops;
        if (jumpsFromProxyCommand(proxy, &hops))
            res.endpoint.jump = hops;
        else
            res.warning = RemoteTr::tr("The SSH config sets a ProxyCommand for %1; TrainDeck does "
                                       "not run local commands to connect and ignores it.")
                              .arg(endpoint.host);
    }
    if (res.endpoint.configAlias.isEmpty() && res.endpoint != endpoint)
        res.endpoint.configAlias = endpoint.host;
    res.ok = true;
    return res;
}

} // namespace td
