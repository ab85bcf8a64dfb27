// CredentialStore against real keychain backends, never a mock: the point is how QtKeychain,
// libsecret and D-Bus behave together. Two modes, picked by the environment (CMakeLists.txt):
// - secret-service: run_with_secret_service.sh provides a private D-Bus session with an
//   unlocked gnome-keyring-daemon and a throw-away HOME;
// - no backend (default): the process cuts itself off any D-Bus session before Qt starts.
#include "core/providers/KeychainStatus.h"
#include "core/remote/CredentialStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QMutex>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QtTest>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

using namespace td;

namespace {

const QString kService = QStringLiteral("TrainDeckTest");

bool secretServiceMode()
{
    return qgetenv("TRAINDECK_KEYCHAIN_TEST") == "secret-service";
}

// A password nobody else would write, with bytes that need care (NUL, high bytes, quotes).
QByteArray uniquePassword(const char *tag)
{
    QByteArray pw = "tdk-" + QByteArray(tag) + '-';
    pw += QByteArray::number(QRandomGenerator::global()->generate64(), 36);
    pw += QByteArray("\x00\xff'\"\xc3\xa9", 6);
    pw += QByteArray::number(QRandomGenerator::global()->generate64(), 36);
    return pw;
}

// The forms in which a password could leak into a file: as is, its printable head (before
// the NUL) and base64 (QtKeychain's encoding for binary data).
QList<QByteArray> leakForms(const QByteArray &pw)
{
    return {pw, pw.left(pw.indexOf('\0')), pw.toBase64()};
}

// Files under root holding any of needles, read in full (symlinks not followed).
QStringList filesContaining(const QString &root, const QList<QByteArray> &needles)
{
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            hits << path + QStringLiteral(" (unreadable)");
            continue;
        }
        const QByteArray content = f.readAll();
        for (const QByteArray &n : needles)
            if (content.contains(n)) {
                hits << path;
                break;
            }
    }
    return hits;
}

QStringList allFiles(const QString &root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << QDir(root).relativeFilePath(it.next());
    return files;
}

// Collects Qt warnings while alive, to prove a call stays quiet.
class WarningCatcher
{
public:
    WarningCatcher()
    {
        s_messages = &m_messages;
        m_previous = qInstallMessageHandler(&handler);
    }
    ~WarningCatcher()
    {
        qInstallMessageHandler(m_previous);
        s_messages = nullptr;
    }
    QStringList messages() const
    {
        const QMutexLocker lock(&s_mutex);
        return m_messages;
    }

private:
    static void handler(QtMsgType type, const QMessageLogContext &, const QString &msg)
    {
        if (type == QtDebugMsg || type == QtInfoMsg)
            return;
        const QMutexLocker lock(&s_mutex);
        if (s_messages)
            *s_messages << msg;
    }
    static inline QMutex s_mutex;
    static inline QStringList *s_messages = nullptr;
    QStringList m_messages;
    QtMessageHandler m_previous = nullptr;
};

// N threads (half QThread, half plain std::thread, none with an event loop running) writing,
// reading back, overwriting and removing their own keys at once, while the main thread, also
// without a running event loop (the CLI case), does the same with its own key. Returns the
// failures, empty when every result was right.
QStringList hammer(bool expectWorking, int threads, int rounds)
{
    QMutex mutex;
    QStringList failures;
    auto fail = [&](const QString &what) {
        const QMutexLocker lock(&mutex);
        if (failures.size() < 20)
            failures << what;
    };
    auto worker = [&](const QString &name) {
        const CredentialStore store(kService);
        const QString key = QStringLiteral("ssh:%1@host:22").arg(name);
        for (int r = 0; r < rounds; ++r) {
            const QByteArray pw =
                name.toUtf8() + '-' + QByteArray::number(r) + '-' + uniquePassword("t");
            QString error;
            const bool wrote = store.writePassword(key, pw, &error);
            const std::optional<QByteArray> back = store.readPassword(key, &error);
            if (expectWorking) {
                if (!wrote)
                    fail(name + QStringLiteral(": write failed: ") + error);
                else if (!back || *back != pw)
                    fail(name + QStringLiteral(": read back wrong value, round %1").arg(r));
            } else if (wrote || back || error.isEmpty()) {
                fail(name + QStringLiteral(": a call succeeded or failed silently without a "
                                           "keychain"));
            }
            if (r % 3 == 2) {
                const bool removed = store.removePassword(key, &error);
                if (expectWorking &&
                    (!removed || store.readPassword(key, &error) || !error.isEmpty()))
                    fail(name + QStringLiteral(": remove did not remove"));
            }
        }
        if (expectWorking && !store.removePassword(key))
            fail(name + QStringLiteral(": final remove failed"));
    };

    std::vector<std::unique_ptr<QThread>> qthreads;
    std::vector<std::thread> stdthreads;
    for (int t = 0; t < threads; ++t) {
        const QString name = QStringLiteral("worker%1").arg(t);
        if (t % 2 == 0) {
            qthreads.emplace_back(QThread::create(worker, name));
            qthreads.back()->start();
        } else {
            stdthreads.emplace_back(worker, name);
        }
    }
    worker(QStringLiteral("main"));
    for (auto &t : qthreads)
        t->wait();
    for (auto &t : stdthreads)
        t.join();
    return failures;
}

} // namespace

// With a working Secret Service (gnome-keyring-daemon on a private bus, throw-away HOME).
class TestSecretService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Refuse to run anywhere near the user's real keyring.
        const QString home = qEnvironmentVariable("HOME");
        QVERIFY2(!home.isEmpty() && home == qEnvironmentVariable("TRAINDECK_KEYCHAIN_TEST_HOME"),
                 "run through run_with_secret_service.sh");
        QVERIFY(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"));
        m_home = home;
    }

    void writeReadOverwriteRemove()
    {
        const CredentialStore store(kService);
        const QString key =
            CredentialStore::keyFor(QStringLiteral("alice"), QStringLiteral("gpu.example"), 2222);
        const QByteArray first = uniquePassword("first");
        const QByteArray second = uniquePassword("second");
        QString error;

        QVERIFY2(store.writePassword(key, first, &error), qPrintable(error));
        std::optional<QByteArray> back = store.readPassword(key, &error);
        QVERIFY2(back.has_value(), qPrintable(error));
        QCOMPARE(*back, first);

        QVERIFY2(store.writePassword(key, second, &error), qPrintable(error));
        back = store.readPassword(key, &error);
        QVERIFY2(back.has_value(), qPrintable(error));
        QCOMPARE(*back, second);

        // Another service name is another entry.
        QVERIFY(!CredentialStore(kService + QStringLiteral("Other")).readPassword(key));

        QVERIFY2(store.removePassword(key, &error), qPrintable(error));
        error = QStringLiteral("untouched");
        QVERIFY(!store.readPassword(key, &error).has_value());
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void missingKeyIsQuietNullopt()
    {
        const CredentialStore store(kService);
        const WarningCatcher warnings;
        QString error = QStringLiteral("untouched");
        QVERIFY(!store.readPassword(QStringLiteral("ssh:nobody@nowhere:22"), &error));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!store.readPassword(QStringLiteral("ssh:nobody@nowhere:22")));
        QVERIFY2(store.removePassword(QStringLiteral("ssh:nobody@nowhere:22"), &error),
                 qPrintable(error));
        QVERIFY2(warnings.messages().isEmpty(), qPrintable(warnings.messages().join(u'\n')));
    }

    void secretOnlyInEncryptedKeyring()
    {
        const CredentialStore store(kService);
        const QString key = QStringLiteral("ssh:leak@check:22");
        const QByteArray pw = uniquePassword("leak");
        QString error;
        QVERIFY2(store.writePassword(key, pw, &error), qPrintable(error));
        QCOMPARE(store.readPassword(key).value_or(QByteArray()), pw);

        // gnome-keyring stores it in its own keyring file, which must be the encrypted format
        // (a plain-text keyring starts with "[keyring]").
        const QString keyrings = m_home + QStringLiteral("/.local/share/keyrings");
        QStringList keyringFiles;
        QTRY_VERIFY_WITH_TIMEOUT(
            !(keyringFiles = QDir(keyrings).entryList({QStringLiteral("*.keyring")}, QDir::Files))
                 .isEmpty(),
            5000);
        for (const QString &name : std::as_const(keyringFiles)) {
            QFile f(keyrings + u'/' + name);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(f.read(16).startsWith(QByteArray("GnomeKeyring\n\r\0\n", 16)),
                     qPrintable(name + QStringLiteral(" is not an encrypted keyring")));
        }
        // Nowhere under HOME in readable form, the keyring included.
        const QStringList hits = filesContaining(m_home, leakForms(pw));
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u'\n')));

        QVERIFY(store.removePassword(key));
    }

    void concurrentThreads()
    {
        const QStringList failures = hammer(true, 8, 6);
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
    }

    void fromMainThreadInsideEventLoop()
    {
        // The GUI case: called from a slot while the application's event loop runs.
        QEventLoop loop;
        bool ok = false;
        QTimer::singleShot(0, &loop, [&] {
            const CredentialStore store(kService);
            const QByteArray pw = uniquePassword("gui");
            ok = store.writePassword(QStringLiteral("gui"), pw) &&
                 store.readPassword(QStringLiteral("gui")) == pw &&
                 store.removePassword(QStringLiteral("gui"));
            loop.quit();
        });
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        loop.exec();
        QVERIFY(ok);
    }

    void probeSeesWorkingKeychain()
    {
        QObject context;
        std::optional<bool> works;
        CredentialStore::probe(&context, [&](bool w, const QString &) { works = w; });
        QTRY_VERIFY_WITH_TIMEOUT(works.has_value(), 30000);
        QVERIFY(*works);

        KeychainProbe probe;
        QSignalSpy spy(&probe, &KeychainProbe::finished);
        probe.start();
        QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 1, 30000);
        QCOMPARE(spy.at(0).at(0).toString(), QString());
        // Probing reads only: nothing was created.
        QVERIFY(!CredentialStore().readPassword(QStringLiteral("traindeck-keychain-probe")));
    }

private:
    QString m_home;
};

// Without any keychain backend: no D-Bus session at all.
class TestNoBackend : public QObject
{
    Q_OBJECT
public:
    explicit TestNoBackend(QString home) : m_home(std::move(home)) {}

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"));
        QCOMPARE(qEnvironmentVariable("HOME"), m_home);
    }

    void everyCallFailsCleanly()
    {
        const CredentialStore store(kService);
        const QString key = QStringLiteral("ssh:bob@host:22");
        const QByteArray pw = uniquePassword("nobackend");
        QElapsedTimer clock;
        clock.start();

        QString error;
        QVERIFY(!store.writePassword(key, pw, &error));
        QVERIFY(!error.isEmpty());
        qInfo("write refused: %s", qPrintable(error));

        error.clear();
        QVERIFY(!store.readPassword(key, &error).has_value());
        QVERIFY2(!error.isEmpty(), "a failed read must say why, unlike a missing entry");

        error.clear();
        QVERIFY(!store.removePassword(key, &error));
        QVERIFY(!error.isEmpty());
        // No prompt and no long D-Bus timeout: the user is asked for the password instead.
        QVERIFY2(clock.elapsed() < 20000, qPrintable(QString::number(clock.elapsed())));

        // No insecure fallback: the password reached no file (QtKeychain's fallback would be a
        // QSettings file named after the service).
        const QStringList hits = filesContaining(m_home, leakForms(pw));
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u'\n')));
        QVERIFY2(!QFile::exists(m_home + QStringLiteral("/.config/") + kService +
                                QStringLiteral(".conf")),
                 qPrintable(allFiles(m_home).join(u'\n')));
    }

    void concurrentThreadsFailCleanly()
    {
        const QStringList failures = hammer(false, 6, 3);
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
        QVERIFY2(filesContaining(m_home, {QByteArrayLiteral("tdk-t-")}).isEmpty(),
                 qPrintable(allFiles(m_home).join(u'\n')));
    }

    void probeReportsNoKeychain()
    {
        KeychainProbe probe;
        QSignalSpy spy(&probe, &KeychainProbe::finished);
        probe.start();
        QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 1, 30000);
        const QString reason = spy.at(0).at(0).toString();
        QVERIFY(!reason.isEmpty());
        qInfo("probe: %s", qPrintable(reason));
    }

    void probeAnswerDroppedWithItsContext()
    {
        // The context dies before the answer: no call into a dead object.
        bool called = false;
        {
            QObject context;
            CredentialStore::probe(&context, [&](bool, const QString &) { called = true; });
        }
        QTest::qWait(2000);
        QVERIFY(!called);
    }

private:
    QString m_home;
};

int main(int argc, char **argv)
{
    if (secretServiceMode()) {
        QCoreApplication app(argc, argv);
        TestSecretService test;
        return QTest::qExec(&test, argc, argv);
    }

    // Cut off any D-Bus session before Qt or GLib looks for one: no address, no X11 display
    // for autolaunch, an empty runtime directory (no $XDG_RUNTIME_DIR/bus), and a throw-away
    // HOME in which a fallback file would show.
    QTemporaryDir tmp;
    if (!tmp.isValid())
        return 1;
    const QString home = tmp.filePath(QStringLiteral("home"));
    QDir().mkpath(home + QStringLiteral("/.config"));
    QDir().mkpath(tmp.filePath(QStringLiteral("run")));
    qputenv("HOME", home.toLocal8Bit());
    qputenv("XDG_CONFIG_HOME", (home + QStringLiteral("/.config")).toLocal8Bit());
    qputenv("XDG_DATA_HOME", (home + QStringLiteral("/.local/share")).toLocal8Bit());
    qputenv("XDG_RUNTIME_DIR", tmp.filePath(QStringLiteral("run")).toLocal8Bit());
    for (const char *name : {"DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY",
                             "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION",
                             "KDE_SESSION_VERSION", "GNOME_DESKTOP_SESSION_ID", "SECRET_BACKEND"})
        qunsetenv(name);
    if (qgetenv("TRAINDECK_KEYCHAIN_TEST_DESKTOP") == "KDE4") {
        qputenv("XDG_CURRENT_DESKTOP", "KDE");
        qputenv("KDE_SESSION_VERSION", "4");
    }

    QCoreApplication app(argc, argv);
    TestNoBackend test(home);
    return QTest::qExec(&test, argc, argv);
}

#include "test_credential_store.moc"
