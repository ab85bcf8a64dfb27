#include "ui/charts/SeriesDecimator.h"

#include <algorithm>
#include <cmath>

namespace td {

QList<QPointF> decimateMinMax(const std::vector<QPointF> &points, double xMin, double xMax,
                              int columns)
{
    QList<QPointF> out;
    if (points.empty() || columns <= 0 || !(xMax >= xMin))
        return out;
    const auto byX = [](const QPointF &p, double x) { return p.x() < x; };
    auto first = std::lower_bound(points.begin(), points.end(), xMin, byX);
    auto last = std::lower_bound(first, points.end(), xMax, [](const QPointF &p, double x) {
        return p.x() <= x;
    });
    if (first != points.begin())
        --first; // keep the line entering from the left edge
    if (last != points.end())
        ++last; // and leaving at the right edge
    const auto count = std::distance(first, last);
    if (count <= 2 * columns) {
        out.reserve(count);
        for (auto it = first; it != last; ++it)
            out.append(*it);
        return out;
    }
    out.reserve(2 * columns + 2);
    const double width = (xMax - xMin) / columns;
    auto it = first;
    while (it != last) {
        const double col = width > 0 ? std::floor((it->x() - xMin) / width) : 0.0;
        auto lo = it, hi = it;
        auto end = it;
        while (end != last && (width > 0 ? std::floor((end->x() - xMin) / width) : 0.0) == col) {
            if (end->y() < lo->y())
                lo = end;
            if (end->y() > hi->y())
                hi = end;
            ++end;
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
        it = end;
    }
    return out;
}

} // namespace td
