#pragma once

// The schema as an ordered list of migrations keyed on PRAGMA user_version.

#include <QList>
#include <QString>
#include <QStringList>

class QSqlDatabase;

namespace td::store_detail {

struct Migration
{
    int version; // user_version once the step has run
    QStringList statements;
};

// Every step from an empty file to the current schema, in order. Released steps never change:
// a change is a new step.
const QList<Migration> &migrations();
int currentSchemaVersion();

// Refuses a schema newer than this build, switches the file to WAL and runs the missing steps,
// each in its own IMMEDIATE transaction so that two processes opening an old file at once
// migrate it once. *error is translated and names path.
bool migrateSchema(QSqlDatabase &db, const QString &path, QString *error);

} // namespace td::store_detail
