// Launching on a stored remote machine from the Launch page. Engine jobs first put the bundled
// engine on the machine (uploaded once, re-sent only when it changed) and ask it there whether
// it can train; a binary that cannot run is reported with the remedy instead of launching.
#pragma once

#include "core/jobs/JobService.h"
#include "core/providers/EngineSetup.h"
#include "core/store/Store.h"

#include <QObject>
#include <QPointer>
#include <QWidget>

namespace td {

class MachineConnections;

class RemoteLaunchFlow : public QObject
{
    Q_OBJECT
public:
    RemoteLaunchFlow(Store *store, JobService *jobs, MachineConnections *connections,
                     QString dataDir, QWidget *dialogParent);

    // Asynchronous: launched() or failed() follows. False when a launch is being prepared.
    bool launchEngine(const QString &machineId, const EngineConfig &config);
    // Starts a script job right away (no engine needed); returns the job id or empty, with
    // failed() emitted.
    QString launchScript(const QString &machineId, const QString &commandLine,
                         const QString &workDir, const QString &envSetup,
                         const QString &metricsPreset = QStringLiteral("auto"),
                         const QString &metricsRegex = {});
    bool isBusy() const { return !m_machineId.isEmpty(); }
    void cancel();

Q_SIGNALS:
    void stepChanged(const QString &text);
    void launched(const QString &jobId);
    void failed(const QString &message);

private:
    void onPrepared(const EngineSetupResult &result, const SshError &error);

    Store *m_store;
    JobService *m_jobs;
    MachineConnections *m_connections;
    QString m_dataDir;
    QPointer<QWidget> m_dialogParent;
    QString m_machineId;
    EngineConfig m_config;
};

} // namespace td
