// Min-max decimation: Qt Charts repaints every point it holds, so a chart is fed at most two
// points per pixel column of the visible range, chosen so that peaks and dips survive.
#pragma once

#include <QList>
#include <QPointF>

#include <vector>

namespace td {

// `points` must be sorted by x. Returns at most 2 * columns points (plus the neighbours just
// outside [xMin, xMax] so lines run to the chart's edge), preserving each column's min and max
// in x order.
QList<QPointF> decimateMinMax(const QPointF *begin, const QPointF *end, double xMin, double xMax,
                              int columns);
inline QList<QPointF> decimateMinMax(const std::vector<QPointF> &points, double xMin, double xMax,
                                     int columns)
{
    return decimateMinMax(points.data(), points.data() + points.size(), xMin, xMax, columns);
}

} // namespace td
