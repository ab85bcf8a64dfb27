// JobService with a remote machine (the loopback sshd running the CPU engine): launch, lose the
// connection, reconnect; quit the "app" mid-run and reattach on the next start; the stored raw
// metric lines equal the remote metrics.jsonl line for line.
#include "core/jobs/JobService.h"
#include "core/remote/SshSession.h"
#include "core/store/Store.h"

#include "SshdFixture.h"
#include "TestInteraction.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace td;
using namespace td::test;

class TestRemoteJobService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void launchCutRestartReattach();
    void crashedJobFailsWithLogTail();
    void scriptMetricsFromLog();
    void unknownHostKeyIsRefusedInBackground();

private:
    void addMachine(Store &store);
    RemoteJobRequest engineRequest(int epochs, int limit) const;
    QStringList remoteLines(const QString &jobDir) const;

    SshdFixture m_sshd;
};

void TestRemoteJobService::initTestCase()
{
    if (!EngineConfig::checkDataset(EngineConfig::defaultDatasetDir()).isEmpty())
        QSKIP("Fashion-MNIST is not installed (package dataset-fashion-mnist)");
    QString error;
    if (!m_sshd.start(&error))
        QSKIP(qPrintable(QStringLiteral("cannot start the test sshd: ") + error));
    // Trust the fixture's host key once, as adding the machine in the app does.
    SshConnectOptions o;
    o.endpoint =
        SshEndpoint{m_sshd.host(), m_sshd.port(), m_sshd.userName(), m_sshd.userKeyPath(), {}, {}};
    o.knownHostsPath = m_sshd.knownHostsPath();
    o.globalKnownHostsPath = m_sshd.dir() + QStringLiteral("/no-global-known-hosts");
    o.useAgent = false;
    o.tryDefaultKeys = false;
    ScriptedInteraction ui;
    SshSession s;
    QVERIFY(!s.connect(o, &ui));
    qputenv("TRAINDECK_KNOWN_HOSTS", m_sshd.knownHostsPath().toUtf8());
    qputenv("SSH_AUTH_SOCK", ""); // never the developer's agent
}

void TestRemoteJobService::addMachine(Store &store)
{
    MachineRecord m;
    m.id = QStringLiteral("gpu1");
    m.provider = QStringLiteral("ssh");
    m.name = QStringLiteral("gpu1");
    m.host = m_sshd.host();
    m.port = m_sshd.port();
    m.user = m_sshd.userName();
    m.identityFile = m_sshd.userKeyPath();
    m.remoteRoot = m_sshd.remoteRoot();
    m.hourlyPrice = 1.98;
    m.currency = QStringLiteral("CNY");
    m.createdAt = QDateTime::currentDateTimeUtc();
    store.upsertMachine(m);
}

RemoteJobRequest TestRemoteJobService::engineRequest(int epochs, int limit) const
{
    RemoteJobRequest r;
    r.engine.epochs = epochs;
    r.engine.limitTrain = limit;
    r.engine.threads = 1;
    r.enginePath = qEnvironmentVariable("TRAINDECK_ENGINE");
    return r;
}

QStringList TestRemoteJobService::remoteLines(const QString &jobDir) const
{
    QFile f(jobDir + QStringLiteral("/metrics.jsonl"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    return lines;
}

void TestRemoteJobService::launchCutRestartReattach()
{
    QTemporaryDir data;
    QString error;
    QString id;
    {
        auto store = Store::open(data.path(), &error);
        QVERIFY(store);
        JobService jobs(store.get(), data.path());
        jobs.recover();
        addMachine(*store);
        QSignalSpy metrics(&jobs, &JobService::metricsAppended);
        QSignalSpy problems(&jobs, &JobService::connectionProblem);
        id = jobs.launchRemote(QStringLiteral("gpu1"), engineRequest(30, 20000), &error);
        QVERIFY2(!id.isEmpty(), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(metrics.count() >= 2, 60000);
        QVERIFY(m_sshd.cutConnections() >= 1);
        QTRY_VERIFY_WITH_TIMEOUT(problems.count() >= 1, 30000); // the cut was noticed
        const int before = int(metrics.count());
        QTRY_VERIFY_WITH_TIMEOUT(metrics.count() > before, 60000); // and followed again
        QVERIFY(jobs.isActive(id));
        QVERIFY(store->flush());
        QCOMPARE(jobStateName(store->job(id)->state), QStringLiteral("running"));
    } // quit mid-run: the remote job goes on

    const QString jobDir = m_sshd.remoteRoot() + QStringLiteral("/jobs/") + id;
    QVERIFY(!QFile::exists(jobDir + QStringLiteral("/exit_code")));
    auto store = Store::open(data.path(), &error);
    QVERIFY(store);
    JobService jobs(store.get(), data.path());
    QSignalSpy finished(&jobs, &JobService::jobFinished);
    jobs.recover(true); // the next start reattaches
    QVERIFY(jobs.isActive(id));
    QVERIFY(finished.wait(240000));
    QVERIFY(store->flush());
    const auto job = store->job(id);
    QCOMPARE(jobStateName(job->state), QStringLiteral("succeeded"));
    QVERIFY(job->cost.value_or(0) > 0); // 1.98 CNY/h for the time it ran
    const QJsonObject summary = QJsonDocument::fromJson(job->summaryJson.toUtf8()).object();
    QVERIFY(summary.value(QLatin1String("final_test_accuracy")).toDouble() > 0.5);
    const QStringList remote = remoteLines(jobDir);
    QVERIFY(!remote.isEmpty());
    QCOMPARE(store->metricLines(id), remote);
}

void TestRemoteJobService::crashedJobFailsWithLogTail()
{
    QTemporaryDir data;
    QString error;
    auto store = Store::open(data.path(), &error);
    QVERIFY(store);
    JobService jobs(store.get(), data.path());
    jobs.recover();
    addMachine(*store);
    RemoteJobRequest r;
    r.kind = QStringLiteral("script");
    r.command = {
        QStringLiteral("sh"), QStringLiteral("-c"),
        QStringLiteral(
            "echo 'RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB'; exit 1")};
    QSignalSpy finished(&jobs, &JobService::jobFinished);
    const QString id = jobs.launchRemote(QStringLiteral("gpu1"), r, &error);
    QVERIFY2(!id.isEmpty(), qPrintable(error));
    QVERIFY(finished.wait(60000));
    QVERIFY(store->flush());
    const auto job = store->job(id);
    QCOMPARE(jobStateName(job->state), QStringLiteral("failed"));
    QCOMPARE(job->exitCode.value_or(0), 1);
    const QJsonObject summary = QJsonDocument::fromJson(job->summaryJson.toUtf8()).object();
    QVERIFY(summary.value(QLatin1String("log_tail"))
                .toString()
                .contains(QStringLiteral("out of memory")));
    QVERIFY(
        summary.value(QLatin1String("findings")).toArray().contains(QStringLiteral("cuda_oom")));
}

void TestRemoteJobService::scriptMetricsFromLog()
{
    QTemporaryDir data;
    QString error;
    auto store = Store::open(data.path(), &error);
    QVERIFY(store);
    JobService jobs(store.get(), data.path());
    jobs.recover();
    addMachine(*store);
    RemoteJobRequest r;
    r.kind = QStringLiteral("script");
    r.command = {
        QStringLiteral("sh"), QStringLiteral("-c"),
        QStringLiteral(
            "echo preparing data; for i in 1 2 3 4 5; do echo \"Epoch [1/2], Step [$i/5], Loss: "
            "0.$i\"; "
            "sleep 0.3; done; echo \"{'eval_loss': 0.4, 'eval_accuracy': 0.8, 'epoch': 1.0}\"")};
    r.metricsPreset = QStringLiteral("auto");
    QSignalSpy finished(&jobs, &JobService::jobFinished);
    QSignalSpy metrics(&jobs, &JobService::metricsAppended);
    const QString id = jobs.launchRemote(QStringLiteral("gpu1"), r, &error);
    QVERIFY2(!id.isEmpty(), qPrintable(error));
    QVERIFY(finished.wait(60000));
    QVERIFY(store->flush());
    QCOMPARE(jobStateName(store->job(id)->state), QStringLiteral("succeeded"));
    const QList<MetricPoint> loss =
        store->metricSeries(id, QStringLiteral("loss"), QStringLiteral("step"));
    QCOMPARE(loss.size(), 5);
    QCOMPARE(loss.first().step.value_or(-1), qint64(1));
    QCOMPARE(loss.last().value, 0.5);
    const QList<MetricPoint> acc =
        store->metricSeries(id, QStringLiteral("accuracy"), QStringLiteral("eval"));
    QCOMPARE(acc.size(), 1);
    QCOMPARE(acc.first().value, 0.8);
    QVERIFY(metrics.count() >= 1);
    // An unknown format is refused before anything starts.
    r.metricsPreset = QStringLiteral("keras");
    QVERIFY(jobs.launchRemote(QStringLiteral("gpu1"), r, &error).isEmpty());
    QVERIFY(error.contains(QStringLiteral("keras")));
}

void TestRemoteJobService::unknownHostKeyIsRefusedInBackground()
{
    QTemporaryDir data;
    QString error;
    auto store = Store::open(data.path(), &error);
    QVERIFY(store);
    JobService jobs(store.get(), data.path());
    jobs.recover();
    addMachine(*store);
    const QByteArray saved = qgetenv("TRAINDECK_KNOWN_HOSTS");
    qputenv("TRAINDECK_KNOWN_HOSTS", data.filePath(QStringLiteral("empty_known_hosts")).toUtf8());
    QSignalSpy problems(&jobs, &JobService::connectionProblem);
    RemoteJobRequest r;
    r.kind = QStringLiteral("script");
    r.command = {QStringLiteral("true")};
    const QString id = jobs.launchRemote(QStringLiteral("gpu1"), r, &error);
    QVERIFY(!id.isEmpty());
    QVERIFY(problems.wait(30000));
    qputenv("TRAINDECK_KNOWN_HOSTS", saved);
    QVERIFY(!QFile::exists(m_sshd.remoteRoot() + QStringLiteral("/jobs/") + id)); // nothing ran
}

QTEST_GUILESS_MAIN(TestRemoteJobService)
#include "test_remote_job_service.moc"
