// One SSH connection per stored machine, opened on demand and shared by the work the app does
// there besides following jobs: uploads, installing the engine, checks.
#pragma once

#include "core/remote/SshError.h"
#include "core/remote/SshSession.h"
#include "core/store/Store.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <map>
#include <memory>

namespace td {

class SshConnection;

class MachineConnections : public QObject
{
    Q_OBJECT
public:
    using Work = std::function<void(SshSession &)>;
    using Failure = std::function<void(const SshError &)>;

    explicit MachineConnections(Store *store, QObject *parent = nullptr);
    ~MachineConnections() override;

    // Seam: adjusts the options of every connection (tests: no default keys from ~/.ssh).
    void setOptionsAdjuster(std::function<void(SshConnectOptions &)> adjust);

    // Runs `work` on the machine's connection thread, connecting first when needed. When the
    // connection cannot be made, `onFailed` is called on this object's thread instead. A stored
    // machine was trusted when it was added: a host key that is unknown now is refused.
    void run(const QString &machineId, Work work, Failure onFailed);
    // Cancels what runs on the machine's connection now (a transfer step, a command).
    void cancel(const QString &machineId);
    // Closes and forgets the machine's connection (the machine was removed).
    void drop(const QString &machineId);
    bool isConnected(const QString &machineId) const;

    void answerPassword(const QString &machineId, const QByteArray &password, bool remember);
    void answerPassphrase(const QString &machineId, const QByteArray &passphrase);

Q_SIGNALS:
    void passwordRequested(const QString &machineId, const QString &userAtHost, int attempt);
    void passphraseRequested(const QString &machineId, const QString &keyPath, int attempt);

private:
    struct Entry
    {
        std::unique_ptr<SshConnection> connection;
        bool connected = false;
        bool connecting = false;
        QList<std::pair<Work, Failure>> pending;
    };
    Entry *entry(const QString &machineId, SshError *error);
    void post(const QString &machineId, Entry *e, Work work);

    Store *m_store;
    std::function<void(SshConnectOptions &)> m_adjust;
    std::map<QString, std::unique_ptr<Entry>> m_entries;
};

} // namespace td
