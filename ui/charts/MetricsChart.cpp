#include "ui/charts/MetricsChart.h"

#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QSaveFile>
#include <QTextStream>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <vector>

namespace td {

static_assert(int(MetricsChart::SeriesCount) == int(MetricRunData::Count),
              "MetricsChart::Series mirrors MetricRunData::Series");

namespace {
const QColor kColors[MetricsChart::SeriesCount] = {QColor(0x1f77b4), QColor(0xff7f0e),
                                                   QColor(0x2ca02c), QColor(0xd62728),
                                                   QColor(0x9467bd), QColor(0x8c564b)};
// Stable names for CSV columns (not translated: files are read by scripts).
const char *const kCsvNames[MetricsChart::SeriesCount] = {
    "train_loss", "val_loss", "val_accuracy_pct", "test_accuracy_pct", "lr", "samples_per_s"};

bool isLoss(int s)
{
    return s == MetricsChart::TrainLoss || s == MetricsChart::ValLoss;
}
} // namespace

void MetricsChart::YRange::add(double y)
{
    lo = any ? std::min(lo, y) : y;
    hi = any ? std::max(hi, y) : y;
    any = true;
}

MetricsChart::MetricsChart(QWidget *parent) : ZoomableChartView(parent)
{
    auto *c = new QChart;
    c->setAnimationOptions(QChart::NoAnimation);
    c->legend()->setAlignment(Qt::AlignBottom);
    c->setMargins(QMargins(4, 4, 4, 4));

    m_axisX = new QValueAxis;
    m_axisLoss = new QValueAxis;
    m_axisLoss->setTitleText(tr("Loss"));
    m_axisLoss->setLabelFormat(QStringLiteral("%.3g"));
    m_axisLogLoss = new QLogValueAxis;
    m_axisLogLoss->setTitleText(tr("Loss (log)"));
    m_axisLogLoss->setLabelFormat(QStringLiteral("%g"));
    m_axisLogLoss->setBase(10);
    m_axisLogLoss->setMinorTickCount(-1);
    m_axisLogLoss->setVisible(false);
    m_axisAcc = new QValueAxis;
    m_axisAcc->setTitleText(tr("Accuracy (%)"));
    m_axisAcc->setRange(0, 100);
    m_axisLr = new QValueAxis;
    m_axisLr->setTitleText(tr("Learning rate"));
    m_axisLr->setLabelFormat(QStringLiteral("%.2g"));
    m_axisLr->setVisible(false);
    m_axisRate = new QValueAxis;
    m_axisRate->setTitleText(tr("Samples/s"));
    m_axisRate->setLabelFormat(QStringLiteral("%.0f"));
    m_axisRate->setVisible(false);
    c->addAxis(m_axisX, Qt::AlignBottom);
    c->addAxis(m_axisLoss, Qt::AlignLeft);
    c->addAxis(m_axisLogLoss, Qt::AlignLeft);
    c->addAxis(m_axisAcc, Qt::AlignRight);
    c->addAxis(m_axisLr, Qt::AlignRight);
    c->addAxis(m_axisRate, Qt::AlignRight);

    const QString names[SeriesCount] = {tr("Training loss"),       tr("Validation loss"),
                                        tr("Validation accuracy"), tr("Test accuracy"),
                                        tr("Learning rate"),       tr("Throughput")};
    QValueAxis *const yAxes[SeriesCount] = {nullptr,   nullptr,  m_axisAcc,
                                            m_axisAcc, m_axisLr, m_axisRate};
    const auto addSeries = [&](const QString &name, QAbstractAxis *y) {
        auto *s = new QLineSeries;
        s->setName(name);
        c->addSeries(s);
        s->attachAxis(m_axisX);
        if (y)
            s->attachAxis(y);
        return s;
    };
    for (int i = 0; i < SeriesCount; ++i) {
        m_series[i] = addSeries(names[i], yAxes[i]);
        m_overlay[i] = addSeries(names[i], yAxes[i]);
        m_enabled[i] = i != LearningRate && i != Throughput;
    }
    m_smoothed = addSeries(tr("Training loss (smoothed)"), nullptr);
    setChart(c);
    attachLossSeries();
    watchAxis(m_axisX);
    setXAxisMode(ByStep);
    updateSeriesLook();
    setToolTip(tr("Drag or wheel to zoom, middle-drag or arrow keys to pan, right-click to reset"));
}

void MetricsChart::updateSeriesLook()
{
    const bool smoothing = m_run.smoothing() > 0;
    for (int i = 0; i < SeriesCount; ++i) {
        QColor color = kColors[i];
        // With smoothing on, the raw training loss stays visible but steps back.
        if (i == TrainLoss && smoothing)
            color.setAlphaF(0.3f);
        QPen pen(color);
        // Dense per-step curves use a 1 px pen: the raster engine draws those on its fast path,
        // while wider pens are stroked into polygons (the bulk of a million-point repaint).
        pen.setWidthF(i == TrainLoss || i == LearningRate || i == Throughput ? 1.0 : 2.0);
        m_series[i]->setPen(pen);
        m_series[i]->setPointsVisible(i == ValLoss || i == ValAccuracy || i == TestAccuracy);
        m_series[i]->setVisible(m_enabled[i]);

        QPen dashed(kColors[i].lighter(130));
        dashed.setStyle(Qt::DashLine);
        dashed.setWidthF(1.0);
        m_overlay[i]->setPen(dashed);
        m_overlay[i]->setName(tr("%1 · %2").arg(m_series[i]->name(), m_overlayLabel));
        m_overlay[i]->setVisible(m_enabled[i] && hasOverlay());
    }
    QPen smooth(kColors[TrainLoss]);
    smooth.setWidthF(1.0);
    m_smoothed->setPen(smooth);
    m_smoothed->setVisible(smoothing);
    m_axisLr->setVisible(m_enabled[LearningRate]);
    m_axisRate->setVisible(m_enabled[Throughput]);
}

void MetricsChart::attachLossSeries()
{
    QAbstractAxis *const from = m_log ? static_cast<QAbstractAxis *>(m_axisLoss) : m_axisLogLoss;
    QAbstractAxis *const to = m_log ? static_cast<QAbstractAxis *>(m_axisLogLoss) : m_axisLoss;
    for (QLineSeries *s : {m_series[TrainLoss], m_series[ValLoss], m_overlay[TrainLoss],
                           m_overlay[ValLoss], m_smoothed}) {
        if (s->attachedAxes().contains(from))
            s->detachAxis(from);
        if (!s->attachedAxes().contains(to))
            s->attachAxis(to);
    }
    from->setVisible(false);
    to->setVisible(true);
}

void MetricsChart::clear()
{
    m_run.clear();
    resetZoom();
}

void MetricsChart::appendRows(const QList<MetricRow> &rows)
{
    m_run.appendRows(rows);
    scheduleRefresh();
}

qsizetype MetricsChart::shownPointCount(Series s) const
{
    return m_series[s]->count();
}

qsizetype MetricsChart::shownSmoothedCount() const
{
    return m_smoothed->count();
}

void MetricsChart::setXAxisMode(XAxisMode mode)
{
    m_xMode = mode;
    m_axisX->setTitleText(mode == ByEpoch ? tr("Epoch") : tr("Step"));
    m_axisX->setLabelFormat(mode == ByEpoch ? QStringLiteral("%.1f") : QStringLiteral("%d"));
    // A zoomed range in steps means nothing in epochs: start again from the whole run.
    resetZoom();
}

void MetricsChart::setLogScale(bool on)
{
    if (on == m_log)
        return;
    m_log = on;
    attachLossSeries();
    refreshNow();
}

void MetricsChart::setSmoothing(double weight)
{
    m_run.setSmoothing(weight);
    m_overlayRun.setSmoothing(weight);
    updateSeriesLook();
    refreshNow();
}

void MetricsChart::setSeriesEnabled(Series s, bool on)
{
    m_enabled[s] = on;
    updateSeriesLook();
    refreshNow();
}

bool MetricsChart::isSeriesEnabled(Series s) const
{
    return m_enabled[s];
}

void MetricsChart::setOverlay(const QString &label, const QList<MetricRow> &rows)
{
    m_overlayRun.clear();
    m_overlayRun.setSmoothing(m_run.smoothing());
    m_overlayRun.appendRows(rows);
    m_overlayLabel = label;
    updateSeriesLook();
    resetZoom(); // the overlay may extend the range
}

void MetricsChart::clearOverlay()
{
    m_overlayRun.clear();
    m_overlayLabel.clear();
    for (QLineSeries *s : m_overlay)
        s->clear();
    updateSeriesLook();
    resetZoom();
}

double MetricsChart::toAxisX(const EpochScale &epochs, double step) const
{
    return m_xMode == ByEpoch ? epochs.toEpoch(step) : step;
}

bool MetricsChart::fullXRange(double *min, double *max) const
{
    bool any = false;
    for (const MetricRunData *run : {&m_run, &m_overlayRun}) {
        double lo = 0, hi = 0;
        if (!run->stepRange(&lo, &hi))
            continue;
        lo = toAxisX(run->epochs(), lo);
        hi = toAxisX(run->epochs(), hi);
        *min = any ? std::min(*min, lo) : lo;
        *max = any ? std::max(*max, hi) : hi;
        any = true;
    }
    if (any && m_xMode == ByEpoch)
        *min = std::min(*min, 0.0); // epochs read best from the start of training
    return any;
}

QList<QPointF> MetricsChart::visiblePoints(const IndexedSeries &raw, const EpochScale &epochs,
                                           double xMin, double xMax, bool lossAxis) const
{
    const bool byEpoch = m_xMode == ByEpoch;
    // Decimate in steps, where the raw data lives; epochs map steps linearly within an epoch.
    const double s0 = byEpoch ? epochs.toStep(xMin) : xMin;
    const double s1 = byEpoch ? epochs.toStep(xMax) : xMax;
    QList<QPointF> pts = raw.decimate(s0, s1, plotColumns());
    if (byEpoch)
        epochs.mapToEpochs(pts); // decimated points come sorted by x
    if (lossAxis && m_log)
        pts.removeIf([](const QPointF &p) { return !(p.y() > 0); }); // the log axis rejects <= 0
    return pts;
}

void MetricsChart::redraw()
{
    double xMin = 0, xMax = 1;
    if (isZoomed()) {
        zoomedXRange(&xMin, &xMax);
    } else if (!fullXRange(&xMin, &xMax) || xMax <= xMin) {
        xMax = xMin + 1;
    }
    // Only what lies inside the x range sets the y ranges (the decimator adds edge neighbours).
    YRange loss, acc, lr, rate;
    YRange *const rangeOf[SeriesCount] = {&loss, &loss, &acc, &acc, &lr, &rate};
    // Every replace() and every axis range change makes Qt Charts rebuild the geometry of the
    // series concerned (a stroked QPainterPath, the bulk of a refresh). So the new points are
    // computed first, the axes are set while changed series are empty, and each series is then
    // filled once; series whose points did not change are not touched.
    struct Update
    {
        QLineSeries *series;
        QList<QPointF> points;
    };
    std::vector<Update> updates;
    updates.reserve(2 * SeriesCount + 1);
    const auto feed = [&](QLineSeries *s, QList<QPointF> pts, YRange *range) {
        for (const QPointF &p : pts) {
            if (p.x() >= xMin && p.x() <= xMax)
                range->add(p.y());
        }
        if (pts != s->points())
            updates.push_back({s, std::move(pts)});
    };
    for (int i = 0; i < SeriesCount; ++i) {
        if (!m_enabled[i]) {
            feed(m_series[i], {}, rangeOf[i]);
            feed(m_overlay[i], {}, rangeOf[i]);
            continue;
        }
        feed(m_series[i], visiblePoints(m_run.series(i), m_run.epochs(), xMin, xMax, isLoss(i)),
             rangeOf[i]);
        if (hasOverlay())
            feed(
                m_overlay[i],
                visiblePoints(m_overlayRun.series(i), m_overlayRun.epochs(), xMin, xMax, isLoss(i)),
                rangeOf[i]);
        else
            feed(m_overlay[i], {}, rangeOf[i]);
    }
    if (m_run.smoothing() > 0)
        feed(m_smoothed, visiblePoints(m_run.smoothedLoss(), m_run.epochs(), xMin, xMax, true),
             &loss);
    else
        feed(m_smoothed, {}, &loss);
    // Emptying first makes the geometry rebuilds that the range changes below trigger trivial.
    for (const Update &u : updates) {
        if (!u.series->points().isEmpty())
            u.series->clear();
    }

    const bool zoomed = isZoomed();
    applyRange([&] {
        m_axisX->setRange(xMin, xMax); // also a zoom's pending range
        if (m_log) {
            const double hi = loss.any ? loss.hi : 10.0;
            const double lo = loss.any ? loss.lo : 0.1;
            m_axisLogLoss->setRange(lo / 1.25, std::max(hi * 1.25, lo * 2.0));
        } else if (!loss.any) {
            m_axisLoss->setRange(0, 1);
        } else if (zoomed) {
            const double pad = std::max((loss.hi - loss.lo) * 0.05, 1e-6);
            m_axisLoss->setRange(loss.lo - pad, loss.hi + pad);
        } else {
            m_axisLoss->setRange(std::min(0.0, loss.lo), loss.hi > 0 ? loss.hi * 1.05 : 1.0);
        }
        if (zoomed && acc.any) {
            const double pad = std::max((acc.hi - acc.lo) * 0.05, 0.5);
            m_axisAcc->setRange(std::max(0.0, acc.lo - pad), std::min(100.0, acc.hi + pad));
        } else {
            m_axisAcc->setRange(0, 100);
        }
        m_axisLr->setRange(0, lr.any && lr.hi > 0 ? lr.hi * 1.1 : 1.0);
        m_axisRate->setRange(0, rate.any && rate.hi > 0 ? rate.hi * 1.1 : 1.0);
    });
    for (Update &u : updates) {
        if (!u.points.isEmpty())
            u.series->replace(std::move(u.points));
    }
}

bool MetricsChart::saveCsv(const QString &path, QString *error) const
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error)
            *error = f.errorString();
        return false;
    }
    QTextStream out(&f);
    out << "run,series,step,epoch,value\n";
    const auto write = [&out](const char *run, const MetricRunData &data) {
        for (int i = 0; i < SeriesCount; ++i) {
            for (const QPointF &p : data.points(i)) {
                out << run << ',' << kCsvNames[i] << ',' << qint64(p.x()) << ',';
                if (!data.epochs().isEmpty())
                    out << QString::number(data.epochs().toEpoch(p.x()), 'f', 4);
                out << ',' << QString::number(p.y(), 'g', 9) << '\n';
            }
        }
    };
    write("shown", m_run);
    if (hasOverlay())
        write("compare", m_overlayRun);
    out.flush();
    if (!f.commit()) {
        if (error)
            *error = f.errorString();
        return false;
    }
    return true;
}

} // namespace td
