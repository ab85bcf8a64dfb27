#pragma once

#include "core/remote/ShellQuote.h"
#include "core/remote/SshError.h"
#include "core/remote/SshInteraction.h"
#include "core/remote/SshSession.h"

#include <QObject>
#include <QThread>

#include <functional>
#include <memory>
#include <optional>

namespace td {

class SshWorker;

// The Qt-facing side of one SSH connection: its libssh session lives on a worker thread of its
// own; requests are queued to it and results come back as signals. Questions to the user
// (fingerprint, passphrase, password) arrive as signals and are answered with the answer*()
// slots; the worker waits for the answer (or cancel()).
class SshConnection : public QObject
{
    Q_OBJECT
public:
    enum class State { Disconnected, Connecting, Connected, Reconnecting };
    Q_ENUM(State)

    explicit SshConnection(QObject *parent = nullptr);
    ~SshConnection() override;

    void setOptions(const SshConnectOptions &options);
    void setKeepaliveInterval(int ms);                   // 0 disables; default 30 s
    void setAutoReconnect(bool on, int maxAttempts = 5); // backoff 1, 2, 4 ... 30 s
    // Passwords the user asked to remember are kept in the OS keychain, and read from it first.
    void setUseKeychain(bool on);
    State state() const { return m_state; }

    void connectToHost();
    void disconnectFromHost();
    // Cancels what the worker is doing now (connecting, a command, a transfer step).
    void cancel();

    // Runs a command; output streams through commandOutput, then commandFinished(id, ...).
    int runCommand(const RemoteCommand &command, int timeoutMs = -1);
    // Runs arbitrary work with the session on the worker thread (uploads, downloads, probes).
    void post(std::function<void(SshSession &)> work);

public Q_SLOTS:
    void answerHostKey(bool accept);
    void answerPassphrase(const QByteArray &passphrase);            // empty: skip this key
    void answerPassword(const QByteArray &password, bool remember); // empty: give up

Q_SIGNALS:
    void stateChanged(td::SshConnection::State state);
    void connected(const td::HostKeyInfo &hostKey);
    void failed(const td::SshError &error);
    void reconnecting(int attempt, int delayMs);
    void hostKeyConfirmationRequested(const td::HostKeyInfo &info);
    void passphraseRequested(const QString &keyPath, int attempt);
    void passwordRequested(const QString &userAtHost, int attempt);
    void commandOutput(int id, const QByteArray &data, bool isStderr);
    void commandFinished(int id, int exitStatus, const td::SshError &error);

private:
    friend class SshWorker;
    void setState(State s);

    QThread m_thread;
    SshWorker *m_worker = nullptr;
    State m_state = State::Disconnected;
    int m_nextCommandId = 1;
};

} // namespace td
