#include "core/diagnosis/GpuSampleParser.h"

#include "core/diagnosis/NvidiaSmiCsv.h"

#include <QLatin1StringView>

#include <algorithm>
#include <limits>

namespace td {

namespace {

// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil), so the
// conversion does not depend on the local machine's time zone database.
qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2 ? 1 : 0;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<qint64>(doe) - 719468;
}

// Reads exactly `count` ASCII digits at *pos.
bool readDigits(QStringView text, qsizetype *pos, int count, int *value)
{
    if (*pos + count > text.size())
        return false;
    int v = 0;
    for (int i = 0; i < count; ++i) {
        const QChar c = text.at(*pos + i);
        if (c < u'0' || c > u'9')
            return false;
        v = v * 10 + (c.unicode() - u'0');
    }
    *pos += count;
    *value = v;
    return true;
}

bool expect(QStringView text, qsizetype *pos, std::initializer_list<char16_t> accepted)
{
    if (*pos >= text.size())
        return false;
    for (char16_t c : accepted) {
        if (text.at(*pos) == c) {
            ++*pos;
            return true;
        }
    }
    return false;
}

} // namespace

QStringList GpuSampleParser::standardColumns()
{
    return {QStringLiteral("index"),           QStringLiteral("timestamp"),
            QStringLiteral("utilization.gpu"), QStringLiteral("utilization.memory"),
            QStringLiteral("memory.used"),     QStringLiteral("memory.total"),
            QStringLiteral("temperature.gpu"), QStringLiteral("power.draw"),
            QStringLiteral("clocks.sm")};
}

GpuSampleParser::GpuSampleParser(int utcOffsetSeconds, const QStringList &columns)
    : m_utcOffset(utcOffsetSeconds)
{
    setColumns(columns);
}

void GpuSampleParser::setColumns(const QStringList &names)
{
    // Query names and the names nvidia-smi prints in the header differ for some properties
    // (clocks.sm is printed as clocks.current.sm); both are accepted. Graphics and memory clocks
    // are different clocks and stay unmapped.
    static const struct
    {
        QLatin1StringView name;
        Field field;
    } kNames[] = {
        {QLatin1StringView("index"), Field::Index},
        {QLatin1StringView("timestamp"), Field::Time},
        {QLatin1StringView("utilization.gpu"), Field::Util},
        {QLatin1StringView("utilization.memory"), Field::MemUtil},
        {QLatin1StringView("memory.used"), Field::MemUsed},
        {QLatin1StringView("memory.total"), Field::MemTotal},
        {QLatin1StringView("temperature.gpu"), Field::Temp},
        {QLatin1StringView("power.draw"), Field::Power},
        {QLatin1StringView("power.draw.instant"), Field::Power},
        {QLatin1StringView("power.draw.average"), Field::Power},
        {QLatin1StringView("clocks.sm"), Field::SmClock},
        {QLatin1StringView("clocks.current.sm"), Field::SmClock},
    };
    m_layout.clear();
    for (const QString &name : names) {
        Field field = Field::Ignored;
        for (const auto &known : kNames) {
            // The first column of a kind wins (power.draw before power.draw.average).
            if (name == known.name && !m_layout.contains(known.field)) {
                field = known.field;
                break;
            }
        }
        m_layout.append(field);
    }
}

std::optional<double> GpuSampleParser::parseTimestamp(QStringView text, int utcOffsetSeconds)
{
    const QStringView t = text.trimmed();
    qsizetype pos = 0;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!readDigits(t, &pos, 4, &year) || !expect(t, &pos, {u'/', u'-'}) ||
        !readDigits(t, &pos, 2, &month) || !expect(t, &pos, {u'/', u'-'}) ||
        !readDigits(t, &pos, 2, &day) || !expect(t, &pos, {u' ', u'T'}) ||
        !readDigits(t, &pos, 2, &hour) || !expect(t, &pos, {u':'}) ||
        !readDigits(t, &pos, 2, &minute) || !expect(t, &pos, {u':'}) ||
        !readDigits(t, &pos, 2, &second))
        return std::nullopt;
    double fraction = 0;
    if (pos < t.size() && t.at(pos) == u'.') {
        ++pos;
        double scale = 0.1;
        const qsizetype start = pos;
        while (pos < t.size() && t.at(pos) >= u'0' && t.at(pos) <= u'9') {
            fraction += scale * (t.at(pos).unicode() - u'0');
            scale /= 10;
            ++pos;
        }
        if (pos == start)
            return std::nullopt;
    }
    if (pos != t.size())
        return std::nullopt;
    static constexpr int kDaysInMonth[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > kDaysInMonth[month - 1] || hour > 23 ||
        minute > 59 || second > 60)
        return std::nullopt;
    const qint64 days =
        daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    const qint64 local = days * 86400 + hour * 3600 + minute * 60 + second;
    return static_cast<double>(local - utcOffsetSeconds) + fraction;
}

GpuSampleParser::LineKind GpuSampleParser::parseLine(QStringView line, GpuSample *sample)
{
    QStringView text = line;
    if (text.endsWith(u'\r')) // nvidia-smi.exe writes CRLF
        text.chop(1);
    if (text.startsWith(QChar(0xFEFF))) // a BOM when the file was written by a Windows shell
        text = text.mid(1);
    text = text.trimmed();
    if (text.isEmpty())
        return LineKind::Blank;

    const QStringList fields = splitNvidiaSmiCsvLine(text);
    if (isNvidiaSmiCsvHeader(fields)) {
        QStringList names;
        for (const QString &field : fields)
            names.append(nvidiaSmiColumnName(field));
        // A header without a single sample column (e.g. a mig.mode query) is some other
        // table: keep the current layout and count the line.
        const QList<Field> previous = m_layout;
        setColumns(names);
        if (std::all_of(m_layout.cbegin(), m_layout.cend(),
                        [](Field f) { return f == Field::Ignored; })) {
            m_layout = previous;
            return LineKind::Malformed;
        }
        return LineKind::Header;
    }
    if (fields.size() != m_layout.size())
        return LineKind::Malformed;

    GpuSample s;
    s.time = std::numeric_limits<double>::quiet_NaN();
    for (qsizetype i = 0; i < fields.size(); ++i) {
        const QString &field = fields.at(i);
        switch (m_layout.at(i)) {
        case Field::Ignored:
            break;
        case Field::Index: {
            bool ok = false;
            const int index = field.toInt(&ok);
            if (!ok || index < 0)
                return LineKind::Malformed;
            s.gpu = index;
            break;
        }
        case Field::Time: {
            const std::optional<double> time = parseTimestamp(field, m_utcOffset);
            if (!time)
                return LineKind::Malformed;
            s.time = *time;
            break;
        }
        default: {
            bool ok = false;
            const std::optional<double> value = parseNvidiaSmiNumber(field, &ok);
            if (!ok)
                return LineKind::Malformed;
            switch (m_layout.at(i)) {
            case Field::Util:
                s.util = value;
                break;
            case Field::MemUtil:
                s.memUtil = value;
                break;
            case Field::MemUsed:
                s.memUsed = value;
                break;
            case Field::MemTotal:
                s.memTotal = value;
                break;
            case Field::Temp:
                s.temp = value;
                break;
            case Field::Power:
                s.power = value;
                break;
            case Field::SmClock:
                s.smClock = value;
                break;
            default:
                break;
            }
        }
        }
    }
    *sample = s;
    return LineKind::Sample;
}

void GpuSampleParser::takeLine(QByteArrayView line, Result *result)
{
    GpuSample sample;
    switch (parseLine(QString::fromUtf8(line), &sample)) {
    case LineKind::Sample:
        result->samples.append(sample);
        break;
    case LineKind::Malformed:
        ++result->malformed;
        break;
    case LineKind::Header:
    case LineKind::Blank:
        break;
    }
}

GpuSampleParser::Result GpuSampleParser::feed(QByteArrayView bytes)
{
    Result result;
    qsizetype start = 0;
    while (start < bytes.size()) {
        const qsizetype newline = bytes.indexOf('\n', start);
        if (newline < 0) {
            const QByteArrayView rest = bytes.sliced(start);
            if (m_discarding) {
                result.consumed += rest.size();
            } else if (m_pending.size() + rest.size() > kMaxLineBytes) {
                result.consumed += m_pending.size() + rest.size();
                ++result.malformed;
                m_pending.clear();
                m_discarding = true;
            } else {
                m_pending.append(rest);
            }
            break;
        }
        const QByteArrayView piece = bytes.sliced(start, newline - start);
        const qint64 pieceBytes = piece.size() + 1;
        if (m_discarding) {
            m_discarding = false;
        } else if (m_pending.isEmpty()) {
            if (piece.size() > kMaxLineBytes)
                ++result.malformed;
            else
                takeLine(piece, &result);
        } else {
            result.consumed += m_pending.size();
            m_pending.append(piece);
            if (m_pending.size() > kMaxLineBytes)
                ++result.malformed;
            else
                takeLine(m_pending, &result);
            m_pending.clear();
        }
        result.consumed += pieceBytes;
        start = newline + 1;
    }
    return result;
}

GpuSampleParser::Result GpuSampleParser::finish()
{
    Result result;
    m_discarding = false;
    if (m_pending.isEmpty())
        return result;
    result.consumed = m_pending.size();
    takeLine(m_pending, &result);
    m_pending.clear();
    return result;
}

GpuSampleParser::Result GpuSampleParser::parseAll(QByteArrayView bytes)
{
    Result result = feed(bytes);
    const Result tail = finish();
    result.samples.append(tail.samples);
    result.consumed += tail.consumed;
    result.malformed += tail.malformed;
    return result;
}

} // namespace td
