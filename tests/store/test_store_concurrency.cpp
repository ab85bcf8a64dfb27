// The store under concurrency: readers on other threads while the writer appends, a second
// instance on the same file (as the CLI beside the GUI), and another program holding the lock.

#include "StoreTestSupport.h"

#include "core/store/Store.h"

#include <QDir>
#include <QElapsedTimer>
#include <QMutex>
#include <QMutexLocker>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace td;
using namespace td::test;

class TestStoreConcurrency : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readerSeesMonotonicCountsWhileWriting();
    void secondInstanceReadsWhatFirstWrote();
    void twoInstancesWriteAtOnce();
    void writerWaitsForAnotherProcessLock();
    void readsDoNotWaitForAWriteLock();
};

void TestStoreConcurrency::readerSeesMonotonicCountsWhileWriting()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    QString error;
    std::unique_ptr<Store> store = Store::open(tmp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    QSignalSpy failures(store.get(), &Store::writeFailed);
    const JobRecord job = sampleJob(newId(), QString());
    store->insertJob(job);
    QVERIFY(store->flush());
    QCOMPARE(store->jobs().size(), 1); // this thread's read connection exists from here on
    const int connectionsBefore = QSqlDatabase::connectionNames().size();

    constexpr int kChunks = 60;
    constexpr int kRowsPerChunk = 100;
    constexpr qint64 kTotal = kChunks * kRowsPerChunk;

    std::atomic<bool> stop{false};
    QMutex problemsMutex;
    QStringList problems;
    QList<qint64> distinctCounts;
    std::unique_ptr<QThread> reader(QThread::create([&] {
        qint64 last = 0;
        const auto problem = [&](const QString &text) {
            QMutexLocker lock(&problemsMutex);
            problems << text;
        };
        while (!stop.load()) {
            const qint64 count = store->metricLineCount(job.id);
            const qint64 lines = store->metricLines(job.id).size();
            const qint64 offset = store->offset(job.id, QStringLiteral("metrics.jsonl"));
            if (count < last)
                problem(QStringLiteral("count went back from %1 to %2").arg(last).arg(count));
            // Later reads see at least what earlier ones saw.
            if (lines < count)
                problem(QStringLiteral("%1 lines after a count of %2").arg(lines).arg(count));
            // The offset commits with its rows and is read after the count, so it can only be
            // ahead of it, never behind.
            if (offset < count)
                problem(QStringLiteral("offset %1 behind %2 rows").arg(offset).arg(count));
            if (count != last) {
                QMutexLocker lock(&problemsMutex);
                distinctCounts << count;
            }
            last = count;
        }
    }));
    reader->start();

    for (int chunk = 0; chunk < kChunks; ++chunk) {
        QList<MetricRow> rows;
        for (int i = 0; i < kRowsPerChunk; ++i)
            rows << stepRow(chunk * kRowsPerChunk + i, 1.0 / (i + 1));
        // The offset equals the number of rows so far: the reader checks they move together.
        store->appendMetrics(job.id, QStringLiteral("metrics.jsonl"),
                             qint64(chunk + 1) * kRowsPerChunk, rows);
        // Spread the chunks over several batch intervals so that several commits happen
        // while the reader runs.
        QThread::msleep(20);
    }
    QVERIFY(store->flush());
    QThread::msleep(50);
    stop = true;
    QVERIFY(reader->wait(30000));

    QCOMPARE(failures.count(), 0);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    // The reader really ran alongside the writer: it saw several intermediate states.
    QVERIFY2(distinctCounts.size() >= 3, qPrintable(QString::number(distinctCounts.size())));
    QCOMPARE(distinctCounts.last(), kTotal);
    QCOMPARE(store->metricLineCount(job.id), kTotal);
    QCOMPARE(store->metricSeries(job.id, QStringLiteral("lr")).size(), kTotal);
    // The reader thread's connection went away with the thread.
    QCOMPARE(QSqlDatabase::connectionNames().size(), connectionsBefore);
}

void TestStoreConcurrency::secondInstanceReadsWhatFirstWrote()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    QString error;
    std::unique_ptr<Store> gui = Store::open(tmp.path(), &error);
    QVERIFY2(gui, qPrintable(error));
    std::unique_ptr<Store> cli = Store::open(tmp.path(), &error);
    QVERIFY2(cli, qPrintable(error));
    QCOMPARE(cli->databasePath(), gui->databasePath());

    const JobRecord job = sampleJob(newId(), QString());
    gui->insertJob(job);
    gui->appendMetrics(job.id, QStringLiteral("metrics.jsonl"), 64, {stepRow(0, 1.0)});
    QVERIFY(gui->flush());
    QVERIFY(cli->job(job.id));
    QCOMPARE(cli->metricLineCount(job.id), qint64(1));
    QCOMPARE(cli->offset(job.id, QStringLiteral("metrics.jsonl")), qint64(64));

    JobRecord stopped = job;
    stopped.state = JobState::Stopped;
    cli->updateJob(stopped);
    cli->logEvent(QStringLiteral("stop"), QStringLiteral("stopped from the command line"),
                  QString(), job.id);
    QVERIFY(cli->flush());
    QCOMPARE(gui->job(job.id)->state, JobState::Stopped);
    QCOMPARE(gui->events().size(), 1);
}

void TestStoreConcurrency::twoInstancesWriteAtOnce()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    QString error;
    std::unique_ptr<Store> a = Store::open(tmp.path(), &error);
    QVERIFY2(a, qPrintable(error));
    std::unique_ptr<Store> b = Store::open(tmp.path(), &error);
    QVERIFY2(b, qPrintable(error));
    QSignalSpy failuresA(a.get(), &Store::writeFailed);
    QSignalSpy failuresB(b.get(), &Store::writeFailed);

    // Two writer threads on two connections contend for SQLite's single write lock; the busy
    // timeout turns every collision into a short wait.
    constexpr int kEvents = 1500;
    for (int i = 0; i < kEvents; ++i) {
        a->logEvent(QStringLiteral("a"), QString::number(i));
        b->logEvent(QStringLiteral("b"), QString::number(i));
        if (i % 100 == 0)
            QThread::msleep(5);
    }
    QVERIFY(a->flush());
    QVERIFY(b->flush());
    QCOMPARE(failuresA.count(), 0);
    QCOMPARE(failuresB.count(), 0);
    QCOMPARE(a->events(-1).size(), 2 * kEvents);
    QCOMPARE(b->events(-1).size(), 2 * kEvents);
}

void TestStoreConcurrency::writerWaitsForAnotherProcessLock()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    QString error;
    std::unique_ptr<Store> store = Store::open(tmp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    QSignalSpy failures(store.get(), &Store::writeFailed);

    // Another program holds the write lock for 1.5 s, well inside the store's 5 s busy timeout.
    QSemaphore locked;
    QString lockError;
    std::unique_ptr<QThread> holder(QThread::create([&] {
        RawDb raw(store->databasePath());
        lockError = raw.exec(QStringLiteral("BEGIN IMMEDIATE"));
        if (lockError.isEmpty()) {
            lockError = raw.exec(QStringLiteral(
                "INSERT INTO events (time, kind, message) VALUES (0, 'other', 'other program')"));
        }
        locked.release();
        QThread::msleep(1500);
        raw.exec(QStringLiteral("COMMIT"));
    }));
    holder->start();
    locked.acquire();
    QVERIFY2(lockError.isEmpty(), qPrintable(lockError));

    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 1000; ++i)
        store->logEvent(QStringLiteral("launch"), QString::number(i));
    // Enqueueing never waits for the disk, let alone for the lock.
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(store->flush(20000));
    // The flush could only finish once the other program let go: the lock really was held.
    QVERIFY2(timer.elapsed() >= 1000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(holder->wait(10000));

    QCOMPARE(failures.count(), 0);
    QCOMPARE(store->events(-1).size(), 1001);
}

void TestStoreConcurrency::readsDoNotWaitForAWriteLock()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    QString error;
    std::unique_ptr<Store> store = Store::open(tmp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    const JobRecord job = sampleJob(newId(), QString());
    store->insertJob(job);
    QVERIFY(store->flush());

    RawDb raw(store->databasePath());
    QCOMPARE(raw.exec(QStringLiteral("BEGIN IMMEDIATE")), QString());
    QCOMPARE(raw.exec(QStringLiteral("DELETE FROM jobs")), QString());

    // WAL: the reader sees the last committed state at once, not the open transaction.
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(store->jobs().size(), 1);
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(raw.exec(QStringLiteral("ROLLBACK")), QString());
}

QTEST_GUILESS_MAIN(TestStoreConcurrency)
#include "test_store_concurrency.moc"
