// Cost, training-time and VRAM estimators, and the model descriptions they rest on. Expected
// values are worked out by hand in the comments, not taken from the code under test.
#include "core/catalog/Catalog.h"
#include "core/cost/CostEstimator.h"
#include "core/cost/ModelSpec.h"
#include "core/cost/Money.h"
#include "core/cost/VramEstimator.h"

#include <QTest>

using namespace td;

namespace {

constexpr qint64 GiB = qint64(1) << 30;

GpuTier tierWith(std::optional<double> hourly, std::optional<double> min, std::optional<double> max,
                 const QString &currency)
{
    GpuTier t;
    t.id = QStringLiteral("t");
    t.name = QStringLiteral("test tier");
    t.gpuCount = 1;
    t.engineSupported = true;
    t.hourlyPrice = hourly;
    t.priceMin = min;
    t.priceMax = max;
    t.currency = currency;
    return t;
}

// A V100 SXM2 as the datasheet gives it: 15.7 TFLOPS fp32, 125 fp16 Tensor, no bf16.
GpuTier v100(int count = 1)
{
    GpuTier t = tierWith(3.06, std::nullopt, std::nullopt, QStringLiteral("USD"));
    t.gpuModel = QStringLiteral("V100");
    t.gpuCount = count;
    t.vramGiB = 16;
    t.computeCapability = QStringLiteral("7.0");
    t.fp32Tflops = 15.7;
    t.fp16Tflops = 125;
    return t;
}

bool near(double a, double b)
{
    return std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b));
}

const QLocale EnUs(QLocale::English, QLocale::UnitedStates);

} // namespace

class TestCost : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parameterCounts_data();
    void parameterCounts();
    void cnnParametersByPart();
    void forwardMacs_data();
    void forwardMacs();
    void activationSizes();
    void optimizerState_data();
    void optimizerState();
    void vramBreakdown_data();
    void vramBreakdown();
    void vramFits_data();
    void vramFits();
    void vramTightAndTooSmall();
    void costEstimate_data();
    void costEstimate();
    void hourlyRates_data();
    void hourlyRates();
    void moneyUsesLocale();
    void durations_data();
    void durations();
    void trainingTime();
    void trainingTimeNotPossible_data();
    void trainingTimeNotPossible();
    void measuredThroughput();
    void jobOnBuiltInCatalog();
};

void TestCost::parameterCounts_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("blocks");
    QTest::addColumn<qint64>("params");
    // 784*256+256 + 256*128+128 + 128*10+10
    QTest::newRow("mlp") << "mlp" << 0 << 0 << qint64(235146);
    // conv 3*3*1*32+32 = 320, BN 64, conv 3*3*32*64+64 = 18496, BN 128,
    // fc 3136*128+128 = 401536, fc 128*10+10 = 1290
    QTest::newRow("cnn") << "cnn" << 0 << 0 << qint64(421834);
    // ResNet-20 layout on one input channel, convolutions without bias, projection shortcuts:
    // stem 144+32; stage 1: 3 × (2*2304 + 64) = 14016; stage 2: 4608+9216+128+512+64 = 14528
    // plus 2 × (2*9216 + 128) = 37120; stage 3: 18432+36864+256+2048+128 = 57728 plus
    // 2 × (2*36864 + 256) = 147968; fc 64*10+10 = 650. Total 272186.
    QTest::newRow("resnet-small 16x3") << "resnet" << 16 << 3 << qint64(272186);
    // stem 72+16; block 2*576+32 = 1184; 1152+2304+64+128+32 = 3680;
    // 4608+9216+128+512+64 = 14528; fc 32*10+10 = 330. Total 19810.
    QTest::newRow("resnet-small 8x1") << "resnet" << 8 << 1 << qint64(19810);
}

void TestCost::parameterCounts()
{
    QFETCH(QString, model);
    QFETCH(int, width);
    QFETCH(int, blocks);
    QFETCH(qint64, params);
    const ModelSpec spec = model == QLatin1String("resnet")
                               ? ModelSpec::resnetSmall({width, blocks})
                               : *ModelSpec::byName(model);
    QCOMPARE(spec.parameterCount(), params);
}

void TestCost::cnnParametersByPart()
{
    // The BatchNorm scale and shift are trainable (192); their running statistics are not.
    const ModelSpec cnn = ModelSpec::cnn();
    qint64 batchNorm = 0;
    for (const LayerSpec &l : cnn.layers()) {
        if (l.kind == LayerSpec::Kind::BatchNorm)
            batchNorm += l.parameters;
    }
    QCOMPARE(batchNorm, qint64(2 * 32 + 2 * 64));
    QCOMPARE(cnn.parameterCount() - batchNorm, qint64(421642));
    QCOMPARE(cnn.bufferCount(), qint64(192));
    QVERIFY(ModelSpec::byName(QStringLiteral("resnet-small")));
    QVERIFY(!ModelSpec::byName(QStringLiteral("vgg")));
}

void TestCost::forwardMacs_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<qint64>("macs");
    QTest::newRow("mlp") << "mlp" << qint64(784 * 256 + 256 * 128 + 128 * 10);
    // conv1 28*28*32*9, conv2 14*14*64*32*9, fc1 3136*128, fc2 128*10
    QTest::newRow("cnn") << "cnn" << qint64(225792 + 3612672 + 401408 + 1280);
}

void TestCost::forwardMacs()
{
    QFETCH(QString, model);
    QFETCH(qint64, macs);
    const ModelSpec spec = *ModelSpec::byName(model);
    QCOMPARE(spec.forwardMacsPerSample(), macs);
    QCOMPARE(spec.trainingFlopsPerSample(), 6.0 * double(macs));
}

void TestCost::activationSizes()
{
    // input 784, fc1 256, relu 256, fc2 128, relu 128, fc3 10
    const ModelSpec mlp = ModelSpec::mlp();
    QCOMPARE(mlp.activationElementsPerSample(), qint64(1562));
    QCOMPARE(mlp.largestActivationPerSample(), qint64(784));
    QCOMPARE(mlp.indexElementsPerSample(), qint64(0));
    // cnn max-pool outputs: 32*14*14 + 64*7*7
    QCOMPARE(ModelSpec::cnn().indexElementsPerSample(), qint64(6272 + 3136));
    // Largest cnn tensor: the 28×28×32 conv output.
    QCOMPARE(ModelSpec::cnn().largestActivationPerSample(), qint64(25088));
}

void TestCost::optimizerState_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("copies");
    QTest::newRow("sgd") << "sgd" << 0;
    QTest::newRow("momentum") << "momentum" << 1;
    QTest::newRow("adam") << "adam" << 2;
    QTest::newRow("adamw") << "AdamW" << 2;
}

void TestCost::optimizerState()
{
    QFETCH(QString, name);
    QFETCH(int, copies);
    const auto o = optimizerFromString(name);
    QVERIFY(o);
    QCOMPARE(optimizerStateCopies(*o), copies);
    QCOMPARE(optimizerFromString(optimizerName(*o)), o);
}

void TestCost::vramBreakdown_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("precision");
    QTest::addColumn<QString>("optimizer");
    QTest::addColumn<int>("batch");
    QTest::addColumn<qint64>("weights");
    QTest::addColumn<qint64>("master");
    QTest::addColumn<qint64>("gradients");
    QTest::addColumn<qint64>("state");
    QTest::addColumn<qint64>("activations");
    QTest::addColumn<qint64>("workspace");
    QTest::addColumn<qint64>("data");

    const qint64 p = 235146;
    // fp32 Adam: 4 bytes per weight and gradient, two fp32 moments; activations 1562 floats a
    // sample; workspace 2 × 784 floats; data: labels 4 + logits and their gradient 2*10*4.
    QTest::newRow("mlp fp32 adam")
        << "mlp"
        << "fp32"
        << "adam" << 128 << p * 4 << qint64(0) << p * 4 << 2 * p * 4 << 1562 * 4 * qint64(128)
        << 2 * 784 * 4 * qint64(128) << 84 * qint64(128);
    // bf16 momentum: 2-byte weights and gradients, fp32 master copy, one fp32 velocity; the
    // fp32 input batch (784 floats) is kept beside its bf16 copy.
    QTest::newRow("mlp bf16 momentum")
        << "mlp"
        << "bf16"
        << "momentum" << 64 << p * 2 << p * 4 << p * 2 << p * 4 << 1562 * 2 * qint64(64)
        << 2 * 784 * 2 * qint64(64) << (784 * 4 + 84) * qint64(64);
    // cnn fp16 sgd: BatchNorm running statistics (192 values) stay fp32; max-pool indices int32.
    const qint64 c = 421834;
    // input 784; conv1, bn1, relu1 3 × 25088; pool1 6272; conv2, bn2, relu2 3 × 12544;
    // pool2 3136; fc1, relu3 2 × 128; fc2 10 (flatten is a view).
    const qint64 cnnActivations = 784 + 3 * 25088 + 6272 + 3 * 12544 + 3136 + 2 * 128 + 10;
    QTest::newRow("cnn fp16 sgd") << "cnn"
                                  << "fp16"
                                  << "sgd" << 32 << c * 2 + 192 * 4 << c * 4 << c * 2 << qint64(0)
                                  << (cnnActivations * 2 + 9408 * 4) * qint64(32)
                                  << 2 * 25088 * 2 * qint64(32) << (784 * 4 + 84) * qint64(32);
}

void TestCost::vramBreakdown()
{
    QFETCH(QString, model);
    QFETCH(QString, precision);
    QFETCH(QString, optimizer);
    QFETCH(int, batch);
    QFETCH(qint64, weights);
    QFETCH(qint64, master);
    QFETCH(qint64, gradients);
    QFETCH(qint64, state);
    QFETCH(qint64, activations);
    QFETCH(qint64, workspace);
    QFETCH(qint64, data);

    VramOptions o;
    o.batchSize = batch;
    o.precision = *precisionFromString(precision);
    o.optimizer = *optimizerFromString(optimizer);
    const VramBreakdown b = VramEstimator(*ModelSpec::byName(model), o).breakdown();
    QCOMPARE(b.weights, weights);
    QCOMPARE(b.masterWeights, master);
    QCOMPARE(b.gradients, gradients);
    QCOMPARE(b.optimizerState, state);
    QCOMPARE(b.activations, activations);
    QCOMPARE(b.backwardWorkspace, workspace);
    QCOMPARE(b.batchData, data);
    QCOMPARE(b.runtimeAllowance, VramOptions::DefaultRuntimeAllowanceBytes);
    QCOMPARE(b.total(), weights + master + gradients + state + activations + workspace + data +
                            VramOptions::DefaultRuntimeAllowanceBytes);
    // The split into fixed and per-sample parts adds up to the same total.
    QCOMPARE(b.fixedBytes + b.bytesPerSample * batch, b.total());
}

void TestCost::vramFits_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("batch");
    QTest::addColumn<QString>("precision");
    QTest::addColumn<double>("vram");
    QTest::addColumn<int>("verdict");
    QTest::newRow("mlp on a T4") << "mlp" << 0 << 128 << "fp32" << 16.0 << int(VramVerdict::Fits);
    QTest::newRow("cnn on a 4090")
        << "cnn" << 0 << 1024 << "bf16" << 24.0 << int(VramVerdict::Fits);
    // Wide resnet at a large batch: activations alone run to tens of GiB.
    QTest::newRow("wide resnet on a T4")
        << "resnet" << 64 << 4096 << "fp32" << 16.0 << int(VramVerdict::DoesNotFit);
    QTest::newRow("wide resnet on an A100 80GB")
        << "resnet" << 64 << 512 << "bf16" << 80.0 << int(VramVerdict::Fits);
}

void TestCost::vramFits()
{
    QFETCH(QString, model);
    QFETCH(int, width);
    QFETCH(int, batch);
    QFETCH(QString, precision);
    QFETCH(double, vram);
    QFETCH(int, verdict);

    VramOptions o;
    o.batchSize = batch;
    o.precision = *precisionFromString(precision);
    const ModelSpec spec = model == QLatin1String("resnet") ? ModelSpec::resnetSmall({width, 3})
                                                            : *ModelSpec::byName(model);
    const VramEstimator estimator(spec, o);
    const VramFit fit = estimator.fits(vram);
    QCOMPARE(int(fit.verdict), verdict);
    QCOMPARE(fit.availableGiB, vram);
    QVERIFY(near(fit.headroomGiB, vram - estimator.breakdown().totalGiB()));

    if (fit.verdict == VramVerdict::DoesNotFit) {
        QVERIFY(fit.message.contains(QStringLiteral("batch size of %1").arg(fit.largestBatchSize)));
        QVERIFY(fit.message.contains(QLatin1String("gradient accumulation")));
        QVERIFY(fit.message.contains(QLatin1String("Mixed precision")));
        // The suggested batch size does fit, and one more sample past the margin would not.
        QVERIFY(fit.largestBatchSize >= 1 && fit.largestBatchSize < batch);
        VramOptions smaller = o;
        smaller.batchSize = fit.largestBatchSize;
        QCOMPARE(VramEstimator(spec, smaller).fits(vram).verdict, VramVerdict::Fits);
        smaller.batchSize = fit.largestBatchSize + 1;
        QVERIFY(VramEstimator(spec, smaller).fits(vram).verdict != VramVerdict::Fits);
    } else {
        QVERIFY(fit.message.isEmpty());
        QVERIFY(fit.largestBatchSize >= batch);
    }
}

void TestCost::vramTightAndTooSmall()
{
    VramOptions o;
    o.batchSize = 256;
    const VramEstimator e(ModelSpec::cnn(), o);
    const double required = e.breakdown().totalGiB();

    const VramFit tight = e.fits(required / 0.95);
    QCOMPARE(tight.verdict, VramVerdict::Tight);
    QVERIFY(!tight.message.isEmpty());
    QVERIFY(tight.headroomGiB > 0);

    // Below the runtime allowance nothing fits, whatever the batch size.
    const VramFit none = e.fits(0.5);
    QCOMPARE(none.verdict, VramVerdict::DoesNotFit);
    QCOMPARE(none.largestBatchSize, 0);
    QVERIFY(none.message.contains(QLatin1String("more memory")));
    QVERIFY(none.headroomGiB < 0);

    // A measured allowance replaces the default.
    o.runtimeAllowanceBytes = 300 * (qint64(1) << 20);
    QCOMPARE(VramEstimator(ModelSpec::cnn(), o).breakdown().total(),
             e.breakdown().total() - GiB + 300 * (qint64(1) << 20));
}

void TestCost::costEstimate_data()
{
    QTest::addColumn<double>("hourly"); // -1: none
    QTest::addColumn<double>("min");
    QTest::addColumn<double>("max");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<double>("hours");
    QTest::addColumn<QString>("text");
    QTest::newRow("aws g4dn 10 h") << 0.526 << -1.0 << -1.0 << "USD" << 10.0 << "$5.26";
    QTest::newRow("autodl 4090 member range")
        << 1.98 << 1.88 << -1.0 << "CNY" << 2.5 << "¥4.95 (range ¥4.70 – ¥4.95)";
    QTest::newRow("huawei ascend 12-35")
        << 12.0 << 12.0 << 35.0 << "CNY" << 1.0 << "¥12.00 (range ¥12.00 – ¥35.00)";
    QTest::newRow("tencent a100 up to 42")
        << -1.0 << -1.0 << 42.0 << "CNY" << 2.0 << "up to ¥84.00";
    QTest::newRow("no public price")
        << -1.0 << -1.0 << -1.0 << "" << 3.0 << "price unknown: enter the hourly price";
    QTest::newRow("local") << 0.0 << -1.0 << -1.0 << "" << 5.0 << "no charge";
    QTest::newRow("one second of g4dn") << 0.526 << -1.0 << -1.0 << "USD" << 1.0 / 3600 << "<$0.01";
    QTest::newRow("big job") << 21.957642 << -1.0 << -1.0 << "USD" << 100.0 << "$2,195.76";
}

void TestCost::costEstimate()
{
    QFETCH(double, hourly);
    QFETCH(double, min);
    QFETCH(double, max);
    QFETCH(QString, currency);
    QFETCH(double, hours);
    QFETCH(QString, text);
    const auto opt = [](double v) { return v < 0 ? std::nullopt : std::optional<double>(v); };
    const GpuTier tier = tierWith(opt(hourly), opt(min), opt(max), currency);
    const CostEstimate cost = CostEstimator::estimate(tier, hours);
    QCOMPARE(cost.currency, currency);
    if (hourly >= 0)
        QVERIFY(near(*cost.expected, hourly * hours));
    QCOMPARE(CostEstimator::formatEstimate(cost, EnUs), text);
}

void TestCost::hourlyRates_data()
{
    QTest::addColumn<double>("rate");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("text");
    QTest::newRow("aws keeps the third decimal") << 0.526 << "USD"
                                                 << "$0.526/h";
    QTest::newRow("two decimals stay two") << 1.98 << "CNY"
                                           << "¥1.98/h";
    QTest::newRow("whole number") << 3.0 << "CNY"
                                  << "¥3.00/h";
    QTest::newRow("p4d rounds to three") << 21.957642 << "USD"
                                         << "$21.958/h";
    QTest::newRow("euro") << 1.5 << "EUR"
                          << "€1.50/h";
}

void TestCost::hourlyRates()
{
    QFETCH(double, rate);
    QFETCH(QString, currency);
    QFETCH(QString, text);
    QCOMPARE(formatHourlyRate(rate, currency, EnUs), text);
}

void TestCost::moneyUsesLocale()
{
    QCOMPARE(formatMoney(1234.5, QStringLiteral("CNY"), QLocale(QLocale::Chinese, QLocale::China)),
             QStringLiteral("¥1,234.50"));
    QCOMPARE(formatMoney(1234.5, QStringLiteral("EUR"), QLocale(QLocale::German, QLocale::Germany)),
             QStringLiteral("€1.234,50"));
    QCOMPARE(formatMoney(0, QStringLiteral("USD"), EnUs), QStringLiteral("$0.00"));
}

void TestCost::durations_data()
{
    QTest::addColumn<double>("hours");
    QTest::addColumn<QString>("text");
    QTest::newRow("seconds") << 0.001 << "< 1 min";
    QTest::newRow("minutes") << 0.75 << "45 min";
    QTest::newRow("hours") << 2.0 + 5.0 / 60 << "2 h 05 min";
    QTest::newRow("days") << 50.5 << "50 h 30 min";
}

void TestCost::durations()
{
    QFETCH(double, hours);
    QFETCH(QString, text);
    QCOMPARE(CostEstimator::formatDuration(hours), text);
}

void TestCost::trainingTime()
{
    // cnn, 10 epochs of 60000: 600000 samples × 6 × 4241152 FLOP at 30 % of 15.7 TFLOPS
    // = 185091.22 samples/s, 3.2416 s, 0.00090046 h.
    const ModelSpec cnn = ModelSpec::cnn();
    TrainingPlan plan;
    plan.epochs = 10;
    plan.samplesPerEpoch = 60000;
    const TrainingTimeEstimate one = CostEstimator::estimateTrainingTime(cnn, v100(), plan);
    QVERIFY2(one.valid, qPrintable(one.problem));
    QVERIFY(!one.measured);
    QCOMPARE(one.trainingFlopsPerSample, 6.0 * 4241152);
    QCOMPARE(one.peakTflops, 15.7);
    QVERIFY(near(one.samplesPerSecond, 15.7e12 * 0.3 / (6.0 * 4241152)));
    QVERIFY(near(one.hours, 600000.0 / one.samplesPerSecond / 3600.0));
    QVERIFY(one.basis.startsWith(QLatin1String("Estimate")));

    // Eight GPUs: eight times the peak (linear scaling, stated in the header), or fewer when
    // the plan asks for fewer.
    const TrainingTimeEstimate eight = CostEstimator::estimateTrainingTime(cnn, v100(8), plan);
    QVERIFY(near(eight.hours * 8, one.hours));
    plan.gpusUsed = 2;
    QVERIFY(near(CostEstimator::estimateTrainingTime(cnn, v100(8), plan).hours * 2, one.hours));
    plan.gpusUsed = 0;

    // fp16 uses the Tensor Core figure.
    plan.precision = Precision::Fp16;
    const TrainingTimeEstimate half = CostEstimator::estimateTrainingTime(cnn, v100(), plan);
    QVERIFY(near(half.hours * 125.0, one.hours * 15.7));

    // A different efficiency assumption scales the result inversely.
    plan.precision = Precision::Fp32;
    const TrainingTimeEstimate slow =
        CostEstimator::estimateTrainingTime(cnn, v100(), plan, ThroughputAssumptions{0.15});
    QVERIFY(near(slow.hours, 2 * one.hours));

    const JobCostEstimate job = CostEstimator::estimateJob(cnn, v100(), plan);
    QVERIFY(near(*job.cost.expected, 3.06 * one.hours));
    QCOMPARE(job.cost.currency, QStringLiteral("USD"));
}

void TestCost::trainingTimeNotPossible_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("problem");
    QTest::newRow("bf16 on a V100") << "bf16"
                                    << "bf16";
    QTest::newRow("Ascend") << "ascend"
                            << "not a CUDA device";
    QTest::newRow("CPU") << "cpu"
                         << "measured";
    QTest::newRow("silly efficiency") << "efficiency"
                                      << "between 0 and 1";
}

void TestCost::trainingTimeNotPossible()
{
    QFETCH(QString, what);
    QFETCH(QString, problem);
    GpuTier tier = v100();
    TrainingPlan plan;
    ThroughputAssumptions assumptions;
    if (what == QLatin1String("bf16")) {
        plan.precision = Precision::Bf16;
    } else if (what == QLatin1String("ascend")) {
        tier.gpuModel = QStringLiteral("Huawei Ascend 910");
        tier.engineSupported = false;
        tier.fp32Tflops.reset();
    } else if (what == QLatin1String("cpu")) {
        tier.gpuCount = 0;
        tier.fp32Tflops.reset();
    } else {
        assumptions.efficiency = 1.5;
    }
    const JobCostEstimate job =
        CostEstimator::estimateJob(ModelSpec::mlp(), tier, plan, assumptions);
    QVERIFY(!job.time.valid);
    QVERIFY2(job.time.problem.contains(problem), qPrintable(job.time.problem));
    // Without a duration there is no cost figure, not a zero one.
    QVERIFY(!job.cost.priceKnown());
}

void TestCost::measuredThroughput()
{
    TrainingPlan plan;
    plan.epochs = 6;
    plan.samplesPerEpoch = 60000;
    // PITFALLS.md measured the CNN at 1.6k img/s on two CPU cores: 360000 / 1600 = 225 s.
    const TrainingTimeEstimate e = CostEstimator::fromMeasuredThroughput(1600, plan);
    QVERIFY(e.valid);
    QVERIFY(e.measured);
    QVERIFY(near(e.hours, 225.0 / 3600.0));
    QVERIFY(!CostEstimator::fromMeasuredThroughput(0, plan).valid);
    QVERIFY(!CostEstimator::fromMeasuredThroughput(std::nan(""), plan).valid);
}

void TestCost::jobOnBuiltInCatalog()
{
    const Catalog catalog = Catalog::loadBuiltIn();
    const GpuTier *rtx4090 = catalog.tier(QStringLiteral("autodl"), QStringLiteral("rtx-4090"));
    QVERIFY(rtx4090);
    TrainingPlan plan;
    plan.epochs = 20;
    plan.precision = Precision::Bf16;
    const JobCostEstimate job =
        CostEstimator::estimateJob(ModelSpec::resnetSmall(), *rtx4090, plan);
    QVERIFY2(job.time.valid, qPrintable(job.time.problem));
    QCOMPARE(job.time.peakTflops, 165.2);
    QCOMPARE(job.cost.currency, QStringLiteral("CNY"));
    QVERIFY(near(*job.cost.expected, 1.98 * job.time.hours));
    QVERIFY(near(*job.cost.low, 1.88 * job.time.hours));

    // And the VRAM check against the same tier.
    VramOptions o;
    o.precision = Precision::Bf16;
    QCOMPARE(VramEstimator(ModelSpec::resnetSmall(), o).fits(rtx4090->vramGiB).verdict,
             VramVerdict::Fits);
}

QTEST_GUILESS_MAIN(TestCost)
#include "tst_cost.moc"
