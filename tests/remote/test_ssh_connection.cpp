// The asynchronous, signal-based connection: questions as signals, commands, keepalive and
// reconnection after the link is cut.
#include "RemoteTestUtil.h"
#include "SshdFixture.h"

#include "core/remote/SshConnection.h"

#include <QSignalSpy>
#include <QTest>

using namespace td;
using namespace td::test;

class TestSshConnection : public QObject
{
    Q_OBJECT

private:
    SshdFixture m_sshd;

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        if (!m_sshd.start(&error))
            QSKIP(qPrintable(QStringLiteral("no test sshd: ") + error));
    }

    void tofuThroughSignalsAndCommand()
    {
        SshConnection c;
        c.setOptions(fixtureOptions(m_sshd));
        QSignalSpy asked(&c, &SshConnection::hostKeyConfirmationRequested);
        QSignalSpy connected(&c, &SshConnection::connected);
        QSignalSpy failed(&c, &SshConnection::failed);
        connect(&c, &SshConnection::hostKeyConfirmationRequested, &c, [&](const HostKeyInfo &info) {
            c.answerHostKey(info.sha256Fingerprint == m_sshd.hostKeyFingerprint());
        });
        c.connectToHost();
        QVERIFY(connected.wait(10000));
        QCOMPARE(asked.size(), 1);
        QCOMPARE(failed.size(), 0);
        QCOMPARE(c.state(), SshConnection::State::Connected);

        QSignalSpy output(&c, &SshConnection::commandOutput);
        QSignalSpy finished(&c, &SshConnection::commandFinished);
        const int id = c.runCommand(
            RemoteCommand("sh").arg("-c").arg(QByteArray("echo one; echo two >&2; exit 7")));
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().at(0).toInt(), id);
        QCOMPARE(finished.first().at(1).toInt(), 7);
        QByteArray out, err;
        for (const QList<QVariant> &args : output)
            (args.at(2).toBool() ? err : out) += args.at(1).toByteArray();
        QCOMPARE(out, QByteArray("one\n"));
        QCOMPARE(err, QByteArray("two\n"));
    }

    void rejectedHostKeyFails()
    {
        QFile::remove(m_sshd.knownHostsPath());
        SshConnection c;
        c.setOptions(fixtureOptions(m_sshd));
        connect(&c, &SshConnection::hostKeyConfirmationRequested, &c,
                [&] { c.answerHostKey(false); });
        QSignalSpy failed(&c, &SshConnection::failed);
        c.connectToHost();
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.first().at(0).value<SshError>().kind, SshErrorKind::HostKeyRejected);
    }

    void cancelWhileWaitingForAnswer()
    {
        QFile::remove(m_sshd.knownHostsPath());
        SshConnection c;
        c.setOptions(fixtureOptions(m_sshd));
        connect(&c, &SshConnection::hostKeyConfirmationRequested, &c, [&] { c.cancel(); });
        QSignalSpy failed(&c, &SshConnection::failed);
        c.connectToHost();
        QVERIFY(failed.wait(10000));
        QVERIFY(!QFile::exists(m_sshd.knownHostsPath()));
    }

    void keepaliveNoticesCutAndReconnects()
    {
        SshConnection c;
        c.setOptions(fixtureOptions(m_sshd));
        c.setKeepaliveInterval(200);
        c.setAutoReconnect(true, 5);
        connect(&c, &SshConnection::hostKeyConfirmationRequested, &c,
                [&] { c.answerHostKey(true); });
        QSignalSpy connected(&c, &SshConnection::connected);
        QSignalSpy reconnecting(&c, &SshConnection::reconnecting);
        c.connectToHost();
        QVERIFY(connected.wait(10000));
        QVERIFY(m_sshd.cutConnections() >= 1);
        QVERIFY(reconnecting.wait(10000));
        QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 2, 15000);
        QSignalSpy finished(&c, &SshConnection::commandFinished);
        c.runCommand(RemoteCommand("true"));
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().at(1).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSshConnection)
#include "test_ssh_connection.moc"
