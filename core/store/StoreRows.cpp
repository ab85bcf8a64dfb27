#include "core/store/StoreRows.h"

#include "core/store/StoreSql.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace td::store_detail {

const QStringList &machineColumns()
{
    static const QStringList columns = {u"id"_s,
                                        u"provider"_s,
                                        u"name"_s,
                                        u"host"_s,
                                        u"port"_s,
                                        u"user"_s,
                                        u"identity_file"_s,
                                        u"jump"_s,
                                        u"config_alias"_s,
                                        u"auth_method"_s,
                                        u"host_key_sha256"_s,
                                        u"remote_root"_s,
                                        u"region"_s,
                                        u"gpu_tier"_s,
                                        u"hourly_price"_s,
                                        u"currency"_s,
                                        u"status"_s,
                                        u"created_at"_s,
                                        u"released_at"_s,
                                        u"facts_json"_s};
    return columns;
}

QList<QVariant> machineValues(const MachineRecord &m)
{
    return {m.id,
            m.provider,
            m.name,
            m.host,
            m.port,
            m.user,
            m.identityFile,
            m.jump,
            m.configAlias,
            m.authMethod,
            m.hostKeySha256,
            m.remoteRoot,
            m.region,
            m.gpuTier,
            optionalValue(m.hourlyPrice),
            m.currency,
            m.status,
            timeValue(m.createdAt),
            timeValue(m.releasedAt),
            m.factsJson};
}

MachineRecord machineFromRow(const QSqlQuery &q)
{
    MachineRecord m;
    m.id = q.value(0).toString();
    m.provider = q.value(1).toString();
    m.name = q.value(2).toString();
    m.host = q.value(3).toString();
    m.port = q.value(4).toInt();
    m.user = q.value(5).toString();
    m.identityFile = q.value(6).toString();
    m.jump = q.value(7).toString();
    m.configAlias = q.value(8).toString();
    m.authMethod = q.value(9).toString();
    m.hostKeySha256 = q.value(10).toString();
    m.remoteRoot = q.value(11).toString();
    m.region = q.value(12).toString();
    m.gpuTier = q.value(13).toString();
    m.hourlyPrice = optionalDouble(q.value(14));
    m.currency = q.value(15).toString();
    m.status = q.value(16).toString();
    m.createdAt = timeFrom(q.value(17));
    m.releasedAt = timeFrom(q.value(18));
    m.factsJson = q.value(19).toString();
    return m;
}

const QStringList &jobColumns()
{
    static const QStringList columns = {u"id"_s,           u"machine_id"_s,       u"kind"_s,
                                        u"command"_s,      u"config_json"_s,      u"remote_dir"_s,
                                        u"state"_s,        u"created_at"_s,       u"started_at"_s,
                                        u"ended_at"_s,     u"exit_code"_s,        u"cost"_s,
                                        u"summary_json"_s, u"remote_utc_offset"_s};
    return columns;
}

QList<QVariant> jobValues(const JobRecord &j)
{
    return {j.id,
            referenceValue(j.machineId),
            j.kind,
            j.command,
            j.configJson,
            j.remoteDir,
            jobStateName(j.state),
            timeValue(j.createdAt),
            timeValue(j.startedAt),
            timeValue(j.endedAt),
            optionalValue(j.exitCode),
            optionalValue(j.cost),
            j.summaryJson,
            optionalValue(j.remoteUtcOffsetSeconds)};
}

JobRecord jobFromRow(const QSqlQuery &q)
{
    JobRecord j;
    j.id = q.value(0).toString();
    j.machineId = q.value(1).toString();
    j.kind = q.value(2).toString();
    j.command = q.value(3).toString();
    j.configJson = q.value(4).toString();
    j.remoteDir = q.value(5).toString();
    j.state = jobStateFromName(q.value(6).toString());
    j.createdAt = timeFrom(q.value(7));
    j.startedAt = timeFrom(q.value(8));
    j.endedAt = timeFrom(q.value(9));
    j.exitCode = optionalInt(q.value(10));
    j.cost = optionalDouble(q.value(11));
    j.summaryJson = q.value(12).toString();
    j.remoteUtcOffsetSeconds = optionalInt(q.value(13));
    return j;
}

const QStringList &transferColumns()
{
    static const QStringList columns = {
        u"id"_s,          u"machine_id"_s, u"direction"_s, u"local_path"_s, u"remote_path"_s,
        u"bytes_total"_s, u"bytes_done"_s, u"state"_s,     u"started_at"_s, u"ended_at"_s};
    return columns;
}

QList<QVariant> transferValues(const TransferRecord &t)
{
    return {t.id,
            referenceValue(t.machineId),
            t.direction,
            t.localPath,
            t.remotePath,
            qlonglong(t.bytesTotal),
            qlonglong(t.bytesDone),
            t.state,
            timeValue(t.startedAt),
            timeValue(t.endedAt)};
}

TransferRecord transferFromRow(const QSqlQuery &q)
{
    TransferRecord t;
    t.id = q.value(0).toString();
    t.machineId = q.value(1).toString();
    t.direction = q.value(2).toString();
    t.localPath = q.value(3).toString();
    t.remotePath = q.value(4).toString();
    t.bytesTotal = q.value(5).toLongLong();
    t.bytesDone = q.value(6).toLongLong();
    t.state = q.value(7).toString();
    t.startedAt = timeFrom(q.value(8));
    t.endedAt = timeFrom(q.value(9));
    return t;
}

const QStringList &gpuSampleColumns()
{
    static const QStringList columns = {u"gpu"_s,      u"time"_s,     u"util"_s,
                                        u"mem_util"_s, u"mem_used"_s, u"mem_total"_s,
                                        u"temp"_s,     u"power"_s,    u"sm_clock"_s};
    return columns;
}

QList<QVariant> gpuSampleValues(const GpuSampleRecord &s)
{
    return {s.gpu,
            s.time,
            optionalValue(s.util),
            optionalValue(s.memUtil),
            optionalValue(s.memUsed),
            optionalValue(s.memTotal),
            optionalValue(s.temp),
            optionalValue(s.power),
            optionalValue(s.smClock)};
}

GpuSampleRecord gpuSampleFromRow(const QSqlQuery &q)
{
    GpuSampleRecord s;
    s.gpu = q.value(0).toInt();
    s.time = q.value(1).toDouble();
    s.util = optionalDouble(q.value(2));
    s.memUtil = optionalDouble(q.value(3));
    s.memUsed = optionalDouble(q.value(4));
    s.memTotal = optionalDouble(q.value(5));
    s.temp = optionalDouble(q.value(6));
    s.power = optionalDouble(q.value(7));
    s.smClock = optionalDouble(q.value(8));
    return s;
}

QString selectSql(const QString &table, const QStringList &columns)
{
    return u"SELECT "_s + columns.join(u", "_s) + u" FROM "_s + table;
}

QString insertSql(const QString &table, const QStringList &columns)
{
    QStringList placeholders;
    placeholders.fill(u"?"_s, columns.size());
    return u"INSERT INTO "_s + table + u" ("_s + columns.join(u", "_s) + u") VALUES ("_s +
           placeholders.join(u", "_s) + u")"_s;
}

QString upsertSql(const QString &table, const QStringList &columns, const QStringList &keys)
{
    QStringList assignments;
    for (const QString &column : columns) {
        if (!keys.contains(column))
            assignments << column + u" = excluded."_s + column;
    }
    return insertSql(table, columns) + u" ON CONFLICT ("_s + keys.join(u", "_s) +
           u") DO UPDATE SET "_s + assignments.join(u", "_s);
}

QString updateByFirstColumnSql(const QString &table, const QStringList &columns)
{
    QStringList assignments;
    for (qsizetype i = 1; i < columns.size(); ++i)
        assignments << columns.at(i) + u" = ?"_s;
    return u"UPDATE "_s + table + u" SET "_s + assignments.join(u", "_s) + u" WHERE "_s +
           columns.constFirst() + u" = ?"_s;
}

QList<QVariant> updateValues(QList<QVariant> values)
{
    if (!values.isEmpty())
        values.append(values.takeFirst());
    return values;
}

} // namespace td::store_detail
