// Adding, re-probing and removing the machines a user reaches by SSH.
#pragma once

#include "core/remote/SshEndpoint.h"
#include "core/remote/SshError.h"
#include "core/remote/SshInteraction.h"
#include "core/remote/SshSession.h"
#include "core/store/Store.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace td {

class SshConnection;

// What the user entered for a new machine.
struct MachineDraft
{
    SshEndpoint endpoint;
    QString name;
    QString providerId = QStringLiteral("ssh"); // a catalog provider id
    QString gpuTier;                            // a tier id of that provider, or empty
    std::optional<double> hourlyPrice;
    QString currency;
    QString remoteRoot; // empty: defaultRemoteRoot()
    QString region;
};

// Adds a machine by connecting to it once: the host key is trusted on first use (the question
// goes to the UI as a signal), a changed key is refused with the remote layer's explanation,
// then MachineFacts are probed and the record is stored with the key's fingerprint, the facts
// and an audit event. Passwords are never stored by this class: the connection puts one into
// the OS keychain only when the user ticked "remember" and the keychain exists.
class MachineService : public QObject
{
    Q_OBJECT
public:
    explicit MachineService(Store *store, QObject *parent = nullptr);
    ~MachineService() override;

    static QString defaultRemoteRoot() { return QStringLiteral("~/.traindeck"); }
    // Seam: adjusts the options of every connection this service opens (tests turn off the
    // default keys in ~/.ssh and point known_hosts at a throw-away file).
    void setOptionsAdjuster(std::function<void(SshConnectOptions &)> adjust);
    static MachineRecord recordFromDraft(const MachineDraft &draft);
    // A translated problem with the draft (no host, bad port, negative price), empty when fine.
    static QString validate(const MachineDraft &draft);

    // Starts adding; false with *error when the draft is invalid or another add is running.
    bool add(const MachineDraft &draft, QString *error = nullptr);
    // Connects to a stored machine again (its key must match) and refreshes its facts.
    bool reprobe(const QString &machineId, QString *error = nullptr);
    void cancel();
    bool isBusy() const { return m_connection != nullptr; }

    // Removes the machine record: its jobs stay in the history (without a machine) and a
    // remembered password leaves the keychain. The machine itself is not touched.
    bool remove(const QString &machineId, QString *error = nullptr);

    void answerHostKey(bool accept);
    void answerPassword(const QByteArray &password, bool remember);
    void answerPassphrase(const QByteArray &passphrase);

Q_SIGNALS:
    void stepChanged(const QString &text);
    void hostKeyConfirmationRequested(const td::HostKeyInfo &info);
    void passwordRequested(const QString &userAtHost, int attempt);
    void passphraseRequested(const QString &keyPath, int attempt);
    void machineAdded(const td::MachineRecord &machine);
    void machineUpdated(const td::MachineRecord &machine);
    void machineRemoved(const QString &machineId);
    // The message says what went wrong and what to do; never contains secrets.
    void failed(const td::SshError &error);

private:
    void begin(const MachineRecord &record, bool adding);
    void onConnected(const HostKeyInfo &key);
    void onFailed(const SshError &error);
    void finish();

    Store *m_store;
    std::function<void(SshConnectOptions &)> m_adjust;
    std::unique_ptr<SshConnection> m_connection;
    MachineRecord m_record;
    bool m_adding = false;
    bool m_passwordGiven = false;
};

// The error with advice appended for the failures a user can fix (wrong key, wrong password).
SshError explainConnectError(const SshError &error, const MachineRecord &machine);

} // namespace td
