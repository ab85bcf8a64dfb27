// MetricsChart: step/epoch axis, log-scale loss, smoothing, optional series, export, and
// decimation that stays within two points per pixel column after zoom and pan.
#include "ui/charts/MetricsChart.h"

#include <QApplication>
#include <QFile>
#include <QImage>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <map>

using namespace td;

namespace {

MetricRow stepRow(qint64 step, int epoch, double loss)
{
    MetricRow r;
    r.event = QStringLiteral("step");
    r.step = step;
    r.epoch = epoch;
    r.values = {{QStringLiteral("loss"), loss},
                {QStringLiteral("lr"), 0.01},
                {QStringLiteral("samples_per_s"), 1000.0 + double(step % 7)}};
    return r;
}

MetricRow evalRow(qint64 step, int epoch, const QString &split, double loss, double accuracy)
{
    MetricRow r;
    r.event = QStringLiteral("eval");
    r.split = split;
    r.step = step;
    r.epoch = epoch;
    r.values = {{QStringLiteral("loss"), loss}, {QStringLiteral("accuracy"), accuracy}};
    return r;
}

// `epochs` epochs of 100 steps (1..100, 101..200, ...), a val eval at each epoch's last step.
QList<MetricRow> run(int epochs, double lossOffset = 0)
{
    QList<MetricRow> rows;
    for (int e = 0; e < epochs; ++e) {
        for (int s = 1; s <= 100; ++s) {
            const qint64 step = e * 100 + s;
            rows.append(
                stepRow(step, e,
                        2.0 / std::sqrt(double(step)) + lossOffset + 0.1 * std::sin(double(step))));
        }
        rows.append(evalRow((e + 1) * 100, e, QStringLiteral("val"), 0.5, 0.8 + 0.05 * e));
    }
    return rows;
}

} // namespace

class TestMetricsChart : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void stepEpochToggle();
    void logScaleDropsNonPositiveLoss();
    void smoothingKeepsRawPoints();
    void optionalSeries();
    void overlayAddAndClear();
    void csvAndPngExport();
    void decimationAfterZoomAndPan();
    void zoomStepsComposeBeforeRefresh();
    void epochMappingInOnePass();

private:
    MetricsChart *m_chart = nullptr;
};

void TestMetricsChart::init()
{
    m_chart = new MetricsChart;
    m_chart->resize(800, 400);
    m_chart->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_chart));
}

void TestMetricsChart::cleanup()
{
    delete m_chart;
    m_chart = nullptr;
}

void TestMetricsChart::stepEpochToggle()
{
    m_chart->appendRows(run(3));
    m_chart->refreshNow();
    QCOMPARE(m_chart->xAxis()->min(), 1.0);
    QCOMPARE(m_chart->xAxis()->max(), 300.0);
    QCOMPARE(m_chart->series(MetricsChart::ValAccuracy)->at(0).x(), 100.0);

    m_chart->setXAxisMode(MetricsChart::ByEpoch);
    QCOMPARE(m_chart->xAxis()->titleText(), MetricsChart::tr("Epoch"));
    QCOMPARE(m_chart->xAxis()->min(), 0.0);
    QVERIFY(qFuzzyCompare(m_chart->xAxis()->max(), 3.0));
    // The evaluation at the end of the first epoch sits at 1.0, the second at 2.0.
    const QLineSeries *val = m_chart->series(MetricsChart::ValAccuracy);
    QCOMPARE(val->count(), 3);
    QVERIFY(qFuzzyCompare(val->at(0).x(), 1.0));
    QVERIFY(qFuzzyCompare(val->at(1).x(), 2.0));
    // Step 150 is half-way through epoch 1.
    bool found = false;
    for (const QPointF &p : m_chart->series(MetricsChart::TrainLoss)->points()) {
        if (qFuzzyCompare(p.x(), 1.5))
            found = true;
    }
    QVERIFY(found);
    QCOMPARE(m_chart->pointCount(MetricsChart::TrainLoss), 300);

    m_chart->setXAxisMode(MetricsChart::ByStep);
    QCOMPARE(m_chart->xAxis()->max(), 300.0);
    QCOMPARE(m_chart->series(MetricsChart::ValAccuracy)->at(0).x(), 100.0);
}

void TestMetricsChart::logScaleDropsNonPositiveLoss()
{
    QList<MetricRow> rows;
    const double losses[] = {1.0, 0.5, 0.0, -0.25, 0.2, 0.1};
    for (int i = 0; i < 6; ++i)
        rows.append(stepRow(i + 1, 0, losses[i]));
    m_chart->appendRows(rows);
    m_chart->setSmoothing(0);
    m_chart->refreshNow();
    QCOMPARE(m_chart->shownPointCount(MetricsChart::TrainLoss), 6);

    m_chart->setLogScale(true);
    QLineSeries *loss = m_chart->series(MetricsChart::TrainLoss);
    QVERIFY(qobject_cast<QLogValueAxis *>(loss->attachedAxes().constLast()) ||
            qobject_cast<QLogValueAxis *>(loss->attachedAxes().constFirst()));
    QCOMPARE(m_chart->shownPointCount(MetricsChart::TrainLoss), 4);
    for (const QPointF &p : loss->points())
        QVERIFY(p.y() > 0);
    // Raw data and other axes are untouched: the throughput is not on the log axis.
    QCOMPARE(m_chart->pointCount(MetricsChart::TrainLoss), 6);
    m_chart->setSeriesEnabled(MetricsChart::Throughput, true);
    QCOMPARE(m_chart->shownPointCount(MetricsChart::Throughput), 6);

    m_chart->setLogScale(false);
    QCOMPARE(m_chart->shownPointCount(MetricsChart::TrainLoss), 6);
    for (QAbstractAxis *axis : loss->attachedAxes())
        QVERIFY(!qobject_cast<QLogValueAxis *>(axis));
}

void TestMetricsChart::smoothingKeepsRawPoints()
{
    m_chart->setSmoothing(0);
    m_chart->appendRows(run(2));
    m_chart->refreshNow();
    const qsizetype raw = m_chart->pointCount(MetricsChart::TrainLoss);
    const qsizetype shown = m_chart->shownPointCount(MetricsChart::TrainLoss);
    QCOMPARE(m_chart->shownSmoothedCount(), 0);
    QVERIFY(!m_chart->smoothedSeries()->isVisible());

    m_chart->setSmoothing(0.9);
    QCOMPARE(m_chart->pointCount(MetricsChart::TrainLoss), raw);
    QCOMPARE(m_chart->shownPointCount(MetricsChart::TrainLoss), shown);
    QCOMPARE(m_chart->shownSmoothedCount(), shown);
    QVERIFY(m_chart->smoothedSeries()->isVisible());
    // The smoothed curve varies less from point to point than the raw one.
    const auto roughness = [](const QList<QPointF> &pts) {
        double sum = 0;
        for (qsizetype i = 1; i < pts.size(); ++i)
            sum += std::abs(pts[i].y() - pts[i - 1].y());
        return sum;
    };
    const QList<QPointF> rawPts = m_chart->series(MetricsChart::TrainLoss)->points();
    const QList<QPointF> smooth = m_chart->smoothedSeries()->points();
    QVERIFY(roughness(smooth) < roughness(rawPts) / 3);
    QCOMPARE(smooth.first().y(), rawPts.first().y()); // bias-corrected: starts on the data

    // Live appends extend the smoothed curve too.
    m_chart->appendRows({stepRow(201, 2, 0.3)});
    m_chart->refreshNow();
    QCOMPARE(m_chart->pointCount(MetricsChart::TrainLoss), raw + 1);
    QCOMPARE(m_chart->shownSmoothedCount(), shown + 1);
}

void TestMetricsChart::optionalSeries()
{
    m_chart->appendRows(run(1));
    m_chart->refreshNow();
    QCOMPARE(m_chart->pointCount(MetricsChart::LearningRate), 100);
    QCOMPARE(m_chart->pointCount(MetricsChart::Throughput), 100);
    QCOMPARE(m_chart->shownPointCount(MetricsChart::LearningRate), 0);
    m_chart->setSeriesEnabled(MetricsChart::LearningRate, true);
    QCOMPARE(m_chart->shownPointCount(MetricsChart::LearningRate), 100);
    QVERIFY(m_chart->series(MetricsChart::LearningRate)->isVisible());
    m_chart->setSeriesEnabled(MetricsChart::LearningRate, false);
    QCOMPARE(m_chart->shownPointCount(MetricsChart::LearningRate), 0);
}

void TestMetricsChart::overlayAddAndClear()
{
    m_chart->appendRows(run(2));
    QVERIFY(!m_chart->hasOverlay());
    m_chart->setOverlay(QStringLiteral("job b"), run(3, 0.2));
    QVERIFY(m_chart->hasOverlay());
    QCOMPARE(m_chart->overlayPointCount(MetricsChart::TrainLoss), 300);
    QCOMPARE(m_chart->pointCount(MetricsChart::TrainLoss), 200);
    QLineSeries *overlay = m_chart->overlaySeries(MetricsChart::TrainLoss);
    QVERIFY(overlay->isVisible());
    QVERIFY(overlay->count() > 0);
    QCOMPARE(overlay->pen().style(), Qt::DashLine);
    QVERIFY(overlay->name().contains(QStringLiteral("job b")));
    QCOMPARE(m_chart->xAxis()->max(), 300.0); // the range covers the longer overlay

    m_chart->clearOverlay();
    QVERIFY(!m_chart->hasOverlay());
    QCOMPARE(overlay->count(), 0);
    QVERIFY(!overlay->isVisible());
    QCOMPARE(m_chart->xAxis()->max(), 200.0);
}

void TestMetricsChart::csvAndPngExport()
{
    m_chart->appendRows(run(2));
    m_chart->setOverlay(QStringLiteral("other"), run(1));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString csv = dir.filePath(QStringLiteral("m.csv"));
    QString error;
    QVERIFY2(m_chart->saveCsv(csv, &error), qPrintable(error));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines =
        QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.first(), QStringLiteral("run,series,step,epoch,value"));
    std::map<QString, int> perSeries;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QStringList f5 = lines[i].split(QLatin1Char(','));
        QCOMPARE(f5.size(), 5);
        bool ok = false;
        f5[2].toLongLong(&ok);
        QVERIFY2(ok, qPrintable(lines[i]));
        f5[3].toDouble(&ok);
        QVERIFY2(ok, qPrintable(lines[i]));
        f5[4].toDouble(&ok);
        QVERIFY2(ok, qPrintable(lines[i]));
        ++perSeries[f5[0] + QLatin1Char('/') + f5[1]];
    }
    // Raw data: every point, not the decimated ones.
    QCOMPARE(perSeries[QStringLiteral("shown/train_loss")], 200);
    QCOMPARE(perSeries[QStringLiteral("shown/val_accuracy_pct")], 2);
    QCOMPARE(perSeries[QStringLiteral("shown/lr")], 200);
    QCOMPARE(perSeries[QStringLiteral("compare/train_loss")], 100);

    const QString png = dir.filePath(QStringLiteral("c.png"));
    QVERIFY(m_chart->savePng(png));
    QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), m_chart->size() * m_chart->devicePixelRatio());
}

void TestMetricsChart::decimationAfterZoomAndPan()
{
    QList<MetricRow> rows;
    for (int i = 1; i <= 200000; ++i)
        rows.append(stepRow(i, 0, std::sin(i * 0.01) + (i == 123457 ? 5.0 : 0.0)));
    m_chart->setSmoothing(0);
    m_chart->appendRows(rows);
    // Axis labels resize the plot area once the ranges are known; let that layout settle.
    const auto settle = [this] {
        m_chart->refreshNow();
        QCoreApplication::processEvents();
        m_chart->refreshNow();
    };
    settle();

    const auto checkColumns = [this] {
        const double lo = m_chart->xAxis()->min();
        const double hi = m_chart->xAxis()->max();
        const int columns = m_chart->plotColumns();
        std::map<int, int> perColumn;
        int inside = 0;
        for (const QPointF &p : m_chart->series(MetricsChart::TrainLoss)->points()) {
            if (p.x() < lo || p.x() > hi)
                continue; // the neighbours just outside, which carry the line to the edge
            ++inside;
            // The decimator's own rule: column c holds lo + c * width <= x < lo + (c + 1) * width.
            const double width = (hi - lo) / columns;
            int col = std::clamp(int(std::floor((p.x() - lo) / width)), 0, columns - 1);
            while (col + 1 < columns && lo + (col + 1) * width <= p.x())
                ++col;
            while (col > 0 && lo + col * width > p.x())
                --col;
            if (++perColumn[col] > 2)
                return -1;
        }
        return inside;
    };
    const int full = checkColumns();
    QVERIFY2(full > m_chart->plotColumns(), qPrintable(QString::number(full)));
    QCOMPARE(m_chart->series(MetricsChart::TrainLoss)->points().size() <=
                 2 * m_chart->plotColumns() + 2,
             true);

    const double widthBefore = m_chart->xAxis()->max() - m_chart->xAxis()->min();
    m_chart->zoomX(8.0, m_chart->chart()->plotArea().center().x());
    settle();
    QVERIFY(m_chart->isZoomed());
    const double widthAfter = m_chart->xAxis()->max() - m_chart->xAxis()->min();
    QVERIFY(widthAfter < widthBefore / 7);
    // Re-decimated from the raw data: the zoomed range is drawn with a full column budget.
    const int zoomed = checkColumns();
    QVERIFY2(zoomed > m_chart->plotColumns(), qPrintable(QString::number(zoomed)));
    // Pan one screen to the right, onto the spike at step 123457: it must survive decimation.
    const double before = m_chart->xAxis()->min();
    m_chart->panX(1.0);
    settle();
    QVERIFY(m_chart->xAxis()->min() > before);
    QVERIFY(m_chart->xAxis()->min() < 123457 && m_chart->xAxis()->max() > 123457);
    QVERIFY(checkColumns() > m_chart->plotColumns());
    bool spike = false;
    for (const QPointF &p : m_chart->series(MetricsChart::TrainLoss)->points())
        spike = spike || p.y() > 4.0;
    QVERIFY(spike);

    m_chart->resetZoom();
    QVERIFY(!m_chart->isZoomed());
    QCOMPARE(m_chart->xAxis()->max(), 200000.0);
}

void TestMetricsChart::zoomStepsComposeBeforeRefresh()
{
    QList<MetricRow> rows;
    for (int i = 1; i <= 10000; ++i)
        rows.append(stepRow(i, 0, std::sin(i * 0.01)));
    m_chart->setSmoothing(0);
    m_chart->appendRows(rows);
    m_chart->refreshNow();
    const double lo = m_chart->xAxis()->min();
    const double hi = m_chart->xAxis()->max();
    const double center = m_chart->chart()->plotArea().center().x();
    // Two wheel steps before the coalesced refresh: the second zooms the range the first asked
    // for, and the axis moves once, together with the re-decimated points.
    m_chart->zoomX(2.0, center);
    m_chart->zoomX(2.0, center);
    QVERIFY(m_chart->isZoomed());
    m_chart->refreshNow();
    const double width = m_chart->xAxis()->max() - m_chart->xAxis()->min();
    QVERIFY(qFuzzyCompare(width, (hi - lo) / 4));
    QVERIFY(qFuzzyCompare((m_chart->xAxis()->min() + m_chart->xAxis()->max()) / 2, (lo + hi) / 2));
    m_chart->panX(0.5);
    m_chart->panX(0.5);
    m_chart->refreshNow();
    QVERIFY(qFuzzyCompare(m_chart->xAxis()->min(), (lo + hi) / 2 - width / 2 + width));
    // The drawn points belong to the new range: the first one inside starts at its left edge.
    const QList<QPointF> pts = m_chart->series(MetricsChart::TrainLoss)->points();
    QVERIFY(!pts.isEmpty());
    QVERIFY(pts.front().x() <= m_chart->xAxis()->min());
    QVERIFY(pts.back().x() >= m_chart->xAxis()->max());
    m_chart->resetZoom();
    QCOMPARE(m_chart->xAxis()->min(), 1.0);
    QCOMPARE(m_chart->xAxis()->max(), 10000.0);
}

void TestMetricsChart::epochMappingInOnePass()
{
    EpochScale scale;
    // Uneven epochs, and a last one still running (its end is extrapolated).
    scale.note(0, 99);
    scale.note(1, 150);
    scale.note(2, 400);
    scale.note(3, 420);
    QList<QPointF> pts;
    for (double x : {0.0, 1.0, 99.0, 99.5, 100.0, 150.0, 151.0, 399.0, 400.0, 410.0, 420.0, 500.0})
        pts.append(QPointF(x, x));
    QList<QPointF> mapped = pts;
    scale.mapToEpochs(mapped);
    QCOMPARE(mapped.size(), pts.size());
    for (qsizetype i = 0; i < pts.size(); ++i) {
        QCOMPARE(mapped[i].x(), scale.toEpoch(pts[i].x()));
        QCOMPARE(mapped[i].y(), pts[i].y());
    }
}

QTEST_MAIN(TestMetricsChart)
#include "test_metrics_chart.moc"
