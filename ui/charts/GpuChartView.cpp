#include "ui/charts/GpuChartView.h"

#include "ui/charts/SeriesDecimator.h"

#include <QDateTimeAxis>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace td {

namespace {
const QColor kGpuColors[] = {QColor(0x1f77b4), QColor(0xff7f0e), QColor(0x2ca02c),
                             QColor(0xd62728), QColor(0x9467bd), QColor(0x8c564b),
                             QColor(0xe377c2), QColor(0x17becf)};
// Beyond this many visible pieces per GPU (a reading missing every other second over a long
// zoom), the rest are joined into the last one: hundreds of series would cost more to paint
// than the gaps are worth at that scale.
constexpr size_t kMaxPieces = 64;
} // namespace

GpuChartView::GpuChartView(QWidget *parent) : ZoomableChartView(parent)
{
    auto *c = new QChart;
    c->setAnimationOptions(QChart::NoAnimation);
    c->legend()->setAlignment(Qt::AlignBottom);
    c->setMargins(QMargins(4, 4, 4, 4));
    m_axisX = new QDateTimeAxis;
    m_axisX->setFormat(QStringLiteral("HH:mm:ss"));
    m_axisX->setTickCount(5);
    m_axisX->setTitleText(tr("Time"));
    m_axisY = new QValueAxis;
    m_axisY->setLabelFormat(QStringLiteral("%.0f"));
    c->addAxis(m_axisX, Qt::AlignBottom);
    c->addAxis(m_axisY, Qt::AlignLeft);
    setChart(c);
    watchAxis(m_axisX);
    setMetric(Utilisation);
}

QString GpuChartView::metricName(Metric metric)
{
    switch (metric) {
    case Utilisation:
        return tr("Utilisation (%)");
    case MemoryUsed:
        return tr("Memory used (MiB)");
    case MemoryPercent:
        return tr("Memory used (%)");
    case Temperature:
        return tr("Temperature (°C)");
    case Power:
        return tr("Power draw (W)");
    case MetricCount:
        break;
    }
    return {};
}

void GpuChartView::clear()
{
    for (auto &[id, g] : m_gpus) {
        for (QLineSeries *s : g.pieces) {
            chart()->removeSeries(s);
            delete s;
        }
    }
    m_gpus.clear();
    resetZoom();
}

void GpuChartView::add(Track &track, double ms, std::optional<double> value)
{
    if (!value || !std::isfinite(*value)) {
        track.broken = true;
        return;
    }
    if (!track.points.empty() && ms - track.points.back().x() > kGapSeconds * 1000.0)
        track.broken = true;
    if (track.broken) {
        track.runStarts.push_back(track.points.size());
        track.broken = false;
    }
    track.points.emplace_back(ms, *value);
}

void GpuChartView::appendSamples(const QList<GpuSampleRecord> &rows)
{
    for (const GpuSampleRecord &r : rows) {
        Gpu &g = m_gpus[r.gpu];
        if (r.time <= g.lastTime)
            continue;
        g.lastTime = r.time;
        const double ms = r.time * 1000.0;
        std::optional<double> memPercent;
        if (r.memUsed && r.memTotal && *r.memTotal > 0)
            memPercent = *r.memUsed / *r.memTotal * 100.0;
        add(g.tracks[Utilisation], ms, r.util);
        add(g.tracks[MemoryUsed], ms, r.memUsed);
        add(g.tracks[MemoryPercent], ms, memPercent);
        add(g.tracks[Temperature], ms, r.temp);
        add(g.tracks[Power], ms, r.power);
        if (r.memTotal)
            m_memTotal = std::max(m_memTotal, *r.memTotal);
    }
    scheduleRefresh();
}

void GpuChartView::setMetric(Metric metric)
{
    m_metric = metric;
    m_axisY->setTitleText(metricName(metric));
    refreshNow();
}

QList<int> GpuChartView::gpus() const
{
    QList<int> out;
    for (const auto &[id, g] : m_gpus)
        out.append(id);
    return out;
}

qsizetype GpuChartView::pointCount(int gpu, Metric metric) const
{
    const auto it = m_gpus.find(gpu);
    return it == m_gpus.end() ? 0 : qsizetype(it->second.tracks[metric].points.size());
}

qsizetype GpuChartView::runCount(int gpu, Metric metric) const
{
    const auto it = m_gpus.find(gpu);
    return it == m_gpus.end() ? 0 : qsizetype(it->second.tracks[metric].runStarts.size());
}

qsizetype GpuChartView::shownPointCount(int gpu) const
{
    const auto it = m_gpus.find(gpu);
    qsizetype n = 0;
    if (it != m_gpus.end()) {
        for (const QLineSeries *s : it->second.pieces)
            n += s->isVisible() ? s->count() : 0;
    }
    return n;
}

qsizetype GpuChartView::shownSegmentCount(int gpu) const
{
    const auto it = m_gpus.find(gpu);
    if (it == m_gpus.end())
        return 0;
    return std::count_if(it->second.pieces.begin(), it->second.pieces.end(),
                         [](const QLineSeries *s) { return s->isVisible() && s->count() > 0; });
}

QLineSeries *GpuChartView::piece(int gpu, Gpu &g, size_t index)
{
    while (g.pieces.size() <= index) {
        auto *s = new QLineSeries;
        s->setName(tr("GPU %1").arg(gpu));
        // Colour by GPU index, so GPU 2 keeps its colour whichever GPUs report.
        QPen pen(kGpuColors[std::abs(gpu) % int(std::size(kGpuColors))]);
        pen.setWidthF(1.5);
        s->setPen(pen);
        chart()->addSeries(s);
        s->attachAxis(m_axisX);
        s->attachAxis(m_axisY);
        g.pieces.push_back(s);
    }
    return g.pieces[index];
}

void GpuChartView::redraw()
{
    double xMin = 0, xMax = 0;
    bool any = false;
    for (const auto &[id, g] : m_gpus) {
        for (const Track &t : g.tracks) {
            if (t.points.empty())
                continue;
            xMin = any ? std::min(xMin, t.points.front().x()) : t.points.front().x();
            xMax = any ? std::max(xMax, t.points.back().x()) : t.points.back().x();
            any = true;
        }
    }
    if (isZoomed()) {
        zoomedXRange(&xMin, &xMax);
    } else if (xMax <= xMin) {
        xMax = xMin + 60000.0; // one reading: show the minute around it
    }
    const int columns = plotColumns();
    const double columnWidth = (xMax - xMin) / columns;
    double yHi = 0;
    bool anyShown = false;
    for (auto &[id, g] : m_gpus) {
        const Track &t = g.tracks[m_metric];
        QList<QList<QPointF>> segments;
        for (size_t r = 0; r < t.runStarts.size(); ++r) {
            const size_t from = t.runStarts[r];
            const size_t to = r + 1 < t.runStarts.size() ? t.runStarts[r + 1] : t.points.size();
            const QPointF *begin = t.points.data() + from;
            const QPointF *end = t.points.data() + to;
            if (end[-1].x() < xMin || begin->x() > xMax)
                continue;
            QList<QPointF> pts = decimateMinMax(begin, end, xMin, xMax, columns);
            if (pts.isEmpty())
                continue;
            // A gap narrower than a pixel column cannot be seen: join the runs.
            const bool join = !segments.isEmpty() &&
                              (pts.first().x() - segments.last().last().x() < columnWidth ||
                               segments.size() >= qsizetype(kMaxPieces));
            if (join)
                segments.last().append(pts);
            else
                segments.append(pts);
        }
        for (size_t i = 0; i < size_t(segments.size()); ++i) {
            for (const QPointF &p : segments[qsizetype(i)])
                yHi = std::max(yHi, p.y());
            anyShown = true;
            QLineSeries *s = piece(id, g, i);
            s->replace(segments[qsizetype(i)]);
            s->setVisible(true);
        }
        for (size_t i = size_t(segments.size()); i < g.pieces.size(); ++i) {
            g.pieces[i]->clear();
            g.pieces[i]->setVisible(false);
        }
        // One legend entry per GPU, whichever pieces it is drawn in.
        for (size_t i = 0; i < g.pieces.size(); ++i) {
            for (QLegendMarker *m : chart()->legend()->markers(g.pieces[i]))
                m->setVisible(i == 0 && g.pieces[i]->isVisible());
        }
    }
    double yMax = 100;
    switch (m_metric) {
    case Utilisation:
    case MemoryPercent:
        break;
    case MemoryUsed:
        yMax = m_memTotal > 0 ? m_memTotal : std::max(1.0, yHi * 1.1);
        break;
    case Temperature:
        yMax = std::max(100.0, yHi + 5);
        break;
    case Power:
        yMax = std::max(1.0, yHi * 1.1);
        break;
    case MetricCount:
        break;
    }
    chart()->setTitle(hasSamples() && !anyShown
                          ? tr("No readings of this kind: the GPU or its driver does not report it")
                          : QString());
    applyRange([&] {
        // Also a zoom's pending range (see ZoomableChartView::zoomX()).
        m_axisX->setRange(QDateTime::fromMSecsSinceEpoch(qint64(xMin)),
                          QDateTime::fromMSecsSinceEpoch(qint64(xMax)));
        m_axisY->setRange(0, yMax);
    });
}

} // namespace td
