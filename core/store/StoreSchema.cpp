#include "core/store/StoreSchema.h"

#include "core/store/StoreSql.h"

#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace td::store_detail {

namespace {

// Schema 1: the tables of DESIGN.md. Jobs keep their history when their machine is removed
// (machine_id becomes NULL); everything recorded for a job goes with the job. The audit log has
// no foreign keys on purpose: it must outlive what it talks about.
Migration initialSchema()
{
    return {1,
            {
                uR"(CREATE TABLE machines (
    id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
    provider TEXT,
    name TEXT,
    host TEXT,
    port INTEGER NOT NULL DEFAULT 22,
    user TEXT,
    identity_file TEXT,
    jump TEXT,
    config_alias TEXT,
    auth_method TEXT,
    host_key_sha256 TEXT,
    remote_root TEXT,
    region TEXT,
    gpu_tier TEXT,
    hourly_price REAL,
    currency TEXT,
    status TEXT,
    created_at INTEGER,
    released_at INTEGER,
    facts_json TEXT))"_s,
                uR"(CREATE TABLE jobs (
    id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
    machine_id TEXT REFERENCES machines (id) ON DELETE SET NULL,
    kind TEXT,
    command TEXT,
    config_json TEXT,
    remote_dir TEXT,
    state TEXT NOT NULL DEFAULT 'queued',
    created_at INTEGER,
    started_at INTEGER,
    ended_at INTEGER,
    exit_code INTEGER,
    cost REAL,
    summary_json TEXT))"_s,
                u"CREATE INDEX jobs_by_machine ON jobs (machine_id)"_s,
                uR"(CREATE TABLE job_offsets (
    job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    file TEXT NOT NULL,
    "offset" INTEGER NOT NULL CHECK ("offset" >= 0),
    PRIMARY KEY (job_id, file)))"_s,
                uR"(CREATE TABLE metric_lines (
    job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL CHECK (seq >= 0),
    text TEXT NOT NULL,
    PRIMARY KEY (job_id, seq)))"_s,
                uR"(CREATE TABLE metrics (
    job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    event TEXT,
    split TEXT,
    step INTEGER,
    epoch INTEGER,
    name TEXT NOT NULL,
    value REAL,
    time REAL,
    UNIQUE (job_id, seq, name)))"_s,
                uR"(CREATE TABLE gpu_samples (
    job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    machine_id TEXT,
    gpu INTEGER NOT NULL,
    time REAL NOT NULL,
    util REAL,
    mem_util REAL,
    mem_used REAL,
    mem_total REAL,
    temp REAL,
    power REAL,
    sm_clock REAL,
    UNIQUE (job_id, gpu, time)))"_s,
                uR"(CREATE TABLE transfers (
    id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
    machine_id TEXT REFERENCES machines (id) ON DELETE CASCADE,
    direction TEXT,
    local_path TEXT,
    remote_path TEXT,
    bytes_total INTEGER NOT NULL DEFAULT 0,
    bytes_done INTEGER NOT NULL DEFAULT 0,
    state TEXT,
    started_at INTEGER,
    ended_at INTEGER))"_s,
                u"CREATE INDEX transfers_by_machine ON transfers (machine_id)"_s,
                uR"(CREATE TABLE price_overrides (
    provider TEXT NOT NULL,
    tier TEXT NOT NULL,
    price REAL NOT NULL,
    currency TEXT,
    updated_at INTEGER,
    PRIMARY KEY (provider, tier)))"_s,
                uR"(CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time INTEGER NOT NULL,
    machine_id TEXT,
    job_id TEXT,
    kind TEXT,
    message TEXT))"_s,
            }};
}

// Schema 2: nvidia-smi timestamps carry no zone, so a job records the remote clock's offset;
// metric series are read by (job, name) in seq order, which the v1 unique key cannot serve;
// the job list is sorted by creation time.
Migration remoteOffsetAndSeriesIndex()
{
    return {2,
            {
                u"ALTER TABLE jobs ADD COLUMN remote_utc_offset INTEGER"_s,
                u"CREATE INDEX metrics_by_name ON metrics (job_id, name, seq)"_s,
                u"CREATE INDEX jobs_by_created ON jobs (created_at)"_s,
            }};
}

bool readUserVersion(QSqlDatabase &db, int *version, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(u"PRAGMA user_version"_s) || !query.next()) {
        *error = describeError(query.lastError());
        return false;
    }
    *version = query.value(0).toInt();
    return true;
}

QString newerSchemaError(const QString &path, int found)
{
    return Tr::tr("The database %1 has schema version %2, but this version of TrainDeck only "
                  "understands versions up to %3. It was written by a newer TrainDeck: update "
                  "TrainDeck or choose another data directory.")
        .arg(QDir::toNativeSeparators(path))
        .arg(found)
        .arg(currentSchemaVersion());
}

QString openError(const QString &path, const QString &detail)
{
    return Tr::tr("Could not open the TrainDeck database %1: %2")
        .arg(QDir::toNativeSeparators(path), detail);
}

bool runStep(QSqlDatabase &db, const Migration &step, const QString &path, QString *error)
{
    QString detail;
    // IMMEDIATE takes the write lock before reading the version, so two processes that open an
    // old file together cannot both run the step.
    if (!execStatement(db, u"BEGIN IMMEDIATE"_s, &detail)) {
        *error = openError(path, detail);
        return false;
    }
    int version = 0;
    bool ok = readUserVersion(db, &version, &detail);
    if (ok && version > currentSchemaVersion()) {
        execStatement(db, u"ROLLBACK"_s, nullptr);
        *error = newerSchemaError(path, version);
        return false;
    }
    if (ok && version < step.version) {
        for (const QString &statement : step.statements) {
            ok = execStatement(db, statement, &detail);
            if (!ok)
                break;
        }
        if (ok) {
            ok = execStatement(db, u"PRAGMA user_version = "_s + QString::number(step.version),
                               &detail);
        }
    }
    if (ok)
        ok = execStatement(db, u"COMMIT"_s, &detail);
    if (!ok) {
        execStatement(db, u"ROLLBACK"_s, nullptr);
        *error = Tr::tr("Could not upgrade the TrainDeck database %1 to schema version %2: %3")
                     .arg(QDir::toNativeSeparators(path))
                     .arg(step.version)
                     .arg(detail);
    }
    return ok;
}

} // namespace

const QList<Migration> &migrations()
{
    static const QList<Migration> steps = {initialSchema(), remoteOffsetAndSeriesIndex()};
    return steps;
}

int currentSchemaVersion()
{
    return migrations().constLast().version;
}

bool migrateSchema(QSqlDatabase &db, const QString &path, QString *error)
{
    QString detail;
    int version = 0;
    // The first read is where SQLite notices a file that is not a database.
    if (!readUserVersion(db, &version, &detail)) {
        *error = openError(path, detail);
        return false;
    }
    // Refuse before touching anything: a newer build's file must stay as it was.
    if (version > currentSchemaVersion()) {
        *error = newerSchemaError(path, version);
        return false;
    }

    QSqlQuery walQuery(db);
    if (!walQuery.exec(u"PRAGMA journal_mode = WAL"_s) || !walQuery.next()) {
        *error = openError(path, describeError(walQuery.lastError()));
        return false;
    }
    const QString mode = walQuery.value(0).toString();
    walQuery.finish();
    if (mode.compare(u"wal"_s, Qt::CaseInsensitive) != 0) {
        // Still correct, only slower: readers then wait for the writer (e.g. network drives).
        qCWarning(lcStore, "%ls does not support WAL (journal mode %ls)", qUtf16Printable(path),
                  qUtf16Printable(mode));
    }

    for (const Migration &step : migrations()) {
        if (step.version > version && !runStep(db, step, path, error))
            return false;
    }
    return true;
}

} // namespace td::store_detail
