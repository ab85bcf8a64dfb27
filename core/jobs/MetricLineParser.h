// Parses the engine's metrics JSON Lines (DESIGN.md, contract version 1).
#pragma once

#include "core/store/Store.h"

#include <QByteArray>
#include <QString>

namespace td {

struct ParsedMetricLine
{
    bool ok = false; // a JSON object with a string "event"
    QString error;   // why it was rejected (for the "malformed lines" count)
    MetricRow row;   // always carries seq and the raw text, values only when ok
};

// Turns one line (without its newline) into a row. Never throws, never fails hard: a malformed
// line yields ok == false and a row that still keeps the raw text so line numbers stay aligned
// with the file. Unknown fields are kept in the raw text; unknown events are accepted as-is.
ParsedMetricLine parseMetricLine(const QByteArray &line, qint64 seq);

// The numeric value named `name` in a row, if present.
std::optional<double> metricValue(const MetricRow &row, const QString &name);

} // namespace td
