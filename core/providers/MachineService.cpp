#include "core/providers/MachineService.h"

#include "core/jobs/RemoteJobMonitor.h"
#include "core/remote/CredentialStore.h"
#include "core/remote/MachineFacts.h"
#include "core/remote/SshConnection.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QThreadPool>
#include <QUuid>

namespace td {

MachineService::MachineService(Store *store, QObject *parent) : QObject(parent), m_store(store) {}

MachineService::~MachineService()
{
    if (m_connection)
        m_connection->cancel();
}

void MachineService::setOptionsAdjuster(std::function<void(SshConnectOptions &)> adjust)
{
    m_adjust = std::move(adjust);
}

MachineRecord MachineService::recordFromDraft(const MachineDraft &draft)
{
    MachineRecord m;
    m.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m.provider = draft.providerId.isEmpty() ? QStringLiteral("ssh") : draft.providerId;
    m.host = draft.endpoint.host.trimmed();
    m.port = draft.endpoint.effectivePort();
    m.user = draft.endpoint.user.trimmed();
    m.name = draft.name.trimmed().isEmpty()
                 ? (draft.endpoint.configAlias.isEmpty() ? m.host : draft.endpoint.configAlias)
                 : draft.name.trimmed();
    m.identityFile = draft.endpoint.identityFile.trimmed();
    m.jump = draft.endpoint.jumpSpec();
    m.configAlias = draft.endpoint.configAlias;
    m.remoteRoot =
        draft.remoteRoot.trimmed().isEmpty() ? defaultRemoteRoot() : draft.remoteRoot.trimmed();
    m.region = draft.region;
    m.gpuTier = draft.gpuTier;
    m.hourlyPrice = draft.hourlyPrice;
    m.currency = draft.currency;
    m.status = QStringLiteral("connecting");
    m.createdAt = QDateTime::currentDateTimeUtc();
    return m;
}

QString MachineService::validate(const MachineDraft &draft)
{
    const QString host = draft.endpoint.host.trimmed();
    if (host.isEmpty())
        return tr("Enter the host name or address of the machine.");
    if (host.contains(QLatin1Char(' ')) || host.startsWith(QLatin1Char('-')))
        return tr("\"%1\" is not a host name.").arg(host);
    if (draft.endpoint.port < 0 || draft.endpoint.port > 65535)
        return tr("The port must be between 1 and 65535.");
    if (draft.hourlyPrice && (*draft.hourlyPrice < 0 || !qIsFinite(*draft.hourlyPrice)))
        return tr("The hourly price cannot be negative.");
    if (draft.hourlyPrice && *draft.hourlyPrice > 0 && draft.currency.isEmpty())
        return tr("Choose the currency of the hourly price.");
    return {};
}

bool MachineService::add(const MachineDraft &draft, QString *error)
{
    const QString problem =
        isBusy() ? tr("A connection is already being set up.") : validate(draft);
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    begin(recordFromDraft(draft), true);
    return true;
}

bool MachineService::reprobe(const QString &machineId, QString *error)
{
    m_store->flush(5000);
    const auto machine = m_store->machine(machineId);
    QString problem;
    if (isBusy())
        problem = tr("A connection is already being set up.");
    else if (!machine || machine->provider == QLatin1String("local"))
        problem = tr("Unknown machine \"%1\".").arg(machineId);
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    begin(*machine, false);
    return true;
}

void MachineService::begin(const MachineRecord &record, bool adding)
{
    m_record = record;
    m_adding = adding;
    m_passwordGiven = false;
    SshConnectOptions options = connectOptionsFor(record);
    if (m_adjust)
        m_adjust(options);
    m_connection = std::make_unique<SshConnection>();
    m_connection->setOptions(options);
    m_connection->setKeepaliveInterval(0);
    // Reads a password remembered earlier and stores a new one only when the user asked to.
    m_connection->setUseKeychain(CredentialStore::isAvailable());
    SshConnection *c = m_connection.get();
    connect(c, &SshConnection::connected, this, &MachineService::onConnected);
    connect(c, &SshConnection::failed, this, &MachineService::onFailed);
    connect(c, &SshConnection::hostKeyConfirmationRequested, this, [this](const HostKeyInfo &info) {
        // A stored machine was trusted when it was added: an unknown key now is refused.
        if (!m_adding) {
            m_connection->answerHostKey(false);
            return;
        }
        Q_EMIT hostKeyConfirmationRequested(info);
    });
    connect(c, &SshConnection::passwordRequested, this, &MachineService::passwordRequested);
    connect(c, &SshConnection::passphraseRequested, this, &MachineService::passphraseRequested);
    Q_EMIT stepChanged(
        tr("Connecting to %1…").arg(SshHop{record.host, record.port, record.user}.toString()));
    c->connectToHost();
}

void MachineService::cancel()
{
    if (m_connection)
        m_connection->cancel();
}

void MachineService::answerHostKey(bool accept)
{
    if (m_connection)
        m_connection->answerHostKey(accept);
}

void MachineService::answerPassword(const QByteArray &password, bool remember)
{
    if (!m_connection)
        return;
    m_passwordGiven = m_passwordGiven || !password.isEmpty();
    m_connection->answerPassword(password, remember && CredentialStore::isAvailable());
}

void MachineService::answerPassphrase(const QByteArray &passphrase)
{
    if (m_connection)
        m_connection->answerPassphrase(passphrase);
}

void MachineService::onConnected(const HostKeyInfo &key)
{
    m_record.hostKeySha256 = key.sha256Fingerprint;
    if (m_adding)
        m_record.authMethod =
            m_passwordGiven ? QStringLiteral("password") : QStringLiteral("publickey");
    Q_EMIT stepChanged(tr("Connected. Looking at the machine (OS, GPUs, drivers, tools)…"));
    m_connection->post([this](SshSession &session) {
        session.resetCancel();
        MachineFacts facts;
        const SshError e = probeMachineFacts(session, &facts);
        session.disconnect();
        QMetaObject::invokeMethod(this, [this, e, facts] {
            if (e) {
                onFailed(e);
                return;
            }
            m_record.factsJson =
                QString::fromUtf8(QJsonDocument(facts.toJson()).toJson(QJsonDocument::Compact));
            m_record.status = QStringLiteral("ready");
            m_store->upsertMachine(m_record);
            const QString where = SshHop{m_record.host, m_record.port, m_record.user}.toString();
            const QString gpus = facts.gpus.isEmpty()
                                     ? tr("no NVIDIA GPU found")
                                     : tr("%n GPU(s): %1", nullptr, int(facts.gpus.size()))
                                           .arg(facts.gpus.constFirst().name);
            if (m_adding)
                m_store->logEvent(QStringLiteral("machine-added"),
                                  tr("Added machine %1 (%2), host key %3 trusted; %4")
                                      .arg(m_record.name, where, m_record.hostKeySha256, gpus),
                                  m_record.id);
            else
                m_store->logEvent(QStringLiteral("machine-probed"),
                                  tr("Checked machine %1 again; %2").arg(m_record.name, gpus),
                                  m_record.id);
            m_store->flush(5000);
            const MachineRecord done = m_record;
            const bool added = m_adding;
            finish();
            if (added)
                Q_EMIT machineAdded(done);
            else
                Q_EMIT machineUpdated(done);
        });
    });
}

void MachineService::onFailed(const SshError &error)
{
    const SshError explained = explainConnectError(error, m_record);
    if (!m_adding && error.kind != SshErrorKind::Cancelled) {
        m_record.status = QStringLiteral("unreachable");
        m_store->upsertMachine(m_record);
    }
    finish();
    Q_EMIT failed(explained);
}

void MachineService::finish()
{
    if (SshConnection *c = m_connection.release()) {
        c->disconnect(this);
        c->disconnectFromHost();
        c->deleteLater();
    }
}

bool MachineService::remove(const QString &machineId, QString *error)
{
    m_store->flush(5000);
    const auto machine = m_store->machine(machineId);
    if (!machine || machine->provider == QLatin1String("local")) {
        if (error)
            *error = tr("Unknown machine \"%1\".").arg(machineId);
        return false;
    }
    const int jobs = int(m_store->jobsForMachine(machineId).size());
    m_store->logEvent(QStringLiteral("machine-removed"),
                      tr("Removed machine %1 (%2:%3); %n job(s) kept in the history", nullptr, jobs)
                          .arg(machine->name, machine->host)
                          .arg(machine->port),
                      machineId);
    m_store->removeMachine(machineId);
    m_store->flush(5000);
    if (machine->authMethod == QLatin1String("password") && CredentialStore::isAvailable()) {
        // The keychain call blocks (it may wait on D-Bus): keep it off the GUI thread.
        const QString key = CredentialStore::keyFor(machine->user, machine->host, machine->port);
        QThreadPool::globalInstance()->start([key] { CredentialStore().removePassword(key); });
    }
    Q_EMIT machineRemoved(machineId);
    return true;
}

SshError explainConnectError(const SshError &error, const MachineRecord &machine)
{
    SshError e = error;
    switch (error.kind) {
    case SshErrorKind::AuthenticationFailed:
        e.message += QStringLiteral("\n\n") +
                     (machine.identityFile.isEmpty()
                          ? MachineService::tr(
                                "Choose the private key whose public key the provider installed "
                                "(its console shows how to add one), or enter the password from "
                                "the provider's console.")
                          : MachineService::tr(
                                "The server does not accept the key %1. Check that its public "
                                "key (%1.pub) is in ~/.ssh/authorized_keys on the machine, or "
                                "choose another key or the password from the provider's console.")
                                .arg(machine.identityFile));
        break;
    case SshErrorKind::ConnectionFailed:
    case SshErrorKind::Timeout:
        e.message += QStringLiteral("\n\n") +
                     MachineService::tr(
                         "Check the host and port in the provider's console: rented instances get "
                         "a new address or port when they are restarted.");
        break;
    case SshErrorKind::HostKeyUnknown:
        e.message += QStringLiteral("\n\n") +
                     MachineService::tr(
                         "TrainDeck trusts a machine's key only when you add it; add the machine "
                         "again if it was reinstalled.");
        break;
    default:
        break;
    }
    return e;
}

} // namespace td
