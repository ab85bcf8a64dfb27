#include "core/jobs/LineFollower.h"

#include <QCoreApplication>
#include <QFile>

namespace td {

QList<QByteArray> LineFollower::feed(const QByteArray &bytes)
{
    QList<QByteArray> lines;
    m_pending.append(bytes);
    qsizetype start = 0;
    for (;;) {
        const qsizetype nl = m_pending.indexOf('\n', start);
        if (nl < 0)
            break;
        lines.append(m_pending.mid(start, nl - start));
        start = nl + 1;
    }
    m_offset += start;
    m_pending.remove(0, start);
    return lines;
}

bool LineFollower::poll(const QString &path, QList<QByteArray> *lines, QString *error)
{
    QFile file(path);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QCoreApplication::translate("LineFollower", "Cannot read %1: %2")
                         .arg(path, file.errorString());
        return false;
    }
    const qint64 readFrom = m_offset + m_pending.size();
    if (file.size() < readFrom) {
        if (error)
            *error =
                QCoreApplication::translate("LineFollower", "%1 shrank below the part already read")
                    .arg(path);
        return false;
    }
    if (!file.seek(readFrom)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    lines->append(feed(file.readAll()));
    return true;
}

} // namespace td
