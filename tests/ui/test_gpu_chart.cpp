// GpuChart: several GPUs at once, missing readings and sampling pauses drawn as gaps (never as
// zeros), the metric selector, and the "no GPU" state.
#include "ui/charts/GpuChart.h"

#include <QApplication>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLineSeries>
#include <QSet>
#include <QTest>
#include <QValueAxis>

using namespace td;

namespace {
constexpr double kT0 = 1732345678.0;

// Two GPUs, 30 s at 1 Hz. GPU 0 misses its utilisation at t = 10..12 ([N/A]) and reports no
// power at all; GPU 1 stops sampling between t = 15 and t = 25 (a pause, not a reading).
QList<GpuSampleRecord> samples()
{
    QList<GpuSampleRecord> rows;
    for (int t = 0; t < 30; ++t) {
        for (int gpu = 0; gpu < 2; ++gpu) {
            if (gpu == 1 && t > 15 && t < 25)
                continue;
            GpuSampleRecord r;
            r.gpu = gpu;
            r.time = kT0 + t;
            if (!(gpu == 0 && t >= 10 && t <= 12))
                r.util = 50.0 + gpu * 40.0;
            r.memUsed = 1000.0 * (gpu + 1);
            r.memTotal = 16000.0;
            r.temp = 60.0 + t * 0.1;
            if (gpu == 1)
                r.power = 250.0;
            rows.append(r);
        }
    }
    return rows;
}
} // namespace

class TestGpuChart : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void noGpuState();
    void multiGpuWithGaps();
    void metricSelector();
    void duplicateSamplesIgnored();
};

void TestGpuChart::noGpuState()
{
    GpuChart chart;
    chart.resize(600, 300);
    chart.show();
    QVERIFY(chart.showsNoGpuState());
    QVERIFY(chart.noGpuLabel()->isVisible());
    QVERIFY(!chart.noGpuLabel()->text().isEmpty());
    chart.appendSamples(samples());
    QVERIFY(!chart.showsNoGpuState());
    QVERIFY(chart.view()->isVisible());
    chart.clear();
    QVERIFY(chart.showsNoGpuState());
    QVERIFY(!chart.hasSamples());
}

void TestGpuChart::multiGpuWithGaps()
{
    GpuChart chart;
    chart.resize(800, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.appendSamples(samples());
    GpuChartView *view = chart.view();
    view->refreshNow();
    QCOMPARE(view->gpus(), (QList<int>{0, 1}));

    // GPU 0: 27 readings in two runs; the missing three are not stored as zeros.
    QCOMPARE(view->pointCount(0, GpuChartView::Utilisation), 27);
    QCOMPARE(view->runCount(0, GpuChartView::Utilisation), 2);
    QCOMPARE(view->shownSegmentCount(0), 2);
    // GPU 1: the ten-second pause splits its curve too.
    QCOMPARE(view->pointCount(1, GpuChartView::Utilisation), 21);
    QCOMPARE(view->runCount(1, GpuChartView::Utilisation), 2);
    QCOMPARE(view->shownSegmentCount(1), 2);

    // No drawn point lies in a gap, and nothing was drawn at zero.
    const auto *axis = qobject_cast<QDateTimeAxis *>(view->chart()->axes(Qt::Horizontal).first());
    QVERIFY(axis);
    for (QAbstractSeries *s : view->chart()->series()) {
        const auto *line = qobject_cast<QLineSeries *>(s);
        for (const QPointF &p : line->points()) {
            QVERIFY(p.y() > 0);
            const double t = p.x() / 1000.0 - kT0;
            if (line->name() == GpuChartView::tr("GPU %1").arg(0))
                QVERIFY2(t < 10 || t > 12, qPrintable(QString::number(t)));
            else
                QVERIFY2(t <= 15 || t >= 25, qPrintable(QString::number(t)));
        }
    }
    // Every piece carries its GPU's name: two GPUs, two names, however many pieces.
    QSet<QString> names;
    for (QAbstractSeries *s : view->chart()->series()) {
        if (s->isVisible())
            names.insert(s->name());
    }
    QCOMPARE(names.size(), 2);

    // Power: GPU 0 never reported it, so it has nothing to draw; GPU 1 still has its gap.
    QCOMPARE(view->pointCount(0, GpuChartView::Power), 0);
    QCOMPARE(view->pointCount(1, GpuChartView::Power), 21);
    chart.setMetric(GpuChartView::Power);
    QCOMPARE(view->shownPointCount(0), 0);
    QCOMPARE(view->shownSegmentCount(1), 2);
}

void TestGpuChart::metricSelector()
{
    GpuChart chart;
    chart.resize(800, 400);
    chart.show();
    chart.appendSamples(samples());
    chart.metricBox()->setCurrentIndex(
        chart.metricBox()->findData(int(GpuChartView::MemoryPercent)));
    QCOMPARE(chart.metric(), GpuChartView::MemoryPercent);
    chart.view()->refreshNow();
    // 1000 of 16000 MiB is 6.25 %; 2000 of 16000 is 12.5 %.
    double gpu0 = -1, gpu1 = -1;
    for (QAbstractSeries *s : chart.view()->chart()->series()) {
        const auto *line = qobject_cast<QLineSeries *>(s);
        if (line->count() == 0)
            continue;
        (line->name() == GpuChartView::tr("GPU %1").arg(0) ? gpu0 : gpu1) = line->at(0).y();
    }
    QCOMPARE(gpu0, 6.25);
    QCOMPARE(gpu1, 12.5);

    chart.setMetric(GpuChartView::MemoryUsed);
    QCOMPARE(chart.metricBox()->currentData().toInt(), int(GpuChartView::MemoryUsed));
    const auto *y = qobject_cast<QValueAxis *>(chart.view()->chart()->axes(Qt::Vertical).first());
    QVERIFY(y);
    QCOMPARE(y->max(), 16000.0); // the card's capacity is the ceiling
    QCOMPARE(y->titleText(), GpuChartView::metricName(GpuChartView::MemoryUsed));
}

void TestGpuChart::duplicateSamplesIgnored()
{
    GpuChart chart;
    chart.appendSamples(samples());
    chart.appendSamples(samples()); // a reattach reading the same rows again
    QCOMPARE(chart.view()->pointCount(0, GpuChartView::Temperature), 30);
    QCOMPARE(chart.view()->runCount(0, GpuChartView::Temperature), 1);
}

QTEST_MAIN(TestGpuChart)
#include "test_gpu_chart.moc"
