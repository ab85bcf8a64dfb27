#include "core/store/StoreWriter.h"

#include "core/store/StoreSql.h"

#include <QDir>
#include <QMutexLocker>
#include <QSqlDatabase>
#include <QThread>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace td::store_detail {

StoreWriter::StoreWriter(QString path, QString connectionName, int batchIntervalMs, Hooks hooks)
    : m_path(std::move(path)), m_connectionName(std::move(connectionName)),
      m_batchIntervalMs(batchIntervalMs), m_hooks(std::move(hooks))
{
}

StoreWriter::~StoreWriter()
{
    stop();
}

bool StoreWriter::start(QString *error)
{
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(u"TrainDeck store writer"_s);
    m_thread->start();

    QMutexLocker lock(&m_mutex);
    while (m_startup == Startup::Pending)
        m_progress.wait(&m_mutex);
    if (m_startup == Startup::Ready)
        return true;
    if (error)
        *error = m_startupError;
    lock.unlock();
    m_thread->wait();
    m_thread.reset();
    return false;
}

void StoreWriter::enqueue(WriteOp op)
{
    QMutexLocker lock(&m_mutex);
    if (m_startup != Startup::Ready || m_stopping) {
        // Only reachable by a caller racing the store's destruction; say so rather than lose
        // the write without a trace.
        qCWarning(lcStore, "Write after the store was closed was dropped: %ls",
                  qUtf16Printable(op.description));
        return;
    }
    const bool wasIdle = m_queue.isEmpty();
    if (wasIdle)
        m_batchDeadline = QDeadlineTimer(m_batchIntervalMs);
    m_queue.append(std::move(op));
    ++m_enqueued;
    // The writer only sleeps without a deadline when the queue is empty.
    if (wasIdle)
        m_wake.wakeOne();
}

bool StoreWriter::flush(int timeoutMs)
{
    // The writer cannot wait for itself (a committed() slot connected directly).
    if (m_thread && QThread::currentThread() == m_thread.get())
        return false;

    QMutexLocker lock(&m_mutex);
    if (m_startup != Startup::Ready)
        return false;
    const qint64 target = m_enqueued;
    const qint64 previousTarget = m_lastFlushTarget;
    if (target > m_flushTarget) {
        m_flushTarget = target;
        m_wake.wakeOne();
    }
    const QDeadlineTimer deadline(timeoutMs);
    while (m_done < target) {
        if (!m_progress.wait(&m_mutex, deadline))
            break;
    }
    if (m_done < target)
        return false;
    m_lastFlushTarget = std::max(m_lastFlushTarget, target);
    return m_lastFailed <= previousTarget;
}

void StoreWriter::stop()
{
    {
        QMutexLocker lock(&m_mutex);
        if (!m_thread)
            return;
        m_stopping = true;
        m_wake.wakeAll();
    }
    m_thread->wait();
    m_thread.reset();
}

void StoreWriter::run()
{
    {
        QString error;
        QSqlDatabase db = openConnection(m_connectionName, m_path, ConnectionRole::Writer, &error);
        bool ready = db.isValid();
        if (!ready) {
            error = Tr::tr("Could not open the TrainDeck database %1: %2")
                        .arg(QDir::toNativeSeparators(m_path), error);
        } else if (m_hooks.setUp) {
            ready = m_hooks.setUp(db, &error);
        }
        {
            QMutexLocker lock(&m_mutex);
            m_startup = ready ? Startup::Ready : Startup::Failed;
            m_startupError = error;
            m_progress.wakeAll();
        }
        if (ready)
            processUntilStopped(db);
        if (db.isValid())
            db.close();
    }
    if (QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::removeDatabase(m_connectionName);
}

void StoreWriter::processUntilStopped(QSqlDatabase &db)
{
    QMutexLocker lock(&m_mutex);
    for (;;) {
        while (m_queue.isEmpty() && !m_stopping)
            m_wake.wait(&m_mutex);
        if (m_queue.isEmpty())
            return; // stopping, and everything is committed

        // Gather what arrives within the batch interval into one transaction: one fsync per
        // batch instead of one per metric line. A flush or stop commits at once.
        while (!m_stopping && m_flushTarget <= m_done && !m_batchDeadline.hasExpired())
            m_wake.wait(&m_mutex, m_batchDeadline);

        QList<WriteOp> batch;
        batch.swap(m_queue);
        const qint64 last = m_enqueued;
        const qint64 first = last - batch.size() + 1;
        lock.unlock();

        QList<Failure> failures;
        const qsizetype committedCount = commitBatch(db, batch, &failures);
        // Signal before marking the batch done, so that a flush() that returns has been
        // preceded by the signals for what it waited on.
        if (committedCount > 0 && m_hooks.committed)
            m_hooks.committed();
        for (const Failure &failure : std::as_const(failures)) {
            qCWarning(lcStore, "%ls", qUtf16Printable(failure.message));
            if (m_hooks.failed)
                m_hooks.failed(failure.message);
        }

        lock.relock();
        m_done = last;
        for (const Failure &failure : std::as_const(failures))
            m_lastFailed = std::max(m_lastFailed, first + failure.index);
        m_progress.wakeAll();
    }
}

qsizetype StoreWriter::commitBatch(QSqlDatabase &db, const QList<WriteOp> &batch,
                                   QList<Failure> *failures)
{
    QString error;
    if (runInTransaction(db, batch, &error))
        return batch.size();

    const auto failureMessage = [this](const WriteOp &op, const QString &detail) {
        return Tr::tr("Could not save %1 to %2: %3")
            .arg(op.description, QDir::toNativeSeparators(m_path), detail);
    };
    if (batch.size() == 1) {
        failures->append({0, failureMessage(batch.constFirst(), error)});
        return 0;
    }
    // One bad operation must not take the others of its batch down: run each alone, so only
    // the culprit is rolled back and reported.
    qsizetype committedCount = 0;
    for (qsizetype i = 0; i < batch.size(); ++i) {
        QString opError;
        if (runInTransaction(db, {batch.at(i)}, &opError))
            ++committedCount;
        else
            failures->append({i, failureMessage(batch.at(i), opError)});
    }
    return committedCount;
}

bool StoreWriter::runInTransaction(QSqlDatabase &db, const QList<WriteOp> &ops, QString *error)
{
    // IMMEDIATE takes the write lock up front, where busy_timeout applies; a deferred
    // transaction that upgrades later can fail at once when another process writes.
    if (!execStatement(db, u"BEGIN IMMEDIATE"_s, error))
        return false;
    for (const WriteOp &op : ops) {
        if (!op.apply(db, error)) {
            execStatement(db, u"ROLLBACK"_s, nullptr);
            return false;
        }
    }
    if (execStatement(db, u"COMMIT"_s, error))
        return true;
    execStatement(db, u"ROLLBACK"_s, nullptr);
    return false;
}

} // namespace td::store_detail
