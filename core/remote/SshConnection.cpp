#include "core/remote/SshConnection.h"

#include "core/remote/CredentialStore.h"
#include "core/remote/RemoteTr.h"
#include "core/remote/SshAuth.h"
#include "core/remote/SshExecChannel.h"
#include "core/remote/SshWorker.h"

#include <QMetaObject>

namespace td {

SshWorker::SshWorker(SshConnection *owner) : m_owner(owner) {}

SshWorker::~SshWorker()
{
    session.disconnect();
}

void SshWorker::doConnect(bool reconnect)
{
    if (!m_keepalive) {
        m_keepalive = new QTimer(this);
        connect(m_keepalive, &QTimer::timeout, this, &SshWorker::keepalive);
        m_retry = new QTimer(this);
        m_retry->setSingleShot(true);
        connect(m_retry, &QTimer::timeout, this, [this] { doConnect(true); });
    }
    m_keepalive->stop();
    session.resetCancel();
    m_triedKeychain = false;
    QMetaObject::invokeMethod(m_owner, [o = m_owner, reconnect] {
        o->setState(reconnect ? SshConnection::State::Reconnecting
                              : SshConnection::State::Connecting);
    });
    const SshError e = session.connect(options, this);
    if (!e) {
        m_attempt = 0;
        if (keepaliveMs > 0)
            m_keepalive->start(keepaliveMs);
        const HostKeyInfo key = session.hostKey();
        QMetaObject::invokeMethod(m_owner, [o = m_owner, key] {
            o->setState(SshConnection::State::Connected);
            Q_EMIT o->connected(key);
        });
        return;
    }
    // Only a dropped link or a timeout is retried; a refusal (host key, login) never is.
    if (reconnect && autoReconnect && e.isTransient() && ++m_attempt < maxAttempts) {
        const int delay = qMin(30000, 1000 << (m_attempt - 1));
        m_retry->start(delay);
        QMetaObject::invokeMethod(
            m_owner, [o = m_owner, a = m_attempt, delay] { Q_EMIT o->reconnecting(a, delay); });
        return;
    }
    m_attempt = 0;
    QMetaObject::invokeMethod(m_owner, [o = m_owner, e] {
        o->setState(SshConnection::State::Disconnected);
        Q_EMIT o->failed(e);
    });
}

void SshWorker::doDisconnect()
{
    if (m_keepalive)
        m_keepalive->stop();
    if (m_retry)
        m_retry->stop();
    session.disconnect();
    QMetaObject::invokeMethod(m_owner,
                              [o = m_owner] { o->setState(SshConnection::State::Disconnected); });
}

void SshWorker::keepalive()
{
    const SshError e = session.sendKeepalive();
    if (!e)
        return;
    m_keepalive->stop();
    session.disconnect();
    if (autoReconnect) {
        m_attempt = 1;
        QMetaObject::invokeMethod(m_owner, [o = m_owner] { Q_EMIT o->reconnecting(1, 0); });
        doConnect(true);
        return;
    }
    QMetaObject::invokeMethod(m_owner, [o = m_owner, e] {
        o->setState(SshConnection::State::Disconnected);
        Q_EMIT o->failed(e);
    });
}

std::optional<std::pair<std::optional<QByteArray>, bool>> SshWorker::waitForAnswer()
{
    QMutexLocker lock(&m_mutex);
    while (!m_hasAnswer) {
        if (session.cancelFlag().isCancelled())
            return std::nullopt;
        m_answered.wait(&m_mutex, 100);
    }
    m_hasAnswer = false;
    auto result = std::make_pair(std::exchange(m_answerValue, std::nullopt), m_answerFlag);
    return result;
}

void SshWorker::answer(std::optional<QByteArray> value, bool flag)
{
    QMutexLocker lock(&m_mutex);
    m_answerValue = std::move(value);
    m_answerFlag = flag;
    m_hasAnswer = true;
    m_answered.wakeAll();
}

bool SshWorker::confirmUnknownHostKey(const HostKeyInfo &info)
{
    QMetaObject::invokeMethod(
        m_owner, [o = m_owner, info] { Q_EMIT o->hostKeyConfirmationRequested(info); });
    const auto a = waitForAnswer();
    return a && a->second;
}

std::optional<QByteArray> SshWorker::keyPassphrase(const QString &keyPath, int attempt)
{
    QMetaObject::invokeMethod(m_owner, [o = m_owner, keyPath, attempt] {
        Q_EMIT o->passphraseRequested(keyPath, attempt);
    });
    auto a = waitForAnswer();
    if (!a || !a->first || a->first->isEmpty())
        return std::nullopt;
    return a->first;
}

std::optional<PasswordAnswer> SshWorker::password(const SshHop &hop, int attempt)
{
    if (useKeychain && !m_triedKeychain) {
        m_triedKeychain = true;
        std::optional<QByteArray> stored = CredentialStore().readPassword(
            CredentialStore::keyFor(hop.user, hop.host, hop.effectivePort()));
        if (stored && !stored->isEmpty())
            return PasswordAnswer{*stored, false};
    }
    const QString who = hop.toString();
    QMetaObject::invokeMethod(
        m_owner, [o = m_owner, who, attempt] { Q_EMIT o->passwordRequested(who, attempt); });
    auto a = waitForAnswer();
    if (!a || !a->first || a->first->isEmpty())
        return std::nullopt;
    return PasswordAnswer{*a->first, a->second};
}

void SshWorker::passwordAccepted(const SshHop &hop, const PasswordAnswer &answer)
{
    if (useKeychain && answer.remember)
        CredentialStore().writePassword(
            CredentialStore::keyFor(hop.user, hop.host, hop.effectivePort()), answer.password);
}

SshConnection::SshConnection(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<td::SshError>();
    qRegisterMetaType<td::HostKeyInfo>();
    m_worker = new SshWorker(this);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.setObjectName(QStringLiteral("ssh"));
    m_thread.start();
}

SshConnection::~SshConnection()
{
    cancel();
    m_thread.quit();
    m_thread.wait();
}

void SshConnection::setState(State s)
{
    if (m_state == s)
        return;
    m_state = s;
    Q_EMIT stateChanged(s);
}

void SshConnection::setOptions(const SshConnectOptions &options)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, options] { w->options = options; });
}

void SshConnection::setKeepaliveInterval(int ms)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, ms] { w->keepaliveMs = ms; });
}

void SshConnection::setAutoReconnect(bool on, int maxAttempts)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, on, maxAttempts] {
        w->autoReconnect = on;
        w->maxAttempts = maxAttempts;
    });
}

void SshConnection::setUseKeychain(bool on)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, on] { w->useKeychain = on; });
}

void SshConnection::connectToHost()
{
    m_worker->session.resetCancel();
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->doConnect(false); });
}

void SshConnection::disconnectFromHost()
{
    m_worker->session.cancel();
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->doDisconnect(); });
}

void SshConnection::cancel()
{
    // Thread-safe by design: an atomic flag the worker polls between non-blocking steps.
    m_worker->session.cancel();
}

int SshConnection::runCommand(const RemoteCommand &command, int timeoutMs)
{
    const int id = m_nextCommandId++;
    post([this, id, command, timeoutMs](SshSession &s) {
        s.resetCancel();
        SshError error;
        int status = -1;
        if (auto ch = s.openExec(command, &error)) {
            ch->setSink([this, id](const char *d, int n, bool isErr) {
                const QByteArray chunk(d, n);
                QMetaObject::invokeMethod(
                    this, [this, id, chunk, isErr] { Q_EMIT commandOutput(id, chunk, isErr); });
                return true;
            });
            error = ch->sendEof();
            if (!error)
                error = ch->waitForExit(timeoutMs);
            status = ch->exitStatus();
        }
        QMetaObject::invokeMethod(
            this, [this, id, status, error] { Q_EMIT commandFinished(id, status, error); });
    });
    return id;
}

void SshConnection::post(std::function<void(SshSession &)> work)
{
    QMetaObject::invokeMethod(m_worker,
                              [w = m_worker, work = std::move(work)] { work(w->session); });
}

void SshConnection::answerHostKey(bool accept)
{
    m_worker->answer(std::nullopt, accept);
}

void SshConnection::answerPassphrase(const QByteArray &passphrase)
{
    m_worker->answer(passphrase, false);
}

void SshConnection::answerPassword(const QByteArray &password, bool remember)
{
    m_worker->answer(password, remember);
}

} // namespace td
