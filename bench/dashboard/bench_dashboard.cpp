// Repaint cost of the training chart at a million points: load 1M steps, then 10 Hz live
// appends (each: re-decimate and paint via grab()), then zoom in and out. Prints Markdown.
// Target: a repaint under 16 ms, so live updates never cost a frame.
#include "ui/charts/MetricsChart.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QPixmap>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <vector>

using namespace td;

namespace {

constexpr qint64 kLoadedSteps = 1000000;
constexpr qint64 kStepsPerEpoch = 5000;
constexpr int kAppends = 50;
constexpr int kPointsPerAppend = 10;
constexpr int kZoomRounds = 20;

std::mt19937 rng(42);

MetricRow stepRow(qint64 step)
{
    std::normal_distribution<double> noise(0.0, 0.05);
    MetricRow r;
    r.event = QStringLiteral("step");
    r.step = step;
    r.epoch = int(step / kStepsPerEpoch);
    const double loss = 2.3 * std::exp(-double(step) / 200000.0) + 0.2 + noise(rng);
    r.values = {{QStringLiteral("loss"), loss},
                {QStringLiteral("lr"), 0.001 * (1.0 + std::cos(double(step) / 100000.0)) / 2},
                {QStringLiteral("samples_per_s"), 50000.0 + 2000.0 * noise(rng)}};
    return r;
}

QList<MetricRow> rowsFor(qint64 from, qint64 count)
{
    QList<MetricRow> rows;
    rows.reserve(count);
    for (qint64 s = from; s < from + count; ++s) {
        rows.append(stepRow(s));
        if (s % kStepsPerEpoch == kStepsPerEpoch - 1) {
            MetricRow eval;
            eval.event = QStringLiteral("eval");
            eval.split = QStringLiteral("val");
            eval.step = s;
            eval.epoch = int(s / kStepsPerEpoch);
            eval.values = {{QStringLiteral("loss"), 0.3}, {QStringLiteral("accuracy"), 0.9}};
            rows.append(eval);
        }
    }
    return rows;
}

struct Stats
{
    double median = 0, p95 = 0, max = 0;
};

Stats stats(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const auto at = [&v](double q) {
        return v[std::min(v.size() - 1, size_t(std::ceil(q * double(v.size())) - 1))];
    };
    return {at(0.5), at(0.95), v.back()};
}

double timeMs(const std::function<void()> &f)
{
    QElapsedTimer t;
    t.start();
    f();
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    MetricsChart chart;
    chart.resize(1200, 600);
    chart.show();
    chart.setSmoothing(0.6); // the dashboard's default: two 1M-point curves to decimate
    for (qint64 from = 0; from < kLoadedSteps; from += 50000)
        chart.appendRows(rowsFor(from, 50000));
    chart.refreshNow();
    chart.grab(); // first paint: fonts, caches

    QTextStream out(stdout);
    out << "## Dashboard chart (MetricsChart), " << chart.pointCount(MetricsChart::TrainLoss)
        << " training-loss points, " << chart.width() << "x" << chart.height() << " px, "
        << chart.plotColumns() << " plot columns\n\n";
    out << "| scenario | runs | median ms | p95 ms | max ms |\n|---|---:|---:|---:|---:|\n";
    const auto row = [&out](const QString &name, const std::vector<double> &v) {
        const Stats s = stats(v);
        out << "| " << name << " | " << v.size() << " | " << QString::number(s.median, 'f', 2)
            << " | " << QString::number(s.p95, 'f', 2) << " | " << QString::number(s.max, 'f', 2)
            << " |\n";
    };

    qint64 next = kLoadedSteps;
    const auto appends = [&](const QString &name) {
        std::vector<double> total, decimate;
        for (int i = 0; i < kAppends; ++i) {
            const QList<MetricRow> rows = rowsFor(next, kPointsPerAppend);
            next += kPointsPerAppend;
            total.push_back(timeMs([&] {
                chart.appendRows(rows);
                decimate.push_back(timeMs([&] { chart.refreshNow(); }));
                chart.grab();
            }));
        }
        row(name + QStringLiteral(": append 10 points + repaint"), total);
        row(name + QStringLiteral(": of which re-decimation"), decimate);
    };
    appends(QStringLiteral("loss + smoothed + accuracy"));

    std::vector<double> zoomIn, zoomOut;
    for (int i = 0; i < kZoomRounds; ++i) {
        zoomIn.push_back(timeMs([&] {
            chart.zoomX(8.0, chart.chart()->plotArea().center().x());
            chart.refreshNow();
            chart.grab();
        }));
        zoomOut.push_back(timeMs([&] {
            chart.resetZoom();
            chart.grab();
        }));
    }
    row(QStringLiteral("zoom in 8x + re-decimate + repaint"), zoomIn);
    row(QStringLiteral("zoom out (reset) + re-decimate + repaint"), zoomOut);

    chart.setSeriesEnabled(MetricsChart::LearningRate, true);
    chart.setSeriesEnabled(MetricsChart::Throughput, true);
    appends(QStringLiteral("+ learning rate + throughput"));
    chart.setXAxisMode(MetricsChart::ByEpoch);
    appends(QStringLiteral("all series, by epoch"));

    out << "\nShown points per series after the last repaint: training loss "
        << chart.shownPointCount(MetricsChart::TrainLoss) << ", smoothed "
        << chart.shownSmoothedCount() << " (budget 2 per column).\n";
    out.flush();
    return 0;
}
