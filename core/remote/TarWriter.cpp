#include "core/remote/TarWriter.h"

#include <cstring>

namespace td {

namespace {

constexpr int kBlock = 512;
constexpr qint64 kUstarMaxSize = 077777777777LL; // 11 octal digits

void putOctal(char *field, int width, qint64 value)
{
    // width includes the terminating NUL.
    QByteArray digits = QByteArray::number(value, 8);
    digits = digits.rightJustified(width - 1, '0');
    memcpy(field, digits.constData(), size_t(width - 1));
    field[width - 1] = '\0';
}

bool isPlainAscii(const QByteArray &s)
{
    for (char c : s)
        if (uchar(c) < 0x20 || uchar(c) > 0x7e)
            return false;
    return true;
}

} // namespace

QByteArray TarWriter::paxRecord(const QByteArray &key, const QByteArray &value)
{
    // "<len> key=value\n", where len counts its own digits too.
    const qint64 body = 1 + key.size() + 1 + value.size() + 1;
    qint64 len = body + 1;
    while (QByteArray::number(len).size() + body != len)
        ++len;
    QByteArray out = QByteArray::number(len);
    out.append(' ').append(key).append('=').append(value).append('\n');
    return out;
}

bool TarWriter::emit(const char *data, qint64 size)
{
    if (size <= 0)
        return true;
    m_total += size;
    return m_sink(data, size);
}

bool TarWriter::writeHeader(const QByteArray &name, char type, qint64 size, qint64 mtimeNs,
                            int mode)
{
    const qint64 sec = mtimeNs >= 0 ? mtimeNs / 1000000000 : 0;
    const qint64 nsec = mtimeNs >= 0 ? mtimeNs % 1000000000 : 0;
    QByteArray pax;
    if (name.size() > 99 || !isPlainAscii(name))
        pax += paxRecord("path", name);
    if (size > kUstarMaxSize)
        pax += paxRecord("size", QByteArray::number(size));
    if (nsec != 0)
        pax += paxRecord("mtime", QByteArray::number(sec).append('.').append(
                                      QByteArray::number(nsec).rightJustified(9, '0')));
    if (!pax.isEmpty()) {
        // The extended header's own name is informational; keep it short and ASCII.
        if (!writeHeader("PaxHeader", 'x', pax.size(), sec * 1000000000, 0644))
            return false;
        if (!emit(pax.constData(), pax.size()))
            return false;
        const qint64 pad = (kBlock - pax.size() % kBlock) % kBlock;
        const char zeros[kBlock] = {};
        if (!emit(zeros, pad))
            return false;
    }

    char h[kBlock] = {};
    QByteArray shortName = name.left(99);
    if (!isPlainAscii(shortName))
        shortName = "pax-named-member";
    memcpy(h, shortName.constData(), size_t(shortName.size()));
    putOctal(h + 100, 8, mode & 07777);
    putOctal(h + 108, 8, 0);
    putOctal(h + 116, 8, 0);
    putOctal(h + 124, 12, size > kUstarMaxSize ? 0 : size);
    putOctal(h + 136, 12, qMin<qint64>(sec, kUstarMaxSize));
    memset(h + 148, ' ', 8);
    h[156] = type;
    memcpy(h + 257, "ustar", 6);
    memcpy(h + 263, "00", 2);
    unsigned sum = 0;
    for (int i = 0; i < kBlock; ++i)
        sum += uchar(h[i]);
    putOctal(h + 148, 7, sum);
    h[155] = ' ';
    return emit(h, kBlock);
}

bool TarWriter::beginFile(const QByteArray &name, qint64 size, qint64 mtimeNs, int mode)
{
    if (m_remaining != 0)
        return false;
    m_remaining = size;
    m_memberSize = size;
    return writeHeader(name, '0', size, mtimeNs, mode);
}

bool TarWriter::writeData(const char *data, qint64 size)
{
    if (size > m_remaining)
        return false;
    m_remaining -= size;
    return emit(data, size);
}

bool TarWriter::endFile()
{
    if (m_remaining != 0)
        return false;
    const qint64 pad = (kBlock - m_memberSize % kBlock) % kBlock;
    const char zeros[kBlock] = {};
    m_memberSize = 0;
    return emit(zeros, pad);
}

bool TarWriter::addDirectory(const QByteArray &name, qint64 mtimeNs, int mode)
{
    QByteArray n = name;
    if (!n.endsWith('/'))
        n += '/';
    return writeHeader(n, '5', 0, mtimeNs, mode);
}

bool TarWriter::finish()
{
    const char zeros[2 * kBlock] = {};
    return emit(zeros, sizeof zeros);
}

} // namespace td
