#pragma once

// Connection handling and small SQL helpers shared by the store's writer and readers.

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QLoggingCategory>
#include <QMetaObject>
#include <QMutex>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <memory>
#include <optional>

class QSqlError;
class QSqlQuery;
class QThread;

namespace td::store_detail {

Q_DECLARE_LOGGING_CATEGORY(lcStore)

// Messages of the store's helpers share the context of td::Store for translators.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(td::Store)
};

enum class ConnectionRole { Writer, Reader };

// Adds a QSQLITE connection called connectionName on the calling thread (which then owns it),
// opens path and applies the per-connection pragmas. On failure the connection is removed again
// and an invalid QSqlDatabase returned with *error set.
QSqlDatabase openConnection(const QString &connectionName, const QString &path, ConnectionRole role,
                            QString *error);

// "driver text (database text)" without duplicates, for messages.
QString describeError(const QSqlError &error);
bool execStatement(QSqlDatabase &db, const QString &sql, QString *error);
bool prepareStatement(QSqlQuery &query, const QString &sql, QString *error);
// Binds values positionally and runs the prepared query.
bool execPrepared(QSqlQuery &query, const QList<QVariant> &values, QString *error);

// Value conversions. Times are stored as UTC milliseconds since the epoch (sortable integers);
// empty references become NULL so that a foreign key accepts "none".
QVariant timeValue(const QDateTime &time);
QDateTime timeFrom(const QVariant &value);
QVariant referenceValue(const QString &id);
template <typename T> QVariant optionalValue(const std::optional<T> &value)
{
    return value ? QVariant::fromValue(*value) : QVariant();
}
std::optional<double> optionalDouble(const QVariant &value);
std::optional<qint64> optionalInt64(const QVariant &value);
std::optional<int> optionalInt(const QVariant &value);

// One read connection per thread that reads, created on first use and removed when that thread
// finishes or the pool closes. QSqlDatabase connections must stay on the thread that made them.
class ReaderPool : public std::enable_shared_from_this<ReaderPool>
{
public:
    ReaderPool(QString path, QString namePrefix);
    ~ReaderPool();
    ReaderPool(const ReaderPool &) = delete;
    ReaderPool &operator=(const ReaderPool &) = delete;

    // Invalid when the connection cannot be opened (logged).
    QSqlDatabase connectionForCurrentThread();
    void closeAll();
    qsizetype connectionCount() const;

private:
    void release(QThread *thread);

    struct Entry
    {
        QString name;
        QMetaObject::Connection finished;
    };
    const QString m_path;
    const QString m_prefix;
    mutable QMutex m_mutex;
    QHash<QThread *, Entry> m_entries;
    quint64 m_created = 0;
};

} // namespace td::store_detail
