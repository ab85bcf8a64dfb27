#pragma once

// Mapping between records and table rows. One column list per table serves the INSERT, the
// UPSERT and the SELECT, so a column cannot be added to one and forgotten in another.

#include "core/store/StoreRecords.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

class QSqlQuery;

namespace td::store_detail {

const QStringList &machineColumns();
QList<QVariant> machineValues(const MachineRecord &machine);
MachineRecord machineFromRow(const QSqlQuery &query); // columns in machineColumns() order

const QStringList &jobColumns();
QList<QVariant> jobValues(const JobRecord &job);
JobRecord jobFromRow(const QSqlQuery &query);

const QStringList &transferColumns();
QList<QVariant> transferValues(const TransferRecord &transfer);
TransferRecord transferFromRow(const QSqlQuery &query);

const QStringList &gpuSampleColumns(); // without job_id and machine_id
QList<QVariant> gpuSampleValues(const GpuSampleRecord &sample);
GpuSampleRecord gpuSampleFromRow(const QSqlQuery &query);

QString selectSql(const QString &table, const QStringList &columns);
QString insertSql(const QString &table, const QStringList &columns);
// INSERT ... ON CONFLICT (keys) DO UPDATE: never INSERT OR REPLACE, which deletes the old row
// first and so fires ON DELETE actions (a machine's jobs would lose their machine).
QString upsertSql(const QString &table, const QStringList &columns, const QStringList &keys);
// UPDATE table SET every column but the first = ? WHERE first = ?; bind values rotated so the
// key comes last (see updateValues).
QString updateByFirstColumnSql(const QString &table, const QStringList &columns);
QList<QVariant> updateValues(QList<QVariant> values);

} // namespace td::store_detail
