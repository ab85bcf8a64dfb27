// Answers SSH questions on a terminal: the host key fingerprint (TOFU), key passphrases and
// passwords. Without a terminal it never guesses: an unknown key is refused unless the expected
// fingerprint was given, and a password comes only from --password-stdin.
#pragma once

#include "core/remote/SshInteraction.h"

#include <QCoreApplication>

namespace td {

class TerminalInteraction : public SshInteraction
{
    Q_DECLARE_TR_FUNCTIONS(td::TerminalInteraction)
public:
    QString expectedFingerprint;             // --accept-fingerprint
    std::optional<QByteArray> stdinPassword; // --password-stdin, read once
    bool rememberPassword = false;
    bool passwordWasAccepted = false;
    PasswordAnswer acceptedPassword; // wiped by the caller after use
    QString refusal;                 // why an unknown key was refused (for the error message)

    bool confirmUnknownHostKey(const HostKeyInfo &info) override;
    std::optional<QByteArray> keyPassphrase(const QString &keyPath, int attempt) override;
    std::optional<PasswordAnswer> password(const SshHop &hop, int attempt) override;
    void passwordAccepted(const SshHop &hop, const PasswordAnswer &answer) override;

    static bool stdinIsTerminal();
    // Reads one line from the terminal with echo off.
    static std::optional<QByteArray> readSecret(const QString &prompt);
    static std::optional<QString> ask(const QString &prompt);
};

} // namespace td
