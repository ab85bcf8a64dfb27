// Launches, stops and tracks training jobs for both the GUI and the CLI.
#pragma once

#include "core/jobs/EngineConfig.h"
#include "core/store/Store.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace td {

class LocalJobRunner;
class RemoteJobMonitor;

// A job for a remote machine: the bundled engine (already on the machine at enginePath) or any
// command, run in workDir after sourcing envSetup (a conda/venv activate script) when given.
struct RemoteJobRequest
{
    QString kind = QStringLiteral("engine"); // engine | script
    EngineConfig engine;                     // kind == engine
    QString enginePath;                      // kind == engine: traindeck-engine on the remote
    QStringList command;                     // kind == script: argv
    QString workDir;
    QString envSetup;
    QString metricsPreset = QStringLiteral("auto"); // kind == script: LogMetricExtractor preset
    QString metricsRegex;                           // preset "regex"
};

class JobService : public QObject
{
    Q_OBJECT
public:
    static QString localMachineId() { return QStringLiteral("local"); }

    JobService(Store *store, QString dataDir, QObject *parent = nullptr);
    ~JobService() override;

    // Makes sure the Local machine row exists, marks Local jobs that were left running by a
    // previous process (which took the engine with it) as lost, with an audit entry, and, when
    // `reattachRemote`, follows remote jobs that are still running.
    void recover(bool reattachRemote = false);

    // Validates the config and the dataset, then starts the engine on this computer. Returns
    // the new job id, or an empty string with a translated *error.
    QString launchLocal(const EngineConfig &config, QString *error);
    // Starts a job on a stored remote machine, detached there; returns the job id or an empty
    // string with a translated *error.
    QString launchRemote(const QString &machineId, const RemoteJobRequest &request, QString *error);
    // Follows a remote job that is running (after a restart or a lost connection). False when
    // the job is unknown, finished, local, or already followed.
    bool attach(const QString &jobId, QString *error = nullptr);
    bool stop(const QString &jobId);
    bool isActive(const QString &jobId) const;
    QStringList activeJobs() const;
    QStringList activeLocalJobs() const; // stopped when the app quits; remote ones keep running
    QString jobDir(const QString &jobId) const;
    // Stops every running job and waits for them to finish (application shutdown).
    void stopAll(int timeoutMs = 15000);

Q_SIGNALS:
    void jobUpdated(const td::JobRecord &job);
    void metricsAppended(const QString &jobId, const QList<td::MetricRow> &rows);
    void logAppended(const QString &jobId, const QStringList &lines);
    void jobFinished(const QString &jobId);
    void gpuSamplesAppended(const QString &jobId, const QList<td::GpuSampleRecord> &rows);
    void connectionProblem(const QString &jobId, const QString &message);

private:
    Store *m_store;
    QString m_dataDir;
    void watch(RemoteJobMonitor *monitor);

    QHash<QString, QPointer<LocalJobRunner>> m_runners;
    QHash<QString, QPointer<RemoteJobMonitor>> m_monitors;
};

} // namespace td
