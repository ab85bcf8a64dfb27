// Parsing of pasted ssh command lines and of OpenSSH config files (through libssh's parser).
#include "core/remote/SshEndpoint.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace td;

class TestSshLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("identity");
        QTest::addColumn<QString>("jump");

        QTest::newRow("seetacloud") << "ssh -p 41234 root@connect.westb.seetacloud.com"
                                    << "connect.westb.seetacloud.com" << 41234 << "root"
                                    << ""
                                    << "";
        QTest::newRow("no ssh word") << "root@1.2.3.4"
                                     << "1.2.3.4" << 0 << "root"
                                     << ""
                                     << "";
        QTest::newRow("host only") << "ssh gpu-box"
                                   << "gpu-box" << 0 << ""
                                   << ""
                                   << "";
        QTest::newRow("-l") << "ssh -l ubuntu 10.0.0.5"
                            << "10.0.0.5" << 0 << "ubuntu"
                            << ""
                            << "";
        QTest::newRow("-l wins over user@") << "ssh -l a b@h"
                                            << "h" << 0 << "a"
                                            << ""
                                            << "";
        QTest::newRow("identity") << "ssh -i ~/.ssh/id_vast -p 2222 root@ssh4.vast.ai"
                                  << "ssh4.vast.ai" << 2222 << "root"
                                  << "~/.ssh/id_vast"
                                  << "";
        QTest::newRow("quoted identity") << "ssh -i \"/home/me/my keys/id\" root@h"
                                         << "h" << 0 << "root"
                                         << "/home/me/my keys/id"
                                         << "";
        QTest::newRow("attached values") << "ssh -p2200 -iid_x -lbob h"
                                         << "h" << 2200 << "bob"
                                         << "id_x"
                                         << "";
        QTest::newRow("-o Port=") << "ssh -o Port=2022 -o User=alice host.example"
                                  << "host.example" << 2022 << "alice"
                                  << ""
                                  << "";
        QTest::newRow("-o with space") << "ssh -o 'IdentityFile /k/id' -oPort=7 h"
                                       << "h" << 7 << ""
                                       << "/k/id"
                                       << "";
        QTest::newRow("-p wins over -o Port") << "ssh -p 1 -o Port=2 h"
                                              << "h" << 1 << ""
                                              << ""
                                              << "";
        QTest::newRow("jump") << "ssh -J bastion@jump.example:2200 root@10.1.2.3"
                              << "10.1.2.3" << 0 << "root"
                              << ""
                              << "bastion@jump.example:2200";
        QTest::newRow("two jumps") << "ssh -J a,u@b:23 t"
                                   << "t" << 0 << ""
                                   << ""
                                   << "a,u@b:23";
        QTest::newRow("ProxyJump option") << "ssh -o ProxyJump=j1 t"
                                          << "t" << 0 << ""
                                          << ""
                                          << "j1";
        QTest::newRow("harmless flags") << "ssh -tt -A -C -v -4 -o StrictHostKeyChecking=no "
                                           "-o ServerAliveInterval=30 -L 8888:localhost:8888 "
                                           "root@h"
                                        << "h" << 0 << "root"
                                        << ""
                                        << "";
        QTest::newRow("ssh uri") << "ssh ssh://me@example.org:2222"
                                 << "example.org" << 2222 << "me"
                                 << ""
                                 << "";
        QTest::newRow("ipv6") << "ssh root@fe80::1"
                              << "fe80::1" << 0 << "root"
                              << ""
                              << "";
        QTest::newRow("path to ssh") << "/usr/bin/ssh -p 22 h"
                                     << "h" << 22 << ""
                                     << ""
                                     << "";
        QTest::newRow("surrounding spaces") << "   ssh   -p  5   h   "
                                            << "h" << 5 << ""
                                            << ""
                                            << "";
    }
    void parses()
    {
        QFETCH(QString, line);
        const SshLineParseResult r = parseSshLine(line);
        QVERIFY2(r.ok, qPrintable(r.error));
        QTEST(r.endpoint.host, "host");
        QTEST(r.endpoint.port, "port");
        QTEST(r.endpoint.user, "user");
        QTEST(r.endpoint.identityFile, "identity");
        QTEST(r.endpoint.jumpSpec(), "jump");
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("errorPart");
        QTest::newRow("empty") << ""
                               << "empty";
        QTest::newRow("only ssh") << "ssh"
                                  << "No host";
        QTest::newRow("port zero") << "ssh -p 0 h"
                                   << "port";
        QTest::newRow("port too big") << "ssh -p 70000 h"
                                      << "port";
        QTest::newRow("port text") << "ssh -p abc h"
                                   << "port";
        QTest::newRow("missing value") << "ssh h -p"
                                       << "needs a value";
        QTest::newRow("unknown flag") << "ssh -Z h"
                                      << "Unknown";
        QTest::newRow("remote command") << "ssh h ls -la"
                                        << "Unexpected";
        QTest::newRow("garbage") << "hello world how are you"
                                 << "Unexpected";
        QTest::newRow("shell metachar host") << "ssh 'h;rm -rf /'"
                                             << "not a valid host";
        QTest::newRow("unterminated quote") << "ssh -i 'abc h"
                                            << "quote";
        QTest::newRow("proxycommand") << "ssh -o ProxyCommand='nc %h %p' h"
                                      << "ProxyCommand";
        QTest::newRow("bad jump") << "ssh -J 'a b' h"
                                  << "not a valid host";
        QTest::newRow("bad user") << "ssh -l 'a b' h"
                                  << "user";
        QTest::newRow("uri with path") << "ssh ssh://h/path"
                                       << "path";
    }
    void rejects()
    {
        QFETCH(QString, line);
        QFETCH(QString, errorPart);
        const SshLineParseResult r = parseSshLine(line);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(errorPart, Qt::CaseInsensitive), qPrintable(r.error));
    }

    void jumpSpecRoundTrip()
    {
        QList<SshHop> hops;
        QString error;
        QVERIFY(parseJumpSpec(QStringLiteral("a,u@b:23,[::1]:2222"), &hops, &error));
        QCOMPARE(hops.size(), 3);
        QCOMPARE(hops.at(2).host, QStringLiteral("::1"));
        QCOMPARE(hops.at(2).port, 2222);
        SshEndpoint ep;
        ep.jump = hops;
        QCOMPARE(ep.jumpSpec(), QStringLiteral("a,u@b:23,[::1]:2222"));
    }

    void configAlias_data()
    {
        QTest::addColumn<QString>("config");
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("identity");
        QTest::addColumn<QString>("jump");
        QTest::addColumn<QString>("alias");

        const QString cfg = QStringLiteral("Host gpu1\n"
                                           "    HostName connect.westb.seetacloud.com\n"
                                           "    Port 41234\n"
                                           "    User root\n"
                                           "    IdentityFile /keys/id_seeta\n"
                                           "\n"
                                           "Host behind\n"
                                           "  HostName 10.0.0.7\n"
                                           "  User trainer\n"
                                           "  ProxyJump jumper@bastion.example.org:2200\n"
                                           "\n"
                                           "Host *.lab\n"
                                           "  User labuser\n"
                                           "  Port 2022\n"
                                           "\n"
                                           "Host weird\n"
                                           "  HostName weird.example\n"
                                           "  ProxyCommand nc %h %p\n");
        QTest::newRow("full alias") << cfg << "ssh gpu1"
                                    << "connect.westb.seetacloud.com" << 41234 << "root"
                                    << "/keys/id_seeta"
                                    << ""
                                    << "gpu1";
        QTest::newRow("explicit wins") << cfg << "ssh -p 22 admin@gpu1"
                                       << "connect.westb.seetacloud.com" << 22 << "admin"
                                       << "/keys/id_seeta"
                                       << ""
                                       << "gpu1";
        QTest::newRow("proxyjump") << cfg << "ssh behind"
                                   << "10.0.0.7" << 0 << "trainer"
                                   << ""
                                   << "jumper@bastion.example.org:2200"
                                   << "behind";
        QTest::newRow("wildcard") << cfg << "ssh box.lab"
                                  << "box.lab" << 2022 << "labuser"
                                  << ""
                                  << ""
                                  << "box.lab";
        QTest::newRow("no match") << cfg << "ssh other.example"
                                  << "other.example" << 0 << ""
                                  << ""
                                  << ""
                                  << "";
        QTest::newRow("proxycommand ignored") << cfg << "ssh weird"
                                              << "weird.example" << 0 << ""
                                              << ""
                                              << ""
                                              << "weird";
    }
    void configAlias()
    {
        QFETCH(QString, config);
        QFETCH(QString, line);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("config"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(config.toUtf8());
        f.close();

        const SshLineParseResult parsed = parseSshLine(line);
        QVERIFY2(parsed.ok, qPrintable(parsed.error));
        const SshConfigResolution r = resolveSshConfig(parsed.endpoint, path);
        QVERIFY(r.ok);
        QTEST(r.endpoint.host, "host");
        QTEST(r.endpoint.port, "port");
        QTEST(r.endpoint.user, "user");
        QTEST(r.endpoint.identityFile, "identity");
        QTEST(r.endpoint.jumpSpec(), "jump");
        QTEST(r.endpoint.configAlias, "alias");
        if (QTest::currentDataTag() == QByteArray("proxycommand ignored"))
            QVERIFY(r.warning.contains(QStringLiteral("ProxyCommand")));
    }

    void missingConfigIsNoChange()
    {
        SshEndpoint ep;
        ep.host = QStringLiteral("h");
        const SshConfigResolution r = resolveSshConfig(ep, QStringLiteral("/nonexistent/config"));
        QVERIFY(r.ok);
        QCOMPARE(r.endpoint, ep);
    }
};

QTEST_GUILESS_MAIN(TestSshLine)
#include "test_ssh_line.moc"
