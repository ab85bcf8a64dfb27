#pragma once

// The SQLite store: machines, jobs, metrics, GPU samples, transfers, prices and the audit log.
//
// Writes go through one writer thread (like qBittorrent's resume-data storage) so the GUI never
// waits on the disk; reads run on the calling thread's own connection and, thanks to WAL, never
// wait for the writer. The GUI and the CLI may have the same file open at once.

#include "core/store/StoreRecords.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

class QSqlDatabase;

namespace td {

namespace store_detail {
class ReaderPool;
class StoreWriter;
} // namespace store_detail

class Store : public QObject
{
    Q_OBJECT

public:
    // Opens or creates <dataDir>/traindeck.sqlite (creating dataDir; an empty dataDir means
    // defaultDataDir()), enables WAL, foreign keys and a 5 s busy timeout, migrates the schema
    // and starts the writer thread. Returns nullptr and a translated *error naming the path when
    // the directory is not writable, the file is not a database or its schema is newer than
    // this build.
    static std::unique_ptr<Store> open(const QString &dataDir, QString *error);
    static QString defaultDataDir();   // QStandardPaths::AppDataLocation
    static QString databaseFileName(); // "traindeck.sqlite"
    // The schema version (PRAGMA user_version) this build creates and understands.
    static int schemaVersion();
    // Writes are committed at least this often once enqueued.
    static constexpr int kBatchIntervalMs = 250;

    ~Store() override; // commits pending writes, stops the writer, closes every connection
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    QString databasePath() const;

    // Writes: enqueued for the writer thread and never block the caller. Each call is atomic;
    // calls are committed in order, batched in transactions. A write that fails is rolled back
    // and reported by writeFailed; the other writes of its batch still commit.
    void upsertMachine(const MachineRecord &machine);
    void removeMachine(const QString &machineId); // its jobs keep their history, machineId empty
    void insertJob(const JobRecord &job);         // fails when the id exists
    void updateJob(const JobRecord &job);         // whole row by id; fails when the id is unknown
    void deleteJob(const QString &jobId);         // cascades metrics, lines, offsets, samples
    // The rows parsed from a followed file and the byte offset reached commit in ONE
    // transaction. A seq already stored is ignored, with its values: a line is never stored
    // twice.
    void appendMetrics(const QString &jobId, const QString &file, qint64 newOffset,
                       const QList<MetricRow> &rows);
    // Same contract for gpu.csv; a sample already stored (job, gpu, time) is ignored.
    void appendGpuSamples(const QString &jobId, const QString &machineId, const QString &file,
                          qint64 newOffset, const QList<GpuSampleRecord> &rows);
    void upsertTransfer(const TransferRecord &transfer);
    // std::nullopt removes the override.
    void setPriceOverride(const QString &provider, const QString &tier, std::optional<double> price,
                          const QString &currency);
    // The event time is taken now, at the call, not when it is committed.
    void logEvent(const QString &kind, const QString &message, const QString &machineId = {},
                  const QString &jobId = {});
    // Blocks until everything enqueued so far is committed. False on timeout, when called from
    // the writer thread, or when a write enqueued since the previous flush() failed.
    bool flush(int timeoutMs = 30000);

    // Reads: synchronous, on a connection owned by the calling thread. A failed read logs a
    // warning (category traindeck.store) and returns an empty result.
    QList<MachineRecord> machines() const; // oldest first
    std::optional<MachineRecord> machine(const QString &id) const;
    QList<JobRecord> jobs() const;                                   // newest first
    QList<JobRecord> jobsForMachine(const QString &machineId) const; // newest first
    std::optional<JobRecord> job(const QString &id) const;
    qint64 offset(const QString &jobId, const QString &file) const; // 0 when none
    QStringList metricLines(const QString &jobId) const;            // raw text ordered by seq
    qint64 metricLineCount(const QString &jobId) const;
    // One past the highest stored seq (0 when none): where a follower resumes numbering lines.
    qint64 nextMetricSeq(const QString &jobId) const;
    QStringList metricNames(const QString &jobId) const; // sorted, distinct
    // Points of one value ordered by seq; an empty event or split matches any.
    QList<MetricPoint> metricSeries(const QString &jobId, const QString &name,
                                    const QString &event = {}, const QString &split = {}) const;
    QList<GpuSampleRecord> gpuSamples(const QString &jobId) const; // by time, then gpu
    QList<TransferRecord> transfers() const;                       // newest first
    QList<PriceOverride> priceOverrides() const;                   // by provider, then tier
    QList<EventRecord> events(int limit = 500) const;              // newest first

Q_SIGNALS:
    // After each committed batch. Emitted from the writer thread: connect with a receiver
    // context so the slot runs queued in the receiver's thread.
    void committed();
    // A write could not be saved (rolled back, nothing half-written). Writer thread too.
    void writeFailed(const QString &message);

private:
    explicit Store(const QString &databasePath);
    bool start(QString *error);
    void enqueue(const QString &description, std::function<bool(QSqlDatabase &, QString *)> apply);
    QSqlDatabase readConnection() const;

    const QString m_path;
    std::shared_ptr<store_detail::ReaderPool> m_readers;
    std::unique_ptr<store_detail::StoreWriter> m_writer;
};

} // namespace td
