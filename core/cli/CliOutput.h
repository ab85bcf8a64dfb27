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

void out(const QString &text); // stdout, with a newline
void err(const QString &text); // stderr, with a newline
void outJson(const QJsonValue &value);
// Left-aligned columns sized to their content.
void outTable(const QStringList &header, const QList<QStringList> &rows);
bool stdoutIsTerminal();

} // namespace td::cli

namespace td::cli {

// Ctrl-C and SIGTERM are counted instead of killing the process, so a command can leave a
// resumable state or keep a remote job running; restoreInterrupts() brings the defaults back.
void catchInterrupts();
void restoreInterrupts();
int interruptCount();

// "12.3 MB", "1.2 GB".
QString formatBytes(qint64 bytes);
// A one-line progress report: a bar on a terminal (redrawn in place), plain lines otherwise.
void progressLine(const QString &label, qint64 done, qint64 total, double bytesPerSecond,
                  qint64 etaSeconds, bool final);

} // namespace td::cli
