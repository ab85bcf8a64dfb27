#pragma once

// Plain values the store reads and writes. They carry no secrets: credentials live in the OS
// keychain, so a record only names where a key is (identityFile), never its content.

#include <QDateTime>
#include <QList>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace td {

enum class JobState {
    Queued,
    Uploading,
    Starting,
    Running,
    Stopping,
    Succeeded,
    Failed,
    Stopped,
    Lost
};

// The lower-case name stored in jobs.state ("queued", "running", ...).
QString jobStateName(JobState state);
// Unknown names map to Lost: a row written by a newer build must not pass for a live job.
JobState jobStateFromName(const QString &name);
// Succeeded, Failed, Stopped and Lost: nothing runs or costs money any more.
bool isTerminal(JobState state);

struct MachineRecord
{
    QString id;
    QString provider;
    QString name;
    QString host;
    int port = 22;
    QString user;
    QString identityFile;
    QString jump;
    QString configAlias;
    QString authMethod;
    QString hostKeySha256;
    QString remoteRoot;
    QString region;
    QString gpuTier;
    std::optional<double> hourlyPrice;
    QString currency;
    QString status;
    QDateTime createdAt;
    QDateTime releasedAt;
    QString factsJson;
};

struct JobRecord
{
    QString id;
    QString machineId; // empty: no machine (also what a removed machine leaves behind)
    QString kind;      // "engine" | "script"
    QString command;
    QString configJson;
    QString remoteDir;
    JobState state = JobState::Queued;
    QDateTime createdAt;
    QDateTime startedAt;
    QDateTime endedAt;
    std::optional<int> exitCode;
    std::optional<double> cost;
    QString summaryJson;
    // Seconds east of UTC on the remote clock: nvidia-smi timestamps carry no zone (schema 2).
    std::optional<int> remoteUtcOffsetSeconds;
};

struct MetricValue
{
    QString name;
    double value = 0;
};

struct MetricRow
{
    qint64 seq = 0; // 0-based line number in metrics.jsonl
    QString text;   // the raw line, kept even when it could not be parsed
    QString event;
    QString split;
    std::optional<qint64> step;
    std::optional<int> epoch;
    std::optional<double> time;
    QList<MetricValue> values; // numeric fields: loss, accuracy, lr, samples_per_s, ...
};

struct MetricPoint
{
    qint64 seq = 0;
    QString event;
    QString split;
    std::optional<qint64> step;
    std::optional<int> epoch;
    double value = 0;
    std::optional<double> time;
};

struct GpuSampleRecord
{
    int gpu = 0;
    double time = 0; // unix seconds, UTC
    std::optional<double> util, memUtil, memUsed, memTotal, temp, power, smClock;
};

struct TransferRecord
{
    QString id;
    QString machineId;
    QString direction;
    QString localPath;
    QString remotePath;
    qint64 bytesTotal = 0;
    qint64 bytesDone = 0;
    QString state;
    QDateTime startedAt;
    QDateTime endedAt;
};

struct EventRecord
{
    qint64 id = 0;
    QDateTime time;
    QString machineId;
    QString jobId;
    QString kind;
    QString message;
};

struct PriceOverride
{
    QString provider;
    QString tier;
    double price = 0;
    QString currency;
    QDateTime updatedAt;
};

} // namespace td
