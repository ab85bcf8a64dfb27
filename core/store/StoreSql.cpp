#include "core/store/StoreSql.h"

#include <QMutexLocker>
#include <QObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <utility>

using namespace Qt::StringLiterals;

namespace td::store_detail {

Q_LOGGING_CATEGORY(lcStore, "traindeck.store")

namespace {

// Another process (the CLI beside the GUI) may hold the write lock for a moment.
constexpr int kBusyTimeoutMs = 5000;

} // namespace

QString describeError(const QSqlError &error)
{
    // SQLite's own words ("UNIQUE constraint failed: jobs.id") say more than Qt's generic
    // "Unable to fetch row".
    const QString databaseText = error.databaseText().trimmed();
    if (!databaseText.isEmpty())
        return databaseText;
    const QString driverText = error.driverText().trimmed();
    if (!driverText.isEmpty())
        return driverText;
    return Tr::tr("unknown database error");
}

bool execStatement(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery query(db);
    if (query.exec(sql))
        return true;
    if (error)
        *error = describeError(query.lastError());
    return false;
}

bool prepareStatement(QSqlQuery &query, const QString &sql, QString *error)
{
    if (query.prepare(sql))
        return true;
    if (error)
        *error = describeError(query.lastError());
    return false;
}

bool execPrepared(QSqlQuery &query, const QList<QVariant> &values, QString *error)
{
    for (qsizetype i = 0; i < values.size(); ++i)
        query.bindValue(int(i), values.at(i));
    if (query.exec())
        return true;
    if (error)
        *error = describeError(query.lastError());
    return false;
}

QSqlDatabase openConnection(const QString &connectionName, const QString &path, ConnectionRole role,
                            QString *error)
{
    QString failure;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connectionName);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT="_s + QString::number(kBusyTimeoutMs));
        if (!db.isValid()) {
            failure = Tr::tr("the Qt SQLite driver is missing");
        } else if (!db.open()) {
            failure = describeError(db.lastError());
        } else {
            // Per-connection settings: SQLite forgets them when a connection closes.
            QStringList pragmas = {u"PRAGMA busy_timeout = "_s + QString::number(kBusyTimeoutMs),
                                   u"PRAGMA foreign_keys = ON"_s};
            if (role == ConnectionRole::Writer) {
                // With WAL, NORMAL never corrupts; a power cut may lose the last batch only.
                pragmas << u"PRAGMA synchronous = NORMAL"_s;
            } else {
                // Readers must never write: every write goes through the writer's queue.
                pragmas << u"PRAGMA query_only = ON"_s;
            }
            for (const QString &pragma : std::as_const(pragmas)) {
                if (!execStatement(db, pragma, &failure))
                    break;
            }
            if (failure.isEmpty())
                return db;
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connectionName);
    if (error)
        *error = failure;
    return QSqlDatabase();
}

QVariant timeValue(const QDateTime &time)
{
    return time.isValid() ? QVariant(qlonglong(time.toMSecsSinceEpoch())) : QVariant();
}

QDateTime timeFrom(const QVariant &value)
{
    if (value.isNull())
        return QDateTime();
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

QVariant referenceValue(const QString &id)
{
    return id.isEmpty() ? QVariant() : QVariant(id);
}

std::optional<double> optionalDouble(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toDouble();
}

std::optional<qint64> optionalInt64(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

std::optional<int> optionalInt(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toInt();
}

ReaderPool::ReaderPool(QString path, QString namePrefix)
    : m_path(std::move(path)), m_prefix(std::move(namePrefix))
{
}

ReaderPool::~ReaderPool()
{
    closeAll();
}

QSqlDatabase ReaderPool::connectionForCurrentThread()
{
    QThread *thread = QThread::currentThread();
    QString name;
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_entries.constFind(thread);
        if (it != m_entries.cend())
            return QSqlDatabase::database(it->name, false);
        name = m_prefix + u"-reader-"_s + QString::number(++m_created);
    }

    QString error;
    QSqlDatabase db = openConnection(name, m_path, ConnectionRole::Reader, &error);
    if (!db.isValid()) {
        qCWarning(lcStore, "Cannot open a read connection to %ls: %ls", qUtf16Printable(m_path),
                  qUtf16Printable(error));
        return db;
    }

    // The connection belongs to this thread: drop it when the thread ends, so threads that
    // come and go (thread pools, test threads) do not leak open files.
    const std::weak_ptr<ReaderPool> weakPool = weak_from_this();
    const QMetaObject::Connection finished = QObject::connect(
        thread, &QThread::finished, thread,
        [weakPool, thread] {
            if (const std::shared_ptr<ReaderPool> pool = weakPool.lock())
                pool->release(thread);
        },
        Qt::DirectConnection);

    QMutexLocker lock(&m_mutex);
    m_entries.insert(thread, Entry{name, finished});
    return db;
}

void ReaderPool::release(QThread *thread)
{
    Entry entry;
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_entries.find(thread);
        if (it == m_entries.end())
            return;
        entry = *it;
        m_entries.erase(it);
    }
    QObject::disconnect(entry.finished);
    QSqlDatabase::removeDatabase(entry.name);
}

void ReaderPool::closeAll()
{
    QHash<QThread *, Entry> entries;
    {
        QMutexLocker lock(&m_mutex);
        entries.swap(m_entries);
    }
    for (const Entry &entry : std::as_const(entries)) {
        QObject::disconnect(entry.finished);
        QSqlDatabase::removeDatabase(entry.name);
    }
}

qsizetype ReaderPool::connectionCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_entries.size();
}

} // namespace td::store_detail
