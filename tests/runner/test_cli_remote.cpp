// traindeck-cli end to end against a real sshd on 127.0.0.1 running the CPU engine: add a
// machine, upload hostile names, run, lose the connection, attach, download, history; and the
// error paths with their exit codes.
#include "core/jobs/EngineConfig.h"
#include "core/store/Store.h"

#include "SshdFixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <unistd.h>

using namespace td;
using namespace td::test;

class TestCliRemote : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void addRefusesUnknownKeyWithoutTerminal();
    void addMachine();
    void errorPaths();
    void uploadHostileNames();
    void uploadToFullDiskFailsCleanly();
    void runCutAttachDownloadHistory();
    void changedHostKeyIsExit4();

private:
    struct Result
    {
        int code = -1;
        QString out;
        QString err;
    };
    Result cli(const QStringList &args, int timeoutMs = 120000);
    QProcessEnvironment env() const;
    QStringList sshLine(const QString &key) const;

    SshdFixture m_sshd;
    QTemporaryDir m_data;
    QTemporaryDir m_home;
};

QProcessEnvironment TestCliRemote::env() const
{
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.insert(QStringLiteral("TRAINDECK_KNOWN_HOSTS"), m_sshd.knownHostsPath());
    e.insert(QStringLiteral("SSH_AUTH_SOCK"), QString());
    e.insert(QStringLiteral("HOME"), m_home.path()); // never the real ~/.ssh keys or config
    e.insert(QStringLiteral("TRAINDECK_LANG"), QStringLiteral("en"));
    return e;
}

TestCliRemote::Result TestCliRemote::cli(const QStringList &args, int timeoutMs)
{
    QProcess p;
    p.setProgram(qEnvironmentVariable("TRAINDECK_CLI"));
    p.setArguments(QStringList{QStringLiteral("--data-dir"), m_data.path()} + args);
    p.setProcessEnvironment(env());
    p.start();
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QStringList TestCliRemote::sshLine(const QString &key) const
{
    return {QStringLiteral("--"),
            QStringLiteral("ssh"),
            QStringLiteral("-p"),
            QString::number(m_sshd.port()),
            QStringLiteral("-i"),
            key,
            m_sshd.userName() + QStringLiteral("@127.0.0.1")};
}

void TestCliRemote::initTestCase()
{
    if (!EngineConfig::checkDataset(EngineConfig::defaultDatasetDir()).isEmpty())
        QSKIP("Fashion-MNIST is not installed (package dataset-fashion-mnist)");
    QString error;
    if (!m_sshd.start(&error))
        QSKIP(qPrintable(QStringLiteral("cannot start the test sshd: ") + error));
}

void TestCliRemote::addRefusesUnknownKeyWithoutTerminal()
{
    const Result r = cli(QStringList{QStringLiteral("machines"), QStringLiteral("add"),
                                     QStringLiteral("--name"), QStringLiteral("gpu0")} +
                         sshLine(m_sshd.userKeyPath()));
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains(m_sshd.hostKeyFingerprint()), qPrintable(r.err)); // says what to pass
    QVERIFY(r.err.contains(QStringLiteral("--accept-fingerprint")));
    const Result wrong =
        cli(QStringList{QStringLiteral("machines"), QStringLiteral("add"), QStringLiteral("--name"),
                        QStringLiteral("gpu0"), QStringLiteral("--accept-fingerprint"),
                        QStringLiteral("SHA256:not-the-key")} +
            sshLine(m_sshd.userKeyPath()));
    QCOMPARE(wrong.code, 3);
    const Result list =
        cli({QStringLiteral("--json"), QStringLiteral("machines"), QStringLiteral("list")});
    QCOMPARE(QJsonDocument::fromJson(list.out.toUtf8()).array().size(), 1); // Local only
}

void TestCliRemote::addMachine()
{
    const Result r =
        cli(QStringList{QStringLiteral("machines"), QStringLiteral("add"), QStringLiteral("--name"),
                        QStringLiteral("gpu1"), QStringLiteral("--root"), m_sshd.remoteRoot(),
                        QStringLiteral("--price"), QStringLiteral("1.98"),
                        QStringLiteral("--accept-fingerprint"), m_sshd.hostKeyFingerprint()} +
            sshLine(m_sshd.userKeyPath()));
    QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
    QVERIFY(r.out.contains(m_sshd.hostKeyFingerprint()));
    const Result list =
        cli({QStringLiteral("--json"), QStringLiteral("machines"), QStringLiteral("list")});
    const QJsonArray machines = QJsonDocument::fromJson(list.out.toUtf8()).array();
    QCOMPARE(machines.size(), 2);
    const Result probe =
        cli({QStringLiteral("machines"), QStringLiteral("probe"), QStringLiteral("gpu1")});
    QVERIFY2(probe.code == 0, qPrintable(probe.err));
    QVERIFY(probe.out.contains(QStringLiteral("GPU")));
}

void TestCliRemote::errorPaths()
{
    QCOMPARE(cli({QStringLiteral("upload"), QStringLiteral("nosuch"), m_home.path()}).code, 1);
    const Result missing = cli({QStringLiteral("upload"), QStringLiteral("gpu1"),
                                m_home.filePath(QStringLiteral("nope"))});
    QCOMPARE(missing.code, 1);
    QVERIFY(missing.err.contains(QStringLiteral("nope")));
    // A key the server does not know: refused authentication is exit 3.
    const Result auth =
        cli(QStringList{QStringLiteral("machines"), QStringLiteral("add"), QStringLiteral("--name"),
                        QStringLiteral("gpu2"), QStringLiteral("--accept-fingerprint"),
                        m_sshd.hostKeyFingerprint()} +
            sshLine(m_sshd.unauthorizedKeyPath()));
    QCOMPARE(auth.code, 3);
    QCOMPARE(cli({QStringLiteral("attach"), QStringLiteral("ffffffff")}).code, 1);
    QCOMPARE(cli({QStringLiteral("machines"), QStringLiteral("add"), QStringLiteral("--name"),
                  QStringLiteral("x")})
                 .code,
             2);
}

void TestCliRemote::uploadHostileNames()
{
    QTemporaryDir src;
    const QStringList names{QStringLiteral("with space.txt"), QStringLiteral("quote'\"d.txt"),
                            QStringLiteral("$(touch pwned)"), QStringLiteral("`touch pwned2`"),
                            QStringLiteral("-leading-dash"),  QStringLiteral("训练数据.csv"),
                            QStringLiteral("new\nline")};
    QDir(src.path()).mkpath(QStringLiteral("tree/sub dir"));
    for (const QString &n : names) {
        QFile f(src.filePath(QStringLiteral("tree/sub dir/") + n));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(n.toUtf8().repeated(100));
    }
    const QString target = m_sshd.remoteRoot() + QStringLiteral("/data/tree");
    const Result r = cli({QStringLiteral("upload"), QStringLiteral("gpu1"),
                          src.filePath(QStringLiteral("tree")), target});
    QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
    for (const QString &n : names) {
        QFile f(target + QStringLiteral("/sub dir/") + n);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(n));
        QCOMPARE(f.readAll(), n.toUtf8().repeated(100));
    }
    QVERIFY(!QFile::exists(m_home.filePath(QStringLiteral("pwned"))));
    QVERIFY(!QFile::exists(QDir::home().filePath(QStringLiteral("pwned"))));
    const Result again = cli({QStringLiteral("upload"), QStringLiteral("gpu1"),
                              src.filePath(QStringLiteral("tree")), target});
    QCOMPARE(again.code, 0);
    QVERIFY2(again.out.contains(QStringLiteral("0 sent")),
             qPrintable(again.out)); // delta: nothing changed
}

void TestCliRemote::uploadToFullDiskFailsCleanly()
{
    // A tiny tmpfs stands for the remote's full disk; mounting needs root (as in CI).
    if (::geteuid() != 0)
        QSKIP("mounting a small tmpfs needs root");
    const QString mountPoint = m_sshd.remoteRoot() + QStringLiteral("/small-disk");
    QDir().mkpath(mountPoint);
    if (QProcess::execute(QStringLiteral("mount"),
                          {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                           QStringLiteral("size=2m"), QStringLiteral("tmpfs"), mountPoint}) != 0)
        QSKIP("cannot mount a tmpfs here");
    struct Unmount
    {
        QString path;
        ~Unmount() { QProcess::execute(QStringLiteral("umount"), {QStringLiteral("-l"), path}); }
    } unmount{mountPoint};

    QTemporaryDir src;
    QDir(src.path()).mkpath(QStringLiteral("data"));
    {
        QFile small(src.filePath(QStringLiteral("data/config.txt")));
        QVERIFY(small.open(QIODevice::WriteOnly));
        small.write("version 1\n");
    }
    const QString target = mountPoint + QStringLiteral("/data");
    QCOMPARE(cli({QStringLiteral("upload"), QStringLiteral("gpu1"),
                  src.filePath(QStringLiteral("data")), target})
                 .code,
             0);
    {
        QFile small(src.filePath(QStringLiteral("data/config.txt")));
        QVERIFY(small.open(QIODevice::WriteOnly));
        small.write("version 2\n");
        QFile big(src.filePath(QStringLiteral("data/weights.bin")));
        QVERIFY(big.open(QIODevice::WriteOnly));
        big.write(QByteArray(6 * 1024 * 1024, 'w')); // three times the disk
    }
    const Result full = cli({QStringLiteral("upload"), QStringLiteral("gpu1"),
                             src.filePath(QStringLiteral("data")), target});
    QVERIFY(full.code != 0);
    QVERIFY2(full.err.contains(QStringLiteral("space"), Qt::CaseInsensitive) ||
                 full.err.contains(QStringLiteral("No space")),
             qPrintable(full.err));
    // Nothing half-replaced: the old version of the changed file is still whole.
    QFile remote(target + QStringLiteral("/config.txt"));
    QVERIFY(remote.open(QIODevice::ReadOnly));
    QCOMPARE(remote.readAll(), QByteArray("version 1\n"));
    QVERIFY(!QFile::exists(target + QStringLiteral("/weights.bin")));
}

void TestCliRemote::runCutAttachDownloadHistory()
{
    const Result run =
        cli({QStringLiteral("run"), QStringLiteral("gpu1"), QStringLiteral("--epochs"),
             QStringLiteral("30"), QStringLiteral("--limit-train"), QStringLiteral("20000"),
             QStringLiteral("--threads"), QStringLiteral("1")});
    QVERIFY2(run.code == 0, qPrintable(run.out + run.err));
    const QString id = run.out.section(QLatin1Char('\n'), 0, 0).mid(4).trimmed();
    QVERIFY(!id.isEmpty());
    const QString jobDir = m_sshd.remoteRoot() + QStringLiteral("/jobs/") + id;

    // Follow it, cut that connection mid-run (the client reconnects), and follow to the end.
    QProcess attach;
    attach.setProgram(qEnvironmentVariable("TRAINDECK_CLI"));
    attach.setArguments(
        {QStringLiteral("--data-dir"), m_data.path(), QStringLiteral("attach"), id.left(8)});
    attach.setProcessEnvironment(env());
    attach.start();
    QVERIFY(attach.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(attach.bytesAvailable() > 0 || attach.state() != QProcess::Running,
                             60000);
    QThread::msleep(500);
    QVERIFY2(attach.state() == QProcess::Running,
             qPrintable(QString::fromUtf8(attach.readAllStandardError() +
                                          attach.readAllStandardOutput())));
    QVERIFY(!QFile::exists(jobDir + QStringLiteral("/exit_code"))); // really mid-run
    QVERIFY(m_sshd.cutConnections() >= 1);
    QVERIFY(attach.waitForFinished(300000));
    const QString attachErr = QString::fromUtf8(attach.readAllStandardError());
    QVERIFY2(attach.exitCode() == 0, qPrintable(attachErr));
    QVERIFY2(attachErr.contains(QStringLiteral("Connection lost")),
             qPrintable(attachErr)); // the cut was seen

    // The stored raw lines are the remote metrics.jsonl, line for line.
    {
        QString error;
        auto store = Store::open(m_data.path(), &error);
        QVERIFY(store);
        QFile f(jobDir + QStringLiteral("/metrics.jsonl"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QStringList remote = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
        remote.removeAll(QString());
        QCOMPARE(store->metricLines(id), remote);
    }

    QTemporaryDir results;
    const Result dl = cli({QStringLiteral("download"), QStringLiteral("gpu1"),
                           jobDir + QStringLiteral("/final"), results.path()});
    QVERIFY2(dl.code == 0, qPrintable(dl.out + dl.err));
    QVERIFY(QFile::exists(results.filePath(QStringLiteral("model.tdk"))));

    const Result history = cli({QStringLiteral("--json"), QStringLiteral("history")});
    const QJsonArray jobs = QJsonDocument::fromJson(history.out.toUtf8()).array();
    bool found = false;
    for (const QJsonValue &v : jobs) {
        const QJsonObject j = v.toObject();
        if (j.value(QLatin1String("id")).toString() == id) {
            found = true;
            QCOMPARE(j.value(QLatin1String("state")).toString(), QStringLiteral("succeeded"));
            QVERIFY(j.value(QLatin1String("final_test_accuracy")).toDouble() > 0.5);
        }
    }
    QVERIFY(found);
}

void TestCliRemote::changedHostKeyIsExit4()
{
    QString error;
    QVERIFY2(m_sshd.regenerateHostKey(&error), qPrintable(error));
    const Result r =
        cli({QStringLiteral("machines"), QStringLiteral("probe"), QStringLiteral("gpu1")});
    QCOMPARE(r.code, 4);
    QVERIFY2(r.err.contains(m_sshd.hostKeyFingerprint()) ||
                 r.err.contains(QStringLiteral("known_hosts")),
             qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestCliRemote)
#include "test_cli_remote.moc"
