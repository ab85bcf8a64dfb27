// The GPU pane of the dashboard: a metric selector over GpuChartView, or a clear "no GPU" state
// for jobs that recorded no GPU samples (CPU jobs, machines without nvidia-smi).
#pragma once

#include "core/store/StoreRecords.h"
#include "ui/charts/GpuChartView.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QStackedWidget;

namespace td {

class GpuChart : public QWidget
{
    Q_OBJECT
public:
    explicit GpuChart(QWidget *parent = nullptr);

    void clear();
    void appendSamples(const QList<GpuSampleRecord> &rows);
    void setMetric(GpuChartView::Metric metric);
    GpuChartView::Metric metric() const { return m_view->metric(); }
    bool hasSamples() const { return m_view->hasSamples(); }
    // True while the "no GPU samples" state is shown instead of the chart.
    bool showsNoGpuState() const;

    GpuChartView *view() const { return m_view; }
    QComboBox *metricBox() const { return m_metric; }
    QLabel *noGpuLabel() const { return m_noGpu; }

private:
    void updateState();

    GpuChartView *m_view;
    QComboBox *m_metric;
    QLabel *m_noGpu;
    QLabel *m_gpuCount;
    QStackedWidget *m_stack;
};

} // namespace td
