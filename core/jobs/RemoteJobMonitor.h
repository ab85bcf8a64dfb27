// Drives one remote job from the app: launches it (or reattaches), polls its files once a second
// over its own SSH connection, reconnects with backoff when the link drops, stops it on request
// and records how it ended. The job itself runs detached on the remote and never depends on this
// object being alive.
#pragma once

#include "core/jobs/JobOutcome.h"
#include "core/jobs/RemoteJob.h"
#include "core/remote/SshSession.h"
#include "core/store/Store.h"

#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace td {

class SshConnection;

class RemoteJobMonitor : public QObject
{
    Q_OBJECT
public:
    // `launch` set: the job is started once connected; unset: reattach to a running job.
    RemoteJobMonitor(Store *store, MachineRecord machine, JobRecord job, SshConnectOptions options,
                     std::optional<RemoteLaunchSpec> launch, QObject *parent = nullptr);
    ~RemoteJobMonitor() override;

    const JobRecord &job() const { return m_job; }
    void start();
    void stop();
    bool isFinished() const { return isTerminal(m_job.state); }
    // Seconds between polls (tests use a shorter interval).
    void setPollInterval(int ms) { m_poll.setInterval(ms); }

Q_SIGNALS:
    void jobUpdated(const td::JobRecord &job);
    void metricsAppended(const QString &jobId, const QList<td::MetricRow> &rows);
    void logAppended(const QString &jobId, const QStringList &lines);
    void gpuSamplesAppended(const QString &jobId, const QList<td::GpuSampleRecord> &rows);
    // Connection trouble that does not end the job: it keeps running remotely.
    void connectionProblem(const QString &jobId, const QString &message);
    void finished(const QString &jobId);

private:
    void onConnected();
    void onConnectFailed(const SshError &error);
    void scheduleReconnect(const QString &why);
    void pollNow();
    void onPolled(const SshError &error, const RemoteJobStatus &status);
    void finalize(const RemoteJobStatus &status, const QString &logTail);
    void setState(JobState state);

    Store *m_store;
    MachineRecord m_machine;
    JobRecord m_job;
    std::optional<RemoteLaunchSpec> m_launch;
    std::unique_ptr<SshConnection> m_connection;
    // Used only on the connection's worker thread, one call at a time.
    std::shared_ptr<RemoteJob> m_remote;
    QTimer m_poll;
    QTimer m_reconnect;
    QTimer m_killTimer;
    int m_reconnectAttempt = 0;
    bool m_pollInFlight = false;
    bool m_connected = false;
    bool m_stopRequested = false;
    bool m_finalizing = false;
    int m_startingPolls = 0;
    JobOutcome m_outcome;
};

// SSH options for a stored machine: its endpoint, and the known_hosts file of the user (or
// $TRAINDECK_KNOWN_HOSTS, the seam tests use).
SshConnectOptions connectOptionsFor(const MachineRecord &machine);

} // namespace td
