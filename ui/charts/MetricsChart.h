// Live loss/accuracy chart of one training job (Qt Charts), fed from parsed metric rows.
#pragma once

#include "core/store/Store.h"

#include <QChartView>
#include <QTimer>

#include <array>
#include <vector>

class QLineSeries;
class QValueAxis;

namespace td {

class MetricsChart : public QChartView
{
    Q_OBJECT
public:
    enum Series { TrainLoss, ValLoss, ValAccuracy, TestAccuracy, SeriesCount };

    explicit MetricsChart(QWidget *parent = nullptr);

    void clear();
    void appendRows(const QList<MetricRow> &rows);
    // Raw points held for one series (not the decimated ones the chart draws).
    qsizetype pointCount(Series s) const { return qsizetype(m_data[s].size()); }
    // Points the chart currently draws for one series (after decimation).
    qsizetype shownPointCount(Series s) const;
    // Back to the full range after a zoom.
    void resetZoom();
    bool saveCsv(const QString &path, QString *error) const;
    bool savePng(const QString &path);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void scheduleRefresh();
    void refresh();
    void onUserRangeChanged();

    std::array<std::vector<QPointF>, SeriesCount> m_data;
    std::array<QLineSeries *, SeriesCount> m_series{};
    QValueAxis *m_axisX = nullptr;
    QValueAxis *m_axisLoss = nullptr;
    QValueAxis *m_axisAcc = nullptr;
    QTimer m_refresh;
    bool m_zoomed = false;
    bool m_applyingRange = false;
};

} // namespace td
