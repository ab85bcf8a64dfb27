#pragma once

#include <QByteArray>

#include <functional>

namespace td {

// Streams a POSIX.1-2001 (PAX) tar archive: headers are produced on the fly and file data is
// passed through, so multi-GB members never sit in memory. A PAX extended header is added
// only when ustar cannot express a member (long or non-ASCII names, sizes of 8 GiB and more,
// sub-second times).
class TarWriter
{
public:
    using Sink = std::function<bool(const char *data, qint64 size)>;
    explicit TarWriter(Sink sink) : m_sink(std::move(sink)) {}

    bool beginFile(const QByteArray &name, qint64 size, qint64 mtimeNs, int mode);
    bool writeData(const char *data, qint64 size);
    bool endFile(); // pads to the block size; the data written must equal the declared size
    bool addDirectory(const QByteArray &name, qint64 mtimeNs, int mode);
    bool finish(); // the two zero blocks that end an archive

    qint64 bytesWritten() const { return m_total; }

    static QByteArray paxRecord(const QByteArray &key, const QByteArray &value);

private:
    bool writeHeader(const QByteArray &name, char type, qint64 size, qint64 mtimeNs, int mode);
    bool emit(const char *data, qint64 size);

    Sink m_sink;
    qint64 m_total = 0;
    qint64 m_remaining = 0;
    qint64 m_memberSize = 0;
};

} // namespace td
