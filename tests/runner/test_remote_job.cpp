// The remote runner protocol against a real sshd on 127.0.0.1 running the CPU engine: a
// detached job survives a cut connection and a restarted app, and reattaching stores every
// metric line exactly once.
#include "core/jobs/EngineConfig.h"
#include "core/jobs/RemoteJob.h"
#include "core/remote/SshSession.h"
#include "core/store/Store.h"

#include "SshdFixture.h"
#include "TestInteraction.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace td;
using namespace td::test;

class TestRemoteJob : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void runScriptQuotesEverything();
    void survivesCutConnectionAndRestart();
    void stopIsRecognised();
    void deadJobIsDetected();

private:
    SshConnectOptions options() const;
    bool connect(SshSession &s);
    JobRecord makeJob(Store &store, const QString &id);
    RemoteLaunchSpec engineSpec(const QString &jobDir, int epochs, int limit) const;
    // Polls until the job leaves Running/Starting; returns the last status.
    RemoteJobStatus pollUntilDone(RemoteJob &job, SshSession &s, int timeoutMs,
                                  QStringList *log = nullptr);

    SshdFixture m_sshd;
    QString m_engine;
};

SshConnectOptions TestRemoteJob::options() const
{
    SshConnectOptions o;
    o.endpoint.host = m_sshd.host();
    o.endpoint.port = m_sshd.port();
    o.endpoint.user = m_sshd.userName();
    o.endpoint.identityFile = m_sshd.userKeyPath();
    o.knownHostsPath = m_sshd.knownHostsPath();
    o.globalKnownHostsPath = m_sshd.dir() + QStringLiteral("/no-global-known-hosts");
    o.useAgent = false;
    o.tryDefaultKeys = false;
    o.connectTimeoutMs = 10000;
    o.ioTimeoutMs = 20000;
    return o;
}

bool TestRemoteJob::connect(SshSession &s)
{
    ScriptedInteraction ui;
    const SshError e = s.connect(options(), &ui);
    if (e)
        qWarning("connect: %s", qPrintable(e.message));
    return !e;
}

void TestRemoteJob::initTestCase()
{
    m_engine = qEnvironmentVariable("TRAINDECK_ENGINE");
    QVERIFY(QFile::exists(m_engine));
    if (!EngineConfig::checkDataset(EngineConfig::defaultDatasetDir()).isEmpty())
        QSKIP("Fashion-MNIST is not installed (package dataset-fashion-mnist)");
    QString error;
    if (!m_sshd.start(&error))
        QSKIP(qPrintable(QStringLiteral("cannot start the test sshd: ") + error));
}

JobRecord TestRemoteJob::makeJob(Store &store, const QString &id)
{
    MachineRecord m;
    m.id = QStringLiteral("m1");
    m.provider = QStringLiteral("ssh");
    m.name = QStringLiteral("loopback");
    m.host = m_sshd.host();
    m.port = m_sshd.port();
    m.remoteRoot = m_sshd.remoteRoot();
    m.createdAt = QDateTime::currentDateTimeUtc();
    store.upsertMachine(m);
    JobRecord j;
    j.id = id;
    j.machineId = m.id;
    j.kind = QStringLiteral("engine");
    j.state = JobState::Running;
    j.createdAt = QDateTime::currentDateTimeUtc();
    store.insertJob(j);
    return j;
}

RemoteLaunchSpec TestRemoteJob::engineSpec(const QString &jobDir, int epochs, int limit) const
{
    RemoteLaunchSpec spec;
    EngineConfig c;
    c.epochs = epochs;
    c.limitTrain = limit;
    c.threads = 1;
    spec.argv = QStringList{m_engine} + c.trainArguments(jobDir);
    spec.jobJson = R"({"protocol":1})";
    return spec;
}

RemoteJobStatus TestRemoteJob::pollUntilDone(RemoteJob &job, SshSession &s, int timeoutMs,
                                             QStringList *log)
{
    RemoteJobStatus status;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        status = RemoteJobStatus{};
        if (const SshError e = job.poll(s, &status)) {
            qWarning("poll: %s", qPrintable(e.message));
            break;
        }
        if (log)
            *log += status.newLogLines;
        if (status.phase == RemoteJobStatus::Phase::Exited ||
            status.phase == RemoteJobStatus::Phase::Dead)
            return status;
        QThread::msleep(200);
    }
    return status;
}

void TestRemoteJob::runScriptQuotesEverything()
{
    QTemporaryDir data;
    QString error;
    auto store = Store::open(data.path(), &error);
    QVERIFY(store);
    RemoteJob job(store.get(), QStringLiteral("m1"), QStringLiteral("~/.traindeck"),
                  QStringLiteral("j"));
    RemoteLaunchSpec spec;
    spec.argv = {QStringLiteral("python"), QStringLiteral("train.py"),
                 QStringLiteral("--name=$(touch pwned)"), QStringLiteral("it's `here`")};
    spec.workDir = QStringLiteral("/data/my project");
    const QByteArray script = job.runScript(spec);
    QVERIFY(script.contains("'--name=$(touch pwned)'"));
    QVERIFY(script.contains("'it'\\''s `here`'"));
    QVERIFY(script.contains("cd '/data/my project'"));
}

void TestRemoteJob::survivesCutConnectionAndRestart()
{
    QTemporaryDir data;
    QString error;
    const QString id = QStringLiteral("job-cut-1");
    const QString remoteJobDir = m_sshd.remoteRoot() + QStringLiteral("/jobs/") + id;
    int cutPolls = 0;
    {
        auto store = Store::open(data.path(), &error);
        QVERIFY2(store, qPrintable(error));
        makeJob(*store, id);
        SshSession s;
        QVERIFY(connect(s));
        RemoteJob job(store.get(), QStringLiteral("m1"), m_sshd.remoteRoot(), id);
        QVERIFY(!job.launch(s, engineSpec(remoteJobDir, 40, 20000)));

        // Wait for the first metric lines, then cut this connection's own sshd child.
        QDeadlineTimer deadline(60000);
        int rows = 0;
        while (rows < 3 && !deadline.hasExpired()) {
            RemoteJobStatus st;
            QVERIFY(!job.poll(s, &st));
            rows += int(st.newRows.size());
            QThread::msleep(100);
        }
        QVERIFY(rows >= 3);
        QVERIFY(m_sshd.cutConnections() >= 1);
        RemoteJobStatus st;
        const SshError cut = job.poll(s, &st);
        QVERIFY2(cut.isError(), "the poll after the cut must fail: the connection really was cut");
        ++cutPolls;

        // Reconnect in the same process: a new RemoteJob resumes from the stored offsets.
        SshSession s2;
        QVERIFY(connect(s2));
        RemoteJob again(store.get(), QStringLiteral("m1"), m_sshd.remoteRoot(), id);
        for (int i = 0; i < 5; ++i) {
            RemoteJobStatus st2;
            QVERIFY(!again.poll(s2, &st2));
            QCOMPARE(st2.phase, RemoteJobStatus::Phase::Running); // still running, detached
            QThread::msleep(150);
        }
        QVERIFY(store->flush());
    } // the "app" quits mid-run: store closed, session gone

    QVERIFY(QFile::exists(remoteJobDir + QStringLiteral("/pid")));
    QVERIFY(!QFile::exists(remoteJobDir + QStringLiteral("/exit_code"))); // still running
    auto store = Store::open(data.path(), &error);
    QVERIFY(store);
    SshSession s3;
    QVERIFY(connect(s3));
    RemoteJob reattached(store.get(), QStringLiteral("m1"), m_sshd.remoteRoot(), id);
    const RemoteJobStatus end = pollUntilDone(reattached, s3, 240000);
    QCOMPARE(end.phase, RemoteJobStatus::Phase::Exited);
    QCOMPARE(end.exitCode, 0);
    QVERIFY(store->flush());

    QFile remote(remoteJobDir + QStringLiteral("/metrics.jsonl"));
    QVERIFY(remote.open(QIODevice::ReadOnly));
    QStringList fileLines = QString::fromUtf8(remote.readAll()).split(QLatin1Char('\n'));
    if (fileLines.constLast().isEmpty())
        fileLines.removeLast();
    const QStringList stored = store->metricLines(id);
    QCOMPARE(stored.size(), fileLines.size()); // none twice, none missing
    QCOMPARE(stored, fileLines);
    QVERIFY(fileLines.constLast().contains(QStringLiteral("\"event\":\"end\"")));
    QCOMPARE(store->offset(id, QStringLiteral("metrics.jsonl")), remote.size());
    QCOMPARE(cutPolls, 1);
}

void TestRemoteJob::stopIsRecognised()
{
    QTemporaryDir data;
    QString error;
    auto store = Store::open(data.path(), &error);
    QVERIFY(store);
    const QString id = QStringLiteral("job-stop-1");
    const QString remoteJobDir = m_sshd.remoteRoot() + QStringLiteral("/jobs/") + id;
    makeJob(*store, id);
    SshSession s;
    QVERIFY(connect(s));
    RemoteJob job(store.get(), QStringLiteral("m1"), m_sshd.remoteRoot(), id);
    QVERIFY(!job.launch(s, engineSpec(remoteJobDir, 50, 0)));
    QDeadlineTimer deadline(60000);
    bool running = false;
    while (!running && !deadline.hasExpired()) {
        RemoteJobStatus st;
        QVERIFY(!job.poll(s, &st));
        running = !st.newRows.isEmpty();
        QThread::msleep(100);
    }
    QVERIFY(running);
    const bool haveTmux = QProcess::execute(QStringLiteral("sh"),
                                            {QStringLiteral("-c"),
                                             QStringLiteral("command -v tmux >/dev/null")}) == 0;
    QCOMPARE(job.launchedWithTmux(), haveTmux);
    if (haveTmux) // a terminal can follow the log while the job runs
        QCOMPARE(
            QProcess::execute(QStringLiteral("tmux"), {QStringLiteral("has-session"),
                                                       QStringLiteral("-t"), job.tmuxSession()}),
            0);
    QVERIFY(!job.signal(s, false));
    const RemoteJobStatus end = pollUntilDone(job, s, 60000);
    QVERIFY(end.stopRequested);
    QCOMPARE(end.phase, RemoteJobStatus::Phase::Exited);
    QVERIFY(end.exitCode != 0); // the engine checkpoints and exits 128 + SIGTERM
    QVERIFY(store->flush());
    const QStringList lines = store->metricLines(id);
    QVERIFY(lines.constLast().contains(QStringLiteral("\"stopped\"")));
    if (haveTmux) // and the window goes away with the job
        QTRY_COMPARE_WITH_TIMEOUT(QProcess::execute(QStringLiteral("tmux"),
                                                    {QStringLiteral("has-session"),
                                                     QStringLiteral("-t"), job.tmuxSession()}) != 0,
                                  true, 10000);
}

void TestRemoteJob::deadJobIsDetected()
{
    QTemporaryDir data;
    QString error;
    auto store = Store::open(data.path(), &error);
    QVERIFY(store);
    const QString id = QStringLiteral("job-dead-1");
    const QString remoteJobDir = m_sshd.remoteRoot() + QStringLiteral("/jobs/") + id;
    makeJob(*store, id);
    SshSession s;
    QVERIFY(connect(s));
    RemoteJob job(store.get(), QStringLiteral("m1"), m_sshd.remoteRoot(), id);
    QVERIFY(!job.launch(s, engineSpec(remoteJobDir, 50, 0)));
    QDeadlineTimer deadline(30000);
    while (!QFile::exists(remoteJobDir + QStringLiteral("/pid")) && !deadline.hasExpired())
        QThread::msleep(50);
    QThread::msleep(500);
    // Something outside TrainDeck kills the whole job (OOM killer, a reboot): no exit_code, no
    // stop_requested.
    QFile pidFile(remoteJobDir + QStringLiteral("/pid"));
    QVERIFY(pidFile.open(QIODevice::ReadOnly));
    const QByteArray pgid = pidFile.readAll().trimmed();
    QCOMPARE(QProcess::execute(QStringLiteral("kill"),
                               {QStringLiteral("-KILL"), QStringLiteral("--"),
                                QStringLiteral("-") + QString::fromLatin1(pgid)}),
             0);
    const RemoteJobStatus end = pollUntilDone(job, s, 30000);
    QCOMPARE(end.phase, RemoteJobStatus::Phase::Dead);
    QVERIFY(!end.stopRequested);
    QString tail;
    QVERIFY(!job.logTail(s, 20, &tail));
}

QTEST_GUILESS_MAIN(TestRemoteJob)
#include "test_remote_job.moc"
