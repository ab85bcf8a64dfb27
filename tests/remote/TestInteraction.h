#pragma once

#include "core/remote/SshInteraction.h"

#include <QList>
#include <QMutex>

namespace td::test {

// Scripted answers of a user, like a dialog seam: what to answer and what was asked.
class ScriptedInteraction : public SshInteraction
{
public:
    bool acceptHostKeys = true;
    QList<QByteArray> passphrases; // answered in order, then nullopt
    QList<QByteArray> passwords;   // answered in order, then nullopt
    bool rememberPassword = false;

    QList<HostKeyInfo> askedHostKeys;
    int passphraseQuestions = 0;
    int passwordQuestions = 0;
    int passwordsAccepted = 0;

    bool confirmUnknownHostKey(const HostKeyInfo &info) override
    {
        QMutexLocker lock(&m_mutex);
        askedHostKeys << info;
        return acceptHostKeys;
    }
    std::optional<QByteArray> keyPassphrase(const QString &, int) override
    {
        QMutexLocker lock(&m_mutex);
        ++passphraseQuestions;
        if (passphrases.isEmpty())
            return std::nullopt;
        return passphrases.takeFirst();
    }
    std::optional<PasswordAnswer> password(const SshHop &, int) override
    {
        QMutexLocker lock(&m_mutex);
        ++passwordQuestions;
        if (passwords.isEmpty())
            return std::nullopt;
        return PasswordAnswer{passwords.takeFirst(), rememberPassword};
    }
    void passwordAccepted(const SshHop &, const PasswordAnswer &) override
    {
        QMutexLocker lock(&m_mutex);
        ++passwordsAccepted;
    }

private:
    QMutex m_mutex;
};

} // namespace td::test
