// Field-level rules of `nvidia-smi --query-gpu=... --format=csv[,noheader][,nounits]` output,
// shared by the GPU sample parser and the machine probe's one-shot queries.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace td {

// Splits one CSV line into trimmed fields. nvidia-smi never quotes: GPU names, the only free
// text it prints, contain no commas.
QStringList splitNvidiaSmiCsvLine(QStringView line);

// "memory.used [MiB]" -> "memory.used": the header carries the unit in brackets unless nounits.
QString nvidiaSmiColumnName(QStringView headerField);

// True for a line that is a header: every field is a dotted lower-case property name with an
// optional "[unit]" suffix. Data rows always hold at least one number, name or "[N/A]".
bool isNvidiaSmiCsvHeader(const QStringList &fields);

// True for the values nvidia-smi prints when it has no number: "[N/A]", "[Not Supported]",
// "[Unknown Error]", "[Insufficient Permissions]", "[GPU requires reset]" (any bracketed text),
// their unbracketed spellings, and an empty field.
bool isNvidiaSmiMissingValue(QStringView field);

// A numeric field with or without its unit ("36 %", "11175 MiB", "106.56 W", "1936 MHz",
// "36"). Memory given in KiB or GiB is converted to MiB. Returns std::nullopt with *ok = true for
// a missing value (see above) and with *ok = false for text that is neither.
std::optional<double> parseNvidiaSmiNumber(QStringView field, bool *ok);

// A whole one-shot query output (the probe runs e.g. --query-gpu=index,name,mig.mode.current).
struct NvidiaSmiQueryTable
{
    QStringList columns;     // from the header, units stripped; the given ones without header
    QList<QStringList> rows; // one list of raw fields per data line, as many as columns
    int malformedLines = 0;  // lines with another field count, before a header, or prompts

    // The raw field of `column` in `row`, or a null string when the column is absent.
    QString value(qsizetype row, const QString &column) const;
};

// Parses a query output. With a header line the columns come from it; without one (noheader)
// pass the queried names as `columns`. Blank lines are skipped.
NvidiaSmiQueryTable parseNvidiaSmiQuery(const QString &output, const QStringList &columns = {});

} // namespace td
