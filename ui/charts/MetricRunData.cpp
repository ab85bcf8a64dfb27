#include "ui/charts/MetricRunData.h"

#include <algorithm>
#include <cmath>

namespace td {

namespace {
std::optional<double> valueOf(const MetricRow &row, QLatin1String name)
{
    for (const MetricValue &v : row.values) {
        if (v.name == name)
            return v.value;
    }
    return std::nullopt;
}
} // namespace

void EpochScale::note(int epoch, qint64 step)
{
    auto [it, added] = m_lastStep.try_emplace(epoch, step);
    if (!added)
        it->second = std::max(it->second, step);
}

void EpochScale::bounds(int epoch, double *start, double *end) const
{
    const auto it = m_lastStep.find(epoch);
    const auto prev = it == m_lastStep.begin() ? m_lastStep.end() : std::prev(it);
    *start = prev == m_lastStep.end() ? 0.0 : double(prev->second);
    if (std::next(it) != m_lastStep.end()) {
        *end = double(it->second);
        return;
    }
    // The last epoch may still be running: assume it is as long as the previous one.
    double length = double(it->second) - *start;
    if (prev != m_lastStep.end()) {
        const auto before = prev == m_lastStep.begin() ? m_lastStep.end() : std::prev(prev);
        const double prevStart = before == m_lastStep.end() ? 0.0 : double(before->second);
        length = std::max(length, double(prev->second) - prevStart);
    }
    *end = *start + std::max(length, 1.0);
}

double EpochScale::toEpoch(double step) const
{
    if (m_lastStep.empty())
        return step;
    // The first epoch whose last step is at or after `step`; past the end, the last epoch.
    auto it = std::find_if(m_lastStep.begin(), m_lastStep.end(),
                           [step](const auto &e) { return double(e.second) >= step; });
    if (it == m_lastStep.end())
        it = std::prev(m_lastStep.end());
    double start = 0, end = 0;
    bounds(it->first, &start, &end);
    return it->first + (step - start) / std::max(end - start, 1.0);
}

void EpochScale::mapToEpochs(QList<QPointF> &sorted) const
{
    if (m_lastStep.empty())
        return;
    // toEpoch() picks the first epoch whose last step is >= x; for ascending x that epoch only
    // moves forward, so the search resumes where the previous point left it.
    auto it = m_lastStep.begin();
    const auto last = std::prev(m_lastStep.end());
    for (QPointF &p : sorted) {
        while (it != m_lastStep.end() && double(it->second) < p.x())
            ++it;
        const auto e = it == m_lastStep.end() ? last : it;
        double start = 0, end = 0;
        bounds(e->first, &start, &end);
        p.setX(e->first + (p.x() - start) / std::max(end - start, 1.0));
    }
}

double EpochScale::toStep(double epoch) const
{
    if (m_lastStep.empty())
        return epoch;
    auto it = m_lastStep.upper_bound(int(std::floor(epoch)));
    if (it != m_lastStep.begin())
        --it;
    double start = 0, end = 0;
    bounds(it->first, &start, &end);
    return start + (epoch - it->first) * (end - start);
}

void MetricRunData::clear()
{
    for (auto &p : m_points)
        p.clear();
    m_smoothed.clear();
    m_ema = m_emaWeightSum = 0;
    m_epochs.clear();
}

bool MetricRunData::isEmpty() const
{
    return std::all_of(m_points.begin(), m_points.end(), [](const auto &p) { return p.empty(); });
}

bool MetricRunData::stepRange(double *min, double *max) const
{
    bool any = false;
    for (const auto &p : m_points) {
        if (p.empty())
            continue;
        *min = any ? std::min(*min, p.points().front().x()) : p.points().front().x();
        *max = any ? std::max(*max, p.points().back().x()) : p.points().back().x();
        any = true;
    }
    return any;
}

void MetricRunData::appendRows(const QList<MetricRow> &rows)
{
    for (const MetricRow &row : rows) {
        if (!row.step)
            continue;
        const double x = double(*row.step);
        if (row.epoch)
            m_epochs.note(*row.epoch, *row.step);
        if (row.event == QLatin1String("step")) {
            if (const auto loss = valueOf(row, QLatin1String("loss")))
                insert(TrainLoss, QPointF(x, *loss));
            if (const auto lr = valueOf(row, QLatin1String("lr")))
                insert(LearningRate, QPointF(x, *lr));
            if (const auto rate = valueOf(row, QLatin1String("samples_per_s")))
                insert(Throughput, QPointF(x, *rate));
        } else if (row.event == QLatin1String("eval")) {
            const bool test = row.split == QLatin1String("test");
            if (const auto acc = valueOf(row, QLatin1String("accuracy")))
                insert(test ? TestAccuracy : ValAccuracy, QPointF(x, *acc * 100.0));
            if (!test) {
                if (const auto loss = valueOf(row, QLatin1String("loss")))
                    insert(ValLoss, QPointF(x, *loss));
            }
        }
    }
}

void MetricRunData::insert(int series, QPointF p)
{
    if (!std::isfinite(p.y()))
        return; // a NaN loss is reported by the diagnosis, not drawn
    IndexedSeries &v = m_points[series];
    // Metrics arrive in step order: extend the smoothed curve unless this went in the middle.
    const bool atEnd = v.empty() || v.points().back().x() <= p.x();
    v.insert(p);
    if (series != TrainLoss)
        return;
    if (!atEnd) {
        recomputeSmoothing();
        return;
    }
    // Debiased EMA: the weights of the terms seen so far are normalised away.
    m_ema = m_weight * m_ema + (1.0 - m_weight) * p.y();
    m_emaWeightSum = m_weight * m_emaWeightSum + (1.0 - m_weight);
    m_smoothed.insert(QPointF(p.x(), m_ema / m_emaWeightSum));
}

void MetricRunData::setSmoothing(double weight)
{
    weight = std::clamp(weight, 0.0, 0.999);
    if (weight == m_weight)
        return;
    m_weight = weight;
    recomputeSmoothing();
}

void MetricRunData::recomputeSmoothing()
{
    m_smoothed.clear();
    m_smoothed.reserve(m_points[TrainLoss].size());
    m_ema = m_emaWeightSum = 0;
    for (const QPointF &p : m_points[TrainLoss].points()) {
        m_ema = m_weight * m_ema + (1.0 - m_weight) * p.y();
        m_emaWeightSum = m_weight * m_emaWeightSum + (1.0 - m_weight);
        m_smoothed.insert(QPointF(p.x(), m_ema / m_emaWeightSum));
    }
}

} // namespace td
