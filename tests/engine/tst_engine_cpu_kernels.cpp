// The CPU backend's row loops and thread pool against the element functions in math/ (the
// reference the CUDA kernels also run): same values for every geometry and thread count, and
// results that do not depend on how many threads computed them.
#include "engine_process.h"

#include "backend/cpu/cpu_ops.h"
#include "common/rng.h"
#include "math/batchnorm_math.h"
#include "math/pool_math.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <vector>

using namespace td;

namespace {

std::vector<double> randomVector(size_t n, uint64_t seed)
{
    Rng rng(seed);
    std::vector<double> v(n);
    for (auto &x : v)
        x = rng.normal();
    return v;
}

double maxAbsDiff(const std::vector<double> &a, const std::vector<double> &b)
{
    if (a.size() != b.size())
        return INFINITY;
    double m = 0;
    for (size_t i = 0; i < a.size(); ++i)
        m = std::max(m, std::abs(a[i] - b[i]));
    return m;
}

ConvGeometry geometry(int batch, int h, int w, int c, int k, int stride, int pad)
{
    ConvGeometry g{batch, h, w, c, k, k, stride, stride, pad, pad, 0, 0};
    g.outH = convOutputSize(h, k, stride, pad);
    g.outW = convOutputSize(w, k, stride, pad);
    return g;
}

// Restores one thread when a test ends, whatever it set.
struct ThreadScope
{
    explicit ThreadScope(int n) { setCpuThreads(n); }
    ~ThreadScope() { setCpuThreads(1); }
};

} // namespace

class TestEngineCpuKernels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void convColumns_data()
    {
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("kernel");
        QTest::addColumn<int>("stride");
        QTest::addColumn<int>("pad");
        QTest::newRow("one channel, padded") << 1 << 1 << 3 << 1 << 1;
        QTest::newRow("one channel, 3 threads") << 3 << 1 << 3 << 1 << 1;
        QTest::newRow("wide rows, strided") << 3 << 7 << 3 << 2 << 1;
        QTest::newRow("large kernel, stride 3") << 2 << 5 << 5 << 3 << 2;
        QTest::newRow("no padding") << 2 << 6 << 2 << 2 << 0;
    }
    void convColumns()
    {
        QFETCH(int, threads);
        QFETCH(int, channels);
        QFETCH(int, kernel);
        QFETCH(int, stride);
        QFETCH(int, pad);
        ThreadScope scope(threads);
        CpuOps<double> ops;
        const ConvGeometry g = geometry(5, 9, 8, channels, kernel, stride, pad);
        const auto x = randomVector(size_t(g.inputSize()), 1);
        std::vector<double> cols(size_t(g.outPixels() * g.patchSize()));
        QVERIFY(ops.im2col(x.data(), g, cols.data()).isOk());
        for (size_t i = 0; i < cols.size(); ++i)
            QCOMPARE(cols[i], im2colElement(x.data(), g, int64_t(i)));

        const auto dcols = randomVector(cols.size(), 2);
        std::vector<double> dx(x.size()), expected(x.size());
        QVERIFY(ops.col2im(dcols.data(), g, dx.data()).isOk());
        for (size_t j = 0; j < dx.size(); ++j)
            expected[j] = col2imElement(dcols.data(), g, int64_t(j));
        QVERIFY(maxAbsDiff(dx, expected) < 1e-12);
    }

    void pooling_data()
    {
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("kernel");
        QTest::addColumn<int>("stride");
        QTest::addColumn<int>("pad");
        QTest::newRow("2x2 tiles") << 1 << 2 << 2 << 0;
        QTest::newRow("2x2 tiles, 3 threads") << 3 << 2 << 2 << 0;
        QTest::newRow("overlapping, padded") << 2 << 3 << 2 << 1;
        QTest::newRow("odd input, 2x2") << 2 << 2 << 2 << 0;
    }
    void pooling()
    {
        QFETCH(int, threads);
        QFETCH(int, kernel);
        QFETCH(int, stride);
        QFETCH(int, pad);
        ThreadScope scope(threads);
        CpuOps<double> ops;
        const bool odd = QByteArray(QTest::currentDataTag()).startsWith("odd");
        const ConvGeometry g = geometry(4, odd ? 7 : 8, odd ? 9 : 6, 5, kernel, stride, pad);
        const auto x = randomVector(size_t(g.inputSize()), 3);
        const size_t outCount = size_t(g.outPixels() * g.channels);
        std::vector<double> y(outCount), avg(outCount);
        std::vector<int32_t> argmax(outCount);
        QVERIFY(ops.maxPoolForward(x.data(), g, y.data(), argmax.data()).isOk());
        QVERIFY(ops.avgPoolForward(x.data(), g, avg.data()).isOk());
        for (size_t o = 0; o < outCount; ++o) {
            int32_t a = 0;
            QCOMPARE(y[o], maxPoolElement(x.data(), g, int64_t(o), &a));
            QCOMPARE(argmax[o], a);
            QCOMPARE(avg[o], avgPoolElement(x.data(), g, int64_t(o)));
        }
        const auto dy = randomVector(outCount, 4);
        for (const int32_t *am :
             {static_cast<const int32_t *>(argmax.data()), static_cast<const int32_t *>(nullptr)}) {
            std::vector<double> dx(x.size(), 7.0), expected(x.size());
            QVERIFY(ops.poolBackward(dy.data(), am, g, dx.data()).isOk());
            for (size_t j = 0; j < dx.size(); ++j)
                expected[j] = poolBackwardElement(dy.data(), am, g, int64_t(j));
            QVERIFY(maxAbsDiff(dx, expected) < 1e-12);
        }
    }

    // Batch norm (plain and with the fused ReLU) against the element functions, and bitwise the
    // same for 1 and 3 threads: its reductions sum fixed row blocks in a fixed order.
    void batchNormMatchesReferenceAndThreadCounts()
    {
        const int64_t rows = 1500; // several reduction blocks
        const int channels = 6;
        const auto x = randomVector(size_t(rows * channels), 5);
        const auto dy = randomVector(x.size(), 6);
        const auto gamma = randomVector(size_t(channels), 7);
        const auto beta = randomVector(size_t(channels), 8);
        struct Result
        {
            std::vector<double> y, dx, dgamma, dbeta, mean, invStd;
        };
        auto run = [&](int threads, bool relu) {
            ThreadScope scope(threads);
            CpuOps<double> ops;
            Result r{std::vector<double>(x.size()),      std::vector<double>(x.size()),
                     std::vector<double>(channels, 0.0), std::vector<double>(channels, 0.0),
                     std::vector<double>(channels),      std::vector<double>(channels)};
            std::vector<double> runMean(channels, 0.0), runVar(channels, 1.0);
            if (relu) {
                (void)ops.batchNormReluForwardTrain(
                    x.data(), rows, channels, gamma.data(), beta.data(), 1e-5, 0.1, runMean.data(),
                    runVar.data(), r.mean.data(), r.invStd.data(), r.y.data());
                (void)ops.batchNormReluBackward(
                    dy.data(), r.y.data(), x.data(), rows, channels, gamma.data(), r.mean.data(),
                    r.invStd.data(), nullptr, r.dx.data(), r.dgamma.data(), r.dbeta.data());
            } else {
                (void)ops.batchNormForwardTrain(x.data(), rows, channels, gamma.data(), beta.data(),
                                                1e-5, 0.1, runMean.data(), runVar.data(),
                                                r.mean.data(), r.invStd.data(), r.y.data());
                (void)ops.batchNormBackward(dy.data(), x.data(), rows, channels, gamma.data(),
                                            r.mean.data(), r.invStd.data(), r.dx.data(),
                                            r.dgamma.data(), r.dbeta.data());
            }
            return r;
        };
        const Result one = run(1, false);
        const Result three = run(3, false);
        QCOMPARE(one.y, three.y);
        QCOMPARE(one.dx, three.dx);
        QCOMPARE(one.dgamma, three.dgamma);

        for (int c = 0; c < channels; ++c) {
            double mean = 0, var = 0, sumDy = 0, sumDyXhat = 0;
            batchNormChannelStats(x.data(), rows, channels, c, &mean, &var);
            QVERIFY(std::abs(mean - one.mean[size_t(c)]) < 1e-12);
            QVERIFY(std::abs(1 / std::sqrt(var + 1e-5) - one.invStd[size_t(c)]) < 1e-12);
            batchNormChannelGradSums(dy.data(), x.data(), rows, channels, c, mean,
                                     one.invStd[size_t(c)], &sumDy, &sumDyXhat);
            QVERIFY(std::abs(sumDy - one.dbeta[size_t(c)]) < 1e-9);
            QVERIFY(std::abs(sumDyXhat - one.dgamma[size_t(c)]) < 1e-9);
            for (int64_t r = 0; r < rows; r += 37) {
                const size_t i = size_t(r * channels + c);
                QVERIFY(std::abs(one.dx[i] - batchNormBackwardElement(
                                                 dy[i], x[i], mean, one.invStd[size_t(c)],
                                                 gamma[size_t(c)], sumDy, sumDyXhat, rows)) < 1e-9);
            }
        }

        // The fused ReLU equals the two-op composition other backends run.
        const Result fused = run(3, true);
        CpuOps<double> ops;
        std::vector<double> y(x.size()), dx(x.size()), scratch(x.size());
        std::vector<double> mean(channels), invStd(channels), dgamma(channels, 0.0),
            dbeta(channels, 0.0), runMean(channels, 0.0), runVar(channels, 1.0);
        Ops<double> &base = ops;
        QVERIFY(base.Ops<double>::batchNormReluForwardTrain(
                        x.data(), rows, channels, gamma.data(), beta.data(), 1e-5, 0.1,
                        runMean.data(), runVar.data(), mean.data(), invStd.data(), y.data())
                    .isOk());
        QVERIFY(base.Ops<double>::batchNormReluBackward(
                        dy.data(), y.data(), x.data(), rows, channels, gamma.data(), mean.data(),
                        invStd.data(), scratch.data(), dx.data(), dgamma.data(), dbeta.data())
                    .isOk());
        QCOMPARE(fused.y, y);
        QCOMPARE(fused.dx, dx);
        QCOMPARE(fused.dgamma, dgamma);
        QCOMPARE(fused.dbeta, dbeta);
    }

    // GEMMs split over threads by rows or columns equal the single-threaded product.
    void gemmSplitsMatchOneThread()
    {
        const int M = 150, N = 96, K = 110;            // above the size that goes parallel
        const auto a = randomVector(size_t(M) * K, 9); // M >= N: large enough either way
        const auto b = randomVector(size_t(K) * M, 10);
        for (int t = 0; t < 4; ++t) {
            const bool ta = t & 1, tb = t & 2;
            for (const bool wide : {false, true}) {
                // wide swaps the shape so the split runs along columns.
                const int m = wide ? N : M, n = wide ? M : N;
                std::vector<double> c1(size_t(m) * n, 0.5), c3 = c1;
                {
                    ThreadScope scope(1);
                    CpuOps<double> ops;
                    QVERIFY(
                        ops.gemm(ta, tb, m, n, K, 1.0, a.data(), b.data(), 0.5, c1.data()).isOk());
                }
                {
                    ThreadScope scope(3);
                    CpuOps<double> ops;
                    QVERIFY(
                        ops.gemm(ta, tb, m, n, K, 1.0, a.data(), b.data(), 0.5, c3.data()).isOk());
                }
                QVERIFY2(maxAbsDiff(c1, c3) < 1e-10, qPrintable(QString::number(t)));
            }
        }
    }

    // The whole CNN on two threads: two runs write the same losses and accuracies.
    void twoThreadTrainingRepeats()
    {
        auto run = [](const QString &out) {
            return runEngine({QStringLiteral("train"), QStringLiteral("--data"),
                              QStringLiteral(TRAINDECK_TEST_DATA "/engine/fmnist-small"),
                              QStringLiteral("--out"), out, QStringLiteral("--model"),
                              QStringLiteral("cnn"), QStringLiteral("--threads"),
                              QStringLiteral("2"), QStringLiteral("--batch-size"),
                              QStringLiteral("32"), QStringLiteral("--epochs"), QStringLiteral("1"),
                              QStringLiteral("--log-every"), QStringLiteral("1")});
        };
        auto stable = [](const EngineRun &r) {
            QStringList lines;
            for (QJsonObject o : r.lines) {
                const QString event = o.value(QStringLiteral("event")).toString();
                if (event != QLatin1String("step") && event != QLatin1String("eval"))
                    continue;
                for (const char *k : {"time", "elapsed", "samples_per_s"})
                    o.remove(QLatin1String(k));
                lines.append(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
            }
            return lines;
        };
        QTemporaryDir a, b;
        const EngineRun ra = run(a.path());
        const EngineRun rb = run(b.path());
        QVERIFY2(ra.exitCode == 0, ra.err.constData());
        QVERIFY2(rb.exitCode == 0, rb.err.constData());
        QVERIFY(!stable(ra).isEmpty());
        QCOMPARE(stable(ra), stable(rb));
    }
};

QTEST_GUILESS_MAIN(TestEngineCpuKernels)
#include "tst_engine_cpu_kernels.moc"
