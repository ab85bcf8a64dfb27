#include "ui/charts/IndexedSeries.h"

#include <algorithm>
#include <cmath>

namespace td {

namespace {
// Fan-out of the pyramid: a query scans up to 2 * (kFanOut - 1) entries per level at a column's
// ends, so a small fan-out keeps that cheap; at 16 the pyramid costs about 10 % of the points'
// memory (24 bytes per 16 points of 16 bytes).
constexpr size_t kFanOut = 16;
} // namespace

void IndexedSeries::clear()
{
    m_points.clear();
    m_levels.clear();
}

void IndexedSeries::insert(QPointF p)
{
    if (m_points.empty() || m_points.back().x() <= p.x()) {
        m_points.push_back(p);
        extend(m_points.size() - 1);
        return;
    }
    const auto at = std::upper_bound(m_points.begin(), m_points.end(), p.x(),
                                     [](double x, const QPointF &q) { return x < q.x(); });
    m_points.insert(at, p);
    rebuild();
}

void IndexedSeries::rebuild()
{
    m_levels.clear();
    for (size_t i = 0; i < m_points.size(); ++i)
        extend(i);
}

void IndexedSeries::extend(size_t index)
{
    const double y = m_points[index].y();
    const size_t count = index + 1;
    // Level k (blocks of kFanOut^(k+1) points) exists once the level below has two units.
    size_t below = 1;
    for (size_t level = 0; count > below; ++level, below *= kFanOut) {
        const size_t span = below * kFanOut;
        if (m_levels.size() <= level) {
            // First block of a new level: it covers everything so far.
            Extremes e{m_points[0].y(), m_points[0].y(), 0, 0};
            for (size_t i = 1; i < count; ++i) {
                const double v = m_points[i].y();
                if (v < e.loY)
                    e = {v, e.hiY, uint32_t(i), e.hi};
                if (v > e.hiY)
                    e = {e.loY, v, e.lo, uint32_t(i)};
            }
            m_levels.push_back({e});
            continue;
        }
        std::vector<Extremes> &blocks = m_levels[level];
        const size_t block = index / span;
        if (blocks.size() <= block) {
            blocks.push_back({y, y, uint32_t(index), uint32_t(index)});
            continue;
        }
        Extremes &e = blocks[block];
        if (y < e.loY) {
            e.loY = y;
            e.lo = uint32_t(index);
        }
        if (y > e.hiY) {
            e.hiY = y;
            e.hi = uint32_t(index);
        }
    }
}

IndexedSeries::Extremes IndexedSeries::extremes(size_t from, size_t to) const
{
    const double first = m_points[from].y();
    Extremes best{first, first, uint32_t(from), uint32_t(from)};
    // Raw points at level 0, blocks of the level below above it.
    const auto scan = [&](size_t level, size_t span, size_t a, size_t b) {
        if (level == 0) {
            for (size_t i = a; i < b; ++i) {
                const double y = m_points[i].y();
                if (y < best.loY) {
                    best.loY = y;
                    best.lo = uint32_t(i);
                }
                if (y > best.hiY) {
                    best.hiY = y;
                    best.hi = uint32_t(i);
                }
            }
            return;
        }
        const std::vector<Extremes> &blocks = m_levels[level - 1];
        for (size_t i = a / span, end = b / span; i < end; ++i) {
            const Extremes &e = blocks[i];
            if (e.loY < best.loY) {
                best.loY = e.loY;
                best.lo = e.lo;
            }
            if (e.hiY > best.hiY) {
                best.hiY = e.hiY;
                best.hi = e.hi;
            }
        }
    };
    // Walk up the pyramid: scan the unaligned ends at each level, the aligned middle above.
    size_t span = 1;
    for (size_t level = 0;; ++level) {
        const size_t next = span * kFanOut;
        const size_t a = (from + next - 1) / next * next; // first block boundary at or after from
        const size_t b = to / next * next;                // last block boundary at or before to
        if (level >= m_levels.size() || a >= b) {
            // No whole block of the next level inside: scan what is left at this level.
            scan(level, span, from, to);
            return best;
        }
        scan(level, span, from, a);
        scan(level, span, b, to);
        from = a;
        to = b;
        span = next;
    }
}

size_t IndexedSeries::seek(size_t from, size_t last, double x) const
{
    // Gallop: every index before lo has a smaller x, hi (when < last) has x >= the target.
    size_t lo = from, hi = from, step = 1;
    while (hi < last && m_points[hi].x() < x) {
        lo = hi + 1;
        hi = from + step;
        step *= 2;
    }
    hi = std::min(hi, last);
    const auto begin = m_points.begin();
    return size_t(std::lower_bound(begin + lo, begin + hi, x,
                                   [](const QPointF &p, double v) { return p.x() < v; }) -
                  begin);
}

QList<QPointF> IndexedSeries::decimate(double xMin, double xMax, int columns) const
{
    QList<QPointF> out;
    if (m_points.empty() || columns <= 0 || !(xMax >= xMin))
        return out;
    const auto begin = m_points.begin();
    const auto byX = [](const QPointF &p, double x) { return p.x() < x; };
    size_t first = size_t(std::lower_bound(begin, m_points.end(), xMin, byX) - begin);
    size_t last = size_t(std::upper_bound(begin + first, m_points.end(), xMax,
                                          [](double x, const QPointF &p) { return x < p.x(); }) -
                         begin);
    if (first > 0)
        out.append(m_points[first - 1]); // the line enters from the left edge
    if (last - first <= size_t(2 * columns)) {
        for (size_t i = first; i < last; ++i)
            out.append(m_points[i]);
    } else {
        out.reserve(2 * columns + 2);
        const double width = (xMax - xMin) / columns;
        size_t from = first;
        for (int c = 0; c < columns && from < last; ++c) {
            // The last column also takes the points exactly at xMax.
            const size_t to = c + 1 == columns ? last : seek(from, last, xMin + (c + 1) * width);
            if (to == from)
                continue;
            const Extremes e = extremes(from, to);
            if (e.lo == e.hi) {
                out.append(m_points[e.lo]);
            } else {
                out.append(m_points[std::min(e.lo, e.hi)]);
                out.append(m_points[std::max(e.lo, e.hi)]);
            }
            from = to;
        }
    }
    if (last < m_points.size())
        out.append(m_points[last]); // and leaves at the right edge
    return out;
}

} // namespace td
