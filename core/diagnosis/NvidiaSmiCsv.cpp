#include "core/diagnosis/NvidiaSmiCsv.h"

#include <QLatin1StringView>

namespace td {

namespace {

bool isNameChar(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'.' || c == u'_';
}

bool isPropertyName(QStringView name)
{
    if (name.isEmpty() || name.front() < u'a' || name.front() > u'z')
        return false;
    for (QChar c : name) {
        if (!isNameChar(c))
            return false;
    }
    return true;
}

// Multiplier to MiB for memory units; 1 for the units nvidia-smi prints on other fields.
std::optional<double> unitFactor(QStringView unit)
{
    static constexpr struct
    {
        QLatin1StringView name;
        double factor;
    } kUnits[] = {
        {QLatin1StringView(""), 1.0},
        {QLatin1StringView("%"), 1.0},
        {QLatin1StringView("MiB"), 1.0},
        {QLatin1StringView("MB"), 1.0},
        {QLatin1StringView("KiB"), 1.0 / 1024.0},
        {QLatin1StringView("GiB"), 1024.0},
        {QLatin1StringView("W"), 1.0},
        {QLatin1StringView("MHz"), 1.0},
        {QLatin1StringView("C"), 1.0},
    };
    for (const auto &u : kUnits) {
        if (unit == u.name)
            return u.factor;
    }
    return std::nullopt;
}

} // namespace

QStringList splitNvidiaSmiCsvLine(QStringView line)
{
    QStringList fields;
    for (QStringView part : line.split(u','))
        fields.append(part.trimmed().toString());
    return fields;
}

QString nvidiaSmiColumnName(QStringView headerField)
{
    QStringView name = headerField.trimmed();
    const qsizetype bracket = name.indexOf(u'[');
    if (bracket > 0 && name.endsWith(u']'))
        name = name.left(bracket).trimmed();
    return name.toString();
}

bool isNvidiaSmiCsvHeader(const QStringList &fields)
{
    if (fields.isEmpty())
        return false;
    for (const QString &field : fields) {
        if (!isPropertyName(nvidiaSmiColumnName(field)))
            return false;
    }
    return true;
}

bool isNvidiaSmiMissingValue(QStringView field)
{
    const QStringView value = field.trimmed();
    if (value.isEmpty())
        return true;
    if (value.startsWith(u'[') && value.endsWith(u']'))
        return true;
    static constexpr QLatin1StringView kBare[] = {
        QLatin1StringView("N/A"), QLatin1StringView("Not Supported"),
        QLatin1StringView("Unknown Error"), QLatin1StringView("Not Available")};
    for (QLatin1StringView bare : kBare) {
        if (value.compare(bare, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

std::optional<double> parseNvidiaSmiNumber(QStringView field, bool *ok)
{
    *ok = true;
    if (isNvidiaSmiMissingValue(field))
        return std::nullopt;
    const QStringView value = field.trimmed();
    // The number runs up to the first character that cannot belong to it; the rest is the unit.
    // nvidia-smi prints plain decimals, never exponents.
    qsizetype end = 0;
    while (end < value.size()) {
        const QChar c = value.at(end);
        if (!(c.isDigit() || c == u'.' || c == u'-' || c == u'+'))
            break;
        ++end;
    }
    bool numberOk = false;
    const double number = value.left(end).toDouble(&numberOk);
    const std::optional<double> factor = unitFactor(value.mid(end).trimmed());
    if (!numberOk || !factor) {
        *ok = false;
        return std::nullopt;
    }
    return number * *factor;
}

QString NvidiaSmiQueryTable::value(qsizetype row, const QString &column) const
{
    const qsizetype col = columns.indexOf(column);
    if (row < 0 || row >= rows.size() || col < 0 || col >= rows.at(row).size())
        return {};
    return rows.at(row).at(col);
}

NvidiaSmiQueryTable parseNvidiaSmiQuery(const QString &output, const QStringList &columns)
{
    NvidiaSmiQueryTable table;
    table.columns = columns;
    const QStringList lines = output.split(u'\n');
    for (const QString &rawLine : lines) {
        const QStringView line = QStringView(rawLine).trimmed();
        if (line.isEmpty())
            continue;
        const QStringList fields = splitNvidiaSmiCsvLine(line);
        if (isNvidiaSmiCsvHeader(fields)) {
            table.columns.clear();
            for (const QString &field : fields)
                table.columns.append(nvidiaSmiColumnName(field));
            continue;
        }
        if (table.columns.isEmpty() || fields.size() != table.columns.size()) {
            ++table.malformedLines;
            continue;
        }
        table.rows.append(fields);
    }
    return table;
}

} // namespace td
