// Sessions, trust and authentication against a real OpenSSH server on loopback.
#include "SshdFixture.h"
#include "TestInteraction.h"

#include "core/remote/SshExecChannel.h"
#include "core/remote/SshSession.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <QThread>

#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace td;
using namespace td::test;

class TestSshSession : public QObject
{
    Q_OBJECT

private:
    SshdFixture m_sshd;

    SshConnectOptions keyOptions(const SshdFixture &sshd, const QString &key) const
    {
        SshConnectOptions o;
        o.endpoint.host = sshd.host();
        o.endpoint.port = sshd.port();
        o.endpoint.user = sshd.userName();
        o.endpoint.identityFile = key;
        o.knownHostsPath = sshd.knownHostsPath();
        o.globalKnownHostsPath = sshd.dir() + QStringLiteral("/no-global-known-hosts");
        o.useAgent = false;
        o.tryDefaultKeys = false;
        o.connectTimeoutMs = 10000;
        o.ioTimeoutMs = 10000;
        return o;
    }
    SshConnectOptions keyOptions() const { return keyOptions(m_sshd, m_sshd.userKeyPath()); }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        if (!m_sshd.start(&error))
            QSKIP(qPrintable(QStringLiteral("no test sshd: ") + error));
    }

    void init() { QFile::remove(m_sshd.knownHostsPath()); }

    void unknownHostRefusedWithoutAnyone()
    {
        SshSession s;
        const SshError e = s.connect(keyOptions(), nullptr);
        QCOMPARE(e.kind, SshErrorKind::HostKeyUnknown);
        QVERIFY(!QFile::exists(m_sshd.knownHostsPath()));
    }

    void rejectedFingerprintIsNotRecorded()
    {
        ScriptedInteraction ui;
        ui.acceptHostKeys = false;
        SshSession s;
        const SshError e = s.connect(keyOptions(), &ui);
        QCOMPARE(e.kind, SshErrorKind::HostKeyRejected);
        QCOMPARE(ui.askedHostKeys.size(), 1);
        QVERIFY(!QFile::exists(m_sshd.knownHostsPath()));
    }

    void keyAuthWithTofuThenKnown()
    {
        ScriptedInteraction ui;
        {
            SshSession s;
            const SshError e = s.connect(keyOptions(), &ui);
            QVERIFY2(!e, qPrintable(e.message));
            QCOMPARE(ui.askedHostKeys.size(), 1);
            QCOMPARE(ui.askedHostKeys.first().sha256Fingerprint, m_sshd.hostKeyFingerprint());
            QCOMPARE(ui.askedHostKeys.first().port, m_sshd.port());
            QCOMPARE(s.hostKey().state, HostKeyState::Known);
            QByteArray out;
            const SshError r = s.runChecked(RemoteCommand("id").arg("-un"), &out);
            QVERIFY2(!r, qPrintable(r.message));
            QCOMPARE(out.trimmed(), m_sshd.userName().toUtf8());
        }
        // Second contact: known, nobody is asked.
        SshSession s2;
        const SshError e2 = s2.connect(keyOptions(), &ui);
        QVERIFY2(!e2, qPrintable(e2.message));
        QCOMPARE(ui.askedHostKeys.size(), 1);
    }

    void changedHostKeyRefused()
    {
        ScriptedInteraction ui;
        {
            SshSession s;
            QVERIFY(!s.connect(keyOptions(), &ui));
        }
        const QString oldFingerprint = m_sshd.hostKeyFingerprint();
        QString error;
        QVERIFY2(m_sshd.regenerateHostKey(&error), qPrintable(error));
        QVERIFY(m_sshd.hostKeyFingerprint() != oldFingerprint);
        const QByteArray knownBefore = [&] {
            QFile f(m_sshd.knownHostsPath());
            f.open(QIODevice::ReadOnly);
            return f.readAll();
        }();

        SshSession s;
        const SshError e = s.connect(keyOptions(), &ui);
        QCOMPARE(e.kind, SshErrorKind::HostKeyChanged);
        QCOMPARE(ui.askedHostKeys.size(), 1); // never offered for silent acceptance
        QVERIFY(e.message.contains(m_sshd.knownHostsPath()));
        QVERIFY(e.message.contains(m_sshd.hostKeyFingerprint()));
        QVERIFY(e.message.contains(QStringLiteral("man-in-the-middle")));
        QFile f(m_sshd.knownHostsPath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), knownBefore);
    }

    void agentAuth()
    {
        QString error;
        QVERIFY2(m_sshd.startAgent(&error), qPrintable(error));
        SshConnectOptions o = keyOptions(m_sshd, QString());
        o.useAgent = true;
        o.agentSocket = m_sshd.agentSocket();
        ScriptedInteraction ui;
        SshSession s;
        const SshError e = s.connect(o, &ui);
        m_sshd.stopAgent();
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(s.isConnected());
    }

    void encryptedKeyAsksPassphrase()
    {
        ScriptedInteraction ui;
        ui.passphrases = {QByteArray("wrong"), SshdFixture::passphrase()};
        SshSession s;
        const SshError e = s.connect(keyOptions(m_sshd, m_sshd.encryptedKeyPath()), &ui);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(ui.passphraseQuestions, 2);
    }

    void wrongKeyRefused()
    {
        ScriptedInteraction ui;
        SshSession s;
        SshConnectOptions o = keyOptions(m_sshd, m_sshd.unauthorizedKeyPath());
        o.allowPassword = false;
        const SshError e = s.connect(o, &ui);
        QCOMPARE(e.kind, SshErrorKind::AuthenticationFailed);
        QVERIFY(!s.isConnected());
    }

    void passwordAuth()
    {
        if (!SshdFixture::passwordUserExists())
            QSKIP("password login needs the test account tdk-sshtest, which ./tdk test creates "
                  "when run as root");
        SshConnectOptions o = keyOptions(m_sshd, QString());
        o.endpoint.user = SshdFixture::passwordUser();
        ScriptedInteraction ui;
        ui.passwords = {QByteArray("not-the-password"), SshdFixture::passwordUserPassword()};
        ui.rememberPassword = true;
        SshSession s;
        const SshError e = s.connect(o, &ui);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(ui.passwordQuestions, 2);
        QCOMPARE(ui.passwordsAccepted, 1);
        QByteArray out;
        QVERIFY(!s.runChecked(RemoteCommand("id").arg("-un"), &out));
        QCOMPARE(out.trimmed(), SshdFixture::passwordUser().toUtf8());
    }

    void wrongPasswordRefused()
    {
        if (!SshdFixture::passwordUserExists())
            QSKIP("password login needs the test account tdk-sshtest, which ./tdk test creates "
                  "when run as root");
        SshConnectOptions o = keyOptions(m_sshd, QString());
        o.endpoint.user = SshdFixture::passwordUser();
        ScriptedInteraction ui;
        ui.passwords = {QByteArray("wrong-1"), QByteArray("wrong-2"), QByteArray("wrong-3")};
        SshSession s;
        const SshError e = s.connect(o, &ui);
        QCOMPARE(e.kind, SshErrorKind::AuthenticationFailed);
        QCOMPARE(ui.passwordsAccepted, 0);
    }

    void jumpHost()
    {
        SshdFixture target;
        QString error;
        QVERIFY2(target.start(&error), qPrintable(error));
        // The target only knows the user key of the first fixture: copy it over.
        QFile::remove(target.dir() + QStringLiteral("/authorized_keys"));
        QVERIFY(QFile::copy(m_sshd.dir() + QStringLiteral("/authorized_keys"),
                            target.dir() + QStringLiteral("/authorized_keys")));

        SshConnectOptions o = keyOptions();
        o.endpoint.host = target.host();
        o.endpoint.port = target.port();
        o.endpoint.jump = {SshHop{m_sshd.host(), m_sshd.port(), m_sshd.userName()}};
        ScriptedInteraction ui;
        SshSession s;
        const SshError e = s.connect(o, &ui);
        QVERIFY2(!e, qPrintable(e.message));
        // Both hosts were verified, each with its own key.
        QCOMPARE(ui.askedHostKeys.size(), 2);
        QCOMPARE(ui.askedHostKeys.at(0).sha256Fingerprint, m_sshd.hostKeyFingerprint());
        QCOMPARE(ui.askedHostKeys.at(1).sha256Fingerprint, target.hostKeyFingerprint());
        QCOMPARE(ui.askedHostKeys.at(1).port, target.port());
        // The command runs on the target: its sshd has a connection, through the jump host.
        QByteArray out;
        const SshError r = s.runChecked(
            RemoteCommand("sh").arg("-c").arg(QByteArray("echo $SSH_CONNECTION")), &out);
        QVERIFY2(!r, qPrintable(r.message));
        QVERIFY2(out.trimmed().endsWith(QByteArray::number(target.port())), out.constData());
        QCOMPARE(target.connectionCount(), 1);
        // A bigger payload both ways through the bridge.
        QByteArray payload(3 * 1024 * 1024, 'x');
        for (int i = 0; i < payload.size(); ++i)
            payload[i] = char((i * 7919) >> 3);
        RemoteResult res;
        const SshError catError = s.run(RemoteCommand("cat"), &res, payload);
        QVERIFY2(!catError, qPrintable(sshErrorKindName(catError.kind) + catError.message));
        QCOMPARE(res.stdOut.size(), payload.size());
        QVERIFY(res.stdOut == payload);

        // A changed key on the target behind the jump is refused as well.
        s.disconnect();
        QVERIFY2(target.regenerateHostKey(&error), qPrintable(error));
        SshSession s2;
        QCOMPARE(s2.connect(o, &ui).kind, SshErrorKind::HostKeyChanged);
    }

    void commandsStatusAndStreams()
    {
        ScriptedInteraction ui;
        SshSession s;
        QVERIFY(!s.connect(keyOptions(), &ui));
        RemoteResult r;
        RemoteCommand cmd("sh");
        cmd.arg("-c").arg(QByteArray("printf out; printf err >&2; exit 3"));
        QVERIFY(!s.run(cmd, &r));
        QCOMPARE(r.exitStatus, 3);
        QCOMPARE(r.stdOut, QByteArray("out"));
        QCOMPARE(r.stdErr, QByteArray("err"));
        QCOMPARE(s.runChecked(cmd).kind, SshErrorKind::RemoteCommandFailed);

        // Streamed output arrives in pieces, before the command ends.
        SshError error;
        auto ch = s.openExec(RemoteCommand("sh").arg("-c").arg(
                                 QByteArray("for i in 1 2 3; do echo $i; sleep 0.2; done")),
                             &error);
        QVERIFY(ch);
        QList<QByteArray> pieces;
        ch->setSink([&](const char *d, int n, bool) {
            pieces << QByteArray(d, n);
            return true;
        });
        QVERIFY(!ch->sendEof());
        QVERIFY(!ch->waitForExit());
        QCOMPARE(pieces.join(), QByteArray("1\n2\n3\n"));
        QVERIFY(pieces.size() >= 2);

        // NUL in an argument cannot be sent.
        QCOMPARE(s.run(RemoteCommand("echo").arg(QByteArray("a\0b", 3)), &r).kind,
                 SshErrorKind::InvalidRequest);
    }

    void timeoutAndCancel()
    {
        ScriptedInteraction ui;
        SshSession s;
        QVERIFY(!s.connect(keyOptions(), &ui));
        RemoteResult r;
        QElapsedTimer t;
        t.start();
        QCOMPARE(s.run(RemoteCommand("sleep").arg("5"), &r, {}, 500).kind, SshErrorKind::Timeout);
        QVERIFY(t.elapsed() < 3000);

        t.restart();
        std::thread canceller([&] {
            QThread::msleep(300);
            s.cancel();
        });
        const SshError e = s.run(RemoteCommand("sleep").arg("5"), &r);
        canceller.join();
        QCOMPARE(e.kind, SshErrorKind::Cancelled);
        QVERIFY(t.elapsed() < 3000);
        s.resetCancel();
        QVERIFY(!s.runChecked(RemoteCommand("true")));
    }

    void cutConnectionIsNoticed()
    {
        ScriptedInteraction ui;
        SshSession s;
        QVERIFY(!s.connect(keyOptions(), &ui));
        QVERIFY(!s.sendKeepalive());
        QVERIFY(m_sshd.cutConnections() >= 1);
        RemoteResult r;
        const SshError e = s.run(RemoteCommand("true"), &r);
        QCOMPARE(e.kind, SshErrorKind::ConnectionFailed);
    }

    void connectTimeout()
    {
        // A listening socket that never speaks SSH: the handshake must time out.
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        QVERIFY(::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0);
        QVERIFY(::listen(fd, 1) == 0);
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
        SshConnectOptions o = keyOptions();
        o.endpoint.port = ntohs(addr.sin_port);
        o.connectTimeoutMs = 800;
        SshSession s;
        QElapsedTimer t;
        t.start();
        QCOMPARE(s.connect(o, nullptr).kind, SshErrorKind::Timeout);
        QVERIFY(t.elapsed() < 4000);
        ::close(fd);
    }
};

QTEST_GUILESS_MAIN(TestSshSession)
#include "test_ssh_session.moc"
