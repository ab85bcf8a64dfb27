// Turns the sampler's gpu.csv (DESIGN.md, "GPU samples") into rows for the gpu_samples table.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace td {

// One GPU at one instant. Memory in MiB, utilisation in percent, temperature in degrees C,
// power in W, SM clock in MHz. A value nvidia-smi could not read ("[N/A]", "[Not Supported]",
// "[Unknown Error]") is std::nullopt and goes to the store as NULL.
struct GpuSample
{
    int gpu = -1;    // nvidia-smi index; -1 when the query had no index column
    double time = 0; // unix seconds, UTC; NaN when the query had no timestamp column
    std::optional<double> util, memUtil, memUsed, memTotal, temp, power, smClock;

    friend bool operator==(const GpuSample &, const GpuSample &) = default;
};

// Parses nvidia-smi --query-gpu CSV lines. The sampler runs the query of standardColumns() with
// --format=csv,noheader,nounits, but a header line (with or without units) is also understood:
// it redefines which column holds which value, so another column order or a hand-run query
// parses too. Unknown columns are ignored. Malformed lines are counted, never fatal.
//
// Incremental use for a growing file: feed() the bytes as they arrive. Only whole lines are
// parsed; a trailing partial line is kept until its newline comes. `consumed` in each result is
// the number of bytes that became whole lines during that call, so a caller that adds it to its
// stored offset always stores a line boundary, and a new parser started there after a reattach
// neither repeats nor skips a row. (The one exception is an overlong line, see kMaxLineBytes:
// its bytes count as consumed as they are dropped.)
class GpuSampleParser
{
public:
    struct Result
    {
        QList<GpuSample> samples;
        qint64 consumed = 0; // bytes of whole lines (newlines included) taken by this call
        int malformed = 0;   // lines that were neither a sample, a header nor blank
    };

    enum class LineKind { Sample, Header, Blank, Malformed };

    // The columns of the sampler's query, in order (DESIGN.md).
    static QStringList standardColumns();

    // utcOffsetSeconds: the remote's offset from UTC (east positive) when the samples were
    // taken; nvidia-smi prints local time without a zone. columns: the query's column names
    // when the output has no header.
    explicit GpuSampleParser(int utcOffsetSeconds = 0,
                             const QStringList &columns = standardColumns());

    Result feed(QByteArrayView bytes);

    // Parses the kept partial line as if its newline had come (the file is complete, e.g. the
    // job ended). A sampler killed mid-line leaves a truncated row: it counts as malformed.
    Result finish();

    // Convenience for a complete text: feed() then finish().
    Result parseAll(QByteArrayView bytes);

    qsizetype pendingBytes() const { return m_pending.size(); }
    int utcOffsetSeconds() const { return m_utcOffset; }

    // Parses one line without its newline; updates the column layout on a header line.
    LineKind parseLine(QStringView line, GpuSample *sample);

    // "2024/05/03 12:34:56.789" (also with '-' between date parts or 'T' before the time)
    // taken as local time at utcOffsetSeconds -> unix seconds UTC.
    static std::optional<double> parseTimestamp(QStringView text, int utcOffsetSeconds);

    // A line longer than this without a newline is not nvidia-smi output (a real row is about
    // 100 bytes): it is dropped and counted as malformed rather than buffered without bound.
    static constexpr qsizetype kMaxLineBytes = 64 * 1024;

private:
    enum class Field {
        Ignored,
        Index,
        Time,
        Util,
        MemUtil,
        MemUsed,
        MemTotal,
        Temp,
        Power,
        SmClock
    };

    void setColumns(const QStringList &names);
    void takeLine(QByteArrayView line, Result *result);

    int m_utcOffset = 0;
    QList<Field> m_layout;
    QByteArray m_pending;
    bool m_discarding = false; // inside an overlong line, skipping to its newline
};

} // namespace td
