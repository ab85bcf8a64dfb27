#pragma once

// Helpers shared by the store tests: a plain SQLite connection, as another program (or an
// older TrainDeck) would have it, and sample records.

#include "core/store/Store.h"

#include <QDate>
#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QString>
#include <QStringList>
#include <QTime>
#include <QUuid>
#include <QVariant>

#include <atomic>

namespace td::test {

inline QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// A connection of its own on the calling thread, removed on destruction.
class RawDb
{
public:
    explicit RawDb(const QString &path)
        : m_name(QStringLiteral("store-test-raw-") + QString::number(++counter()))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        // Short on purpose: the tests that hold locks must not wait on the store.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=100"));
        db.open();
    }
    ~RawDb()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    RawDb(const RawDb &) = delete;
    RawDb &operator=(const RawDb &) = delete;

    bool isOpen() const { return QSqlDatabase::database(m_name, false).isOpen(); }

    // Empty on success, the error text otherwise.
    QString exec(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        if (!query.prepare(sql))
            return query.lastError().text() + QStringLiteral(" in ") + sql;
        for (int i = 0; i < values.size(); ++i)
            query.bindValue(i, values.at(i));
        if (!query.exec())
            return query.lastError().text() + QStringLiteral(" in ") + sql;
        return {};
    }

    QVariant scalar(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        query.prepare(sql);
        for (int i = 0; i < values.size(); ++i)
            query.bindValue(i, values.at(i));
        if (!query.exec() || !query.next())
            return {};
        return query.value(0);
    }

    // One string per row, the columns joined by '|': compact to compare whole tables.
    QStringList rows(const QString &sql)
    {
        QStringList result;
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        if (!query.exec(sql))
            return {query.lastError().text()};
        while (query.next()) {
            QStringList fields;
            for (int i = 0; i < query.record().count(); ++i)
                fields << query.value(i).toString();
            result << fields.join(QLatin1Char('|'));
        }
        return result;
    }

private:
    static std::atomic<int> &counter()
    {
        static std::atomic<int> value{0};
        return value;
    }
    QString m_name;
};

inline QDateTime utcTime(int secondsAfter2024)
{
    // Whole milliseconds: the store keeps millisecond precision.
    return QDateTime(QDate(2024, 11, 23), QTime(10, 0), Qt::UTC).addSecs(secondsAfter2024);
}

inline MachineRecord sampleMachine(const QString &id)
{
    MachineRecord m;
    m.id = id;
    m.provider = QStringLiteral("ssh");
    m.name = QStringLiteral("lab box");
    m.host = QStringLiteral("203.0.113.7");
    m.port = 2222;
    m.user = QStringLiteral("trainer");
    m.identityFile = QStringLiteral("~/.ssh/id_ed25519");
    m.jump = QStringLiteral("bastion.example.org");
    m.configAlias = QStringLiteral("lab");
    m.authMethod = QStringLiteral("publickey");
    m.hostKeySha256 = QStringLiteral("SHA256:abc");
    m.remoteRoot = QStringLiteral("~/.traindeck");
    m.region = QStringLiteral("eu-west");
    m.gpuTier = QStringLiteral("a100-80g");
    m.hourlyPrice = 1.89;
    m.currency = QStringLiteral("USD");
    m.status = QStringLiteral("ready");
    m.createdAt = utcTime(0);
    m.factsJson = QStringLiteral("{\"gpus\":1}");
    return m;
}

inline JobRecord sampleJob(const QString &id, const QString &machineId, int createdSeconds = 0)
{
    JobRecord j;
    j.id = id;
    j.machineId = machineId;
    j.kind = QStringLiteral("engine");
    j.command = QStringLiteral("traindeck-engine train --data data --out out");
    j.configJson = QStringLiteral("{\"model\":\"cnn\"}");
    j.remoteDir = QStringLiteral("~/.traindeck/jobs/") + id;
    j.state = JobState::Running;
    j.createdAt = utcTime(createdSeconds);
    j.startedAt = utcTime(createdSeconds + 5);
    return j;
}

inline MetricRow stepRow(qint64 seq, double loss)
{
    MetricRow row;
    row.seq = seq;
    row.event = QStringLiteral("step");
    row.step = seq * 100;
    row.epoch = 0;
    row.time = 1732345678.0 + double(seq);
    row.values = {{QStringLiteral("loss"), loss}, {QStringLiteral("lr"), 0.01}};
    row.text = QStringLiteral("{\"v\":1,\"event\":\"step\",\"step\":") +
               QString::number(seq * 100) + QStringLiteral(",\"loss\":") + QString::number(loss) +
               QStringLiteral("}");
    return row;
}

} // namespace td::test
