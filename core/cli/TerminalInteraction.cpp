#include "core/cli/TerminalInteraction.h"

#include "core/cli/CliOutput.h"

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace td {

bool TerminalInteraction::stdinIsTerminal()
{
    return ::isatty(STDIN_FILENO) == 1;
}

std::optional<QString> TerminalInteraction::ask(const QString &prompt)
{
    const QByteArray p = prompt.toUtf8();
    std::fwrite(p.constData(), 1, size_t(p.size()), stderr);
    std::fflush(stderr);
    char buf[512];
    if (!std::fgets(buf, sizeof buf, stdin))
        return std::nullopt;
    return QString::fromUtf8(buf).trimmed();
}

std::optional<QByteArray> TerminalInteraction::readSecret(const QString &prompt)
{
    if (!stdinIsTerminal())
        return std::nullopt;
    const QByteArray p = prompt.toUtf8();
    std::fwrite(p.constData(), 1, size_t(p.size()), stderr);
    std::fflush(stderr);
    termios old{};
    ::tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    char buf[1024];
    const bool got = std::fgets(buf, sizeof buf, stdin) != nullptr;
    ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::fputc('\n', stderr);
    if (!got)
        return std::nullopt;
    QByteArray secret(buf);
    while (secret.endsWith('\n') || secret.endsWith('\r'))
        secret.chop(1);
    ::memset(buf, 0, sizeof buf);
    return secret;
}

bool TerminalInteraction::confirmUnknownHostKey(const HostKeyInfo &info)
{
    if (!expectedFingerprint.isEmpty()) {
        if (info.sha256Fingerprint == expectedFingerprint)
            return true;
        refusal = tr("The host key of %1 is %2, not the %3 given with --accept-fingerprint.")
                      .arg(info.host, info.sha256Fingerprint, expectedFingerprint);
        return false;
    }
    if (!stdinIsTerminal()) {
        refusal = tr("First connection to %1: its host key fingerprint is %2. Without a terminal "
                     "it is accepted only with --accept-fingerprint %2 (compare it with the "
                     "provider's console first).")
                      .arg(info.host, info.sha256Fingerprint);
        return false;
    }
    cli::err(tr("The authenticity of %1 (port %2) can't be established yet.")
                 .arg(info.host)
                 .arg(info.port));
    cli::err(tr("%1 key fingerprint: %2").arg(info.keyType, info.sha256Fingerprint));
    const auto answer =
        ask(tr("Compare it with the provider's console. Trust this machine? [yes/no] "));
    const bool yes = answer && (*answer == QLatin1String("yes") || *answer == QLatin1String("y"));
    if (!yes)
        refusal = tr("The host key was not accepted.");
    return yes;
}

std::optional<QByteArray> TerminalInteraction::keyPassphrase(const QString &keyPath, int)
{
    return readSecret(tr("Passphrase for %1: ").arg(keyPath));
}

std::optional<PasswordAnswer> TerminalInteraction::password(const SshHop &hop, int attempt)
{
    if (stdinPassword) {
        if (attempt > 1)
            return std::nullopt; // the same password again would fail again
        return PasswordAnswer{*stdinPassword, rememberPassword};
    }
    const auto secret = readSecret(tr("Password for %1@%2: ").arg(hop.user, hop.host));
    if (!secret)
        return std::nullopt;
    return PasswordAnswer{*secret, rememberPassword};
}

void TerminalInteraction::passwordAccepted(const SshHop &, const PasswordAnswer &answer)
{
    passwordWasAccepted = true;
    acceptedPassword = answer;
}

} // namespace td
