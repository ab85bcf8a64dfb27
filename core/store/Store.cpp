#include "core/store/Store.h"

#include "core/store/StoreRows.h"
#include "core/store/StoreSchema.h"
#include "core/store/StoreSql.h"
#include "core/store/StoreWriter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>

#include <atomic>
#include <utility>

using namespace Qt::StringLiterals;

namespace td {

using namespace store_detail;

namespace {

// Connection names are process-wide in Qt: each store instance gets its own prefix.
QString nextConnectionPrefix()
{
    static std::atomic<quint64> instances{0};
    return u"traindeck-store-"_s + QString::number(++instances);
}

bool storeOffset(QSqlDatabase &db, const QString &jobId, const QString &file, qint64 offset,
                 QString *error)
{
    QSqlQuery query(db);
    return prepareStatement(query,
                            uR"(INSERT INTO job_offsets (job_id, file, "offset") VALUES (?, ?, ?)
ON CONFLICT (job_id, file) DO UPDATE SET "offset" = excluded."offset")"_s,
                            error) &&
           execPrepared(query, {jobId, file, qlonglong(offset)}, error);
}

// Runs one prepared statement; with mustChange, a statement that touched no row is an error
// (an update of a row that does not exist is a caller's bug, not a success).
bool runStatement(QSqlDatabase &db, const QString &sql, const QList<QVariant> &values,
                  QString *error, const QString &unchangedError = {})
{
    QSqlQuery query(db);
    if (!prepareStatement(query, sql, error) || !execPrepared(query, values, error))
        return false;
    if (!unchangedError.isEmpty() && query.numRowsAffected() == 0) {
        *error = unchangedError;
        return false;
    }
    return true;
}

} // namespace

Store::Store(const QString &databasePath) : m_path(databasePath) {}

Store::~Store()
{
    // Stopping the writer commits everything still queued.
    if (m_writer)
        m_writer->stop();
    m_writer.reset();
    if (m_readers)
        m_readers->closeAll();
}

std::unique_ptr<Store> Store::open(const QString &dataDir, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return std::unique_ptr<Store>();
    };
    if (!QCoreApplication::instance())
        return fail(tr("The TrainDeck database needs a running application object."));

    const QString dir = dataDir.isEmpty() ? defaultDataDir() : dataDir;
    if (dir.isEmpty())
        return fail(tr("No data directory for TrainDeck could be determined."));
    const QString nativeDir = QDir::toNativeSeparators(QDir(dir).absolutePath());
    if (!QDir().mkpath(dir)) {
        return fail(tr("Could not create the data directory %1: TrainDeck keeps its database "
                       "there. Check that the path is a directory you may write to.")
                        .arg(nativeDir));
    }
    const QFileInfo dirInfo(dir);
    if (!dirInfo.isDir() || !dirInfo.isWritable()) {
        return fail(tr("The data directory %1 is not writable: TrainDeck keeps its database "
                       "there.")
                        .arg(nativeDir));
    }

    std::unique_ptr<Store> store(new Store(QDir(dir).absoluteFilePath(databaseFileName())));
    QString startError;
    if (!store->start(&startError))
        return fail(startError);
    return store;
}

bool Store::start(QString *error)
{
    const QFileInfo file(m_path);
    if (file.exists() && !file.isFile()) {
        *error = tr("Could not open the TrainDeck database %1: it is not a file.")
                     .arg(QDir::toNativeSeparators(m_path));
        return false;
    }

    const QString prefix = nextConnectionPrefix();
    m_readers = std::make_shared<ReaderPool>(m_path, prefix);

    StoreWriter::Hooks hooks;
    hooks.setUp = [path = m_path](QSqlDatabase &db, QString *setUpError) {
        return migrateSchema(db, path, setUpError);
    };
    hooks.committed = [this] { Q_EMIT committed(); };
    hooks.failed = [this](const QString &message) { Q_EMIT writeFailed(message); };
    m_writer = std::make_unique<StoreWriter>(m_path, prefix + u"-writer"_s, kBatchIntervalMs,
                                             std::move(hooks));
    if (m_writer->start(error))
        return true;
    m_writer.reset();
    return false;
}

QString Store::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

QString Store::databaseFileName()
{
    return u"traindeck.sqlite"_s;
}

int Store::schemaVersion()
{
    return currentSchemaVersion();
}

QString Store::databasePath() const
{
    return m_path;
}

void Store::enqueue(const QString &description,
                    std::function<bool(QSqlDatabase &, QString *)> apply)
{
    m_writer->enqueue(WriteOp{description, std::move(apply)});
}

bool Store::flush(int timeoutMs)
{
    return m_writer->flush(timeoutMs);
}

void Store::upsertMachine(const MachineRecord &machine)
{
    enqueue(tr("machine %1").arg(machine.id),
            [values = machineValues(machine)](QSqlDatabase &db, QString *error) {
                return runStatement(db, upsertSql(u"machines"_s, machineColumns(), {u"id"_s}),
                                    values, error);
            });
}

void Store::removeMachine(const QString &machineId)
{
    enqueue(tr("the removal of machine %1").arg(machineId),
            [machineId](QSqlDatabase &db, QString *error) {
                return runStatement(db, u"DELETE FROM machines WHERE id = ?"_s, {machineId}, error);
            });
}

void Store::insertJob(const JobRecord &job)
{
    enqueue(tr("new job %1").arg(job.id),
            [values = jobValues(job)](QSqlDatabase &db, QString *error) {
                return runStatement(db, insertSql(u"jobs"_s, jobColumns()), values, error);
            });
}

void Store::updateJob(const JobRecord &job)
{
    enqueue(tr("job %1").arg(job.id),
            [id = job.id, values = updateValues(jobValues(job))](QSqlDatabase &db, QString *error) {
                return runStatement(db, updateByFirstColumnSql(u"jobs"_s, jobColumns()), values,
                                    error, tr("there is no job %1").arg(id));
            });
}

void Store::deleteJob(const QString &jobId)
{
    // Foreign keys (ON DELETE CASCADE) remove its metrics, lines, offsets and samples in the
    // same statement; the audit log keeps its events.
    enqueue(tr("the deletion of job %1").arg(jobId), [jobId](QSqlDatabase &db, QString *error) {
        return runStatement(db, u"DELETE FROM jobs WHERE id = ?"_s, {jobId}, error);
    });
}

void Store::appendMetrics(const QString &jobId, const QString &file, qint64 newOffset,
                          const QList<MetricRow> &rows)
{
    const QString description =
        tr("%n metric line(s) of job %1", nullptr, int(rows.size())).arg(jobId);
    enqueue(description, [jobId, file, newOffset, rows](QSqlDatabase &db, QString *error) {
        QSqlQuery line(db);
        QSqlQuery value(db);
        if (!prepareStatement(line, uR"(INSERT INTO metric_lines (job_id, seq, text)
VALUES (?, ?, ?) ON CONFLICT (job_id, seq) DO NOTHING)"_s,
                              error) ||
            !prepareStatement(value, uR"(INSERT INTO metrics
(job_id, seq, event, split, step, epoch, name, value, time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (job_id, seq, name) DO NOTHING)"_s,
                              error)) {
            return false;
        }
        for (const MetricRow &row : rows) {
            // A blank line is still a line: keep it as '' so its seq stays taken.
            const QString text = row.text.isNull() ? u""_s : row.text;
            if (!execPrepared(line, {jobId, qlonglong(row.seq), text}, error))
                return false;
            // Already stored (a re-read after reattach): keep the first copy whole rather
            // than mixing values from two parses of the same line.
            if (line.numRowsAffected() == 0)
                continue;
            for (const MetricValue &metric : row.values) {
                if (!execPrepared(value,
                                  {jobId, qlonglong(row.seq), row.event, row.split,
                                   optionalValue(row.step), optionalValue(row.epoch), metric.name,
                                   metric.value, optionalValue(row.time)},
                                  error)) {
                    return false;
                }
            }
        }
        return storeOffset(db, jobId, file, newOffset, error);
    });
}

void Store::appendGpuSamples(const QString &jobId, const QString &machineId, const QString &file,
                             qint64 newOffset, const QList<GpuSampleRecord> &rows)
{
    const QString description =
        tr("%n GPU sample(s) of job %1", nullptr, int(rows.size())).arg(jobId);
    enqueue(description, [jobId, machineId, file, newOffset, rows](QSqlDatabase &db,
                                                                   QString *error) {
        const QStringList columns = QStringList{u"job_id"_s, u"machine_id"_s} + gpuSampleColumns();
        QSqlQuery insert(db);
        if (!prepareStatement(insert,
                              insertSql(u"gpu_samples"_s, columns) +
                                  u" ON CONFLICT (job_id, gpu, time) DO NOTHING"_s,
                              error)) {
            return false;
        }
        const QList<QVariant> keys = {jobId, referenceValue(machineId)};
        for (const GpuSampleRecord &sample : rows) {
            if (!execPrepared(insert, keys + gpuSampleValues(sample), error))
                return false;
        }
        return storeOffset(db, jobId, file, newOffset, error);
    });
}

void Store::upsertTransfer(const TransferRecord &transfer)
{
    enqueue(tr("transfer %1").arg(transfer.id),
            [values = transferValues(transfer)](QSqlDatabase &db, QString *error) {
                return runStatement(db, upsertSql(u"transfers"_s, transferColumns(), {u"id"_s}),
                                    values, error);
            });
}

void Store::setPriceOverride(const QString &provider, const QString &tier,
                             std::optional<double> price, const QString &currency)
{
    const QString description = tr("the price override for %1 %2").arg(provider, tier);
    if (!price) {
        enqueue(description, [provider, tier](QSqlDatabase &db, QString *error) {
            return runStatement(db,
                                u"DELETE FROM price_overrides WHERE provider = ? AND tier = ?"_s,
                                {provider, tier}, error);
        });
        return;
    }
    const QList<QVariant> values = {provider, tier, *price, currency,
                                    timeValue(QDateTime::currentDateTimeUtc())};
    enqueue(description, [values](QSqlDatabase &db, QString *error) {
        static const QStringList columns = {u"provider"_s, u"tier"_s, u"price"_s, u"currency"_s,
                                            u"updated_at"_s};
        return runStatement(db,
                            upsertSql(u"price_overrides"_s, columns, {u"provider"_s, u"tier"_s}),
                            values, error);
    });
}

void Store::logEvent(const QString &kind, const QString &message, const QString &machineId,
                     const QString &jobId)
{
    const QList<QVariant> values = {timeValue(QDateTime::currentDateTimeUtc()),
                                    referenceValue(machineId), referenceValue(jobId), kind,
                                    message};
    enqueue(tr("an event of kind %1").arg(kind), [values](QSqlDatabase &db, QString *error) {
        return runStatement(
            db,
            u"INSERT INTO events (time, machine_id, job_id, kind, message) VALUES (?, ?, ?, ?, ?)"_s,
            values, error);
    });
}

} // namespace td
