// Opening the store: creation, migrations from older schemas, and the files it must refuse.

#include "StoreTestSupport.h"

#include "core/store/Store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>
#include <unistd.h>

using namespace td;
using namespace td::test;

namespace {

// The schema as released in version 1. A fixture, not a copy of the code: if migration 1 in
// the store ever changed, this old file would still have to open.
const char *const kSchemaV1[] = {
    R"(CREATE TABLE machines (id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''), provider TEXT,
name TEXT, host TEXT, port INTEGER NOT NULL DEFAULT 22, user TEXT, identity_file TEXT, jump TEXT,
config_alias TEXT, auth_method TEXT, host_key_sha256 TEXT, remote_root TEXT, region TEXT,
gpu_tier TEXT, hourly_price REAL, currency TEXT, status TEXT, created_at INTEGER,
released_at INTEGER, facts_json TEXT))",
    R"(CREATE TABLE jobs (id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
machine_id TEXT REFERENCES machines (id) ON DELETE SET NULL, kind TEXT, command TEXT,
config_json TEXT, remote_dir TEXT, state TEXT NOT NULL DEFAULT 'queued', created_at INTEGER,
started_at INTEGER, ended_at INTEGER, exit_code INTEGER, cost REAL, summary_json TEXT))",
    "CREATE INDEX jobs_by_machine ON jobs (machine_id)",
    R"(CREATE TABLE job_offsets (job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
file TEXT NOT NULL, "offset" INTEGER NOT NULL CHECK ("offset" >= 0), PRIMARY KEY (job_id, file)))",
    R"(CREATE TABLE metric_lines (job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
seq INTEGER NOT NULL CHECK (seq >= 0), text TEXT NOT NULL, PRIMARY KEY (job_id, seq)))",
    R"(CREATE TABLE metrics (job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
seq INTEGER NOT NULL, event TEXT, split TEXT, step INTEGER, epoch INTEGER, name TEXT NOT NULL,
value REAL, time REAL, UNIQUE (job_id, seq, name)))",
    R"(CREATE TABLE gpu_samples (job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
machine_id TEXT, gpu INTEGER NOT NULL, time REAL NOT NULL, util REAL, mem_util REAL,
mem_used REAL, mem_total REAL, temp REAL, power REAL, sm_clock REAL, UNIQUE (job_id, gpu, time)))",
    R"(CREATE TABLE transfers (id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
machine_id TEXT REFERENCES machines (id) ON DELETE CASCADE, direction TEXT, local_path TEXT,
remote_path TEXT, bytes_total INTEGER NOT NULL DEFAULT 0, bytes_done INTEGER NOT NULL DEFAULT 0,
state TEXT, started_at INTEGER, ended_at INTEGER))",
    "CREATE INDEX transfers_by_machine ON transfers (machine_id)",
    R"(CREATE TABLE price_overrides (provider TEXT NOT NULL, tier TEXT NOT NULL,
price REAL NOT NULL, currency TEXT, updated_at INTEGER, PRIMARY KEY (provider, tier)))",
    R"(CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER NOT NULL,
machine_id TEXT, job_id TEXT, kind TEXT, message TEXT))",
};

const QString kMachineId = QStringLiteral("m-1");
const QString kJobId = QStringLiteral("j-1");

QString dbPath(const QString &dir)
{
    return QDir(dir).filePath(Store::databaseFileName());
}

// Writes a version-1 file with rows in every table, the way version 1 stored them.
QString createVersion1Database(const QString &dir)
{
    RawDb raw(dbPath(dir));
    if (!raw.isOpen())
        return QStringLiteral("cannot open");
    for (const char *statement : kSchemaV1) {
        const QString error = raw.exec(QString::fromUtf8(statement));
        if (!error.isEmpty())
            return error;
    }
    const qint64 created = utcTime(0).toMSecsSinceEpoch();
    const QStringList inserts = {
        QStringLiteral("INSERT INTO machines (id, provider, name, host, port, user, hourly_price, "
                       "currency, status, created_at) VALUES ('m-1', 'ssh', 'old box', "
                       "'198.51.100.4', 2200, 'ml', 0.5, 'EUR', 'ready', %1)")
            .arg(created),
        QStringLiteral("INSERT INTO jobs (id, machine_id, kind, command, state, created_at, "
                       "exit_code, cost) VALUES ('j-1', 'm-1', 'script', 'python train.py', "
                       "'succeeded', %1, 0, 1.25)")
            .arg(created),
        QStringLiteral(
            "INSERT INTO metric_lines VALUES ('j-1', 0, '{\"v\":1,\"event\":\"start\"}')"),
        QStringLiteral("INSERT INTO metric_lines VALUES ('j-1', 1, '{\"v\":1,\"loss\":0.5}')"),
        QStringLiteral("INSERT INTO metrics VALUES ('j-1', 1, 'step', NULL, 100, 0, 'loss', 0.5, "
                       "1732345678.5)"),
        QStringLiteral("INSERT INTO job_offsets VALUES ('j-1', 'metrics.jsonl', 57)"),
        QStringLiteral("INSERT INTO gpu_samples (job_id, machine_id, gpu, time, util) VALUES "
                       "('j-1', 'm-1', 0, 1732345679.0, 97)"),
        QStringLiteral("INSERT INTO price_overrides VALUES ('ssh', 'a100', 1.1, 'USD', %1)")
            .arg(created),
        QStringLiteral("INSERT INTO events (time, machine_id, job_id, kind, message) VALUES "
                       "(%1, 'm-1', 'j-1', 'launch', 'started by hand')")
            .arg(created),
        QStringLiteral("PRAGMA user_version = 1"),
    };
    for (const QString &sql : inserts) {
        const QString error = raw.exec(sql);
        if (!error.isEmpty())
            return error;
    }
    return {};
}

// Columns, foreign keys and indexes of every table, to compare two schemas.
QStringList schemaShape(const QString &path)
{
    RawDb raw(path);
    QStringList shape;
    const QStringList tables = raw.rows(QStringLiteral(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"));
    for (const QString &table : tables) {
        shape << QStringLiteral("table ") + table;
        shape << raw.rows(QStringLiteral("PRAGMA table_info(%1)").arg(table));
        shape << raw.rows(QStringLiteral("PRAGMA foreign_key_list(%1)").arg(table));
        shape << raw.rows(QStringLiteral("SELECT name, tbl_name FROM sqlite_master WHERE type = "
                                         "'index' AND tbl_name = '%1' ORDER BY name")
                              .arg(table));
    }
    return shape;
}

} // namespace

class TestStoreSchema : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createsCurrentSchema();
    void migratesFromVersion1();
    void concurrentOpensMigrateOnce();
    void refusesNewerSchema();
    void refusesFileThatIsNotADatabase();
    void refusesUnusableDataDir_data();
    void refusesUnusableDataDir();
};

void TestStoreSchema::createsCurrentSchema()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString dataDir = tmp.filePath(QStringLiteral("nested/data"));
    QString error;
    std::unique_ptr<Store> store = Store::open(dataDir, &error);
    QVERIFY2(store, qPrintable(error));
    QCOMPARE(store->databasePath(), dbPath(dataDir));
    QVERIFY(QFileInfo::exists(store->databasePath()));
    QVERIFY(Store::schemaVersion() >= 2);
    store.reset();

    RawDb raw(dbPath(dataDir));
    QCOMPARE(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), Store::schemaVersion());
    QCOMPARE(raw.scalar(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
}

void TestStoreSchema::migratesFromVersion1()
{
    QTemporaryDir oldDir;
    QTemporaryDir freshDir;
    QVERIFY(oldDir.isValid() && freshDir.isValid());
    const QString fixtureError = createVersion1Database(oldDir.path());
    QVERIFY2(fixtureError.isEmpty(), qPrintable(fixtureError));

    QString error;
    std::unique_ptr<Store> store = Store::open(oldDir.path(), &error);
    QVERIFY2(store, qPrintable(error));

    const std::optional<MachineRecord> machine = store->machine(kMachineId);
    QVERIFY(machine);
    QCOMPARE(machine->name, QStringLiteral("old box"));
    QCOMPARE(machine->port, 2200);
    QCOMPARE(machine->hourlyPrice, std::optional<double>(0.5));
    QCOMPARE(machine->createdAt, utcTime(0));

    std::optional<JobRecord> job = store->job(kJobId);
    QVERIFY(job);
    QCOMPARE(job->machineId, kMachineId);
    QCOMPARE(job->state, JobState::Succeeded);
    QCOMPARE(job->exitCode, std::optional<int>(0));
    QCOMPARE(job->cost, std::optional<double>(1.25));
    QCOMPARE(job->remoteUtcOffsetSeconds, std::nullopt); // the column schema 2 added

    QCOMPARE(store->metricLineCount(kJobId), 2);
    QCOMPARE(store->nextMetricSeq(kJobId), 2);
    QCOMPARE(store->offset(kJobId, QStringLiteral("metrics.jsonl")), 57);
    const QList<MetricPoint> loss = store->metricSeries(kJobId, QStringLiteral("loss"));
    QCOMPARE(loss.size(), 1);
    QCOMPARE(loss.first().step, std::optional<qint64>(100));
    QCOMPARE(store->gpuSamples(kJobId).size(), 1);
    QCOMPARE(store->priceOverrides().size(), 1);
    QCOMPARE(store->events().size(), 1);
    QCOMPARE(store->events().first().message, QStringLiteral("started by hand"));

    // The new column is writable through the store.
    job->remoteUtcOffsetSeconds = -18000;
    store->updateJob(*job);
    QVERIFY(store->flush());
    QCOMPARE(store->job(kJobId)->remoteUtcOffsetSeconds, std::optional<int>(-18000));
    store.reset();

    {
        RawDb raw(dbPath(oldDir.path()));
        QCOMPARE(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), Store::schemaVersion());
    }
    // A migrated file has the same shape as a new one.
    QVERIFY(Store::open(freshDir.path(), &error));
    QCOMPARE(schemaShape(dbPath(oldDir.path())), schemaShape(dbPath(freshDir.path())));
}

void TestStoreSchema::concurrentOpensMigrateOnce()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString fixtureError = createVersion1Database(tmp.path());
    QVERIFY2(fixtureError.isEmpty(), qPrintable(fixtureError));

    // The GUI and the CLI may start together on an old file: one migrates, the other waits.
    struct Outcome
    {
        QString error;
        qint64 lines = -1;
    };
    Outcome outcomes[2];
    std::unique_ptr<QThread> threads[2];
    for (int i = 0; i < 2; ++i) {
        threads[i].reset(QThread::create([&tmp, &outcome = outcomes[i]] {
            std::unique_ptr<Store> store = Store::open(tmp.path(), &outcome.error);
            if (store)
                outcome.lines = store->metricLineCount(kJobId);
        }));
    }
    for (auto &thread : threads)
        thread->start();
    for (auto &thread : threads)
        QVERIFY(thread->wait(60000));
    for (const Outcome &outcome : outcomes) {
        QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
        QCOMPARE(outcome.lines, 2);
    }
}

void TestStoreSchema::refusesNewerSchema()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const int newer = Store::schemaVersion() + 1;
    {
        RawDb raw(dbPath(tmp.path()));
        QCOMPARE(raw.exec(QStringLiteral("CREATE TABLE future (x)")), QString());
        QCOMPARE(raw.exec(QStringLiteral("PRAGMA user_version = %1").arg(newer)), QString());
    }
    QString error;
    std::unique_ptr<Store> store = Store::open(tmp.path(), &error);
    QVERIFY(!store);
    QVERIFY2(error.contains(QDir::toNativeSeparators(dbPath(tmp.path()))), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("newer")), qPrintable(error));
    QVERIFY2(error.contains(QString::number(newer)), qPrintable(error));

    // The newer file is left exactly as it was: same version, not switched to WAL.
    RawDb raw(dbPath(tmp.path()));
    QCOMPARE(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), newer);
    QCOMPARE(raw.scalar(QStringLiteral("PRAGMA journal_mode")).toString(),
             QStringLiteral("delete"));
}

void TestStoreSchema::refusesFileThatIsNotADatabase()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray content = QByteArray("this is a text file, not SQLite\n").repeated(20);
    QFile file(dbPath(tmp.path()));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();

    QString error;
    std::unique_ptr<Store> store = Store::open(tmp.path(), &error);
    QVERIFY(!store);
    QVERIFY2(error.contains(QDir::toNativeSeparators(dbPath(tmp.path()))), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("not a database")), qPrintable(error));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), content);
}

void TestStoreSchema::refusesUnusableDataDir_data()
{
    QTest::addColumn<QString>("layout");
    // Each row makes the data directory unusable in a way that also holds for root, which
    // ignores permission bits.
    QTest::newRow("parent is a file") << QStringLiteral("parent-is-file");
    QTest::newRow("data dir is a file") << QStringLiteral("dir-is-file");
    QTest::newRow("database is a directory") << QStringLiteral("db-is-dir");
    if (::geteuid() != 0)
        QTest::newRow("read-only directory") << QStringLiteral("read-only");
}

void TestStoreSchema::refusesUnusableDataDir()
{
    QFETCH(QString, layout);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString blocker = tmp.filePath(QStringLiteral("blocker"));
    QString dataDir;
    QString named; // the path the message must name
    if (layout == QStringLiteral("parent-is-file") || layout == QStringLiteral("dir-is-file")) {
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        dataDir =
            layout == QStringLiteral("dir-is-file") ? blocker : blocker + QStringLiteral("/data");
        named = dataDir;
    } else if (layout == QStringLiteral("db-is-dir")) {
        dataDir = tmp.path();
        named = dbPath(dataDir);
        QVERIFY(QDir().mkpath(named));
    } else {
        dataDir = blocker;
        named = dataDir;
        QVERIFY(QDir().mkpath(dataDir));
        QVERIFY(QFile::setPermissions(dataDir, QFile::ReadOwner | QFile::ExeOwner));
    }

    QString error;
    std::unique_ptr<Store> store = Store::open(dataDir, &error);
    QFile::setPermissions(blocker, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QVERIFY(!store);
    QVERIFY2(error.contains(QDir::toNativeSeparators(named)), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestStoreSchema)
#include "test_store_schema.moc"
