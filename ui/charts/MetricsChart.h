// Live loss/accuracy chart of one training job (Qt Charts), fed from parsed metric rows, with an
// optional overlay of another job's curves. Raw points stay in MetricRunData; the chart draws at
// most two points per pixel column of the visible range.
#pragma once

#include "core/store/Store.h"
#include "ui/charts/MetricRunData.h"
#include "ui/charts/ZoomableChartView.h"

#include <array>

class QLineSeries;
class QLogValueAxis;
class QValueAxis;

namespace td {

class MetricsChart : public ZoomableChartView
{
    Q_OBJECT
public:
    enum Series {
        TrainLoss,
        ValLoss,
        ValAccuracy,
        TestAccuracy,
        LearningRate,
        Throughput,
        SeriesCount
    };
    enum XAxisMode { ByStep, ByEpoch };

    explicit MetricsChart(QWidget *parent = nullptr);

    void clear();
    void appendRows(const QList<MetricRow> &rows);
    // Raw points held for one series (not the decimated ones the chart draws).
    qsizetype pointCount(Series s) const { return qsizetype(m_run.points(s).size()); }
    // Points the chart currently draws for one series (after decimation).
    qsizetype shownPointCount(Series s) const;
    qsizetype shownSmoothedCount() const;
    QLineSeries *series(Series s) const { return m_series[s]; }
    QLineSeries *smoothedSeries() const { return m_smoothed; }
    QLineSeries *overlaySeries(Series s) const { return m_overlay[s]; }

    void setXAxisMode(XAxisMode mode);
    XAxisMode xAxisMode() const { return m_xMode; }
    QValueAxis *xAxis() const { return m_axisX; }
    // Loss on a logarithmic axis; points <= 0 are left out of the loss curves only.
    void setLogScale(bool on);
    bool logScale() const { return m_log; }
    // EMA weight for the training loss, 0 (off) to 0.99; the raw curve stays, drawn fainter.
    void setSmoothing(double weight);
    double smoothing() const { return m_run.smoothing(); }
    // Learning rate and throughput are off by default: each brings its own axis.
    void setSeriesEnabled(Series s, bool on);
    bool isSeriesEnabled(Series s) const;

    // Another job's curves, dashed, on the same axes (by epoch when comparing different batch
    // sizes makes steps meaningless).
    void setOverlay(const QString &label, const QList<MetricRow> &rows);
    void clearOverlay();
    bool hasOverlay() const { return !m_overlayLabel.isEmpty(); }
    QString overlayLabel() const { return m_overlayLabel; }
    qsizetype overlayPointCount(Series s) const { return qsizetype(m_overlayRun.points(s).size()); }

    // Every raw point of every series (overlay included): series,step,epoch,value.
    bool saveCsv(const QString &path, QString *error) const;

protected:
    void redraw() override;

private:
    struct YRange
    {
        double lo = 0, hi = 0;
        bool any = false;
        void add(double y);
    };
    // Decimated points of `raw` (x in steps) for the visible range, in axis units.
    QList<QPointF> visiblePoints(const IndexedSeries &raw, const EpochScale &epochs, double xMin,
                                 double xMax, bool lossAxis) const;
    double toAxisX(const EpochScale &epochs, double step) const;
    bool fullXRange(double *min, double *max) const;
    void attachLossSeries();
    void updateSeriesLook();

    MetricRunData m_run;
    MetricRunData m_overlayRun;
    QString m_overlayLabel;
    std::array<QLineSeries *, SeriesCount> m_series{};
    std::array<QLineSeries *, SeriesCount> m_overlay{};
    std::array<bool, SeriesCount> m_enabled{};
    QLineSeries *m_smoothed = nullptr;
    QValueAxis *m_axisX = nullptr;
    QValueAxis *m_axisLoss = nullptr;
    QLogValueAxis *m_axisLogLoss = nullptr;
    QValueAxis *m_axisAcc = nullptr;
    QValueAxis *m_axisLr = nullptr;
    QValueAxis *m_axisRate = nullptr;
    XAxisMode m_xMode = ByStep;
    bool m_log = false;
};

} // namespace td
