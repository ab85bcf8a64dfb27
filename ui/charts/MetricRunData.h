// The raw metric points of one job, kept outside Qt Charts (which repaints every point it holds):
// the chart draws a decimated copy of the visible range and re-decimates from here.
#pragma once

#include "core/store/StoreRecords.h"
#include "ui/charts/IndexedSeries.h"

#include <QList>
#include <QPointF>

#include <array>
#include <map>
#include <vector>

namespace td {

// Maps a training step to a fractional epoch: epoch e covers the steps after the last step of
// epoch e - 1 up to its own last step, so an evaluation logged at the end of epoch 0 lands on 1.0.
// The epoch in progress is assumed as long as the one before it (its end is not known yet).
class EpochScale
{
public:
    void clear() { m_lastStep.clear(); }
    void note(int epoch, qint64 step);
    bool isEmpty() const { return m_lastStep.empty(); }
    double toEpoch(double step) const;
    double toStep(double epoch) const; // the inverse of toEpoch, for visible-range conversion
    // toEpoch() on every x of points sorted by x, in one pass over the epochs instead of one
    // search per point (a decimated million-point curve has ~2000 points, a long run ~1000 epochs).
    void mapToEpochs(QList<QPointF> &sorted) const;

private:
    // [start, end) in steps of one epoch, with the end extrapolated for the last one.
    void bounds(int epoch, double *start, double *end) const;

    std::map<int, qint64> m_lastStep; // epoch -> highest step seen in it
};

class MetricRunData
{
public:
    // Same order as MetricsChart::Series.
    enum Series { TrainLoss, ValLoss, ValAccuracy, TestAccuracy, LearningRate, Throughput, Count };

    void clear();
    void appendRows(const QList<MetricRow> &rows);
    // Raw points, x = step, sorted by step. Accuracies are in percent.
    const std::vector<QPointF> &points(int series) const { return m_points[series].points(); }
    const IndexedSeries &series(int series) const { return m_points[series]; }
    // Exponential moving average of the training loss (TensorBoard's weight: 0 = off, 0.99 =
    // very smooth), one point per raw point, bias-corrected so it starts at the first value.
    const IndexedSeries &smoothedLoss() const { return m_smoothed; }
    void setSmoothing(double weight);
    double smoothing() const { return m_weight; }
    const EpochScale &epochs() const { return m_epochs; }
    bool isEmpty() const;
    // Steps covered by any series; false when there are no points.
    bool stepRange(double *min, double *max) const;

private:
    void insert(int series, QPointF p);
    void recomputeSmoothing();

    std::array<IndexedSeries, Count> m_points;
    IndexedSeries m_smoothed;
    double m_weight = 0;
    // Running EMA state, so live appends extend the smoothed curve in O(1).
    double m_ema = 0;
    double m_emaWeightSum = 0;
    EpochScale m_epochs;
};

} // namespace td
