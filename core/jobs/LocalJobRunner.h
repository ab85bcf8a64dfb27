// Runs traindeck-engine on this computer and feeds its metrics into the store.
#pragma once

#include "core/jobs/EngineConfig.h"
#include "core/jobs/JobOutcome.h"
#include "core/jobs/LineFollower.h"
#include "core/store/Store.h"

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QTimer>

namespace td {

class LocalJobRunner : public QObject
{
    Q_OBJECT
public:
    // `jobDir` receives run.log, metrics.jsonl and the engine's checkpoints.
    LocalJobRunner(Store *store, JobRecord job, EngineConfig config, QString enginePath,
                   QString jobDir, QObject *parent = nullptr);
    ~LocalJobRunner() override;

    const JobRecord &job() const { return m_job; }
    QString jobDir() const { return m_jobDir; }
    void start();
    // SIGTERM to the engine's process group (the engine checkpoints and exits); SIGKILL after
    // the grace period if it is still alive.
    void stop(int graceMs = 20000);
    bool isFinished() const { return isTerminal(m_job.state); }

Q_SIGNALS:
    void jobUpdated(const td::JobRecord &job);
    void metricsAppended(const QString &jobId, const QList<td::MetricRow> &rows);
    void logAppended(const QString &jobId, const QStringList &lines);
    void finished(const QString &jobId);

private:
    void pollFiles();
    void onProcessFinished(int exitCode, QProcess::ExitStatus status);
    void onProcessError(QProcess::ProcessError error);
    void finish(JobState state, std::optional<int> exitCode, const QString &reason);
    void setState(JobState state);
    QString logTail(int lines) const;

    Store *m_store;
    JobRecord m_job;
    EngineConfig m_config;
    QString m_enginePath;
    QString m_jobDir;
    QProcess m_process;
    QTimer m_poll;
    QTimer m_killTimer;
    LineFollower m_metrics;
    LineFollower m_log;
    qint64 m_nextSeq = 0;
    int m_malformed = 0;
    bool m_stopRequested = false;
    JobOutcome m_outcome;
};

} // namespace td
