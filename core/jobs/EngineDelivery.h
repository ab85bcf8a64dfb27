// Puts traindeck-engine on a remote machine and checks that it runs there.
#pragma once

#include "core/remote/SshError.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <functional>

namespace td {

class SshSession;

struct EngineDeliveryResult
{
    QString enginePath;   // absolute path on the remote
    bool reused = false;  // the same binary was already there
    QJsonObject doctor;   // `traindeck-engine doctor --json` as run on the remote
    bool gpuUsable = false; // doctor exit 0: a GPU this binary has code for
    QString summary;      // translated, one line for the user
};

class EngineDelivery
{
    Q_DECLARE_TR_FUNCTIONS(td::EngineDelivery)
public:
    // Ships the local engine binary to <remoteRoot>/engine/<sha256-prefix>/traindeck-engine
    // (once: a binary already there with the same hash is reused), verifies it by SHA-256 on
    // the remote, then runs its doctor there. A binary that cannot start on the remote (an
    // older glibc, missing libraries, another CPU architecture) is an error that names the cause
    // and the remedy. Runs on the session's thread.
    static SshError deliver(SshSession &session, const QString &remoteRoot,
                            const QString &localEngine, EngineDeliveryResult *result,
                            const std::function<void(const QString &)> &progress = {});

    // What a failed start of the engine means for the user (exposed for tests).
    static QString explainStartFailure(const QString &output);
};

} // namespace td
