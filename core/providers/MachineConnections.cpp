#include "core/providers/MachineConnections.h"

#include "core/jobs/RemoteJobMonitor.h"
#include "core/remote/CredentialStore.h"
#include "core/remote/SshConnection.h"

#include <QCoreApplication>

namespace td {

MachineConnections::MachineConnections(Store *store, QObject *parent)
    : QObject(parent), m_store(store)
{
}

MachineConnections::~MachineConnections()
{
    for (auto &[id, e] : m_entries) {
        e->connection->disconnect(this);
        e->connection->cancel();
    }
}

void MachineConnections::setOptionsAdjuster(std::function<void(SshConnectOptions &)> adjust)
{
    m_adjust = std::move(adjust);
}

MachineConnections::Entry *MachineConnections::entry(const QString &machineId, SshError *error)
{
    if (auto it = m_entries.find(machineId); it != m_entries.end())
        return it->second.get();
    const auto machine = m_store->machine(machineId);
    if (!machine || machine->provider == QLatin1String("local")) {
        *error = SshError::make(
            SshErrorKind::InvalidRequest,
            QCoreApplication::translate("MachineConnections", "Unknown machine \"%1\".")
                .arg(machineId));
        return nullptr;
    }
    SshConnectOptions options = connectOptionsFor(*machine);
    if (m_adjust)
        m_adjust(options);
    auto e = std::make_unique<Entry>();
    e->connection = std::make_unique<SshConnection>();
    SshConnection *c = e->connection.get();
    c->setOptions(options);
    c->setUseKeychain(CredentialStore::isAvailable());
    connect(c, &SshConnection::hostKeyConfirmationRequested, this,
            [c](const HostKeyInfo &) { c->answerHostKey(false); });
    connect(c, &SshConnection::passwordRequested, this,
            [this, machineId](const QString &who, int attempt) {
                Q_EMIT passwordRequested(machineId, who, attempt);
            });
    connect(c, &SshConnection::passphraseRequested, this,
            [this, machineId](const QString &key, int attempt) {
                Q_EMIT passphraseRequested(machineId, key, attempt);
            });
    connect(c, &SshConnection::connected, this, [this, machineId] {
        const auto it = m_entries.find(machineId);
        if (it == m_entries.end())
            return;
        Entry *en = it->second.get();
        en->connected = true;
        en->connecting = false;
        const auto pending = std::exchange(en->pending, {});
        for (const auto &[work, failure] : pending)
            post(machineId, en, work);
    });
    connect(c, &SshConnection::failed, this, [this, machineId](const SshError &why) {
        const auto it = m_entries.find(machineId);
        if (it == m_entries.end())
            return;
        Entry *en = it->second.get();
        en->connected = false;
        en->connecting = false;
        const auto pending = std::exchange(en->pending, {});
        for (const auto &[work, onFailed] : pending) {
            if (onFailed)
                onFailed(why);
        }
    });
    Entry *raw = e.get();
    m_entries.emplace(machineId, std::move(e));
    return raw;
}

void MachineConnections::post(const QString &machineId, Entry *e, Work work)
{
    e->connection->post([this, machineId, work = std::move(work)](SshSession &session) {
        session.resetCancel();
        work(session);
        // A link that died (or was closed after a cancel) is reopened by the next run().
        if (!session.isConnected()) {
            QMetaObject::invokeMethod(this, [this, machineId] {
                if (const auto it = m_entries.find(machineId); it != m_entries.end())
                    it->second->connected = false;
            });
        }
    });
}

void MachineConnections::run(const QString &machineId, Work work, Failure onFailed)
{
    SshError error;
    Entry *e = entry(machineId, &error);
    if (!e) {
        if (onFailed)
            onFailed(error);
        return;
    }
    if (e->connected) {
        post(machineId, e, std::move(work));
        return;
    }
    e->pending.append({std::move(work), std::move(onFailed)});
    if (!e->connecting) {
        e->connecting = true;
        e->connection->connectToHost();
    }
}

void MachineConnections::cancel(const QString &machineId)
{
    if (const auto it = m_entries.find(machineId); it != m_entries.end())
        it->second->connection->cancel();
}

void MachineConnections::drop(const QString &machineId)
{
    const auto it = m_entries.find(machineId);
    if (it == m_entries.end())
        return;
    it->second->connection->disconnect(this);
    it->second->connection->cancel();
    m_entries.erase(it);
}

bool MachineConnections::isConnected(const QString &machineId) const
{
    const auto it = m_entries.find(machineId);
    return it != m_entries.end() && it->second->connected;
}

void MachineConnections::answerPassword(const QString &machineId, const QByteArray &password,
                                        bool remember)
{
    if (const auto it = m_entries.find(machineId); it != m_entries.end())
        it->second->connection->answerPassword(password,
                                               remember && CredentialStore::isAvailable());
}

void MachineConnections::answerPassphrase(const QString &machineId, const QByteArray &passphrase)
{
    if (const auto it = m_entries.find(machineId); it != m_entries.end())
        it->second->connection->answerPassphrase(passphrase);
}

} // namespace td
