#include "ui/charts/MetricsChart.h"

#include "ui/charts/SeriesDecimator.h"

#include <QFile>
#include <QLineSeries>
#include <QMouseEvent>
#include <QPixmap>
#include <QSaveFile>
#include <QTextStream>
#include <QValueAxis>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace td {

namespace {
constexpr int kRefreshMs = 100;

std::optional<double> valueOf(const MetricRow &row, const char *name)
{
    for (const MetricValue &v : row.values) {
        if (v.name == QLatin1String(name))
            return v.value;
    }
    return std::nullopt;
}

// Appends keeping x sorted: metrics arrive in step order, so this is almost always a push_back.
void insertSorted(std::vector<QPointF> &v, QPointF p)
{
    if (!std::isfinite(p.y()))
        return;
    if (v.empty() || v.back().x() <= p.x()) {
        v.push_back(p);
        return;
    }
    const auto at = std::upper_bound(v.begin(), v.end(), p.x(),
                                     [](double x, const QPointF &q) { return x < q.x(); });
    v.insert(at, p);
}
} // namespace

MetricsChart::MetricsChart(QWidget *parent) : QChartView(parent)
{
    auto *c = new QChart;
    c->setAnimationOptions(QChart::NoAnimation);
    c->legend()->setAlignment(Qt::AlignBottom);
    c->setMargins(QMargins(4, 4, 4, 4));

    m_axisX = new QValueAxis;
    m_axisX->setTitleText(tr("Step"));
    m_axisX->setLabelFormat(QStringLiteral("%d"));
    m_axisLoss = new QValueAxis;
    m_axisLoss->setTitleText(tr("Loss"));
    m_axisAcc = new QValueAxis;
    m_axisAcc->setTitleText(tr("Accuracy (%)"));
    m_axisAcc->setRange(0, 100);
    c->addAxis(m_axisX, Qt::AlignBottom);
    c->addAxis(m_axisLoss, Qt::AlignLeft);
    c->addAxis(m_axisAcc, Qt::AlignRight);

    const QString names[SeriesCount] = {tr("Training loss"), tr("Validation loss"),
                                        tr("Validation accuracy"), tr("Test accuracy")};
    const QColor colors[SeriesCount] = {QColor(0x1f77b4), QColor(0xff7f0e), QColor(0x2ca02c),
                                        QColor(0xd62728)};
    for (int i = 0; i < SeriesCount; ++i) {
        auto *s = new QLineSeries;
        s->setName(names[i]);
        QPen pen(colors[i]);
        pen.setWidthF(i == TrainLoss ? 1.5 : 2.0);
        s->setPen(pen);
        s->setPointsVisible(i != TrainLoss);
        c->addSeries(s);
        s->attachAxis(m_axisX);
        s->attachAxis(i == TrainLoss || i == ValLoss ? m_axisLoss : m_axisAcc);
        m_series[i] = s;
    }
    setChart(c);
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::RectangleRubberBand);
    setToolTip(tr("Drag to zoom, wheel to zoom around the pointer, right-click to reset"));

    m_refresh.setSingleShot(true);
    m_refresh.setInterval(kRefreshMs);
    connect(&m_refresh, &QTimer::timeout, this, &MetricsChart::refresh);
    connect(m_axisX, &QValueAxis::rangeChanged, this, &MetricsChart::onUserRangeChanged);
}

void MetricsChart::clear()
{
    for (auto &d : m_data)
        d.clear();
    m_zoomed = false;
    refresh();
}

void MetricsChart::appendRows(const QList<MetricRow> &rows)
{
    for (const MetricRow &row : rows) {
        if (!row.step)
            continue;
        const double x = double(*row.step);
        if (row.event == QLatin1String("step")) {
            if (const auto loss = valueOf(row, "loss"))
                insertSorted(m_data[TrainLoss], QPointF(x, *loss));
        } else if (row.event == QLatin1String("eval")) {
            const bool test = row.split == QLatin1String("test");
            if (const auto acc = valueOf(row, "accuracy"))
                insertSorted(m_data[test ? TestAccuracy : ValAccuracy], QPointF(x, *acc * 100.0));
            if (!test) {
                if (const auto loss = valueOf(row, "loss"))
                    insertSorted(m_data[ValLoss], QPointF(x, *loss));
            }
        }
    }
    scheduleRefresh();
}

qsizetype MetricsChart::shownPointCount(Series s) const
{
    return m_series[s]->count();
}

void MetricsChart::scheduleRefresh()
{
    if (!m_refresh.isActive())
        m_refresh.start();
}

void MetricsChart::refresh()
{
    m_refresh.stop();
    double xMin = 0, xMax = 1, lossMax = 0;
    bool any = false;
    for (const auto &d : m_data) {
        if (d.empty())
            continue;
        xMin = any ? std::min(xMin, d.front().x()) : d.front().x();
        xMax = any ? std::max(xMax, d.back().x()) : d.back().x();
        any = true;
    }
    if (m_zoomed) {
        xMin = m_axisX->min();
        xMax = m_axisX->max();
    } else if (xMax <= xMin) {
        xMax = xMin + 1;
    }
    const int columns = std::max(1, int(chart()->plotArea().width()));
    for (int i = 0; i < SeriesCount; ++i) {
        const QList<QPointF> pts = decimateMinMax(m_data[i], xMin, xMax, columns);
        m_series[i]->replace(pts);
        if (i == TrainLoss || i == ValLoss) {
            for (const QPointF &p : pts)
                lossMax = std::max(lossMax, p.y());
        }
    }
    if (!m_zoomed) {
        m_applyingRange = true;
        m_axisX->setRange(xMin, xMax);
        m_axisLoss->setRange(0, lossMax > 0 ? lossMax * 1.05 : 1.0);
        m_axisAcc->setRange(0, 100);
        m_applyingRange = false;
    }
}

void MetricsChart::onUserRangeChanged()
{
    if (m_applyingRange)
        return;
    // Zoom and pan change the axis range; draw the newly visible part at full detail.
    m_zoomed = true;
    scheduleRefresh();
}

void MetricsChart::resetZoom()
{
    m_applyingRange = true;
    chart()->zoomReset();
    m_applyingRange = false;
    m_zoomed = false;
    refresh();
}

void MetricsChart::wheelEvent(QWheelEvent *event)
{
    const double factor = event->angleDelta().y() > 0 ? 1.25 : 0.8;
    QRectF area = chart()->plotArea();
    const QPointF at = event->position();
    area.setWidth(area.width() / factor);
    area.moveCenter(QPointF(at.x(), chart()->plotArea().center().y()));
    chart()->zoomIn(area);
    event->accept();
}

void MetricsChart::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::RightButton) {
        resetZoom();
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void MetricsChart::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    scheduleRefresh();
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
    out << "series,step,value\n";
    const char *names[SeriesCount] = {"train_loss", "val_loss", "val_accuracy_pct",
                                      "test_accuracy_pct"};
    for (int i = 0; i < SeriesCount; ++i) {
        for (const QPointF &p : m_data[i])
            out << names[i] << ',' << qint64(p.x()) << ',' << QString::number(p.y(), 'g', 9) << '\n';
    }
    out.flush();
    if (!f.commit()) {
        if (error)
            *error = f.errorString();
        return false;
    }
    return true;
}

bool MetricsChart::savePng(const QString &path)
{
    return grab().save(path, "PNG");
}

} // namespace td
