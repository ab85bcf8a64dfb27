#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace td::test {

// A real OpenSSH server on 127.0.0.1 for tests: throw-away host key, user keys and
// authorized_keys in a temporary directory, output to files (never the test runner's pipes),
// stopped by its own pid. Each instance also has its own remote root directory.
class SshdFixture
{
public:
    SshdFixture();
    ~SshdFixture();
    SshdFixture(const SshdFixture &) = delete;
    SshdFixture &operator=(const SshdFixture &) = delete;

    // Generates keys and config, starts sshd and waits until it listens. On failure the error
    // says why (e.g. sshd missing), for a QSKIP or QFAIL message.
    bool start(QString *error);
    void stop();
    bool isRunning() const;

    QString host() const { return QStringLiteral("127.0.0.1"); }
    int port() const { return m_port; }
    QString userName() const;         // the account running the tests
    QString dir() const;              // the temporary directory holding everything
    QString userKeyPath() const;      // ed25519, no passphrase, authorized
    QString encryptedKeyPath() const; // ed25519 with passphrase(), authorized
    static QByteArray passphrase() { return "fixture-passphrase"; }
    QString unauthorizedKeyPath() const; // a valid key the server does not know
    QString knownHostsPath() const;      // empty at first, for the client under test
    QString hostKeyFingerprint() const;  // "SHA256:..." of the current host key
    QString remoteRoot() const;          // a fresh directory for this run's remote files
    QString logPath() const;

    // Replaces the host key and restarts on the same port (the "reinstalled server" case).
    bool regenerateHostKey(QString *error);
    // Cuts every live connection by killing the per-connection sshd processes (not the
    // listener), as a dropped network link would. Returns how many were killed.
    int cutConnections();
    // Number of live per-connection processes.
    int connectionCount() const;

    // The dedicated password-login account created by "./tdk test" when run as root.
    static QString passwordUser() { return QStringLiteral("tdk-sshtest"); }
    static QByteArray passwordUserPassword() { return "tdk-sshtest-Pw-7g2K"; }
    static bool passwordUserExists();

    // A real ssh-agent (output to a file, stopped by pid) holding userKeyPath().
    bool startAgent(QString *error);
    QString agentSocket() const { return m_agentSocket; }
    void stopAgent();

private:
    bool generateKey(const QString &path, const QByteArray &passphrase, QString *error);
    bool writeConfig(QString *error);
    bool launch(QString *error);
    static bool runTool(const QString &program, const QStringList &args, QString *error,
                        const QStringList &env = {}, QByteArray *out = nullptr);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_sshd;
    std::unique_ptr<QProcess> m_agent;
    QString m_agentSocket;
    int m_port = 0;
};

} // namespace td::test
