#include "core/diagnosis/TextLines.h"

#include <algorithm>

namespace td {

QString lineAround(QStringView text, qsizetype pos, qsizetype maxChars)
{
    if (text.isEmpty())
        return {};
    pos = std::clamp<qsizetype>(pos, 0, text.size() - 1);
    qsizetype begin = pos;
    while (begin > 0 && text.at(begin - 1) != u'\n' && text.at(begin - 1) != u'\r')
        --begin;
    qsizetype end = pos;
    while (end < text.size() && text.at(end) != u'\n' && text.at(end) != u'\r')
        ++end;
    QString line = text.mid(begin, end - begin).toString().simplified();
    if (line.size() > maxChars) {
        line.truncate(maxChars);
        line.append(QChar(0x2026)); // horizontal ellipsis
    }
    return line;
}

QString plainLogText(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'\x1b' && i + 1 < text.size() && text.at(i + 1) == u'[') {
            // CSI: ESC [ parameters... final byte in 0x40..0x7e
            qsizetype j = i + 2;
            while (j < text.size() && !(text.at(j) >= u'@' && text.at(j) <= u'~'))
                ++j;
            i = j;
            continue;
        }
        if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n')
            continue;
        out.append(c);
    }
    return out;
}

} // namespace td
