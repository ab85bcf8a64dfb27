#include "core/remote/CredentialStore.h"

#include "core/remote/RemoteTr.h"

#ifdef TRAINDECK_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

#include <QCoreApplication>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QThread>

#include <condition_variable>
#include <memory>
#include <mutex>

namespace td {

bool CredentialStore::isAvailable()
{
#ifdef TRAINDECK_HAVE_KEYCHAIN
    return true;
#else
    return false;
#endif
}

QString CredentialStore::keyFor(const QString &user, const QString &host, int port)
{
    return QStringLiteral("ssh:%1@%2:%3").arg(user, host).arg(port);
}

namespace {
// Carries a probe's answer back to the caller's thread (see probe()).
class ProbeRelay : public QObject
{
    Q_OBJECT
Q_SIGNALS:
    void answered(bool works, const QString &reason);
};
} // namespace

#ifdef TRAINDECK_HAVE_KEYCHAIN
namespace {

struct Outcome
{
    QKeychain::Error error = QKeychain::NoError;
    QString errorString;
    QByteArray data; // read jobs only
};

using MakeJob = std::function<QKeychain::Job *()>;
using Done = std::function<void(const Outcome &)>;

QString stoppedMessage()
{
    return RemoteTr::tr("The keychain cannot be used while TrainDeck shuts down.");
}

// The one thread on which every QtKeychain job of the process runs. QtKeychain is not
// thread-safe: its job queue is an unguarded global (JobExecutor) created in the thread that
// starts the first job, and jobs finish through D-Bus replies and GLib callbacks delivered to
// the event loop of the thread that started them. Jobs started from several threads at once
// corrupt that queue, and a job started in a thread without a running event loop never
// finishes. One long-lived thread with its own event loop avoids both; callers block on a
// condition variable, never on an event loop, so no caller thread needs one and the GUI
// thread cannot deadlock against it.
//
// The thread must not be restarted: QtKeychain's queue stays bound to the first thread. It is
// stopped when QCoreApplication is destroyed (before static destructors run underneath it);
// later calls fail cleanly.
class KeychainThread
{
public:
    static KeychainThread &instance()
    {
        // Never deleted: the process may still have callers when static destructors run.
        static KeychainThread *const self = new KeychainThread;
        return *self;
    }

    // Starts a job on the keychain thread; done runs there (or in shutdown()) exactly once.
    // false, without calling done, once the thread has stopped.
    bool submit(MakeJob make, Done done)
    {
        const std::lock_guard lock(m_mutex);
        if (m_stopped)
            return false;
        if (!m_thread)
            startLocked();
        const quint64 id = ++m_lastId;
        m_pending.insert(id, std::move(done));
        QMetaObject::invokeMethod(
            m_context, [this, id, make = std::move(make)] { run(id, make); }, Qt::QueuedConnection);
        return true;
    }

    bool isCurrentThread()
    {
        const std::lock_guard lock(m_mutex);
        return m_thread && QThread::currentThread() == m_thread;
    }

private:
    KeychainThread() = default;

    void startLocked()
    {
        m_thread = new QThread;
        m_thread->setObjectName(QStringLiteral("keychain"));
        m_context = new QObject;
        m_context->moveToThread(m_thread);
        m_thread->start();
        qAddPostRoutine(&KeychainThread::shutdownInstance);
    }

    void run(quint64 id, const MakeJob &make)
    {
        QKeychain::Job *job = make();
        // The job deletes itself after finished(): QtKeychain does not cope with a job
        // destroyed while its D-Bus call is in flight.
        job->setAutoDelete(true);
        job->setInsecureFallback(false); // never a plain-text file
        QObject::connect(job, &QKeychain::Job::finished, job, [this, id](QKeychain::Job *j) {
            Outcome o;
            o.error = j->error();
            o.errorString = j->errorString();
            if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(j);
                read && o.error == QKeychain::NoError)
                o.data = read->binaryData();
            complete(id, o);
        });
        job->start();
    }

    void complete(quint64 id, const Outcome &o)
    {
        Done done;
        {
            const std::lock_guard lock(m_mutex);
            done = m_pending.take(id);
        }
        if (done)
            done(o);
    }

    static void shutdownInstance() { instance().shutdown(); }

    void shutdown()
    {
        QThread *thread = nullptr;
        {
            const std::lock_guard lock(m_mutex);
            m_stopped = true;
            thread = m_thread;
        }
        if (!thread)
            return;
        thread->quit();
        thread->wait();
        // Jobs still in flight can no longer finish: release whoever waits for them.
        QHash<quint64, Done> pending;
        {
            const std::lock_guard lock(m_mutex);
            pending.swap(m_pending);
        }
        Outcome o;
        o.error = QKeychain::OtherError;
        o.errorString = stoppedMessage();
        for (const Done &done : std::as_const(pending))
            done(o);
        delete m_context;
        m_context = nullptr;
    }

    std::mutex m_mutex;
    QThread *m_thread = nullptr;
    QObject *m_context = nullptr;
    bool m_stopped = false;
    quint64 m_lastId = 0;
    QHash<quint64, Done> m_pending;
};

// Runs a job on the keychain thread and waits for it, from any thread.
Outcome runJob(MakeJob make)
{
    KeychainThread &keychain = KeychainThread::instance();
    if (keychain.isCurrentThread()) {
        // QtKeychain runs its jobs one after another, so waiting here for a job queued behind
        // the one being handled would never end.
        qWarning("CredentialStore: blocking call from the keychain thread refused");
        return {QKeychain::OtherError, stoppedMessage(), {}};
    }
    struct Wait
    {
        std::mutex mutex;
        std::condition_variable cv;
        std::optional<Outcome> outcome;
    };
    // Shared: shutdown() may complete the wait after this frame is gone in theory, and the
    // keychain thread must never touch a dead stack frame.
    auto wait = std::make_shared<Wait>();
    const bool started = keychain.submit(std::move(make), [wait](const Outcome &o) {
        const std::lock_guard lock(wait->mutex);
        wait->outcome = o;
        wait->cv.notify_all();
    });
    if (!started)
        return {QKeychain::OtherError, stoppedMessage(), {}};
    std::unique_lock lock(wait->mutex);
    wait->cv.wait(lock, [&] { return wait->outcome.has_value(); });
    return std::move(*wait->outcome);
}

} // namespace
#endif

std::optional<QByteArray> CredentialStore::readPassword(const QString &key, QString *error) const
{
#ifdef TRAINDECK_HAVE_KEYCHAIN
    const QString service = m_service;
    Outcome o = runJob([service, key] {
        auto *job = new QKeychain::ReadPasswordJob(service);
        job->setKey(key);
        return job;
    });
    if (o.error == QKeychain::NoError)
        return std::move(o.data);
    if (error)
        *error = o.error == QKeychain::EntryNotFound ? QString() : o.errorString;
    return std::nullopt;
#else
    Q_UNUSED(key);
    if (error)
        *error = RemoteTr::tr("This build has no keychain support.");
    return std::nullopt;
#endif
}

bool CredentialStore::writePassword(const QString &key, const QByteArray &password,
                                    QString *error) const
{
#ifdef TRAINDECK_HAVE_KEYCHAIN
    const QString service = m_service;
    const Outcome o = runJob([service, key, password] {
        auto *job = new QKeychain::WritePasswordJob(service);
        job->setKey(key);
        job->setBinaryData(password);
        return job;
    });
    if (o.error == QKeychain::NoError)
        return true;
    if (error)
        *error = o.errorString;
    return false;
#else
    Q_UNUSED(key);
    Q_UNUSED(password);
    if (error)
        *error = RemoteTr::tr("This build has no keychain support.");
    return false;
#endif
}

bool CredentialStore::removePassword(const QString &key, QString *error) const
{
#ifdef TRAINDECK_HAVE_KEYCHAIN
    const QString service = m_service;
    const Outcome o = runJob([service, key] {
        auto *job = new QKeychain::DeletePasswordJob(service);
        job->setKey(key);
        return job;
    });
    // Nothing stored is what the caller wanted.
    if (o.error == QKeychain::NoError || o.error == QKeychain::EntryNotFound)
        return true;
    if (error)
        *error = o.errorString;
    return false;
#else
    Q_UNUSED(key);
    if (error)
        *error = RemoteTr::tr("This build has no keychain support.");
    return false;
#endif
}

void CredentialStore::probe(QObject *context,
                            std::function<void(bool works, const QString &reason)> done)
{
    // The answer travels as a queued signal to a connection with context as receiver: Qt drops
    // it when context is destroyed first, without a race against that destruction.
    auto *relay = new ProbeRelay;
    QObject::connect(relay, &ProbeRelay::answered, context, std::move(done), Qt::QueuedConnection);
#ifdef TRAINDECK_HAVE_KEYCHAIN
    const bool started = KeychainThread::instance().submit(
        [] {
            auto *job = new QKeychain::ReadPasswordJob(QStringLiteral("TrainDeck"));
            job->setKey(QStringLiteral("traindeck-keychain-probe"));
            return job;
        },
        [relay](const Outcome &o) {
            // EntryNotFound is the expected answer of a working backend.
            const bool works = o.error == QKeychain::NoError || o.error == QKeychain::EntryNotFound;
            Q_EMIT relay->answered(works, works ? QString() : o.errorString);
            relay->deleteLater();
        });
    if (!started) {
        Q_EMIT relay->answered(false, stoppedMessage());
        relay->deleteLater();
    }
#else
    Q_EMIT relay->answered(false, RemoteTr::tr("This build has no keychain support."));
    relay->deleteLater();
#endif
}

} // namespace td

#include "CredentialStore.moc"
