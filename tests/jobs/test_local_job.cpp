// The Local vertical slice: JobService runs the real engine, follows its metrics into the store
// and records how the job ended.
#include "core/jobs/EngineConfig.h"
#include "core/jobs/JobService.h"
#include "core/store/Store.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace td;

class TestLocalJob : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void fullMlpReachesAccuracy();
    void missingDatasetIsRefused();
    void invalidConfigIsRefused();
    void corruptDatasetFailsWithLogTail();
    void stopIsRecorded();
    void orphanedJobIsMarkedLost();

private:
    JobRecord waitForEnd(JobService &jobs, Store &store, const QString &id, int timeoutMs);
    QString m_fixtures;
};

void TestLocalJob::initTestCase()
{
    QVERIFY2(!qEnvironmentVariable("TRAINDECK_ENGINE").isEmpty(), "ctest sets TRAINDECK_ENGINE");
    if (!EngineConfig::checkDataset(EngineConfig::defaultDatasetDir()).isEmpty())
        QSKIP("Fashion-MNIST is not installed (package dataset-fashion-mnist)");
}

JobRecord TestLocalJob::waitForEnd(JobService &jobs, Store &store, const QString &id, int timeoutMs)
{
    QSignalSpy finished(&jobs, &JobService::jobFinished);
    if (jobs.isActive(id))
        finished.wait(timeoutMs);
    store.flush();
    return store.job(id).value_or(JobRecord{});
}

void TestLocalJob::fullMlpReachesAccuracy()
{
    QTemporaryDir data;
    std::unique_ptr<Store> store;
    QString id;
    {
        QString error;
        store = Store::open(data.path(), &error);
        QVERIFY2(store, qPrintable(error));
        JobService jobs(store.get(), data.path());
        jobs.recover();
        QSignalSpy metrics(&jobs, &JobService::metricsAppended);
        EngineConfig config; // the defaults the Launch page starts with
        config.threads = 1;
        id = jobs.launchLocal(config, &error);
        QVERIFY2(!id.isEmpty(), qPrintable(error));
        const JobRecord job = waitForEnd(jobs, *store, id, 300000);
        QCOMPARE(jobStateName(job.state), QStringLiteral("succeeded"));
        QCOMPARE(job.exitCode.value_or(-1), 0);
        QCOMPARE(job.cost.value_or(-1), 0.0);
        QVERIFY(metrics.count() > 0); // delivered while running, not only at the end
        const QJsonObject summary = QJsonDocument::fromJson(job.summaryJson.toUtf8()).object();
        const double acc = summary.value(QLatin1String("final_test_accuracy")).toDouble();
        qInfo("final test accuracy %.4f", acc);
        QVERIFY2(acc >= 0.85, qPrintable(QString::number(acc)));
    }
    store.reset();

    // Reopened (as the app does on its next start): the job, its lines and its accuracy are there,
    // and the stored lines are exactly the engine's metrics.jsonl, none twice.
    QString error;
    store = Store::open(data.path(), &error);
    QVERIFY(store);
    const auto job = store->job(id);
    QVERIFY(job);
    QFile file(QDir(job->remoteDir).filePath(QStringLiteral("metrics.jsonl")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QStringList fileLines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    if (fileLines.constLast().isEmpty())
        fileLines.removeLast();
    QCOMPARE(store->metricLines(id), fileLines);
    QCOMPARE(store->offset(id, QStringLiteral("metrics.jsonl")), file.size());
    QVERIFY(!store->metricSeries(id, QStringLiteral("loss"), QStringLiteral("step")).isEmpty());
}

void TestLocalJob::missingDatasetIsRefused()
{
    QTemporaryDir data;
    QString error;
    auto store = Store::open(data.path(), &error);
    QVERIFY(store);
    JobService jobs(store.get(), data.path());
    EngineConfig config;
    config.dataDir = data.filePath(QStringLiteral("no-such-dataset"));
    QVERIFY(jobs.launchLocal(config, &error).isEmpty());
    QVERIFY2(error.contains(QStringLiteral("no-such-dataset")), qPrintable(error));
    store->flush();
    QVERIFY(store->jobs().isEmpty()); // nothing half-created
}

void TestLocalJob::invalidConfigIsRefused()
{
    QTemporaryDir data;
    QString error;
    auto store = Store::open(data.path(), &error);
    QVERIFY(store);
    JobService jobs(store.get(), data.path());
    EngineConfig config;
    config.learningRate = -1;
    QVERIFY(jobs.launchLocal(config, &error).isEmpty());
    QVERIFY(error.contains(QStringLiteral("Learning rate")));
    config = EngineConfig{};
    config.model = QStringLiteral("transformer-xl");
    QVERIFY(jobs.launchLocal(config, &error).isEmpty());
    QVERIFY(error.contains(QStringLiteral("transformer-xl")));
}

void TestLocalJob::corruptDatasetFailsWithLogTail()
{
    QTemporaryDir data;
    const QString bad = data.filePath(QStringLiteral("bad-dataset"));
    QDir().mkpath(bad);
    for (const char *name : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                             "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
        QFile f(QDir(bad).filePath(QString::fromLatin1(name)));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not an IDX file at all");
    }
    QString error;
    auto store = Store::open(data.path(), &error);
    QVERIFY(store);
    JobService jobs(store.get(), data.path());
    jobs.recover();
    EngineConfig config;
    config.dataDir = bad;
    const QString id = jobs.launchLocal(config, &error);
    QVERIFY2(!id.isEmpty(), qPrintable(error));
    const JobRecord job = waitForEnd(jobs, *store, id, 60000);
    QCOMPARE(jobStateName(job.state), QStringLiteral("failed"));
    QVERIFY(job.exitCode.value_or(0) != 0);
    const QJsonObject summary = QJsonDocument::fromJson(job.summaryJson.toUtf8()).object();
    QCOMPARE(summary.value(QLatin1String("error_kind")).toString(), QStringLiteral("data"));
    QVERIFY(!summary.value(QLatin1String("reason")).toString().isEmpty());
    QVERIFY(summary.contains(QLatin1String("log_tail")));
}

void TestLocalJob::stopIsRecorded()
{
    QTemporaryDir data;
    QString error;
    auto store = Store::open(data.path(), &error);
    QVERIFY(store);
    JobService jobs(store.get(), data.path());
    jobs.recover();
    QSignalSpy metrics(&jobs, &JobService::metricsAppended);
    EngineConfig config;
    config.epochs = 50;
    config.threads = 1;
    const QString id = jobs.launchLocal(config, &error);
    QVERIFY2(!id.isEmpty(), qPrintable(error));
    QVERIFY(metrics.wait(60000)); // running and reporting
    QVERIFY(jobs.stop(id));
    const JobRecord job = waitForEnd(jobs, *store, id, 60000);
    QCOMPARE(jobStateName(job.state), QStringLiteral("stopped"));
    bool recorded = false;
    const QList<EventRecord> events = store->events();
    for (const EventRecord &e : events)
        recorded = recorded || (e.jobId == id && e.kind == QLatin1String("stop"));
    QVERIFY(recorded);
}

void TestLocalJob::orphanedJobIsMarkedLost()
{
    QTemporaryDir data;
    QString error;
    auto store = Store::open(data.path(), &error);
    QVERIFY(store);
    JobService jobs(store.get(), data.path());
    jobs.recover();
    JobRecord orphan;
    orphan.id = QStringLiteral("orphan-1");
    orphan.machineId = JobService::localMachineId();
    orphan.kind = QStringLiteral("engine");
    orphan.state = JobState::Running;
    orphan.createdAt = QDateTime::currentDateTimeUtc();
    store->insertJob(orphan);
    QVERIFY(store->flush());
    JobService next(store.get(), data.path());
    next.recover();
    QVERIFY(store->flush());
    QCOMPARE(jobStateName(store->job(orphan.id)->state), QStringLiteral("lost"));
}

QTEST_GUILESS_MAIN(TestLocalJob)
#include "test_local_job.moc"
