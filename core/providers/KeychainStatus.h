#pragma once

#include <QObject>
#include <QString>

namespace td {

// Whether passwords can be remembered here. Asks the OS keychain once per process, on the
// calling (GUI) thread and asynchronously, the way QtKeychain jobs are meant to run; later
// probes answer from that result. finished() carries an empty string when the keychain works,
// otherwise a translated reason (no keychain support in this build, no Secret Service...).
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
