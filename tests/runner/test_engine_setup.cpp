// Putting traindeck-engine on a machine (the loopback sshd) and reading what its doctor says.
#include "core/providers/EngineSetup.h"
#include "core/remote/SshSession.h"

#include "SshdFixture.h"
#include "TestInteraction.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace td;
using namespace td::test;

class TestEngineSetup : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void uploadsOnceThenReuses();
    void explainsStartFailures_data();
    void explainsStartFailures();
    void verdictFromDoctorExit();
};

void TestEngineSetup::uploadsOnceThenReuses()
{
    SshdFixture sshd;
    QString error;
    if (!sshd.start(&error))
        QSKIP(qPrintable(QStringLiteral("cannot start the test sshd: ") + error));
    SshConnectOptions o;
    o.endpoint = SshEndpoint{sshd.host(), sshd.port(), sshd.userName(), sshd.userKeyPath(), {}, {}};
    o.knownHostsPath = sshd.knownHostsPath();
    o.globalKnownHostsPath = sshd.dir() + QStringLiteral("/no-global-known-hosts");
    o.useAgent = false;
    o.tryDefaultKeys = false;
    ScriptedInteraction ui;
    SshSession s;
    QVERIFY(!s.connect(o, &ui));

    QTemporaryDir state;
    EngineSetupRequest r;
    r.localEngine = qEnvironmentVariable("TRAINDECK_ENGINE");
    r.remoteRoot = sshd.remoteRoot();
    r.stateDir = state.path();
    r.machineKey = QStringLiteral("m1");
    r.datasetDir = sshd.remoteRoot() + QStringLiteral("/no-dataset-here");
    // The bundled binary's path; building on the machine is test_engine_build's subject.
    r.buildFromSource = EngineBuildMode::Never;
    EngineSetupResult first;
    const SshError e = EngineSetup::run(s, r, QString(), &first);
    QVERIFY2(!e, qPrintable(e.message));
    QVERIFY(first.uploaded);
    QCOMPARE(first.enginePath, sshd.remoteRoot() + QStringLiteral("/engine/traindeck-engine"));
    QCOMPARE(first.verdict, EngineSetupResult::Verdict::CpuOnly); // no GPU here
    QCOMPARE(first.device(), QStringLiteral("cpu"));
    QVERIFY(first.datasetProblem.contains(QStringLiteral("no-dataset-here")));
    QFile a(r.localEngine), b(first.enginePath);
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    QCOMPARE(QCryptographicHash::hash(b.readAll(), QCryptographicHash::Sha256),
             QCryptographicHash::hash(a.readAll(), QCryptographicHash::Sha256));

    r.datasetDir = QStringLiteral("/usr/share/datasets/fashion-mnist");
    EngineSetupResult second;
    QVERIFY(!EngineSetup::run(s, r, QString(), &second));
    QVERIFY(!second.uploaded); // the same binary is not sent again
    if (QDir(r.datasetDir).exists())
        QVERIFY(second.datasetProblem.isEmpty());
}

void TestEngineSetup::explainsStartFailures_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("stderrText");
    QTest::addColumn<QString>("expected");
    QTest::newRow("glibc") << 1
                           << QStringLiteral(
                                  "./traindeck-engine: /lib/x86_64-linux-gnu/libc.so.6: version "
                                  "`GLIBC_2.34' not found (required by ./traindeck-engine)")
                           << QStringLiteral("2.34");
    QTest::newRow("openblas")
        << 127
        << QStringLiteral(
               "traindeck-engine: error while loading shared libraries: libopenblas.so.0: cannot "
               "open shared object file: No such file or directory")
        << QStringLiteral("libopenblas0-pthread");
    QTest::newRow("cublas") << 127
                            << QStringLiteral("error while loading shared libraries: "
                                              "libcublas.so.13: cannot open shared object file")
                            << QStringLiteral("libcublas.so.13");
    QTest::newRow("arch") << 126 << QStringLiteral("cannot execute binary file: Exec format error")
                          << QStringLiteral("x86-64");
}

void TestEngineSetup::explainsStartFailures()
{
    QFETCH(int, status);
    QFETCH(QString, stderrText);
    QFETCH(QString, expected);
    EngineSetupResult r;
    EngineSetup::interpretDoctor(status, QByteArray(), stderrText.toUtf8(), QStringLiteral("2.31"),
                                 &r);
    QCOMPARE(r.verdict, EngineSetupResult::Verdict::Unusable);
    QVERIFY2(r.problem.contains(expected), qPrintable(r.problem));
}

void TestEngineSetup::verdictFromDoctorExit()
{
    EngineSetupResult gpu, cpu, unusable;
    EngineSetup::interpretDoctor(0, R"({"gpus":[{"index":0}],"problems":[]})", {}, {}, &gpu);
    QCOMPARE(gpu.verdict, EngineSetupResult::Verdict::Gpu);
    EngineSetup::interpretDoctor(1, R"({"problems":["no driver"]})", {}, {}, &cpu);
    QCOMPARE(cpu.verdict, EngineSetupResult::Verdict::CpuOnly);
    QVERIFY(cpu.problem.contains(QStringLiteral("no driver")));
    EngineSetup::interpretDoctor(3, R"({"problems":["no code for sm_60"]})", {}, {}, &unusable);
    QCOMPARE(unusable.verdict, EngineSetupResult::Verdict::Unusable);
    QVERIFY(unusable.problem.contains(QStringLiteral("sm_60")));
}

QTEST_GUILESS_MAIN(TestEngineSetup)
#include "test_engine_setup.moc"
