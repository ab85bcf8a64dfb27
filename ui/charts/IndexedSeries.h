// A sorted series with a min/max pyramid over it, so that decimating any visible range costs
// O(columns * log n) instead of a pass over every point: a million-point chart re-decimates on
// each live append and zoom well inside a frame.
#pragma once

#include <QList>
#include <QPointF>

#include <cstdint>
#include <vector>

namespace td {

class IndexedSeries
{
public:
    void clear();
    // Keeps x sorted. Appending at the end (the live case) updates the pyramid in O(levels);
    // an out-of-order insert rebuilds it.
    void insert(QPointF p);
    void reserve(size_t n) { m_points.reserve(n); }
    const std::vector<QPointF> &points() const { return m_points; }
    size_t size() const { return m_points.size(); }
    bool empty() const { return m_points.empty(); }

    // Same contract as decimateMinMax() (SeriesDecimator.h): at most two points per column of
    // [xMin, xMax], each column's min and max in x order, plus the neighbours just outside.
    QList<QPointF> decimate(double xMin, double xMax, int columns) const;

private:
    struct Extremes
    {
        // The values sit next to their indices so that a query compares within the pyramid
        // instead of loading a point from anywhere in a million-point array per comparison.
        double loY = 0, hiY = 0;
        uint32_t lo = 0, hi = 0; // indices into m_points
    };
    void rebuild();
    void extend(size_t index); // account for m_points[index] in every level
    // The lowest and highest point in [from, to), to > from.
    Extremes extremes(size_t from, size_t to) const;
    // First index in [from, last) whose x is >= x, searched outwards from `from`: a column's
    // end is near its start, so this beats a binary search over the whole range.
    size_t seek(size_t from, size_t last, double x) const;

    std::vector<QPointF> m_points;
    // m_levels[k][i] covers points [i * B^(k+1), (i+1) * B^(k+1)).
    std::vector<std::vector<Extremes>> m_levels;
};

} // namespace td
