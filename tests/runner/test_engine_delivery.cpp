// Shipping traindeck-engine to a machine (the loopback sshd) and checking it runs there.
#include "core/jobs/EngineDelivery.h"
#include "core/remote/SshSession.h"

#include "SshdFixture.h"
#include "TestInteraction.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTest>

using namespace td;
using namespace td::test;

class TestEngineDelivery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void shipsOnceThenReuses();
    void explainsStartFailures_data();
    void explainsStartFailures();

private:
    SshdFixture m_sshd;
};

void TestEngineDelivery::initTestCase()
{
    QString error;
    if (!m_sshd.start(&error))
        QSKIP(qPrintable(QStringLiteral("cannot start the test sshd: ") + error));
}

void TestEngineDelivery::shipsOnceThenReuses()
{
    SshConnectOptions o;
    o.endpoint = SshEndpoint{m_sshd.host(), m_sshd.port(), m_sshd.userName(), m_sshd.userKeyPath(), {}, {}};
    o.knownHostsPath = m_sshd.knownHostsPath();
    o.globalKnownHostsPath = m_sshd.dir() + QStringLiteral("/no-global-known-hosts");
    o.useAgent = false;
    o.tryDefaultKeys = false;
    ScriptedInteraction ui;
    SshSession s;
    QVERIFY(!s.connect(o, &ui));
    const QString engine = qEnvironmentVariable("TRAINDECK_ENGINE");

    EngineDeliveryResult first;
    QStringList progress;
    const SshError e = EngineDelivery::deliver(s, m_sshd.remoteRoot(), engine, &first,
                                               [&](const QString &p) { progress << p; });
    QVERIFY2(!e, qPrintable(e.message));
    QVERIFY(!first.reused);
    QVERIFY(first.enginePath.startsWith(m_sshd.remoteRoot() + QStringLiteral("/engine/")));
    QVERIFY(!progress.isEmpty());
    QVERIFY(first.doctor.contains(QStringLiteral("glibc")) || !first.doctor.isEmpty());
    // The copy is byte-identical to the local binary.
    QFile a(engine), b(first.enginePath);
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    QCOMPARE(QCryptographicHash::hash(b.readAll(), QCryptographicHash::Sha256),
             QCryptographicHash::hash(a.readAll(), QCryptographicHash::Sha256));
    QVERIFY(!first.gpuUsable); // no GPU here: doctor says CPU only

    EngineDeliveryResult second;
    QVERIFY(!EngineDelivery::deliver(s, m_sshd.remoteRoot(), engine, &second));
    QVERIFY(second.reused);
    QCOMPARE(second.enginePath, first.enginePath);

    EngineDeliveryResult missing;
    const SshError noFile = EngineDelivery::deliver(s, m_sshd.remoteRoot(), QStringLiteral("/nonexistent/engine"), &missing);
    QCOMPARE(noFile.kind, SshErrorKind::LocalIoError);
}

void TestEngineDelivery::explainsStartFailures_data()
{
    QTest::addColumn<QString>("output");
    QTest::addColumn<QString>("expected");
    QTest::newRow("glibc") << QStringLiteral("/root/.traindeck/engine/x/traindeck-engine: /lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.34' not found (required by ...)")
                           << QStringLiteral("2.34");
    QTest::newRow("openblas") << QStringLiteral("traindeck-engine: error while loading shared libraries: libopenblas.so.0: cannot open shared object file: No such file or directory")
                              << QStringLiteral("libopenblas0-pthread");
    QTest::newRow("cublas") << QStringLiteral("error while loading shared libraries: libcublas.so.13: cannot open shared object file")
                            << QStringLiteral("libcublas.so.13");
    QTest::newRow("arch") << QStringLiteral("bash: ./traindeck-engine: cannot execute binary file: Exec format error")
                          << QStringLiteral("architecture");
}

void TestEngineDelivery::explainsStartFailures()
{
    QFETCH(QString, output);
    QFETCH(QString, expected);
    const QString text = EngineDelivery::explainStartFailure(output);
    QVERIFY2(text.contains(expected), qPrintable(text));
}

QTEST_GUILESS_MAIN(TestEngineDelivery)
#include "test_engine_delivery.moc"
