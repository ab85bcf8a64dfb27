// traindeck-cli end to end on the Local machine: messages and exit codes.
#include "core/jobs/EngineConfig.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void usageErrors_data();
    void usageErrors();
    void unwritableDataDir();
    void unknownJob();
    void missingDataset();
    void runHistoryExport();

private:
    struct Result
    {
        int code = -1;
        QString out;
        QString err;
    };
    Result cli(const QStringList &args, int timeoutMs = 60000);
    QTemporaryDir m_data;
};

TestCli::Result TestCli::cli(const QStringList &args, int timeoutMs)
{
    QProcess p;
    p.setProgram(qEnvironmentVariable("TRAINDECK_CLI"));
    p.setArguments(QStringList{QStringLiteral("--data-dir"), m_data.path()} + args);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TRAINDECK_LANG"), QStringLiteral("en"));
    p.setProcessEnvironment(env);
    p.start();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

void TestCli::initTestCase()
{
    QVERIFY(QFile::exists(qEnvironmentVariable("TRAINDECK_CLI")));
}

void TestCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("no command") << QStringList{} << 0 << "Usage:";
    QTest::newRow("unknown command")
        << QStringList{QStringLiteral("frobnicate")} << 2 << "unknown command";
    QTest::newRow("run without machine") << QStringList{QStringLiteral("run")} << 2 << "machine";
    QTest::newRow("bad number") << QStringList{QStringLiteral("run"), QStringLiteral("local"),
                                               QStringLiteral("--epochs"), QStringLiteral("many")}
                                << 2 << "numbers";
    QTest::newRow("export without csv")
        << QStringList{QStringLiteral("export"), QStringLiteral("abc")} << 2 << "--csv";
    QTest::newRow("unknown machine")
        << QStringList{QStringLiteral("run"), QStringLiteral("gpu9")} << 1 << "gpu9";
}

void TestCli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, message);
    const Result r = cli(args);
    QCOMPARE(r.code, code);
    const QString all = r.out + r.err;
    QVERIFY2(all.contains(message), qPrintable(all));
}

void TestCli::unwritableDataDir()
{
    QProcess p;
    p.setProgram(qEnvironmentVariable("TRAINDECK_CLI"));
    p.setArguments({QStringLiteral("--data-dir"), QStringLiteral("/proc/traindeck-cannot-be-here"),
                    QStringLiteral("history")});
    p.start();
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 1);
    QVERIFY(QString::fromUtf8(p.readAllStandardError())
                .contains(QStringLiteral("/proc/traindeck-cannot-be-here")));
}

void TestCli::unknownJob()
{
    const Result r = cli({QStringLiteral("status"), QStringLiteral("deadbeef")});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(QStringLiteral("deadbeef")));
}

void TestCli::missingDataset()
{
    const Result r = cli({QStringLiteral("run"), QStringLiteral("local"), QStringLiteral("--data"),
                          m_data.filePath(QStringLiteral("nowhere"))});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("nowhere")), qPrintable(r.err));
}

void TestCli::runHistoryExport()
{
    if (!td::EngineConfig::checkDataset(td::EngineConfig::defaultDatasetDir()).isEmpty())
        QSKIP("Fashion-MNIST is not installed (package dataset-fashion-mnist)");
    const Result run =
        cli({QStringLiteral("run"), QStringLiteral("local"), QStringLiteral("--limit-train"),
             QStringLiteral("2000"), QStringLiteral("--epochs"), QStringLiteral("1"),
             QStringLiteral("--threads"), QStringLiteral("1")},
            120000);
    QVERIFY2(run.code == 0, qPrintable(run.out + run.err));
    QVERIFY(run.out.startsWith(QStringLiteral("job ")));
    const QString id = run.out.section(QLatin1Char('\n'), 0, 0).mid(4).trimmed();
    QVERIFY(run.out.contains(QStringLiteral("final_test_accuracy=")));

    const Result history = cli({QStringLiteral("--json"), QStringLiteral("history")});
    QCOMPARE(history.code, 0);
    const QJsonArray jobs = QJsonDocument::fromJson(history.out.toUtf8()).array();
    QCOMPARE(jobs.size(), 1);
    const QJsonObject job = jobs.first().toObject();
    QCOMPARE(job.value(QLatin1String("id")).toString(), id);
    QCOMPARE(job.value(QLatin1String("state")).toString(), QStringLiteral("succeeded"));
    QVERIFY(job.value(QLatin1String("final_test_accuracy")).toDouble() > 0.5);

    const QString csv = m_data.filePath(QStringLiteral("out.csv"));
    const Result exported =
        cli({QStringLiteral("export"), id.left(8), QStringLiteral("--csv"), csv});
    QCOMPARE(exported.code, 0);
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().split('\n');
    QCOMPARE(lines.first(), QByteArray("seq,event,split,epoch,step,name,value,time"));
    QVERIFY(lines.size() > 5);
    for (const QByteArray &l : lines) {
        if (!l.isEmpty())
            QCOMPARE(l.count(','), 7);
    }
    const Result logs = cli({QStringLiteral("logs"), id});
    QCOMPARE(logs.code, 0);
    QVERIFY(logs.out.contains(QStringLiteral("\"event\":\"end\"")));
}

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
