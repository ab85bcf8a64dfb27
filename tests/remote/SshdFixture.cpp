#include "SshdFixture.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QThread>
#include <QUuid>

#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

namespace td::test {

namespace {

const QString kSshd = QStringLiteral("/usr/sbin/sshd");

int freeLoopbackPort()
{
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    int port = 0;
    if (::bind(s, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0 &&
        ::getsockname(s, reinterpret_cast<sockaddr *>(&addr), &len) == 0)
        port = ntohs(addr.sin_port);
    ::close(s);
    return port;
}

QList<int> childPids(int parent)
{
    QProcess ps;
    ps.setStandardInputFile(QProcess::nullDevice());
    ps.start(QStringLiteral("ps"), {QStringLiteral("--ppid"), QString::number(parent),
                                    QStringLiteral("-o"), QStringLiteral("pid=")});
    ps.waitForFinished(5000);
    QList<int> pids;
    for (const QByteArray &line : ps.readAllStandardOutput().split('\n')) {
        bool ok = false;
        const int pid = line.trimmed().toInt(&ok);
        if (ok)
            pids << pid;
    }
    return pids;
}

} // namespace

SshdFixture::SshdFixture() = default;

SshdFixture::~SshdFixture()
{
    stopAgent();
    stop();
}

QString SshdFixture::userName() const
{
    const passwd *pw = ::getpwuid(::geteuid());
    return pw ? QString::fromLocal8Bit(pw->pw_name) : QString();
}

QString SshdFixture::dir() const
{
    return m_dir ? m_dir->path() : QString();
}
QString SshdFixture::userKeyPath() const
{
    return dir() + QStringLiteral("/id_user");
}
QString SshdFixture::encryptedKeyPath() const
{
    return dir() + QStringLiteral("/id_encrypted");
}
QString SshdFixture::unauthorizedKeyPath() const
{
    return dir() + QStringLiteral("/id_stranger");
}
QString SshdFixture::knownHostsPath() const
{
    return dir() + QStringLiteral("/client/known_hosts");
}
QString SshdFixture::remoteRoot() const
{
    return dir() + QStringLiteral("/remote-root");
}
QString SshdFixture::logPath() const
{
    return dir() + QStringLiteral("/sshd.log");
}

bool SshdFixture::runTool(const QString &program, const QStringList &args, QString *error,
                          const QStringList &env, QByteArray *out)
{
    QProcess p;
    p.setStandardInputFile(QProcess::nullDevice());
    if (!env.isEmpty()) {
        QStringList e = QProcess::systemEnvironment();
        e << env;
        p.setEnvironment(e);
    }
    p.start(program, args);
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = program + QStringLiteral(" failed: ") +
                 QString::fromLocal8Bit(p.readAllStandardError()) + p.errorString();
        return false;
    }
    if (out)
        *out = p.readAllStandardOutput();
    return true;
}

bool SshdFixture::generateKey(const QString &path, const QByteArray &passphrase, QString *error)
{
    QFile::remove(path);
    QFile::remove(path + QStringLiteral(".pub"));
    return runTool(QStringLiteral("ssh-keygen"),
                   {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                    QStringLiteral("-N"), QString::fromLatin1(passphrase), QStringLiteral("-C"),
                    QStringLiteral("traindeck-test"), QStringLiteral("-f"), path},
                   error);
}

bool SshdFixture::writeConfig(QString *error)
{
    QFile cfg(dir() + QStringLiteral("/sshd_config"));
    if (!cfg.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write sshd_config");
        return false;
    }
    // Exactly the documented test configuration; absolute paths because sshd re-executes
    // itself for every connection.
    const QString d = dir();
    cfg.write(QStringLiteral("Port %1\n"
                             "ListenAddress 127.0.0.1\n"
                             "HostKey %2/ssh_host_ed25519_key\n"
                             "AuthorizedKeysFile %2/authorized_keys\n"
                             "PidFile %2/sshd.pid\n"
                             "StrictModes no\n"
                             "UsePAM no\n"
                             "MaxStartups 100:30:200\n"
                             "Subsystem sftp internal-sftp\n")
                  .arg(m_port)
                  .arg(d)
                  .toUtf8());
    return true;
}

bool SshdFixture::launch(QString *error)
{
    if (::geteuid() == 0)
        QDir().mkpath(QStringLiteral("/run/sshd")); // privilege separation directory
    QFile::remove(logPath());
    m_sshd = std::make_unique<QProcess>();
    m_sshd->setStandardInputFile(QProcess::nullDevice());
    m_sshd->setStandardOutputFile(dir() + QStringLiteral("/sshd.stdout"));
    m_sshd->setStandardErrorFile(dir() + QStringLiteral("/sshd.stderr"));
    m_sshd->start(kSshd, {QStringLiteral("-D"), QStringLiteral("-f"),
                          dir() + QStringLiteral("/sshd_config"), QStringLiteral("-E"), logPath()});
    if (!m_sshd->waitForStarted(5000)) {
        *error = QStringLiteral("could not start sshd: ") + m_sshd->errorString();
        return false;
    }
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 10000) {
        QFile log(logPath());
        if (log.open(QIODevice::ReadOnly) && log.readAll().contains("Server listening on"))
            return true;
        if (m_sshd->state() == QProcess::NotRunning)
            break;
        QThread::msleep(20);
    }
    QFile log(logPath());
    log.open(QIODevice::ReadOnly);
    *error =
        QStringLiteral("sshd did not start listening: ") + QString::fromLocal8Bit(log.readAll());
    stop();
    return false;
}

bool SshdFixture::start(QString *error)
{
    if (!QFileInfo(kSshd).isExecutable()) {
        *error = QStringLiteral("%1 is not installed (package openssh-server)").arg(kSshd);
        return false;
    }
    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/td-sshd-XXXXXX"));
    if (!m_dir->isValid()) {
        *error = QStringLiteral("no temporary directory");
        return false;
    }
    // sshd refuses keys in group/world-writable directories unless StrictModes is off; keep the
    // directory private anyway, it holds private keys.
    QFile::setPermissions(dir(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QDir().mkpath(dir() + QStringLiteral("/client"));
    QDir().mkpath(remoteRoot());
    if (!generateKey(dir() + QStringLiteral("/ssh_host_ed25519_key"), {}, error) ||
        !generateKey(userKeyPath(), {}, error) ||
        !generateKey(encryptedKeyPath(), passphrase(), error) ||
        !generateKey(unauthorizedKeyPath(), {}, error))
        return false;
    QFile auth(dir() + QStringLiteral("/authorized_keys"));
    if (!auth.open(QIODevice::WriteOnly))
        return false;
    for (const QString &key : {userKeyPath(), encryptedKeyPath()}) {
        QFile pub(key + QStringLiteral(".pub"));
        pub.open(QIODevice::ReadOnly);
        auth.write(pub.readAll());
    }
    auth.close();
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_port = freeLoopbackPort();
        if (!writeConfig(error))
            return false;
        if (launch(error))
            return true;
        // Another process may have taken the port between probing and binding: retry.
    }
    return false;
}

void SshdFixture::stop()
{
    if (!m_sshd)
        return;
    if (m_sshd->state() != QProcess::NotRunning) {
        const qint64 pid = m_sshd->processId();
        // Stop open connections first; the listener alone would leave them running.
        cutConnections();
        ::kill(pid_t(pid), SIGTERM);
        if (!m_sshd->waitForFinished(5000)) {
            ::kill(pid_t(pid), SIGKILL);
            m_sshd->waitForFinished(2000);
        }
    }
    m_sshd.reset();
}

bool SshdFixture::isRunning() const
{
    return m_sshd && m_sshd->state() == QProcess::Running;
}

QString SshdFixture::hostKeyFingerprint() const
{
    QByteArray out;
    QString error;
    if (!runTool(QStringLiteral("ssh-keygen"),
                 {QStringLiteral("-l"), QStringLiteral("-E"), QStringLiteral("sha256"),
                  QStringLiteral("-f"), dir() + QStringLiteral("/ssh_host_ed25519_key.pub")},
                 &error, {}, &out))
        return {};
    const QList<QByteArray> parts = out.split(' ');
    return parts.size() > 1 ? QString::fromLatin1(parts.at(1)) : QString();
}

bool SshdFixture::regenerateHostKey(QString *error)
{
    stop();
    if (!generateKey(dir() + QStringLiteral("/ssh_host_ed25519_key"), {}, error))
        return false;
    return launch(error);
}

int SshdFixture::connectionCount() const
{
    return m_sshd ? int(childPids(int(m_sshd->processId())).size()) : 0;
}

int SshdFixture::cutConnections()
{
    if (!m_sshd || m_sshd->state() == QProcess::NotRunning)
        return 0;
    // The per-connection sshd and everything it started (privilege-separated child, the
    // remote command): killing them together drops the link at once.
    const QList<int> direct = childPids(int(m_sshd->processId()));
    QList<int> all;
    QList<int> queue = direct;
    while (!queue.isEmpty()) {
        const int pid = queue.takeFirst();
        all << pid;
        queue << childPids(pid);
    }
    for (int pid : all)
        ::kill(pid_t(pid), SIGKILL);
    return int(direct.size());
}

bool SshdFixture::passwordUserExists()
{
    return ::getpwnam(passwordUser().toLocal8Bit().constData()) != nullptr;
}

bool SshdFixture::startAgent(QString *error)
{
    if (!m_dir && !(m_dir = std::make_unique<QTemporaryDir>())->isValid())
        return false;
    m_agentSocket = dir() + QStringLiteral("/agent.sock");
    QFile::remove(m_agentSocket);
    m_agent = std::make_unique<QProcess>();
    m_agent->setStandardInputFile(QProcess::nullDevice());
    m_agent->setStandardOutputFile(dir() + QStringLiteral("/agent.log"));
    m_agent->setStandardErrorFile(dir() + QStringLiteral("/agent.log"), QIODevice::Append);
    m_agent->start(QStringLiteral("ssh-agent"),
                   {QStringLiteral("-D"), QStringLiteral("-a"), m_agentSocket});
    if (!m_agent->waitForStarted(5000)) {
        *error = QStringLiteral("could not start ssh-agent: ") + m_agent->errorString();
        return false;
    }
    QElapsedTimer t;
    t.start();
    while (!QFileInfo::exists(m_agentSocket) && t.elapsed() < 5000)
        QThread::msleep(20);
    // The socket file appears at bind(), a moment before the agent listens: retry briefly.
    for (int attempt = 0;; ++attempt) {
        if (runTool(QStringLiteral("ssh-add"), {QStringLiteral("-q"), userKeyPath()}, error,
                    {QStringLiteral("SSH_AUTH_SOCK=") + m_agentSocket}))
            return true;
        if (attempt == 50)
            return false;
        QThread::msleep(50);
    }
}

void SshdFixture::stopAgent()
{
    if (m_agent && m_agent->state() != QProcess::NotRunning) {
        ::kill(pid_t(m_agent->processId()), SIGTERM);
        m_agent->waitForFinished(3000);
    }
    m_agent.reset();
}

} // namespace td::test
