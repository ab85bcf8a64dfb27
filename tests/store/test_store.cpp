// Store writes and reads on one thread: round trips, metric offsets, cascades, failures.

#include "StoreTestSupport.h"

#include "core/store/Store.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

using namespace td;
using namespace td::test;

class TestStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void jobStateNames();
    void machineRoundTrip();
    void upsertingMachineKeepsItsJobs();
    void removingMachineKeepsJobHistory();
    void jobRoundTripAndOrder();
    void updatingUnknownJobIsReported();
    void appendMetricsCommitsRowsWithOffset();
    void duplicateSeqIsIgnored();
    void failedAppendLeavesNothingHalfWritten();
    void failedWriteDoesNotTakeItsBatchDown();
    void nanMetricSurvives();
    void gpuSamplesRoundTrip();
    void deleteJobCascades();
    void priceOverridesRoundTrip();
    void transfersRoundTrip();
    void eventsNewestFirst();
    void committedWithinBatchInterval();
    void destructorCommitsPendingWrites();

private:
    QString dbFile() const { return QDir(m_dir->path()).filePath(Store::databaseFileName()); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<QSignalSpy> m_failures;
};

void TestStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QString error;
    m_store = Store::open(m_dir->path(), &error);
    QVERIFY2(m_store, qPrintable(error));
    m_failures = std::make_unique<QSignalSpy>(m_store.get(), &Store::writeFailed);
}

void TestStore::cleanup()
{
    m_failures.reset();
    m_store.reset();
    m_dir.reset();
}

void TestStore::jobStateNames()
{
    const QList<JobState> all = {JobState::Queued,  JobState::Uploading, JobState::Starting,
                                 JobState::Running, JobState::Stopping,  JobState::Succeeded,
                                 JobState::Failed,  JobState::Stopped,   JobState::Lost};
    QStringList names;
    for (JobState state : all) {
        names << jobStateName(state);
        QCOMPARE(jobStateFromName(jobStateName(state)), state);
    }
    QCOMPARE(names.join(QLatin1Char(',')),
             QStringLiteral("queued,uploading,starting,running,stopping,succeeded,failed,stopped,"
                            "lost"));
    QCOMPARE(jobStateFromName(QStringLiteral("paused")), JobState::Lost);
    QCOMPARE(jobStateFromName(QString()), JobState::Lost);
    QVERIFY(!isTerminal(JobState::Running));
    QVERIFY(!isTerminal(JobState::Stopping));
    QVERIFY(isTerminal(JobState::Succeeded));
    QVERIFY(isTerminal(JobState::Lost));
}

void TestStore::machineRoundTrip()
{
    MachineRecord machine = sampleMachine(newId());
    machine.releasedAt = utcTime(3600);
    MachineRecord cheap = sampleMachine(newId());
    cheap.hourlyPrice.reset();
    cheap.createdAt = utcTime(60);
    cheap.identityFile.clear();
    m_store->upsertMachine(machine);
    m_store->upsertMachine(cheap);
    QVERIFY(m_store->flush());

    const std::optional<MachineRecord> read = m_store->machine(machine.id);
    QVERIFY(read);
    QCOMPARE(read->provider, machine.provider);
    QCOMPARE(read->host, machine.host);
    QCOMPARE(read->port, 2222);
    QCOMPARE(read->user, machine.user);
    QCOMPARE(read->identityFile, machine.identityFile);
    QCOMPARE(read->jump, machine.jump);
    QCOMPARE(read->configAlias, machine.configAlias);
    QCOMPARE(read->authMethod, machine.authMethod);
    QCOMPARE(read->hostKeySha256, machine.hostKeySha256);
    QCOMPARE(read->remoteRoot, machine.remoteRoot);
    QCOMPARE(read->region, machine.region);
    QCOMPARE(read->gpuTier, machine.gpuTier);
    QCOMPARE(read->hourlyPrice, machine.hourlyPrice);
    QCOMPARE(read->currency, machine.currency);
    QCOMPARE(read->status, machine.status);
    QCOMPARE(read->createdAt, machine.createdAt);
    QCOMPARE(read->releasedAt, machine.releasedAt);
    QCOMPARE(read->factsJson, machine.factsJson);

    const std::optional<MachineRecord> readCheap = m_store->machine(cheap.id);
    QVERIFY(readCheap);
    QVERIFY(!readCheap->hourlyPrice);
    QVERIFY(!readCheap->releasedAt.isValid());
    QVERIFY(readCheap->identityFile.isEmpty());

    const QList<MachineRecord> all = m_store->machines();
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.at(0).id, machine.id); // oldest first
    QVERIFY(!m_store->machine(QStringLiteral("nope")));
    QCOMPARE(m_failures->count(), 0);
}

void TestStore::upsertingMachineKeepsItsJobs()
{
    MachineRecord machine = sampleMachine(newId());
    m_store->upsertMachine(machine);
    const JobRecord job = sampleJob(newId(), machine.id);
    m_store->insertJob(job);
    machine.status = QStringLiteral("released");
    machine.releasedAt = utcTime(7200);
    m_store->upsertMachine(machine); // an update, not delete + insert
    QVERIFY(m_store->flush());

    QCOMPARE(m_store->machine(machine.id)->status, QStringLiteral("released"));
    QCOMPARE(m_store->job(job.id)->machineId, machine.id);
    QCOMPARE(m_failures->count(), 0);
}

void TestStore::removingMachineKeepsJobHistory()
{
    const MachineRecord machine = sampleMachine(newId());
    m_store->upsertMachine(machine);
    const JobRecord job = sampleJob(newId(), machine.id);
    m_store->insertJob(job);
    TransferRecord transfer;
    transfer.id = newId();
    transfer.machineId = machine.id;
    m_store->upsertTransfer(transfer);
    m_store->removeMachine(machine.id);
    QVERIFY(m_store->flush());

    QVERIFY(!m_store->machine(machine.id));
    const std::optional<JobRecord> kept = m_store->job(job.id);
    QVERIFY(kept);
    QVERIFY(kept->machineId.isEmpty());
    QVERIFY(m_store->transfers().isEmpty());
}

void TestStore::jobRoundTripAndOrder()
{
    const MachineRecord machine = sampleMachine(newId());
    m_store->upsertMachine(machine);
    JobRecord older = sampleJob(newId(), machine.id, 0);
    JobRecord newer = sampleJob(newId(), QString(), 600); // no machine
    newer.kind = QStringLiteral("script");
    m_store->insertJob(older);
    m_store->insertJob(newer);

    older.state = JobState::Failed;
    older.endedAt = utcTime(300);
    older.exitCode = 137;
    older.cost = 0.42;
    older.summaryJson = QStringLiteral("{\"final_test_accuracy\":0.91}");
    older.remoteUtcOffsetSeconds = 19800;
    m_store->updateJob(older);
    QVERIFY(m_store->flush());

    const QList<JobRecord> jobs = m_store->jobs();
    QCOMPARE(jobs.size(), 2);
    QCOMPARE(jobs.at(0).id, newer.id); // newest first
    QVERIFY(jobs.at(0).machineId.isEmpty());
    QVERIFY(!jobs.at(0).exitCode);

    const JobRecord read = jobs.at(1);
    QCOMPARE(read.id, older.id);
    QCOMPARE(read.machineId, machine.id);
    QCOMPARE(read.kind, older.kind);
    QCOMPARE(read.command, older.command);
    QCOMPARE(read.configJson, older.configJson);
    QCOMPARE(read.remoteDir, older.remoteDir);
    QCOMPARE(read.state, JobState::Failed);
    QCOMPARE(read.createdAt, older.createdAt);
    QCOMPARE(read.startedAt, older.startedAt);
    QCOMPARE(read.endedAt, older.endedAt);
    QCOMPARE(read.exitCode, std::optional<int>(137));
    QCOMPARE(read.cost, std::optional<double>(0.42));
    QCOMPARE(read.summaryJson, older.summaryJson);
    QCOMPARE(read.remoteUtcOffsetSeconds, std::optional<int>(19800));

    QCOMPARE(m_store->jobsForMachine(machine.id).size(), 1);
    QCOMPARE(m_failures->count(), 0);

    // A second insert of the same id is a caller's bug and is reported.
    m_store->insertJob(older);
    QVERIFY(!m_store->flush());
    QCOMPARE(m_failures->count(), 1);
}

void TestStore::updatingUnknownJobIsReported()
{
    m_store->updateJob(sampleJob(QStringLiteral("ghost"), QString()));
    QVERIFY(!m_store->flush());
    QCOMPARE(m_failures->count(), 1);
    const QString message = m_failures->at(0).at(0).toString();
    QVERIFY2(message.contains(QStringLiteral("ghost")), qPrintable(message));
    QVERIFY2(message.contains(QDir::toNativeSeparators(dbFile())), qPrintable(message));
    // The failure was reported once; the next flush has nothing new to report.
    QVERIFY(m_store->flush());
    QVERIFY(m_store->jobs().isEmpty());
}

void TestStore::appendMetricsCommitsRowsWithOffset()
{
    const JobRecord job = sampleJob(newId(), QString());
    m_store->insertJob(job);
    const QString file = QStringLiteral("metrics.jsonl");
    QCOMPARE(m_store->offset(job.id, file), qint64(0));

    MetricRow start;
    start.seq = 0;
    start.event = QStringLiteral("start");
    start.text = QStringLiteral("{\"v\":1,\"event\":\"start\",\"model\":\"cnn\"}");
    MetricRow eval;
    eval.seq = 3;
    eval.event = QStringLiteral("eval");
    eval.split = QStringLiteral("val");
    eval.step = 469;
    eval.epoch = 0;
    eval.values = {{QStringLiteral("loss"), 0.35}, {QStringLiteral("accuracy"), 0.874}};
    eval.text = QStringLiteral("{\"v\":1,\"event\":\"eval\",\"split\":\"val\"}");
    MetricRow malformed;
    malformed.seq = 4;
    malformed.text = QStringLiteral("{\"v\":1,\"event\":"); // kept raw, no values
    m_store->appendMetrics(job.id, file, 420,
                           {start, stepRow(1, 0.9), stepRow(2, 0.7), eval, malformed});
    QVERIFY(m_store->flush());

    QCOMPARE(m_store->offset(job.id, file), qint64(420));
    QCOMPARE(m_store->offset(job.id, QStringLiteral("gpu.csv")), qint64(0));
    QCOMPARE(m_store->metricLineCount(job.id), qint64(5));
    QCOMPARE(m_store->nextMetricSeq(job.id), qint64(5));
    const QStringList lines = m_store->metricLines(job.id);
    QCOMPARE(lines.size(), 5);
    QCOMPARE(lines.first(), start.text);
    QCOMPARE(lines.last(), malformed.text);
    QCOMPARE(
        m_store->metricNames(job.id),
        QStringList({QStringLiteral("accuracy"), QStringLiteral("loss"), QStringLiteral("lr")}));

    const QList<MetricPoint> allLoss = m_store->metricSeries(job.id, QStringLiteral("loss"));
    QCOMPARE(allLoss.size(), 3);
    QCOMPARE(allLoss.at(0).seq, qint64(1));
    QCOMPARE(allLoss.at(0).value, 0.9);
    QCOMPARE(allLoss.at(0).step, std::optional<qint64>(100));
    QCOMPARE(allLoss.at(0).time, std::optional<double>(1732345679.0));
    QCOMPARE(allLoss.at(2).event, QStringLiteral("eval"));
    QCOMPARE(allLoss.at(2).split, QStringLiteral("val"));
    QVERIFY(!allLoss.at(2).time);

    QCOMPARE(m_store->metricSeries(job.id, QStringLiteral("loss"), QStringLiteral("step")).size(),
             2);
    const QList<MetricPoint> valLoss = m_store->metricSeries(
        job.id, QStringLiteral("loss"), QStringLiteral("eval"), QStringLiteral("val"));
    QCOMPARE(valLoss.size(), 1);
    QCOMPARE(valLoss.first().value, 0.35);
    QCOMPARE(valLoss.first().epoch, std::optional<int>(0));
    QVERIFY(m_store
                ->metricSeries(job.id, QStringLiteral("loss"), QStringLiteral("eval"),
                               QStringLiteral("test"))
                .isEmpty());
    QCOMPARE(m_failures->count(), 0);
}

void TestStore::duplicateSeqIsIgnored()
{
    const JobRecord job = sampleJob(newId(), QString());
    m_store->insertJob(job);
    const QString file = QStringLiteral("metrics.jsonl");
    m_store->appendMetrics(job.id, file, 100, {stepRow(0, 1.0), stepRow(1, 0.8)});
    QVERIFY(m_store->flush());

    // A reattach that re-reads lines 1..3: line 1 comes again, parsed differently.
    MetricRow again = stepRow(1, 123.0);
    again.values.append({QStringLiteral("extra"), 5.0});
    m_store->appendMetrics(job.id, file, 300, {again, stepRow(2, 0.6), stepRow(3, 0.5)});
    QVERIFY(m_store->flush());

    QCOMPARE(m_store->metricLineCount(job.id), qint64(4));
    QCOMPARE(m_store->metricLines(job.id).at(1), stepRow(1, 0.8).text);
    const QList<MetricPoint> loss = m_store->metricSeries(job.id, QStringLiteral("loss"));
    QCOMPARE(loss.size(), 4);
    QCOMPARE(loss.at(1).value, 0.8);
    QVERIFY(!m_store->metricNames(job.id).contains(QStringLiteral("extra")));
    QCOMPARE(m_store->offset(job.id, file), qint64(300));

    RawDb raw(dbFile());
    QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM metrics WHERE seq = 1")).toInt(), 2);
    QCOMPARE(m_failures->count(), 0);
}

void TestStore::failedAppendLeavesNothingHalfWritten()
{
    const JobRecord job = sampleJob(newId(), QString());
    m_store->insertJob(job);
    const QString file = QStringLiteral("metrics.jsonl");
    m_store->appendMetrics(job.id, file, 50, {stepRow(0, 1.0)});
    QVERIFY(m_store->flush());

    // The rows are valid, the offset is not (CHECK >= 0): the rows must not stay either, or a
    // resume from the old offset would parse them again under a half-updated state.
    m_store->appendMetrics(job.id, file, -1, {stepRow(1, 0.9), stepRow(2, 0.8)});
    QVERIFY(!m_store->flush());
    QCOMPARE(m_failures->count(), 1);
    QCOMPARE(m_store->metricLineCount(job.id), qint64(1));
    QCOMPARE(m_store->metricSeries(job.id, QStringLiteral("loss")).size(), 1);
    QCOMPARE(m_store->offset(job.id, file), qint64(50));

    // Rows for a job that does not exist violate the foreign key.
    m_store->appendMetrics(QStringLiteral("no-such-job"), file, 10, {stepRow(0, 1.0)});
    QVERIFY(!m_store->flush());
    QCOMPARE(m_failures->count(), 2);
    QCOMPARE(m_store->offset(QStringLiteral("no-such-job"), file), qint64(0));
}

void TestStore::failedWriteDoesNotTakeItsBatchDown()
{
    const JobRecord job = sampleJob(newId(), QString());
    // One batch (no flush in between): good, bad, good.
    m_store->insertJob(job);
    m_store->appendMetrics(job.id, QStringLiteral("metrics.jsonl"), -5, {stepRow(0, 1.0)});
    m_store->logEvent(QStringLiteral("launch"), QStringLiteral("started"), QString(), job.id);
    QVERIFY(!m_store->flush());
    QCOMPARE(m_failures->count(), 1);
    QVERIFY(m_store->job(job.id));
    QCOMPARE(m_store->events().size(), 1);
    QCOMPARE(m_store->metricLineCount(job.id), qint64(0));
}

void TestStore::nanMetricSurvives()
{
    const JobRecord job = sampleJob(newId(), QString());
    m_store->insertJob(job);
    m_store->appendMetrics(job.id, QStringLiteral("metrics.jsonl"), 10, {stepRow(0, std::nan(""))});
    QVERIFY(m_store->flush());
    const QList<MetricPoint> loss = m_store->metricSeries(job.id, QStringLiteral("loss"));
    QCOMPARE(loss.size(), 1);
    QVERIFY(std::isnan(loss.first().value));
}

void TestStore::gpuSamplesRoundTrip()
{
    const MachineRecord machine = sampleMachine(newId());
    m_store->upsertMachine(machine);
    const JobRecord job = sampleJob(newId(), machine.id);
    m_store->insertJob(job);
    GpuSampleRecord a;
    a.gpu = 0;
    a.time = 1732345678.25;
    a.util = 97;
    a.memUtil = 40;
    a.memUsed = 30000;
    a.memTotal = 81920;
    a.temp = 66;
    a.power = 310.5;
    a.smClock = 1410;
    GpuSampleRecord b; // a GPU that reports [N/A] everywhere
    b.gpu = 1;
    b.time = a.time;
    const QString file = QStringLiteral("gpu.csv");
    m_store->appendGpuSamples(job.id, machine.id, file, 200, {a, b});
    m_store->appendGpuSamples(job.id, machine.id, file, 300, {b}); // re-read: ignored
    QVERIFY(m_store->flush());

    const QList<GpuSampleRecord> samples = m_store->gpuSamples(job.id);
    QCOMPARE(samples.size(), 2);
    QCOMPARE(samples.at(0).gpu, 0);
    QCOMPARE(samples.at(0).time, a.time);
    QCOMPARE(samples.at(0).util, a.util);
    QCOMPARE(samples.at(0).memUtil, a.memUtil);
    QCOMPARE(samples.at(0).memUsed, a.memUsed);
    QCOMPARE(samples.at(0).memTotal, a.memTotal);
    QCOMPARE(samples.at(0).temp, a.temp);
    QCOMPARE(samples.at(0).power, a.power);
    QCOMPARE(samples.at(0).smClock, a.smClock);
    QCOMPARE(samples.at(1).gpu, 1);
    QVERIFY(!samples.at(1).util && !samples.at(1).power && !samples.at(1).smClock);
    QCOMPARE(m_store->offset(job.id, file), qint64(300));
    QCOMPARE(m_failures->count(), 0);
}

void TestStore::deleteJobCascades()
{
    const MachineRecord machine = sampleMachine(newId());
    m_store->upsertMachine(machine);
    const JobRecord doomed = sampleJob(newId(), machine.id);
    const JobRecord other = sampleJob(newId(), machine.id, 10);
    for (const JobRecord &job : {doomed, other}) {
        m_store->insertJob(job);
        m_store->appendMetrics(job.id, QStringLiteral("metrics.jsonl"), 99,
                               {stepRow(0, 1.0), stepRow(1, 0.5)});
        GpuSampleRecord sample;
        sample.time = 1732345678;
        m_store->appendGpuSamples(job.id, machine.id, QStringLiteral("gpu.csv"), 80, {sample});
        m_store->logEvent(QStringLiteral("launch"), QStringLiteral("started"), machine.id, job.id);
    }
    QVERIFY(m_store->flush());
    m_store->deleteJob(doomed.id);
    QVERIFY(m_store->flush());

    QVERIFY(!m_store->job(doomed.id));
    QCOMPARE(m_store->metricLineCount(doomed.id), qint64(0));
    QVERIFY(m_store->gpuSamples(doomed.id).isEmpty());
    QCOMPARE(m_store->offset(doomed.id, QStringLiteral("metrics.jsonl")), qint64(0));

    RawDb raw(dbFile());
    for (const QString &table : {QStringLiteral("job_offsets"), QStringLiteral("metric_lines"),
                                 QStringLiteral("metrics"), QStringLiteral("gpu_samples")}) {
        const QString sql = QStringLiteral("SELECT COUNT(*) FROM %1 WHERE job_id = ?").arg(table);
        QVERIFY2(raw.scalar(sql, {doomed.id}).toInt() == 0, qPrintable(table));
        QVERIFY2(raw.scalar(sql, {other.id}).toInt() > 0, qPrintable(table));
    }
    // The audit log outlives the job.
    QCOMPARE(m_store->events().size(), 2);
    QCOMPARE(m_store->metricLineCount(other.id), qint64(2));
    QCOMPARE(m_failures->count(), 0);
}

void TestStore::priceOverridesRoundTrip()
{
    const QString vast = QStringLiteral("vast");
    m_store->setPriceOverride(vast, QStringLiteral("rtx4090"), 0.35, QStringLiteral("USD"));
    m_store->setPriceOverride(vast, QStringLiteral("a100-80g"), 1.1, QStringLiteral("USD"));
    m_store->setPriceOverride(QStringLiteral("ssh"), QStringLiteral("a100-80g"), 0.9,
                              QStringLiteral("EUR"));
    QVERIFY(m_store->flush());
    QList<PriceOverride> prices = m_store->priceOverrides();
    QCOMPARE(prices.size(), 3);
    QCOMPARE(prices.at(0).provider, QStringLiteral("ssh")); // by provider, then tier
    QCOMPARE(prices.at(0).currency, QStringLiteral("EUR"));
    QCOMPARE(prices.at(1).tier, QStringLiteral("a100-80g"));
    QVERIFY(prices.at(1).updatedAt.isValid());
    QVERIFY(qAbs(prices.at(1).updatedAt.secsTo(QDateTime::currentDateTimeUtc())) < 60);

    m_store->setPriceOverride(vast, QStringLiteral("rtx4090"), 0.42, QStringLiteral("USD"));
    m_store->setPriceOverride(vast, QStringLiteral("a100-80g"), std::nullopt, QString());
    QVERIFY(m_store->flush());
    prices = m_store->priceOverrides();
    QCOMPARE(prices.size(), 2);
    QCOMPARE(prices.at(1).tier, QStringLiteral("rtx4090"));
    QCOMPARE(prices.at(1).price, 0.42);
    QCOMPARE(m_failures->count(), 0);
}

void TestStore::transfersRoundTrip()
{
    const MachineRecord machine = sampleMachine(newId());
    m_store->upsertMachine(machine);
    TransferRecord t;
    t.id = newId();
    t.machineId = machine.id;
    t.direction = QStringLiteral("upload");
    t.localPath = QStringLiteral("/data/mnist");
    t.remotePath = QStringLiteral("~/.traindeck/data/mnist");
    t.bytesTotal = 5'000'000'000;
    t.state = QStringLiteral("running");
    t.startedAt = utcTime(10);
    m_store->upsertTransfer(t);
    t.bytesDone = 4'999'999'999;
    t.state = QStringLiteral("done");
    t.endedAt = utcTime(70);
    m_store->upsertTransfer(t);
    QVERIFY(m_store->flush());

    const QList<TransferRecord> transfers = m_store->transfers();
    QCOMPARE(transfers.size(), 1);
    const TransferRecord &read = transfers.first();
    QCOMPARE(read.machineId, machine.id);
    QCOMPARE(read.direction, t.direction);
    QCOMPARE(read.localPath, t.localPath);
    QCOMPARE(read.remotePath, t.remotePath);
    QCOMPARE(read.bytesTotal, t.bytesTotal);
    QCOMPARE(read.bytesDone, t.bytesDone);
    QCOMPARE(read.state, t.state);
    QCOMPARE(read.startedAt, t.startedAt);
    QCOMPARE(read.endedAt, t.endedAt);
}

void TestStore::eventsNewestFirst()
{
    for (int i = 0; i < 5; ++i)
        m_store->logEvent(QStringLiteral("budget"), QStringLiteral("event %1").arg(i));
    QVERIFY(m_store->flush());
    const QList<EventRecord> latest = m_store->events(3);
    QCOMPARE(latest.size(), 3);
    QCOMPARE(latest.at(0).message, QStringLiteral("event 4"));
    QCOMPARE(latest.at(2).message, QStringLiteral("event 2"));
    QVERIFY(latest.at(0).id > latest.at(1).id);
    QCOMPARE(latest.at(0).kind, QStringLiteral("budget"));
    QVERIFY(latest.at(0).machineId.isEmpty());
    QVERIFY(qAbs(latest.at(0).time.secsTo(QDateTime::currentDateTimeUtc())) < 60);
    QCOMPARE(m_store->events(-1).size(), 5);
}

void TestStore::committedWithinBatchInterval()
{
    QSignalSpy committed(m_store.get(), &Store::committed);
    m_store->logEvent(QStringLiteral("launch"), QStringLiteral("no flush asked"));
    // Nobody flushes: the writer commits on its own after the batch interval.
    QVERIFY(committed.wait(5000));
    QCOMPARE(m_store->events().size(), 1);
}

void TestStore::destructorCommitsPendingWrites()
{
    const JobRecord job = sampleJob(newId(), QString());
    m_store->insertJob(job);
    QList<MetricRow> rows;
    for (int i = 0; i < 20000; ++i)
        rows << stepRow(i, 1.0 / (i + 1));
    m_store->appendMetrics(job.id, QStringLiteral("metrics.jsonl"), 12345, rows);
    // Start committing the big batch without waiting for it, then queue more behind it: the
    // destructor must commit both the batch in flight and what is still queued.
    QVERIFY(!m_store->flush(0));
    for (int i = 0; i < 10; ++i)
        m_store->logEvent(QStringLiteral("launch"), QString::number(i), QString(), job.id);
    m_failures.reset();
    m_store.reset(); // no flush()

    QString error;
    m_store = Store::open(m_dir->path(), &error);
    QVERIFY2(m_store, qPrintable(error));
    QCOMPARE(m_store->metricLineCount(job.id), qint64(rows.size()));
    QCOMPARE(m_store->offset(job.id, QStringLiteral("metrics.jsonl")), qint64(12345));
    QCOMPARE(m_store->events().size(), 10);
}

QTEST_GUILESS_MAIN(TestStore)
#include "test_store.moc"
