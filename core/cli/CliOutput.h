// Terminal output helpers and the documented exit codes of traindeck-cli.
#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace td::cli {

enum ExitCode {
    ExitOk = 0,
    ExitFailed = 1,
    ExitUsage = 2,
    ExitConnection = 3,
    ExitHostKeyMismatch = 4,
    ExitJobFailed = 5,
};

void out(const QString &text);  // stdout, with a newline
void err(const QString &text);  // stderr, with a newline
void outJson(const QJsonValue &value);
// Left-aligned columns sized to their content.
void outTable(const QStringList &header, const QList<QStringList> &rows);
bool stdoutIsTerminal();

} // namespace td::cli
