// One job on a remote machine, driven over an SSH session: the runner protocol of DESIGN.md
// (job directory, detached run.sh, append-only files read from stored byte offsets).
#pragma once

#include "core/jobs/LineFollower.h"
#include "core/jobs/LogMetricExtractor.h"
#include "core/remote/SshError.h"
#include "core/store/Store.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <memory>

namespace td {

class GpuSampleParser;
class SshSession;

struct RemoteLaunchSpec
{
    QStringList argv;   // the command; every word is quoted on the remote side
    QString workDir;    // empty: the job directory
    QString envSetup;   // optional: a path to a script sourced first (conda/venv activate)
    QByteArray jobJson; // job.json content
};

// What one poll saw on the remote.
struct RemoteJobStatus
{
    enum class Phase { Starting, Running, Exited, Dead };
    Phase phase = Phase::Starting;
    int exitCode = -1;                    // Exited: the command's exit status
    bool stopRequested = false;           // stop_requested exists
    QList<MetricRow> newRows;             // metric lines parsed by this poll
    QStringList newLogLines;              // run.log lines read by this poll
    QList<GpuSampleRecord> newGpuSamples; // gpu.csv rows parsed by this poll
};

class RemoteJob
{
    Q_DECLARE_TR_FUNCTIONS(td::RemoteJob)
public:
    static constexpr int kProtocolVersion = 1;
    static constexpr int kStopGraceSeconds = 20;

    // `remoteRoot` is the machine's root (e.g. ~/.traindeck, expanded by the remote shell when it
    // starts with "~/"). Offsets and line numbers resume from what the store already holds, so
    // a new RemoteJob for a running job is a reattach.
    RemoteJob(Store *store, QString machineId, QString remoteRoot, QString jobId,
              int remoteUtcOffsetSeconds = 0);
    ~RemoteJob();

    QString jobDir() const; // <root>/jobs/<id>, as the remote shell sees it (unexpanded ~)
    // The tmux session following run.log while the job runs (when the machine has tmux).
    QString tmuxSession() const;
    bool launchedWithTmux() const { return m_hasTmux; }

    // Creates the job directory (0700), writes job.json and run.sh (0600) and starts run.sh
    // detached with setsid nohup, so it survives the connection and the app.
    SshError launch(SshSession &session, const RemoteLaunchSpec &spec);
    // Reads the job's state and every complete new line of metrics.jsonl, gpu.csv and run.log;
    // rows and offsets go to the store in one transaction per file.
    SshError poll(SshSession &session, RemoteJobStatus *status);
    // Writes stop_requested, then SIGTERM to the job's process group; SIGKILL when `kill`.
    SshError signal(SshSession &session, bool kill);
    // The last lines of run.log (for a failed job's summary).
    SshError logTail(SshSession &session, int lines, QString *tail);

    // Script jobs: metric rows are read from run.log with this extractor (the engine writes
    // metrics.jsonl itself). Rows and the log offset commit together, as for metrics.jsonl.
    void setLogExtractor(std::unique_ptr<LogMetricExtractor> extractor);

    // The run.sh this job starts (exposed for tests of the quoting).
    QByteArray runScript(const RemoteLaunchSpec &spec) const;

private:
    Store *m_store;
    QString m_machineId;
    QString m_root;
    QString m_jobId;
    LineFollower m_metrics;
    LineFollower m_log;
    qint64 m_gpuOffset = 0;
    qint64 m_nextSeq = 0;
    std::unique_ptr<GpuSampleParser> m_gpuParser;
    std::unique_ptr<LogMetricExtractor> m_extractor;
    bool m_hasTmux = false;
};

} // namespace td
