// The store's reads. Each runs one SELECT on the calling thread's own connection: in WAL mode a
// single statement sees one consistent snapshot and never waits for the writer.

#include "core/store/Store.h"

#include "core/store/StoreRows.h"
#include "core/store/StoreSql.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <functional>
#include <limits>

using namespace Qt::StringLiterals;

namespace td {

using namespace store_detail;

namespace {

using RowHandler = std::function<void(const QSqlQuery &row)>;

bool selectRows(QSqlDatabase db, const QString &sql, const QList<QVariant> &values,
                const RowHandler &onRow)
{
    if (!db.isValid())
        return false; // openConnection has logged why
    QSqlQuery query(db);
    query.setForwardOnly(true);
    QString error;
    if (!prepareStatement(query, sql, &error) || !execPrepared(query, values, &error)) {
        qCWarning(lcStore, "Read failed: %ls (%ls)", qUtf16Printable(error), qUtf16Printable(sql));
        return false;
    }
    while (query.next())
        onRow(query);
    return true;
}

template <typename T>
QList<T> selectAll(QSqlDatabase db, const QString &sql, const QList<QVariant> &values,
                   T (*fromRow)(const QSqlQuery &))
{
    QList<T> result;
    selectRows(db, sql, values, [&](const QSqlQuery &row) { result.append(fromRow(row)); });
    return result;
}

qint64 selectInt64(QSqlDatabase db, const QString &sql, const QList<QVariant> &values)
{
    qint64 result = 0;
    selectRows(db, sql, values, [&](const QSqlQuery &row) { result = row.value(0).toLongLong(); });
    return result;
}

QStringList selectStrings(QSqlDatabase db, const QString &sql, const QList<QVariant> &values)
{
    QStringList result;
    selectRows(db, sql, values,
               [&](const QSqlQuery &row) { result.append(row.value(0).toString()); });
    return result;
}

template <typename T> std::optional<T> firstOf(const QList<T> &rows)
{
    if (rows.isEmpty())
        return std::nullopt;
    return rows.constFirst();
}

MetricPoint metricPointFromRow(const QSqlQuery &q)
{
    MetricPoint p;
    p.seq = q.value(0).toLongLong();
    p.event = q.value(1).toString();
    p.split = q.value(2).toString();
    p.step = optionalInt64(q.value(3));
    p.epoch = optionalInt(q.value(4));
    // SQLite stores NaN as NULL; a NaN loss is worth showing as such, not as 0.
    p.value =
        q.value(5).isNull() ? std::numeric_limits<double>::quiet_NaN() : q.value(5).toDouble();
    p.time = optionalDouble(q.value(6));
    return p;
}

PriceOverride priceOverrideFromRow(const QSqlQuery &q)
{
    PriceOverride p;
    p.provider = q.value(0).toString();
    p.tier = q.value(1).toString();
    p.price = q.value(2).toDouble();
    p.currency = q.value(3).toString();
    p.updatedAt = timeFrom(q.value(4));
    return p;
}

EventRecord eventFromRow(const QSqlQuery &q)
{
    EventRecord e;
    e.id = q.value(0).toLongLong();
    e.time = timeFrom(q.value(1));
    e.machineId = q.value(2).toString();
    e.jobId = q.value(3).toString();
    e.kind = q.value(4).toString();
    e.message = q.value(5).toString();
    return e;
}

} // namespace

QSqlDatabase Store::readConnection() const
{
    return m_readers->connectionForCurrentThread();
}

QList<MachineRecord> Store::machines() const
{
    return selectAll(readConnection(),
                     selectSql(u"machines"_s, machineColumns()) + u" ORDER BY created_at, rowid"_s,
                     {}, machineFromRow);
}

std::optional<MachineRecord> Store::machine(const QString &id) const
{
    return firstOf(selectAll(readConnection(),
                             selectSql(u"machines"_s, machineColumns()) + u" WHERE id = ?"_s, {id},
                             machineFromRow));
}

QList<JobRecord> Store::jobs() const
{
    return selectAll(readConnection(),
                     selectSql(u"jobs"_s, jobColumns()) +
                         u" ORDER BY created_at DESC, rowid DESC"_s,
                     {}, jobFromRow);
}

QList<JobRecord> Store::jobsForMachine(const QString &machineId) const
{
    return selectAll(readConnection(),
                     selectSql(u"jobs"_s, jobColumns()) +
                         u" WHERE machine_id = ? ORDER BY created_at DESC, rowid DESC"_s,
                     {machineId}, jobFromRow);
}

std::optional<JobRecord> Store::job(const QString &id) const
{
    return firstOf(selectAll(readConnection(),
                             selectSql(u"jobs"_s, jobColumns()) + u" WHERE id = ?"_s, {id},
                             jobFromRow));
}

qint64 Store::offset(const QString &jobId, const QString &file) const
{
    return selectInt64(readConnection(),
                       uR"(SELECT "offset" FROM job_offsets WHERE job_id = ? AND file = ?)"_s,
                       {jobId, file});
}

QStringList Store::metricLines(const QString &jobId) const
{
    return selectStrings(readConnection(),
                         u"SELECT text FROM metric_lines WHERE job_id = ? ORDER BY seq"_s, {jobId});
}

qint64 Store::metricLineCount(const QString &jobId) const
{
    return selectInt64(readConnection(), u"SELECT COUNT(*) FROM metric_lines WHERE job_id = ?"_s,
                       {jobId});
}

qint64 Store::nextMetricSeq(const QString &jobId) const
{
    return selectInt64(readConnection(),
                       u"SELECT COALESCE(MAX(seq) + 1, 0) FROM metric_lines WHERE job_id = ?"_s,
                       {jobId});
}

QStringList Store::metricNames(const QString &jobId) const
{
    return selectStrings(readConnection(),
                         u"SELECT DISTINCT name FROM metrics WHERE job_id = ? ORDER BY name"_s,
                         {jobId});
}

QList<MetricPoint> Store::metricSeries(const QString &jobId, const QString &name,
                                       const QString &event, const QString &split) const
{
    // Served by the metrics_by_name index (schema 2).
    QString sql = u"SELECT seq, event, split, step, epoch, value, time FROM metrics "
                  u"WHERE job_id = ? AND name = ?"_s;
    QList<QVariant> values = {jobId, name};
    if (!event.isEmpty()) {
        sql += u" AND event = ?"_s;
        values << event;
    }
    if (!split.isEmpty()) {
        sql += u" AND split = ?"_s;
        values << split;
    }
    sql += u" ORDER BY seq"_s;
    return selectAll(readConnection(), sql, values, metricPointFromRow);
}

QList<GpuSampleRecord> Store::gpuSamples(const QString &jobId) const
{
    return selectAll(readConnection(),
                     selectSql(u"gpu_samples"_s, gpuSampleColumns()) +
                         u" WHERE job_id = ? ORDER BY time, gpu"_s,
                     {jobId}, gpuSampleFromRow);
}

QList<TransferRecord> Store::transfers() const
{
    return selectAll(readConnection(),
                     selectSql(u"transfers"_s, transferColumns()) +
                         u" ORDER BY started_at DESC, rowid DESC"_s,
                     {}, transferFromRow);
}

QList<PriceOverride> Store::priceOverrides() const
{
    return selectAll(readConnection(),
                     u"SELECT provider, tier, price, currency, updated_at FROM price_overrides "
                     u"ORDER BY provider, tier"_s,
                     {}, priceOverrideFromRow);
}

QList<EventRecord> Store::events(int limit) const
{
    // A negative LIMIT means no limit in SQLite.
    return selectAll(readConnection(),
                     u"SELECT id, time, machine_id, job_id, kind, message FROM events "
                     u"ORDER BY id DESC LIMIT ?"_s,
                     {limit}, eventFromRow);
}

} // namespace td
