// Per-GPU utilisation, memory, temperature and power over time (Qt Charts). One metric at a
// time, one curve per GPU. Missing readings ([N/A] in nvidia-smi) and pauses in sampling leave
// gaps in the curve instead of dropping to zero: each unbroken run is drawn by its own series.
#pragma once

#include "core/store/StoreRecords.h"
#include "ui/charts/ZoomableChartView.h"

#include <array>
#include <map>
#include <vector>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace td {

class GpuChartView : public ZoomableChartView
{
    Q_OBJECT
public:
    enum Metric { Utilisation, MemoryUsed, MemoryPercent, Temperature, Power, MetricCount };
    // Consecutive samples further apart than this leave a gap: the sampler stopped (nvidia-smi
    // writes one row per GPU per second).
    static constexpr double kGapSeconds = 5.0;

    explicit GpuChartView(QWidget *parent = nullptr);

    void clear();
    // Rows in time order, as Store::gpuSamples returns them; a sample not newer than the last
    // one kept for its GPU is ignored (a reattach re-reading the same rows).
    void appendSamples(const QList<GpuSampleRecord> &rows);
    void setMetric(Metric metric);
    Metric metric() const { return m_metric; }
    static QString metricName(Metric metric);

    bool hasSamples() const { return !m_gpus.empty(); }
    QList<int> gpus() const;
    // Raw readings held for one GPU and metric (missing ones are not counted).
    qsizetype pointCount(int gpu, Metric metric) const;
    // Unbroken runs of readings held for one GPU and metric.
    qsizetype runCount(int gpu, Metric metric) const;
    // For the shown metric: points drawn and separate line pieces drawn for one GPU.
    qsizetype shownPointCount(int gpu) const;
    qsizetype shownSegmentCount(int gpu) const;

protected:
    void redraw() override;

private:
    struct Track
    {
        std::vector<QPointF> points;   // x = ms since the epoch, sorted
        std::vector<size_t> runStarts; // index in points where each unbroken run begins
        bool broken = true;            // the next reading starts a new run
    };
    struct Gpu
    {
        std::array<Track, MetricCount> tracks;
        double lastTime = -1;
        std::vector<QLineSeries *> pieces; // series drawing the shown metric, one per run
    };

    void add(Track &track, double ms, std::optional<double> value);
    QLineSeries *piece(int gpu, Gpu &g, size_t index);

    std::map<int, Gpu> m_gpus;
    Metric m_metric = Utilisation;
    double m_memTotal = 0; // largest memory.total seen: the memory axis's ceiling
    QDateTimeAxis *m_axisX = nullptr;
    QValueAxis *m_axisY = nullptr;
};

} // namespace td
