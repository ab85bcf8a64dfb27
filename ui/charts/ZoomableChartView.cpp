#include "ui/charts/ZoomableChartView.h"

#include <QDateTime>
#include <QDateTimeAxis>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPixmap>
#include <QValueAxis>
#include <QWheelEvent>

#include <algorithm>

namespace td {

namespace {
// Coalesces bursts of appends and axis changes into one redraw: live data arrives at ~10 Hz.
constexpr int kRefreshMs = 100;
constexpr double kWheelStep = 1.25;
constexpr double kKeyPanFraction = 0.1;
} // namespace

ZoomableChartView::ZoomableChartView(QWidget *parent) : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::HorizontalRubberBand);
    setFocusPolicy(Qt::StrongFocus); // arrow keys pan
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(kRefreshMs);
    connect(&m_refresh, &QTimer::timeout, this, &ZoomableChartView::refreshNow);
}

void ZoomableChartView::watchAxis(QAbstractAxis *axisX)
{
    // Axis labels change width with the range, which changes the column budget.
    connect(chart(), &QChart::plotAreaChanged, this, [this](const QRectF &area) {
        if (int(area.width()) != m_columnsDrawn)
            scheduleRefresh();
    });
    m_axisX = axisX;
    // QValueAxis and QDateTimeAxis both announce range changes, with different argument types.
    if (auto *value = qobject_cast<QValueAxis *>(axisX))
        connect(value, &QValueAxis::rangeChanged, this, &ZoomableChartView::onAxisRangeChanged);
    else if (auto *time = qobject_cast<QDateTimeAxis *>(axisX))
        connect(time, &QDateTimeAxis::rangeChanged, this, &ZoomableChartView::onAxisRangeChanged);
}

void ZoomableChartView::refreshNow()
{
    m_refresh.stop();
    m_columnsDrawn = plotColumns();
    redraw();
    m_hasPendingRange = false;
}

bool ZoomableChartView::axisRange(double *min, double *max) const
{
    if (auto *value = qobject_cast<QValueAxis *>(m_axisX)) {
        *min = value->min();
        *max = value->max();
        return true;
    }
    if (auto *time = qobject_cast<QDateTimeAxis *>(m_axisX)) {
        *min = double(time->min().toMSecsSinceEpoch());
        *max = double(time->max().toMSecsSinceEpoch());
        return true;
    }
    return false;
}

void ZoomableChartView::zoomedXRange(double *min, double *max) const
{
    if (m_hasPendingRange) {
        *min = m_pendingMin;
        *max = m_pendingMax;
        return;
    }
    axisRange(min, max);
}

void ZoomableChartView::requestXRange(double min, double max)
{
    m_hasPendingRange = true;
    m_pendingMin = min;
    m_pendingMax = max;
    if (!m_zoomed) {
        m_zoomed = true;
        Q_EMIT zoomChanged(true);
    }
    scheduleRefresh();
}

void ZoomableChartView::scheduleRefresh()
{
    if (!m_refresh.isActive())
        m_refresh.start();
}

void ZoomableChartView::applyRange(const std::function<void()> &setRanges)
{
    const bool was = m_applyingRange;
    m_applyingRange = true;
    setRanges();
    m_applyingRange = was;
}

void ZoomableChartView::onAxisRangeChanged()
{
    if (m_applyingRange)
        return;
    // Qt changed the axis itself (rubber band, drag): that range wins over a pending one.
    m_hasPendingRange = false;
    // A rubber band, wheel or pan changed the range: draw the newly visible part at full detail.
    if (!m_zoomed) {
        m_zoomed = true;
        Q_EMIT zoomChanged(true);
    }
    scheduleRefresh();
}

void ZoomableChartView::resetZoom()
{
    // No QChart::zoomReset(): redraw() sets every axis for the full view anyway, and restoring the
    // pre-zoom ranges first would rebuild each series' geometry on the stale points for nothing.
    const bool was = m_zoomed;
    m_zoomed = false;
    m_hasPendingRange = false;
    refreshNow();
    if (was)
        Q_EMIT zoomChanged(false);
}

int ZoomableChartView::plotColumns() const
{
    return std::max(1, int(chart()->plotArea().width()));
}

// zoomX() and panX() do not move the axis at once (QChart::zoomIn() and scroll() would): an axis
// change rebuilds every series' geometry, and doing that on the stale points just before the
// refresh replaces them doubles the cost of a zoom step. The range waits for the refresh instead,
// which sets it together with the re-decimated points; repeated steps compose on it.
void ZoomableChartView::zoomX(double factor, double centerX)
{
    const QRectF plot = chart()->plotArea();
    double lo = 0, hi = 0;
    if (!(factor > 0) || plot.width() <= 0)
        return;
    zoomedXRange(&lo, &hi);
    const double at = lo + (centerX - plot.left()) / plot.width() * (hi - lo);
    const double half = (hi - lo) / factor / 2;
    requestXRange(at - half, at + half);
}

void ZoomableChartView::panX(double fraction)
{
    double lo = 0, hi = 0;
    zoomedXRange(&lo, &hi);
    const double shift = fraction * (hi - lo);
    requestXRange(lo + shift, hi + shift);
}

void ZoomableChartView::wheelEvent(QWheelEvent *event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0) {
        event->ignore();
        return;
    }
    zoomX(delta > 0 ? kWheelStep : 1.0 / kWheelStep, event->position().x());
    event->accept();
}

void ZoomableChartView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton) {
        m_panning = true;
        m_panFrom = event->position();
        setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QChartView::mousePressEvent(event);
}

void ZoomableChartView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const QPointF d = event->position() - m_panFrom;
        m_panFrom = event->position();
        chart()->scroll(-d.x(), 0);
        event->accept();
        return;
    }
    QChartView::mouseMoveEvent(event);
}

void ZoomableChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton && m_panning) {
        m_panning = false;
        unsetCursor();
        event->accept();
        return;
    }
    if (event->button() == Qt::RightButton) {
        resetZoom();
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void ZoomableChartView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Left:
        panX(-kKeyPanFraction);
        break;
    case Qt::Key_Right:
        panX(kKeyPanFraction);
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomX(kWheelStep, chart()->plotArea().center().x());
        break;
    case Qt::Key_Minus:
        zoomX(1.0 / kWheelStep, chart()->plotArea().center().x());
        break;
    case Qt::Key_0:
    case Qt::Key_Home:
        resetZoom();
        break;
    default:
        QChartView::keyPressEvent(event);
        return;
    }
    event->accept();
}

void ZoomableChartView::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    scheduleRefresh(); // the column budget changed
}

bool ZoomableChartView::savePng(const QString &path)
{
    refreshNow();
    return grab().save(path, "PNG");
}

} // namespace td
