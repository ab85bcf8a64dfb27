#pragma once

#include <QElapsedTimer>
#include <QMetaType>
#include <QString>

namespace td {

struct TransferProgress
{
    QString currentFile;
    qint64 fileDone = 0;
    qint64 fileTotal = 0;
    qint64 bytesDone = 0;  // payload bytes of this run
    qint64 bytesTotal = 0; // payload bytes this run has to move
    int filesDone = 0;
    int filesTotal = 0;
    double bytesPerSecond = 0;
    qint64 etaSeconds = -1; // -1: unknown
};

// Rate and ETA over the whole run, reported at most every interval (and at file boundaries).
class ProgressMeter
{
public:
    explicit ProgressMeter(int intervalMs = 100) : m_intervalMs(intervalMs) { m_clock.start(); }
    // True when a report is due (or forced); fills rate and ETA.
    bool update(TransferProgress *p, bool force)
    {
        const qint64 now = m_clock.elapsed();
        if (!force && now - m_lastReport < m_intervalMs)
            return false;
        m_lastReport = now;
        if (now > 0)
            p->bytesPerSecond = double(p->bytesDone) * 1000.0 / double(now);
        p->etaSeconds = p->bytesPerSecond > 0
                            ? qint64(double(p->bytesTotal - p->bytesDone) / p->bytesPerSecond)
                            : -1;
        return true;
    }
    qint64 elapsedMs() const { return m_clock.elapsed(); }

private:
    QElapsedTimer m_clock;
    qint64 m_lastReport = -1000000;
    int m_intervalMs;
};

} // namespace td

Q_DECLARE_METATYPE(td::TransferProgress)
