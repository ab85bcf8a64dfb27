#pragma once

#include <QByteArray>
#include <QString>

namespace td {

// Incremental tar parser (ustar, PAX and GNU long names) fed with arbitrary chunks of a
// stream. It never holds member data: contents go straight to the handler.
class TarReader
{
public:
    struct Entry
    {
        QByteArray path;
        char type = '0'; // '0' file, '5' directory, '2' symlink, '1' hard link, others
        qint64 size = 0;
        qint64 mtimeSec = 0;
        int mode = 0644;
        QByteArray linkTarget;
    };
    class Handler
    {
    public:
        virtual ~Handler() = default;
        // Return false to stop; the handler sets its own error text.
        virtual bool beginEntry(const Entry &entry) = 0;
        virtual bool entryData(const char *data, qint64 size) = 0;
        virtual bool endEntry() = 0;
    };

    explicit TarReader(Handler *handler) : m_handler(handler) {}
    bool feed(const char *data, qint64 size);
    bool isFinished() const { return m_state == State::End; }
    // Empty when the handler stopped the stream.
    QString error() const { return m_error; }

private:
    enum class State { Header, Data, Padding, Meta, End };
    bool parseHeader();
    bool fail(const QString &why);

    Handler *m_handler;
    State m_state = State::Header;
    QByteArray m_block;
    QByteArray m_meta; // PAX or GNU long-name payload being collected
    char m_metaType = 0;
    qint64 m_remaining = 0;
    qint64 m_padding = 0;
    int m_zeroBlocks = 0;
    Entry m_pending; // values from a preceding PAX / long-name header
    bool m_hasPendingPath = false;
    bool m_hasPendingLink = false;
    bool m_hasPendingSize = false;
    QString m_error;
};

} // namespace td
