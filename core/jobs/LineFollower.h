// Follows an append-only text file (metrics.jsonl, gpu.csv, run.log) from a stored byte offset.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace td {

// Consumes whole lines only: a trailing line without its newline stays in the file until the
// writer finishes it, so the offset handed to the store always sits on a line boundary and a
// reattach from that offset neither repeats nor skips a line.
class LineFollower
{
public:
    explicit LineFollower(qint64 offset = 0) : m_offset(offset) {}

    // Appends newly read bytes (starting at offset() + pending bytes) and returns the completed
    // lines, without their newlines.
    QList<QByteArray> feed(const QByteArray &bytes);

    // Reads everything new from a local file. Returns false with *error when it cannot be read;
    // a file that does not exist yet is not an error (no lines).
    bool poll(const QString &path, QList<QByteArray> *lines, QString *error = nullptr);

    // Byte offset just past the last complete line handed out.
    qint64 offset() const { return m_offset; }
    qint64 pendingBytes() const { return m_pending.size(); }

private:
    qint64 m_offset = 0;
    QByteArray m_pending;
};

} // namespace td
