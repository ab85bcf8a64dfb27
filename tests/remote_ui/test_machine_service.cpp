// Adding a machine against the real sshd: trusted on first use and stored with its fingerprint
// and facts; a changed host key and a key the server does not accept are refused, clearly.
#include "core/providers/MachineService.h"
#include "core/providers/SshConfigHosts.h"
#include "core/store/Store.h"

#include "RemoteTestUtil.h"
#include "SshdFixture.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace td;
using namespace td::test;

class TestMachineService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void addStoresFingerprintAndFacts();
    void rejectedFingerprintStoresNothing();
    void wrongKeyIsRefusedWithAdvice();
    void passwordLogin();
    void changedHostKeyIsRefused();
    void removeKeepsJobs();
    void configAliases();

private:
    MachineDraft draft(const QString &identity) const;
    std::unique_ptr<MachineService> service(Store *store) const;

    SshdFixture m_sshd;
    QTemporaryDir m_data;
    std::unique_ptr<Store> m_store;
    QString m_addedId;
};

void TestMachineService::initTestCase()
{
    QString error;
    if (!m_sshd.start(&error))
        QSKIP(qPrintable(QStringLiteral("cannot start the test sshd: ") + error));
    m_store = Store::open(m_data.path(), &error);
    QVERIFY2(m_store, qPrintable(error));
}

MachineDraft TestMachineService::draft(const QString &identity) const
{
    MachineDraft d;
    d.endpoint.host = m_sshd.host();
    d.endpoint.port = m_sshd.port();
    d.endpoint.user = m_sshd.userName();
    d.endpoint.identityFile = identity;
    d.name = QStringLiteral("gpu1");
    d.providerId = QStringLiteral("autodl");
    d.gpuTier = QStringLiteral("rtx-4090");
    d.hourlyPrice = 1.98;
    d.currency = QStringLiteral("CNY");
    d.remoteRoot = m_sshd.remoteRoot();
    return d;
}

std::unique_ptr<MachineService> TestMachineService::service(Store *store) const
{
    auto s = std::make_unique<MachineService>(store);
    // Never the developer's ~/.ssh keys or agent: only what the draft names.
    s->setOptionsAdjuster([this](SshConnectOptions &o) {
        const SshConnectOptions f = fixtureOptions(m_sshd);
        o.knownHostsPath = f.knownHostsPath;
        o.globalKnownHostsPath = f.globalKnownHostsPath;
        o.useAgent = false;
        o.tryDefaultKeys = false;
        o.allowPassword = false;
    });
    return s;
}

void TestMachineService::addStoresFingerprintAndFacts()
{
    auto svc = service(m_store.get());
    QList<HostKeyInfo> asked;
    connect(svc.get(), &MachineService::hostKeyConfirmationRequested, svc.get(),
            [&](const HostKeyInfo &info) {
                asked << info;
                svc->answerHostKey(true);
            });
    QSignalSpy added(svc.get(), &MachineService::machineAdded);
    QSignalSpy failed(svc.get(), &MachineService::failed);
    QString error;
    QVERIFY2(svc->add(draft(m_sshd.userKeyPath()), &error), qPrintable(error));
    QVERIFY(svc->isBusy());
    QVERIFY(!svc->add(draft(m_sshd.userKeyPath()), &error)); // one at a time
    QVERIFY(added.wait(30000));
    QCOMPARE(failed.size(), 0);
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.first().sha256Fingerprint, m_sshd.hostKeyFingerprint());

    const MachineRecord m = added.first().first().value<MachineRecord>();
    m_addedId = m.id;
    const auto stored = m_store->machine(m.id);
    QVERIFY(stored);
    QCOMPARE(stored->hostKeySha256, m_sshd.hostKeyFingerprint());
    QCOMPARE(stored->provider, QStringLiteral("autodl"));
    QCOMPARE(stored->gpuTier, QStringLiteral("rtx-4090"));
    QCOMPARE(stored->hourlyPrice.value_or(0), 1.98);
    QCOMPARE(stored->identityFile, m_sshd.userKeyPath());
    QCOMPARE(stored->authMethod, QStringLiteral("publickey"));
    QCOMPARE(stored->status, QStringLiteral("ready"));
    const QJsonObject facts = QJsonDocument::fromJson(stored->factsJson.toUtf8()).object();
    QVERIFY2(!facts.isEmpty(), qPrintable(stored->factsJson));
    QVERIFY(stored->factsJson.contains(QStringLiteral("Linux")));
    bool audited = false;
    for (const EventRecord &e : m_store->events())
        audited = audited || (e.kind == QLatin1String("machine-added") && e.machineId == m.id &&
                              e.message.contains(m_sshd.hostKeyFingerprint()));
    QVERIFY(audited);

    // Checking it again connects without a question: the key is known now.
    QSignalSpy updated(svc.get(), &MachineService::machineUpdated);
    QVERIFY(svc->reprobe(m.id, &error));
    QVERIFY(updated.wait(30000));
    QCOMPARE(asked.size(), 1);
}

void TestMachineService::rejectedFingerprintStoresNothing()
{
    QTemporaryDir data;
    QString error;
    auto store = Store::open(data.path(), &error);
    auto svc = service(store.get());
    svc->setOptionsAdjuster([this](SshConnectOptions &o) {
        o.knownHostsPath = m_sshd.dir() + QStringLiteral("/known_hosts_rejected");
        o.useAgent = false;
        o.tryDefaultKeys = false;
    });
    connect(svc.get(), &MachineService::hostKeyConfirmationRequested, svc.get(),
            [&] { svc->answerHostKey(false); });
    QSignalSpy failed(svc.get(), &MachineService::failed);
    QVERIFY(svc->add(draft(m_sshd.userKeyPath())));
    QVERIFY(failed.wait(30000));
    QCOMPARE(failed.first().first().value<SshError>().kind, SshErrorKind::HostKeyRejected);
    QVERIFY(store->flush());
    QCOMPARE(store->machines().size(), 0);
}

void TestMachineService::wrongKeyIsRefusedWithAdvice()
{
    QTemporaryDir data;
    QString error;
    auto store = Store::open(data.path(), &error);
    auto svc = service(store.get());
    QSignalSpy failed(svc.get(), &MachineService::failed);
    QSignalSpy added(svc.get(), &MachineService::machineAdded);
    QVERIFY(svc->add(draft(m_sshd.unauthorizedKeyPath())));
    QVERIFY(failed.wait(30000));
    const SshError e = failed.first().first().value<SshError>();
    QCOMPARE(e.kind, SshErrorKind::AuthenticationFailed);
    QVERIFY2(e.message.contains(QStringLiteral("refused the login")), qPrintable(e.message));
    QVERIFY2(e.message.contains(QStringLiteral("authorized_keys")), qPrintable(e.message));
    QVERIFY(e.message.contains(m_sshd.unauthorizedKeyPath()));
    QCOMPARE(added.size(), 0);
    QVERIFY(store->flush());
    QCOMPARE(store->machines().size(), 0);
    QVERIFY(!svc->isBusy());
}

void TestMachineService::passwordLogin()
{
    if (!SshdFixture::passwordUserExists())
        QSKIP("no password test account (created by ./tdk test when run as root)");
    QTemporaryDir data;
    QString error;
    auto store = Store::open(data.path(), &error);
    auto svc = service(store.get());
    svc->setOptionsAdjuster([this](SshConnectOptions &o) {
        o.knownHostsPath = m_sshd.knownHostsPath();
        o.globalKnownHostsPath = m_sshd.dir() + QStringLiteral("/no-global-known-hosts");
        o.useAgent = false;
        o.tryDefaultKeys = false;
    });
    MachineDraft d = draft(QString());
    d.endpoint.user = SshdFixture::passwordUser();
    d.remoteRoot = QStringLiteral("~/.traindeck-test");

    // A wrong password is answered once, then the service gives up with a clear refusal.
    int questions = 0;
    QByteArray answer = "not-the-password";
    connect(svc.get(), &MachineService::passwordRequested, svc.get(),
            [&](const QString &, int attempt) {
                ++questions;
                svc->answerPassword(attempt == 1 ? answer : QByteArray(), false);
            });
    QSignalSpy failed(svc.get(), &MachineService::failed);
    QSignalSpy added(svc.get(), &MachineService::machineAdded);
    QVERIFY(svc->add(d));
    QVERIFY(failed.wait(60000));
    QCOMPARE(failed.first().first().value<SshError>().kind, SshErrorKind::AuthenticationFailed);

    answer = SshdFixture::passwordUserPassword();
    QVERIFY(svc->add(d));
    QVERIFY(added.wait(60000));
    const MachineRecord m = added.first().first().value<MachineRecord>();
    QCOMPARE(m.authMethod, QStringLiteral("password"));
    QVERIFY(store->flush());
    // The password is nowhere in the database file.
    QFile db(store->databasePath());
    QVERIFY(db.open(QIODevice::ReadOnly));
    QVERIFY(!db.readAll().contains(SshdFixture::passwordUserPassword()));
}

void TestMachineService::changedHostKeyIsRefused()
{
    QVERIFY(!m_addedId.isEmpty());
    const QString before = m_sshd.hostKeyFingerprint();
    QString error;
    QVERIFY2(m_sshd.regenerateHostKey(&error), qPrintable(error));
    auto svc = service(m_store.get());
    QSignalSpy asked(svc.get(), &MachineService::hostKeyConfirmationRequested);
    QSignalSpy failed(svc.get(), &MachineService::failed);
    QSignalSpy added(svc.get(), &MachineService::machineAdded);
    QVERIFY(svc->add(draft(m_sshd.userKeyPath())));
    QVERIFY(failed.wait(30000));
    const SshError e = failed.first().first().value<SshError>();
    QCOMPARE(e.kind, SshErrorKind::HostKeyChanged);
    QVERIFY(e.message.contains(QStringLiteral("man-in-the-middle")));
    QVERIFY(e.message.contains(m_sshd.hostKeyFingerprint()));
    QCOMPARE(asked.size(), 0); // never offered for acceptance
    QCOMPARE(added.size(), 0);
    // The stored machine keeps the key it was trusted with.
    QVERIFY(m_store->flush());
    QCOMPARE(m_store->machine(m_addedId)->hostKeySha256, before);
    QCOMPARE(m_store->machines().size(), 1);
}

void TestMachineService::removeKeepsJobs()
{
    QVERIFY(!m_addedId.isEmpty());
    JobRecord job;
    job.id = QStringLiteral("job-on-gpu1");
    job.machineId = m_addedId;
    job.kind = QStringLiteral("script");
    job.state = JobState::Succeeded;
    job.createdAt = QDateTime::currentDateTimeUtc();
    m_store->insertJob(job);
    auto svc = service(m_store.get());
    QSignalSpy removed(svc.get(), &MachineService::machineRemoved);
    QString error;
    QVERIFY2(svc->remove(m_addedId, &error), qPrintable(error));
    QCOMPARE(removed.size(), 1);
    QVERIFY(m_store->flush());
    QVERIFY(!m_store->machine(m_addedId));
    const auto kept = m_store->job(QStringLiteral("job-on-gpu1"));
    QVERIFY(kept);
    QVERIFY(kept->machineId.isEmpty());
    QVERIFY(!svc->remove(QStringLiteral("local"), &error));
}

void TestMachineService::configAliases()
{
    QTemporaryDir dir;
    const QString inc = dir.filePath(QStringLiteral("more.conf"));
    QVERIFY(writeFile(inc, "Host lab-box\n  HostName 10.0.0.5\n"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("config")),
                      "# rented\nHost gpu1 gpu2\n  HostName connect.westb.seetacloud.com\n"
                      "  Port 41234\nHost *.internal !bad\n  User x\nHost=\"quoted\"\nInclude " +
                          inc.toUtf8() + "\n"));
    QCOMPARE(sshConfigHostAliases(dir.filePath(QStringLiteral("config"))),
             (QStringList{QStringLiteral("gpu1"), QStringLiteral("gpu2"), QStringLiteral("quoted"),
                          QStringLiteral("lab-box")}));
}

QTEST_GUILESS_MAIN(TestMachineService)
#include "test_machine_service.moc"
