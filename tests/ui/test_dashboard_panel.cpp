// DashboardPanel on a real store: GPU samples of the shown job (and the "no GPU" state of a CPU
// job), live GPU rows, comparison with another job, and diagnosis cards for a failed job.
#include "core/store/Store.h"
#include "ui/charts/GpuChart.h"
#include "ui/charts/MetricsChart.h"
#include "ui/main/DashboardPanel.h"
#include "ui/main/DiagnosisCards.h"

#include <QApplication>
#include <QFrame>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineSeries>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace td;

namespace {

JobRecord makeJob(const QString &id, JobState state, const QString &machineId = {})
{
    JobRecord j;
    j.id = id;
    j.machineId = machineId;
    j.kind = QStringLiteral("engine");
    j.command = QStringLiteral("traindeck-engine train");
    j.configJson = QStringLiteral("{\"model\":\"mlp\"}");
    j.state = state;
    j.createdAt = QDateTime::currentDateTimeUtc();
    return j;
}

// Metric lines as the engine writes them: the panel reads the raw text back from the store.
QList<MetricRow> metricLines(int steps)
{
    QList<MetricRow> rows;
    for (int s = 1; s <= steps; ++s) {
        MetricRow r;
        r.seq = s - 1;
        r.event = QStringLiteral("step");
        r.step = s;
        r.epoch = 0;
        r.values = {{QStringLiteral("loss"), 1.0 / s}};
        r.text = QStringLiteral("{\"v\":1,\"event\":\"step\",\"step\":%1,\"epoch\":0,\"loss\":%2}")
                     .arg(s)
                     .arg(1.0 / s);
        rows.append(r);
    }
    return rows;
}

} // namespace

class TestDashboardPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void gpuSamplesAndNoGpuState();
    void compareWithAnotherJob();
    void diagnosisCardForCudaOom();
    void noCardsForSucceededJob();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
};

void TestDashboardPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QString error;
    m_store = Store::open(m_dir.path(), &error);
    QVERIFY2(m_store, qPrintable(error));
    MachineRecord m;
    m.id = QStringLiteral("gpu-box");
    m.provider = QStringLiteral("ssh");
    m.name = QStringLiteral("gpu-box");
    m.createdAt = QDateTime::currentDateTimeUtc();
    m_store->upsertMachine(m);

    m_store->insertJob(makeJob(QStringLiteral("cpu-job"), JobState::Succeeded));
    m_store->appendMetrics(QStringLiteral("cpu-job"), QStringLiteral("metrics.jsonl"), 100,
                           metricLines(50));
    m_store->insertJob(makeJob(QStringLiteral("gpu-job"), JobState::Running, m.id));
    m_store->appendMetrics(QStringLiteral("gpu-job"), QStringLiteral("metrics.jsonl"), 100,
                           metricLines(80));
    QList<GpuSampleRecord> samples;
    for (int t = 0; t < 20; ++t) {
        for (int gpu = 0; gpu < 2; ++gpu) {
            GpuSampleRecord r;
            r.gpu = gpu;
            r.time = 1732345678.0 + t;
            r.util = 90;
            r.temp = 70;
            samples.append(r);
        }
    }
    m_store->appendGpuSamples(QStringLiteral("gpu-job"), m.id, QStringLiteral("gpu.csv"), 100,
                              samples);
    QVERIFY(m_store->flush());
}

void TestDashboardPanel::gpuSamplesAndNoGpuState()
{
    DashboardPanel panel(m_store.get());
    panel.resize(1100, 700);
    panel.show();
    panel.showJob(*m_store->job(QStringLiteral("cpu-job")));
    QVERIFY(panel.gpuChart()->showsNoGpuState());
    QVERIFY(panel.gpuChart()->noGpuLabel()->isVisible());

    panel.showJob(*m_store->job(QStringLiteral("gpu-job")));
    QVERIFY(!panel.gpuChart()->showsNoGpuState());
    GpuChartView *view = panel.gpuChart()->view();
    QCOMPARE(view->gpus().size(), 2);
    QCOMPARE(view->pointCount(1, GpuChartView::Utilisation), 20);

    // Live rows: only the shown job's are taken.
    GpuSampleRecord live;
    live.gpu = 1;
    live.time = 1732345678.0 + 20;
    live.util = 95;
    panel.appendGpuSamples(QStringLiteral("cpu-job"), {live});
    QCOMPARE(view->pointCount(1, GpuChartView::Utilisation), 20);
    panel.appendGpuSamples(QStringLiteral("gpu-job"), {live});
    QCOMPARE(view->pointCount(1, GpuChartView::Utilisation), 21);
}

void TestDashboardPanel::compareWithAnotherJob()
{
    DashboardPanel panel(m_store.get());
    panel.resize(1100, 700);
    panel.show();
    panel.showJob(*m_store->job(QStringLiteral("gpu-job")));
    // Only finished jobs other than the shown one are offered.
    const auto candidates = panel.compareCandidates();
    QCOMPARE(candidates.size(), 1);
    QCOMPARE(candidates.first().first, QStringLiteral("cpu-job"));

    QVERIFY(!panel.compareWith(QStringLiteral("no-such-job")));
    QVERIFY(!panel.chart()->hasOverlay());
    QVERIFY(panel.compareWith(QStringLiteral("cpu-job")));
    QVERIFY(panel.chart()->hasOverlay());
    QCOMPARE(panel.chart()->overlayPointCount(MetricsChart::TrainLoss), 50);
    QCOMPARE(panel.chart()->pointCount(MetricsChart::TrainLoss), 80);
    panel.chart()->refreshNow();
    QVERIFY(panel.chart()->overlaySeries(MetricsChart::TrainLoss)->count() > 0);

    panel.clearComparison();
    QVERIFY(!panel.chart()->hasOverlay());
    QCOMPARE(panel.chart()->overlaySeries(MetricsChart::TrainLoss)->count(), 0);

    // Showing another job drops a comparison made for the previous one.
    QVERIFY(panel.compareWith(QStringLiteral("cpu-job")));
    panel.showJob(*m_store->job(QStringLiteral("cpu-job")));
    QVERIFY(!panel.chart()->hasOverlay());
}

void TestDashboardPanel::diagnosisCardForCudaOom()
{
    JobRecord job = makeJob(QStringLiteral("oom-job"), JobState::Failed);
    job.exitCode = 1;
    QJsonObject summary;
    summary[QLatin1String("reason")] = QStringLiteral("The engine exited with code 1");
    summary[QLatin1String("log_tail")] = QStringLiteral(
        "epoch 0 step 100 loss 0.53\n"
        "Traceback (most recent call last):\n"
        "  File \"train.py\", line 42, in <module>\n"
        "    loss.backward()\n"
        "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 15.78 "
        "GiB total capacity; 13.90 GiB already allocated; 1.02 GiB free; 14.20 GiB reserved in "
        "total by PyTorch)");
    job.summaryJson = QString::fromUtf8(QJsonDocument(summary).toJson(QJsonDocument::Compact));
    m_store->insertJob(job);
    QVERIFY(m_store->flush());

    DashboardPanel panel(m_store.get());
    panel.resize(1100, 800);
    panel.show();
    panel.showJob(job);
    DiagnosisCards *cards = panel.diagnosisCards();
    QVERIFY(cards->cardCount() >= 1);
    QCOMPARE(cards->findings().first().kind, Finding::Kind::CudaOom);
    QVERIFY(cards->isVisible());

    const QList<QFrame *> frames = cards->findChildren<QFrame *>(QStringLiteral("diagnosisCard"));
    QCOMPARE(frames.size(), cards->cardCount());
    auto *title = frames.first()->findChild<QLabel *>(QStringLiteral("title"));
    QVERIFY(title);
    QCOMPARE(title->text(), cards->findings().first().title);
    QVERIFY(title->font().bold());
    auto *remedies = frames.first()->findChild<QLabel *>(QStringLiteral("remedies"));
    QVERIFY(remedies);
    QVERIFY(remedies->text().contains(QStringLiteral("<li>")));
    auto *evidence = frames.first()->findChild<QLabel *>(QStringLiteral("evidence"));
    QVERIFY(evidence);
    QVERIFY2(evidence->text().contains(QStringLiteral("out of memory")),
             qPrintable(evidence->text()));
    // Asked for monospace; which face answers depends on the fonts installed.
    QCOMPARE(evidence->font().styleHint(), QFont::Monospace);

    // The same job after a successful rerun shows no cards.
    job.state = JobState::Succeeded;
    job.exitCode = 0;
    panel.updateJob(job);
    QCOMPARE(cards->cardCount(), 0);
    QVERIFY(!cards->isVisible());
}

void TestDashboardPanel::noCardsForSucceededJob()
{
    DashboardPanel panel(m_store.get());
    panel.show();
    panel.showJob(*m_store->job(QStringLiteral("cpu-job")));
    QCOMPARE(panel.diagnosisCards()->cardCount(), 0);
    QVERIFY(!panel.diagnosisCards()->isVisible());
    QVERIFY(DiagnosisCards::diagnoseJob(*m_store->job(QStringLiteral("cpu-job")), {}).isEmpty());
}

QTEST_MAIN(TestDashboardPanel)
#include "test_dashboard_panel.moc"
