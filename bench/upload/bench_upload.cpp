// Times one Uploader::run of a local tree to an sshd, for bench/upload/run.sh.
// Prints one line: "seconds files_sent files_unchanged bytes_sent bytes_total".
#include "core/remote/SshSession.h"
#include "core/remote/Upload.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>

using namespace td;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    const QCommandLineOption host(QStringLiteral("host"), QStringLiteral("Host."),
                                  QStringLiteral("host"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Port."),
                                  QStringLiteral("port"));
    const QCommandLineOption user(QStringLiteral("user"), QStringLiteral("User."),
                                  QStringLiteral("user"));
    const QCommandLineOption identity(QStringLiteral("identity"), QStringLiteral("Key file."),
                                      QStringLiteral("file"));
    const QCommandLineOption knownHosts(QStringLiteral("known-hosts"),
                                        QStringLiteral("known_hosts file holding the host key."),
                                        QStringLiteral("file"));
    const QCommandLineOption source(QStringLiteral("source"), QStringLiteral("Local tree."),
                                    QStringLiteral("dir"));
    const QCommandLineOption remote(QStringLiteral("remote"), QStringLiteral("Remote folder."),
                                    QStringLiteral("dir"));
    const QCommandLineOption state(QStringLiteral("state"),
                                   QStringLiteral("Local state folder (manifest cache)."),
                                   QStringLiteral("dir"));
    const QCommandLineOption noVerify(
        QStringLiteral("no-verify"),
        QStringLiteral("Do not hash the files again on the remote after they are written."));
    p.addOptions({host, port, user, identity, knownHosts, source, remote, state, noVerify});
    p.process(app);
    for (const QCommandLineOption &o : {port, user, identity, knownHosts, source, remote, state}) {
        if (!p.isSet(o)) {
            std::fprintf(stderr, "missing --%s\n", qPrintable(o.names().constFirst()));
            return 2;
        }
    }

    SshConnectOptions o;
    o.endpoint.host = p.value(host);
    o.endpoint.port = p.value(port).toInt();
    o.endpoint.user = p.value(user);
    o.endpoint.identityFile = p.value(identity);
    o.knownHostsPath = p.value(knownHosts);
    // The system-wide known hosts file must not decide anything here.
    o.globalKnownHostsPath = p.value(knownHosts) + QStringLiteral(".global-none");
    o.useAgent = false;
    o.tryDefaultKeys = false;
    o.allowPassword = false;

    // Connecting is timed too: scp, rsync and ssh pay for their handshake in their figures.
    QElapsedTimer clock;
    clock.start();
    SshSession session;
    if (SshError e = session.connect(o, nullptr)) {
        std::fprintf(stderr, "connect: %s\n", qPrintable(e.message));
        return 1;
    }
    Uploader uploader(session);
    UploadRequest req;
    req.sources = {p.value(source)};
    req.remoteDir = p.value(remote);
    req.stateDir = p.value(state);
    req.machineKey = QStringLiteral("bench");
    req.verifyOnRemote = !p.isSet(noVerify);
    UploadReport rep;
    if (SshError e = uploader.run(req, &rep)) {
        std::fprintf(stderr, "upload: %s\n", qPrintable(e.message));
        return 1;
    }
    session.disconnect();
    std::printf("%.3f %d %d %lld %lld\n", double(clock.nsecsElapsed()) / 1e9, rep.filesSent,
                rep.filesUnchanged, static_cast<long long>(rep.bytesSent),
                static_cast<long long>(rep.bytesTotal));
    return 0;
}
