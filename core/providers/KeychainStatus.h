#pragma once

#include <QObject>
#include <QString>

namespace td {

// Whether passwords can be remembered here. Asks the OS keychain once per process, without
// blocking the calling (GUI) thread: the question runs on CredentialStore's keychain thread and
// the answer comes back to this thread's event loop; later probes answer from that result.
// finished() carries an empty string when the keychain works, otherwise a translated reason
// (no keychain support in this build, no Secret Service...).
class KeychainProbe : public QObject
{
    Q_OBJECT
public:
    explicit KeychainProbe(QObject *parent = nullptr);
    void start();

Q_SIGNALS:
    void finished(const QString &unavailableReason);
};

} // namespace td
