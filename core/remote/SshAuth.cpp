#include "core/remote/SshAuth.h"

#include "core/remote/RemoteTr.h"

#include <libssh/libssh.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <poll.h>

namespace td {

void wipe(QByteArray &secret)
{
    if (!secret.isEmpty()) {
        volatile char *p = secret.data();
        for (qsizetype i = 0; i < secret.size(); ++i)
            p[i] = 0;
    }
    secret.clear();
}

int retryWhileAgain(HopContext &ctx, const std::function<int()> &call, int again, SshError *error)
{
    for (;;) {
        const int rc = call();
        if (rc != again)
            return rc;
        if (ctx.cancel.isCancelled()) {
            *error = SshError::make(SshErrorKind::Cancelled, RemoteTr::tr("Cancelled."));
            return rc;
        }
        if (ctx.deadline.hasExpired()) {
            *error =
                SshError::make(SshErrorKind::Timeout,
                               RemoteTr::tr("%1 did not answer in time.").arg(ctx.hop.toString()));
            return rc;
        }
        const int fd = ssh_get_fd(ctx.session);
        if (fd >= 0) {
            pollfd p{fd, POLLIN, 0};
            if (ssh_get_poll_flags(ctx.session) & SSH_WRITE_PENDING)
                p.events |= POLLOUT;
            ::poll(&p, 1, 20);
        } else {
            ::poll(nullptr, 0, 10);
        }
    }
}

namespace {

QString fingerprintOf(ssh_key key)
{
    unsigned char *hash = nullptr;
    size_t len = 0;
    if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &len) != SSH_OK)
        return {};
    char *fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, len);
    const QString out = QString::fromLatin1(fp);
    ssh_string_free_char(fp);
    ssh_clean_pubkey_hash(&hash);
    return out;
}

QString expandHome(const QString &path)
{
    if (path == QLatin1String("~"))
        return QDir::homePath();
    if (path.startsWith(QLatin1String("~/")))
        return QDir::homePath() + path.mid(1);
    return path;
}

// Refuses any passphrase prompt that libssh would otherwise send to a terminal.
int refusePrompt(const char *, char *, size_t, int, int, void *)
{
    return -1;
}

} // namespace

SshError verifyHostKey(HopContext &ctx, HostKeyInfo *info)
{
    ssh_key key = nullptr;
    if (ssh_get_server_publickey(ctx.session, &key) != SSH_OK)
        return SshError::make(SshErrorKind::ProtocolError,
                              RemoteTr::tr("%1 sent no host key.").arg(ctx.hop.toString()));
    info->host = ctx.hop.host;
    info->port = ctx.hop.effectivePort();
    info->keyType = QString::fromLatin1(ssh_key_type_to_char(ssh_key_type(key)));
    info->sha256Fingerprint = fingerprintOf(key);
    info->knownHostsPath = ctx.options.knownHostsPath;
    ssh_key_free(key);

    const QString where =
        info->port == 22 ? info->host : QStringLiteral("[%1]:%2").arg(info->host).arg(info->port);
    switch (ssh_session_is_known_server(ctx.session)) {
    case SSH_KNOWN_HOSTS_OK:
        info->state = HostKeyState::Known;
        return {};
    case SSH_KNOWN_HOSTS_CHANGED:
    case SSH_KNOWN_HOSTS_OTHER:
        info->state = HostKeyState::Changed;
        return SshError::make(
            SshErrorKind::HostKeyChanged,
            RemoteTr::tr("The host key of %1 has changed. Someone may be intercepting the "
                         "connection (a man-in-the-middle attack), or the server was reinstalled "
                         "or re-rented. TrainDeck refused to connect.\n\nThe server now presents "
                         "%2 %3.\n\nIf your provider's web console confirms this fingerprint, "
                         "remove the old line for %1 from %4 (for example with "
                         "“ssh-keygen -R '%1' -f %4”) and connect again.")
                .arg(where, info->keyType, info->sha256Fingerprint, info->knownHostsPath));
    case SSH_KNOWN_HOSTS_UNKNOWN:
    case SSH_KNOWN_HOSTS_NOT_FOUND: {
        info->state = HostKeyState::Unknown;
        if (!ctx.interaction || !ctx.interaction->confirmUnknownHostKey(*info))
            return SshError::make(ctx.interaction ? SshErrorKind::HostKeyRejected
                                                  : SshErrorKind::HostKeyUnknown,
                                  RemoteTr::tr("The host key of %1 (%2) was not accepted.")
                                      .arg(where, info->sha256Fingerprint));
        const QFileInfo file(info->knownHostsPath);
        if (!file.dir().exists()) {
            QDir().mkpath(file.absolutePath());
            QFile::setPermissions(file.absolutePath(),
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        }
        if (ssh_session_update_known_hosts(ctx.session) != SSH_OK)
            return SshError::make(
                SshErrorKind::LocalIoError,
                RemoteTr::tr("Could not record the host key in %1: %2")
                    .arg(info->knownHostsPath, QString::fromUtf8(ssh_get_error(ctx.session))));
        info->state = HostKeyState::Known;
        return {};
    }
    case SSH_KNOWN_HOSTS_ERROR:
        break;
    }
    return SshError::make(
        SshErrorKind::LocalIoError,
        RemoteTr::tr("Could not check the host key against %1: %2")
            .arg(info->knownHostsPath, QString::fromUtf8(ssh_get_error(ctx.session))));
}

namespace {

// SSH_AUTH_SUCCESS, SSH_AUTH_DENIED/PARTIAL (try the next), or an error.
int tryKeyFile(HopContext &ctx, const QString &path, SshError *error)
{
    const QByteArray file = QFile::encodeName(path);
    // Ask the server about the public half first, so no passphrase is requested for a key the
    // server would not accept anyway.
    ssh_key pub = nullptr;
    const QByteArray pubFile = file + ".pub";
    if (ssh_pki_import_pubkey_file(pubFile.constData(), &pub) == SSH_OK) {
        const int rc = retryWhileAgain(
            ctx, [&] { return ssh_userauth_try_publickey(ctx.session, nullptr, pub); },
            SSH_AUTH_AGAIN, error);
        ssh_key_free(pub);
        if (error->isError() || rc != SSH_AUTH_SUCCESS)
            return rc == SSH_AUTH_ERROR ? SSH_AUTH_ERROR : SSH_AUTH_DENIED;
    }
    ssh_key key = nullptr;
    if (ssh_pki_import_privkey_file(file.constData(), nullptr, refusePrompt, nullptr, &key) !=
        SSH_OK) {
        key = nullptr;
        for (int attempt = 1; attempt <= 3 && ctx.interaction; ++attempt) {
            std::optional<QByteArray> pass = ctx.interaction->keyPassphrase(path, attempt);
            if (!pass)
                break;
            const int rc = ssh_pki_import_privkey_file(file.constData(), pass->constData(),
                                                       refusePrompt, nullptr, &key);
            wipe(*pass);
            if (rc == SSH_OK)
                break;
            key = nullptr;
        }
    }
    if (!key)
        return SSH_AUTH_DENIED;
    const int rc = retryWhileAgain(
        ctx, [&] { return ssh_userauth_publickey(ctx.session, nullptr, key); }, SSH_AUTH_AGAIN,
        error);
    ssh_key_free(key);
    return rc;
}

int tryKbdInteractive(HopContext &ctx, const QByteArray &password, SshError *error)
{
    int rc = retryWhileAgain(
        ctx, [&] { return ssh_userauth_kbdint(ctx.session, nullptr, nullptr); }, SSH_AUTH_AGAIN,
        error);
    for (int round = 0; rc == SSH_AUTH_INFO && round < 5 && !error->isError(); ++round) {
        const int prompts = ssh_userauth_kbdint_getnprompts(ctx.session);
        for (int i = 0; i < prompts; ++i) {
            char echo = 0;
            const QString prompt =
                QString::fromUtf8(ssh_userauth_kbdint_getprompt(ctx.session, i, &echo));
            // Only password prompts are answered; anything else (OTP) cannot be.
            if (!prompt.contains(QLatin1String("assword")))
                return SSH_AUTH_DENIED;
            ssh_userauth_kbdint_setanswer(ctx.session, i, password.constData());
        }
        rc = retryWhileAgain(
            ctx, [&] { return ssh_userauth_kbdint(ctx.session, nullptr, nullptr); }, SSH_AUTH_AGAIN,
            error);
    }
    return rc;
}

} // namespace

SshError authenticate(HopContext &ctx)
{
    SshError error;
    int rc = retryWhileAgain(
        ctx, [&] { return ssh_userauth_none(ctx.session, nullptr); }, SSH_AUTH_AGAIN, &error);
    if (error)
        return error;
    if (rc == SSH_AUTH_SUCCESS)
        return {};
    const int methods = ssh_userauth_list(ctx.session, nullptr);
    QStringList tried;

    if (methods & SSH_AUTH_METHOD_PUBLICKEY) {
        const QString socket = ctx.options.agentSocket.isEmpty()
                                   ? qEnvironmentVariable("SSH_AUTH_SOCK")
                                   : ctx.options.agentSocket;
        if (ctx.options.useAgent && !socket.isEmpty()) {
            tried << RemoteTr::tr("agent");
            rc = retryWhileAgain(
                ctx, [&] { return ssh_userauth_agent(ctx.session, nullptr); }, SSH_AUTH_AGAIN,
                &error);
            if (error)
                return error;
            if (rc == SSH_AUTH_SUCCESS)
                return {};
        }
        QStringList keys;
        if (!ctx.options.endpoint.identityFile.isEmpty())
            keys << expandHome(ctx.options.endpoint.identityFile);
        if (ctx.options.tryDefaultKeys) {
            for (const char *name : {"id_ed25519", "id_ecdsa", "id_rsa"})
                keys << QDir::homePath() + QStringLiteral("/.ssh/") + QLatin1String(name);
        }
        for (const QString &key : keys) {
            if (!QFileInfo::exists(key))
                continue;
            tried << QFileInfo(key).fileName();
            rc = tryKeyFile(ctx, key, &error);
            if (error)
                return error;
            if (rc == SSH_AUTH_SUCCESS)
                return {};
            if (rc == SSH_AUTH_ERROR)
                break;
        }
    }

    const bool password = methods & SSH_AUTH_METHOD_PASSWORD;
    const bool kbdint = methods & SSH_AUTH_METHOD_INTERACTIVE;
    if ((password || kbdint) && ctx.options.allowPassword && ctx.interaction) {
        tried << RemoteTr::tr("password");
        for (int attempt = 1; attempt <= 3; ++attempt) {
            std::optional<PasswordAnswer> answer = ctx.interaction->password(ctx.hop, attempt);
            if (!answer)
                break;
            if (password) {
                rc = retryWhileAgain(
                    ctx,
                    [&] {
                        return ssh_userauth_password(ctx.session, nullptr,
                                                     answer->password.constData());
                    },
                    SSH_AUTH_AGAIN, &error);
            } else {
                rc = tryKbdInteractive(ctx, answer->password, &error);
            }
            if (rc == SSH_AUTH_SUCCESS && !error)
                ctx.interaction->passwordAccepted(ctx.hop, *answer);
            wipe(answer->password);
            if (error)
                return error;
            if (rc == SSH_AUTH_SUCCESS)
                return {};
            if (rc == SSH_AUTH_ERROR)
                break;
        }
    }
    const QString user = ctx.hop.user.isEmpty() ? RemoteTr::tr("the default user") : ctx.hop.user;
    return SshError::make(SshErrorKind::AuthenticationFailed,
                          RemoteTr::tr("%1 refused the login as %2 (tried: %3).")
                              .arg(ctx.hop.host, user,
                                   tried.isEmpty() ? RemoteTr::tr("no usable method")
                                                   : tried.join(QStringLiteral(", "))));
}

} // namespace td
