#pragma once

// The store's single writer: one thread, one connection, a queue of operations committed in
// batched transactions (like qBittorrent's DBResumeDataStorage), so callers never wait on disk.

#include <QDeadlineTimer>
#include <QList>
#include <QMutex>
#include <QString>
#include <QStringList>
#include <QWaitCondition>

#include <functional>
#include <memory>

class QSqlDatabase;
class QThread;

namespace td::store_detail {

struct WriteOp
{
    QString description; // translated: what was being saved, for the failure message
    // Runs inside a transaction on the writer connection. Returns false with *error set when
    // the operation fails; the transaction is then rolled back. May run twice (see
    // StoreWriter::commitBatch), so it must depend only on what it captured.
    std::function<bool(QSqlDatabase &db, QString *error)> apply;
};

class StoreWriter
{
public:
    struct Hooks
    {
        // Runs once on the writer connection before any write (migrations).
        std::function<bool(QSqlDatabase &db, QString *error)> setUp;
        // Both are called on the writer thread.
        std::function<void()> committed;
        std::function<void(const QString &message)> failed;
    };

    StoreWriter(QString path, QString connectionName, int batchIntervalMs, Hooks hooks);
    ~StoreWriter(); // stop()
    StoreWriter(const StoreWriter &) = delete;
    StoreWriter &operator=(const StoreWriter &) = delete;

    // Starts the thread and waits until it has opened its connection and run setUp.
    bool start(QString *error);
    void enqueue(WriteOp op);
    // See Store::flush.
    bool flush(int timeoutMs);
    // Commits what is queued and ends the thread.
    void stop();

private:
    void run();
    void processUntilStopped(QSqlDatabase &db);
    struct Failure
    {
        qsizetype index; // in the batch
        QString message;
    };
    // Returns the number of operations committed; each failed operation is listed.
    qsizetype commitBatch(QSqlDatabase &db, const QList<WriteOp> &batch, QList<Failure> *failures);
    bool runInTransaction(QSqlDatabase &db, const QList<WriteOp> &ops, QString *error);

    enum class Startup { Pending, Ready, Failed };

    const QString m_path;
    const QString m_connectionName;
    const int m_batchIntervalMs;
    const Hooks m_hooks;
    std::unique_ptr<QThread> m_thread;

    QMutex m_mutex;
    QWaitCondition m_wake;     // the writer waits here for work, a flush or stop
    QWaitCondition m_progress; // start() and flush() wait here for the writer
    QList<WriteOp> m_queue;
    QDeadlineTimer m_batchDeadline; // when the oldest queued operation must be committed
    // Operations are numbered 1, 2, ... as they are enqueued.
    qint64 m_enqueued = 0;
    qint64 m_done = 0;            // every operation up to here has been committed or reported
    qint64 m_flushTarget = 0;     // a flush() waits for operations up to here
    qint64 m_lastFailed = 0;      // the latest operation that failed
    qint64 m_lastFlushTarget = 0; // the latest target a flush() saw completed
    bool m_stopping = false;
    Startup m_startup = Startup::Pending;
    QString m_startupError;
};

} // namespace td::store_detail
