#include "ui/charts/SeriesDecimator.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace td {

QList<QPointF> decimateMinMax(const QPointF *begin, const QPointF *end, double xMin, double xMax,
                              int columns)
{
    QList<QPointF> out;
    if (begin == end || columns <= 0 || !(xMax >= xMin))
        return out;
    const auto byX = [](const QPointF &p, double x) { return p.x() < x; };
    auto first = std::lower_bound(begin, end, xMin, byX);
    auto last =
        std::lower_bound(first, end, xMax, [](const QPointF &p, double x) { return p.x() <= x; });
    if (first != begin)
        --first; // keep the line entering from the left edge
    if (last != end)
        ++last; // and leaving at the right edge
    const auto count = std::distance(first, last);
    if (count <= 2 * columns) {
        out.reserve(count);
        for (auto it = first; it != last; ++it)
            out.append(*it);
        return out;
    }
    out.reserve(2 * columns + 4);
    const double width = (xMax - xMin) / columns;
    auto it = first;
    while (it != last) {
        // One division per column rather than per point keeps a million-point redraw cheap.
        double col = width > 0 ? std::floor((it->x() - xMin) / width) : 0.0;
        // A point exactly at xMax belongs to the last column, not to one past the edge.
        if (it->x() <= xMax)
            col = std::min(col, double(columns - 1));
        const bool lastColumn = col == double(columns - 1);
        const double colEnd =
            width > 0 ? xMin + (col + 1) * width : std::numeric_limits<double>::infinity();
        auto lo = it, hi = it;
        auto next = std::next(it);
        while (next != last && (next->x() < colEnd || (lastColumn && next->x() <= xMax))) {
            if (next->y() < lo->y())
                lo = next;
            if (next->y() > hi->y())
                hi = next;
            ++next;
        }
        if (lo == hi) {
            out.append(*lo);
        } else if (lo->x() <= hi->x()) {
            out.append(*lo);
            out.append(*hi);
        } else {
            out.append(*hi);
            out.append(*lo);
        }
        it = next;
    }
    return out;
}

} // namespace td
