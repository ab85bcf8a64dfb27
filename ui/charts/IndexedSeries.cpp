#include "ui/charts/IndexedSeries.h"

#include <algorithm>
#include <cmath>

namespace td {

namespace {
// Fan-out of the pyramid: small enough that the partial blocks at a column's ends are cheap to
// scan, large enough that the pyramid costs under 2 % of the points' memory.
constexpr size_t kFanOut = 64;
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
            Extremes e{0, 0};
            for (size_t i = 1; i < count; ++i) {
                if (m_points[i].y() < m_points[e.lo].y())
                    e.lo = uint32_t(i);
                if (m_points[i].y() > m_points[e.hi].y())
                    e.hi = uint32_t(i);
            }
            m_levels.push_back({e});
            continue;
        }
        std::vector<Extremes> &blocks = m_levels[level];
        const size_t block = index / span;
        if (blocks.size() <= block) {
            blocks.push_back({uint32_t(index), uint32_t(index)});
            continue;
        }
        Extremes &e = blocks[block];
        if (y < m_points[e.lo].y())
            e.lo = uint32_t(index);
        if (y > m_points[e.hi].y())
            e.hi = uint32_t(index);
    }
}

IndexedSeries::Extremes IndexedSeries::extremes(size_t from, size_t to) const
{
    Extremes best{uint32_t(from), uint32_t(from)};
    const auto consider = [&](uint32_t lo, uint32_t hi) {
        if (m_points[lo].y() < m_points[best.lo].y())
            best.lo = lo;
        if (m_points[hi].y() > m_points[best.hi].y())
            best.hi = hi;
    };
    // Walk up the pyramid: scan the unaligned ends at each level, the aligned middle above.
    size_t span = 1;
    for (size_t level = 0;; ++level) {
        const size_t next = span * kFanOut;
        size_t a = (from + next - 1) / next * next; // first block boundary at or after from
        size_t b = to / next * next;                // last block boundary at or before to
        if (level >= m_levels.size() || a >= b) {
            // No whole block of the next level inside: scan what is left at this level.
            for (size_t i = from; i < to; i += span) {
                if (span == 1)
                    consider(uint32_t(i), uint32_t(i));
                else
                    consider(m_levels[level - 1][i / span].lo, m_levels[level - 1][i / span].hi);
            }
            return best;
        }
        for (size_t i = from; i < a; i += span) {
            if (span == 1)
                consider(uint32_t(i), uint32_t(i));
            else
                consider(m_levels[level - 1][i / span].lo, m_levels[level - 1][i / span].hi);
        }
        for (size_t i = b; i < to; i += span) {
            if (span == 1)
                consider(uint32_t(i), uint32_t(i));
            else
                consider(m_levels[level - 1][i / span].lo, m_levels[level - 1][i / span].hi);
        }
        from = a;
        to = b;
        span = next;
    }
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
            const size_t to = c + 1 == columns
                                  ? last
                                  : size_t(std::lower_bound(begin + from, begin + last,
                                                            xMin + (c + 1) * width, byX) -
                                           begin);
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
