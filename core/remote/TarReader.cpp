#include "core/remote/TarReader.h"

#include "core/remote/RemoteTr.h"

#include <cstring>

namespace td {

namespace {

constexpr int kBlock = 512;
constexpr qint64 kMaxMeta = 1024 * 1024;

bool parseNumber(const char *field, int width, qint64 *out)
{
    if (uchar(field[0]) & 0x80) { // GNU base-256 for values that do not fit in octal
        qint64 v = uchar(field[0]) & 0x7f;
        for (int i = 1; i < width; ++i)
            v = (v << 8) | uchar(field[i]);
        *out = v;
        return v >= 0;
    }
    qint64 v = 0;
    int i = 0;
    while (i < width && (field[i] == ' ' || field[i] == '\0'))
        ++i;
    for (; i < width && field[i] >= '0' && field[i] <= '7'; ++i)
        v = v * 8 + (field[i] - '0');
    *out = v;
    return true;
}

QByteArray cString(const char *field, int width)
{
    return QByteArray(field, int(strnlen(field, size_t(width))));
}

} // namespace

bool TarReader::fail(const QString &why)
{
    m_error = why;
    m_state = State::End;
    return false;
}

bool TarReader::parseHeader()
{
    const char *h = m_block.constData();
    bool allZero = true;
    for (int i = 0; i < kBlock && allZero; ++i)
        allZero = h[i] == 0;
    if (allZero) {
        if (++m_zeroBlocks == 2)
            m_state = State::End;
        return true;
    }
    m_zeroBlocks = 0;
    qint64 stored = 0;
    parseNumber(h + 148, 8, &stored);
    unsigned sum = 0;
    for (int i = 0; i < kBlock; ++i)
        sum += (i >= 148 && i < 156) ? unsigned(' ') : uchar(h[i]);
    if (qint64(sum) != stored)
        return fail(RemoteTr::tr("The archive is damaged (bad header checksum)."));

    Entry e;
    e.type = h[156] == '\0' ? '0' : h[156];
    QByteArray name = cString(h, 100);
    if (memcmp(h + 257, "ustar", 5) == 0) {
        const QByteArray prefix = cString(h + 345, 155);
        if (!prefix.isEmpty())
            name = prefix + '/' + name;
    }
    e.path = m_hasPendingPath ? m_pending.path : name;
    e.linkTarget = m_hasPendingLink ? m_pending.linkTarget : cString(h + 157, 100);
    qint64 v = 0;
    parseNumber(h + 100, 8, &v);
    e.mode = int(v & 07777);
    parseNumber(h + 124, 12, &e.size);
    if (m_hasPendingSize)
        e.size = m_pending.size;
    parseNumber(h + 136, 12, &e.mtimeSec);

    m_remaining = (e.type == '5' || e.type == '2' || e.type == '1') ? 0 : e.size;
    m_padding = (kBlock - m_remaining % kBlock) % kBlock;

    if (e.type == 'x' || e.type == 'g' || e.type == 'L' || e.type == 'K') {
        if (e.size > kMaxMeta)
            return fail(RemoteTr::tr("The archive has an oversized extended header."));
        m_metaType = e.type;
        m_meta.clear();
        m_state = m_remaining > 0 ? State::Meta : State::Header;
        return true;
    }
    m_hasPendingPath = m_hasPendingLink = m_hasPendingSize = false;
    if (!m_handler->beginEntry(e))
        return fail({});
    m_state = m_remaining > 0 ? State::Data : (m_padding > 0 ? State::Padding : State::Header);
    if (m_remaining == 0 && !m_handler->endEntry())
        return fail({});
    return true;
}

bool TarReader::feed(const char *data, qint64 size)
{
    while (size > 0) {
        switch (m_state) {
        case State::End:
            // Trailing blocks after the end marker are padding; ignore them.
            return m_error.isEmpty();
        case State::Header: {
            const qint64 take = qMin<qint64>(kBlock - m_block.size(), size);
            m_block.append(data, int(take));
            data += take;
            size -= take;
            if (m_block.size() == kBlock) {
                const bool ok = parseHeader();
                m_block.clear();
                if (!ok)
                    return false;
            }
            break;
        }
        case State::Data: {
            const qint64 take = qMin(m_remaining, size);
            if (!m_handler->entryData(data, take))
                return fail({});
            data += take;
            size -= take;
            m_remaining -= take;
            if (m_remaining == 0) {
                if (!m_handler->endEntry())
                    return fail({});
                m_state = m_padding > 0 ? State::Padding : State::Header;
            }
            break;
        }
        case State::Meta: {
            const qint64 take = qMin(m_remaining, size);
            m_meta.append(data, int(take));
            data += take;
            size -= take;
            m_remaining -= take;
            if (m_remaining > 0)
                break;
            if (m_metaType == 'L') {
                m_pending.path = cString(m_meta.constData(), int(m_meta.size()));
                m_hasPendingPath = true;
            } else if (m_metaType == 'K') {
                m_pending.linkTarget = cString(m_meta.constData(), int(m_meta.size()));
                m_hasPendingLink = true;
            } else if (m_metaType == 'x') {
                // Records: "<len> key=value\n"
                qint64 pos = 0;
                while (pos < m_meta.size()) {
                    const qint64 space = m_meta.indexOf(' ', pos);
                    if (space < 0)
                        return fail(RemoteTr::tr("The archive has a malformed PAX header."));
                    bool ok = false;
                    const qint64 len = m_meta.mid(pos, space - pos).toLongLong(&ok);
                    if (!ok || len <= space - pos || pos + len > m_meta.size())
                        return fail(RemoteTr::tr("The archive has a malformed PAX header."));
                    const QByteArray record = m_meta.mid(space + 1, pos + len - space - 2);
                    const qint64 eq = record.indexOf('=');
                    const QByteArray key = record.left(eq);
                    const QByteArray value = record.mid(eq + 1);
                    if (key == "path") {
                        m_pending.path = value;
                        m_hasPendingPath = true;
                    } else if (key == "linkpath") {
                        m_pending.linkTarget = value;
                        m_hasPendingLink = true;
                    } else if (key == "size") {
                        m_pending.size = value.toLongLong();
                        m_hasPendingSize = true;
                    }
                    pos += len;
                }
            } // 'g' (global) carries nothing we use
            m_state = m_padding > 0 ? State::Padding : State::Header;
            break;
        }
        case State::Padding: {
            const qint64 take = qMin(m_padding, size);
            data += take;
            size -= take;
            m_padding -= take;
            if (m_padding == 0)
                m_state = State::Header;
            break;
        }
        }
    }
    return true;
}

} // namespace td
