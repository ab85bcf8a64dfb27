#pragma once

#include "core/remote/SshConnection.h"

#include <QMutex>
#include <QTimer>
#include <QWaitCondition>

namespace td {

// Lives on SshConnection's thread and owns the session; internal to SshConnection.
class SshWorker : public QObject, public SshInteraction
{
    Q_OBJECT
public:
    explicit SshWorker(SshConnection *owner);
    ~SshWorker() override;

    SshSession session;
    SshConnectOptions options;
    int keepaliveMs = 30000;
    bool autoReconnect = false;
    int maxAttempts = 5;
    bool useKeychain = false;

    void doConnect(bool reconnect);
    void doDisconnect();
    void keepalive();

    // SshInteraction, called on this thread during connect.
    bool confirmUnknownHostKey(const HostKeyInfo &info) override;
    std::optional<QByteArray> keyPassphrase(const QString &keyPath, int attempt) override;
    std::optional<PasswordAnswer> password(const SshHop &hop, int attempt) override;
    void passwordAccepted(const SshHop &hop, const PasswordAnswer &answer) override;

    // Answers from the GUI thread.
    void answer(std::optional<QByteArray> value, bool flag);

private:
    // Waits for the user's answer; nullopt when cancelled.
    std::optional<std::pair<std::optional<QByteArray>, bool>> waitForAnswer();

    SshConnection *m_owner;
    QTimer *m_keepalive = nullptr;
    QTimer *m_retry = nullptr;
    int m_attempt = 0;
    QMutex m_mutex;
    QWaitCondition m_answered;
    bool m_hasAnswer = false;
    std::optional<QByteArray> m_answerValue;
    bool m_answerFlag = false;
    bool m_triedKeychain = false;
};

} // namespace td
