// Metrics from the logs of script jobs: JSON Lines, plain PyTorch prints, Lightning bars,
// Hugging Face Trainer dicts and user expressions.
#include "core/jobs/LogMetricExtractor.h"
#include "core/jobs/MetricLineParser.h"

#include <QFile>
#include <QTest>

#include <cmath>

using namespace td;

class TestLogMetrics : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void lines_data();
    void lines();
    void stepsAdvanceWithoutNumbers();
    void huggingFaceFixture();
    void regexValidation();
    void rowsAreContractLines();
};

void TestLogMetrics::lines_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("event");
    QTest::addColumn<QString>("split");
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("value");
    QTest::addColumn<qint64>("step");

    QTest::newRow("json loss") << "auto"
                               << R"({"step": 12, "loss": 0.5, "epoch": 0})"
                               << "step"
                               << ""
                               << "loss" << 0.5 << qint64(12);
    QTest::newRow("json val acc") << "json"
                                  << R"({"epoch": 1, "val_acc": 0.91})"
                                  << "eval"
                                  << "val"
                                  << "accuracy" << 0.91 << qint64(0);
    QTest::newRow("engine line")
        << "auto"
        << R"({"v":1,"event":"eval","step":469,"split":"test","loss":0.35,"accuracy":0.874})"
        << "eval"
        << "test"
        << "accuracy" << 0.874 << qint64(469);
    QTest::newRow("pytorch tutorial") << "pytorch"
                                      << "Epoch [1/10], Step [100/600], Loss: 0.1234"
                                      << "step"
                                      << ""
                                      << "loss" << 0.1234 << qint64(100);
    QTest::newRow("mnist example") << "auto"
                                   << "Train Epoch: 1 [640/60000 (1%)]\tLoss: 2.283869"
                                   << "step"
                                   << ""
                                   << "loss" << 2.283869 << qint64(1);
    QTest::newRow("val percent") << "auto"
                                 << "epoch 3 | val loss 0.3100 | val acc 91.20%"
                                 << "eval"
                                 << "val"
                                 << "accuracy" << 0.912 << qint64(0);
    QTest::newRow("test accuracy") << "pytorch"
                                   << "Test set: Average loss: 0.0330, Accuracy: 9894/10000 (99%)"
                                   << "step"
                                   << ""
                                   << "loss" << 0.033 << qint64(1);
    QTest::newRow("lightning")
        << "auto"
        << "Epoch 2:  45%|████▌     | 450/1000 [00:10<00:12, 45.00it/s, loss=0.234, v_num=0]"
        << "step"
        << ""
        << "loss" << 0.234 << qint64(2450);
    QTest::newRow("lightning val") << "lightning"
                                   << "Epoch 1: 100%|██████████| 1000/1000 [00:20<00:00, 49.1it/s, "
                                      "v_num=3, val_loss=0.310, val_acc=0.905]"
                                   << "eval"
                                   << "val"
                                   << "accuracy" << 0.905 << qint64(2000);
    QTest::newRow("hf train") << "auto"
                              << "{'loss': 0.6931, 'learning_rate': 4.9e-05, 'epoch': 0.01}"
                              << "step"
                              << ""
                              << "loss" << 0.6931 << qint64(1);
    QTest::newRow("hf eval")
        << "hf"
        << "{'eval_loss': 0.52, 'eval_accuracy': 0.83, 'eval_runtime': 3.1, 'epoch': 1.0}"
        << "eval"
        << "val"
        << "accuracy" << 0.83 << qint64(0);
    QTest::newRow("regex") << "regex"
                           << "it 500 | mse 0.0123"
                           << "step"
                           << ""
                           << "loss" << 0.0123 << qint64(500);
    QTest::newRow("nan loss") << "pytorch"
                              << "step 7 loss nan"
                              << "step"
                              << ""
                              << "loss" << std::nan("") << qint64(7);
}

void TestLogMetrics::lines()
{
    QFETCH(QString, preset);
    QFETCH(QString, line);
    QFETCH(QString, event);
    QFETCH(QString, split);
    QFETCH(QString, name);
    QFETCH(double, value);
    QFETCH(qint64, step);
    LogMetricExtractor x(*LogMetricExtractor::presetFromName(preset),
                         QStringLiteral("it (?<step>\\d+) \\| mse (?<loss>[0-9.]+)"));
    QVERIFY(x.isValid());
    const auto row = x.extract(line);
    QVERIFY2(row, qPrintable(line));
    QCOMPARE(row->event, event);
    QCOMPARE(row->split, split);
    const auto v = metricValue(*row, name);
    QVERIFY2(v, qPrintable(name));
    if (std::isnan(value))
        QVERIFY(std::isnan(*v));
    else
        QCOMPARE(*v, value);
    QCOMPARE(row->step.value_or(-1), step);
}

void TestLogMetrics::stepsAdvanceWithoutNumbers()
{
    LogMetricExtractor x;
    QVERIFY(!x.extract(QStringLiteral("Downloading data... done")));
    QVERIFY(!x.extract(QStringLiteral("Traceback (most recent call last):")));
    QCOMPARE(x.extract(QStringLiteral("loss: 1.0"))->step.value(), qint64(1));
    QCOMPARE(x.extract(QStringLiteral("loss: 0.9"))->step.value(), qint64(2));
    QCOMPARE(x.extract(QStringLiteral("loss: 0.8"))->step.value(), qint64(3));
}

void TestLogMetrics::huggingFaceFixture()
{
    // Real Trainer output recorded in a public issue (see the fixture's first line).
    QFile f(QStringLiteral(TRAINDECK_TEST_DATA
                           "/gpu-texts/B-25-nccl-watchdog-timeout-llamafactory-progress.txt"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    LogMetricExtractor x(LogMetricExtractor::Preset::HuggingFace);
    int rows = 0;
    for (const QByteArray &l : f.readAll().split('\n')) {
        if (const auto r = x.extract(QString::fromUtf8(l))) {
            ++rows;
            QVERIFY(metricValue(*r, QStringLiteral("loss")));
            QVERIFY(metricValue(*r, QStringLiteral("lr")));
        }
    }
    QVERIFY(rows >= 2);
}

void TestLogMetrics::regexValidation()
{
    QVERIFY(!LogMetricExtractor(LogMetricExtractor::Preset::Regex, QStringLiteral("(unclosed"))
                 .isValid());
    QVERIFY(!LogMetricExtractor(LogMetricExtractor::Preset::Regex, QStringLiteral("loss (\\d+)"))
                 .isValid());
    QVERIFY(!LogMetricExtractor(LogMetricExtractor::Preset::Regex, QString()).isValid());
    QVERIFY(LogMetricExtractor(LogMetricExtractor::Preset::Regex,
                               QStringLiteral("(?<val_loss>[0-9.]+)"))
                .isValid());
    QVERIFY(!LogMetricExtractor::presetFromName(QStringLiteral("keras")));
}

void TestLogMetrics::rowsAreContractLines()
{
    LogMetricExtractor x;
    const auto row =
        x.extract(QStringLiteral("Epoch [2/10], Step [50/600], Loss: 0.25, Acc: 0.75"));
    QVERIFY(row);
    const ParsedMetricLine again = parseMetricLine(row->text.toUtf8(), 0);
    QVERIFY(again.ok);
    QCOMPARE(again.row.event, row->event);
    QCOMPARE(metricValue(again.row, QStringLiteral("loss")).value(), 0.25);
    QCOMPARE(metricValue(again.row, QStringLiteral("accuracy")).value(), 0.75);
    QCOMPARE(again.row.epoch.value_or(-1), 2);
}

QTEST_GUILESS_MAIN(TestLogMetrics)
#include "test_log_metrics.moc"
