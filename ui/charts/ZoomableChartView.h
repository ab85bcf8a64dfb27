// A QChartView whose x range the user can zoom and pan, for charts that keep their raw data
// outside Qt Charts and re-decimate it for the visible range (see SeriesDecimator.h).
#pragma once

#include <QChartView>
#include <QTimer>

#include <functional>

class QAbstractAxis;

namespace td {

class ZoomableChartView : public QChartView
{
    Q_OBJECT
public:
    explicit ZoomableChartView(QWidget *parent = nullptr);

    // Redraws now instead of waiting for the coalescing timer (tests, benchmarks, export).
    void refreshNow();
    bool isZoomed() const { return m_zoomed; }
    // Back to the full range after a zoom or pan.
    void resetZoom();
    // Zooms the x axis by `factor` (> 1 zooms in) around the plot-area x coordinate `centerX`.
    void zoomX(double factor, double centerX);
    // Shifts the visible x range by `fraction` of its width (negative: to the left).
    void panX(double fraction);
    // Pixel columns of the plot area: the decimation budget is two points per column.
    int plotColumns() const;
    bool savePng(const QString &path);

Q_SIGNALS:
    void zoomChanged(bool zoomed);

protected:
    // Subclasses replace their series' points for [xMin, xMax]; when not zoomed they choose
    // the range themselves (the full data) and set the axes.
    virtual void redraw() = 0;
    // Call once the x axis exists: its range changes are how zoom and pan reach redraw().
    void watchAxis(QAbstractAxis *axisX);
    // The x range to draw while zoomed: the one zoomX()/panX() asked for, else the axis's own.
    // redraw() sets the axis to it together with the new points (see zoomX()).
    void zoomedXRange(double *min, double *max) const;
    void scheduleRefresh();
    // Sets axis ranges without the change counting as a user zoom.
    void applyRange(const std::function<void()> &setRanges);

    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void onAxisRangeChanged();
    bool axisRange(double *min, double *max) const;
    void requestXRange(double min, double max);

    QTimer m_refresh;
    bool m_zoomed = false;
    bool m_applyingRange = false;
    bool m_panning = false;
    int m_columnsDrawn = 0;
    QAbstractAxis *m_axisX = nullptr;
    bool m_hasPendingRange = false;
    double m_pendingMin = 0, m_pendingMax = 0;
    QPointF m_panFrom;
};

} // namespace td
