// Finite-difference gradient checks of every layer, in double precision on the CPU backend.
// Loss = sum(y * g) for a fixed random g, so dLoss/dy = g and the checks cover the backward
// pass of each layer alone, including parameter gradients.
#include "backend/cpu/cpu_ops.h"
#include "layers/activation.h"
#include "layers/batchnorm2d.h"
#include "layers/conv2d.h"
#include "layers/dropout.h"
#include "layers/flatten.h"
#include "layers/linear.h"
#include "layers/pool.h"
#include "layers/residual.h"
#include "layers/sequential.h"
#include "math/cross_entropy.h"
#include "math/optimizer_math.h"

#include <QTest>

#include <cmath>

using namespace td;

namespace {

struct GradCheckResult
{
    double maxInputError = 0;
    double maxParamError = 0;
    int checked = 0;
};

double relativeError(double a, double b)
{
    return std::abs(a - b) / std::max(1e-3, std::abs(a) + std::abs(b));
}

// Builds the layer on double CPU ops, runs forward/backward once, then compares each input
// and parameter gradient with a central difference.
GradCheckResult gradCheck(Layer<double> &layer, const Shape &inShape, int batch,
                          const ForwardContext &ctx, uint64_t seed)
{
    static CpuOps<double> ops;
    Rng rng(seed);
    const Status init = layer.init(ops, inShape, rng, "l");
    if (!init.isOk())
        qFatal("init failed: %s", init.message().c_str());
    const size_t inCount = size_t(batch * inShape.count());
    const size_t outCount = size_t(batch * layer.outputShape().count());
    std::vector<double> hx(inCount), hg(outCount);
    for (auto &v : hx)
        v = rng.normal();
    for (auto &v : hg)
        v = rng.normal();
    Array<double> x(&ops), y(&ops), g(&ops), dx(&ops);
    (void)x.upload(hx);
    (void)g.upload(hg);

    auto loss = [&]() {
        (void)layer.forward(x, y, batch, ctx);
        std::vector<double> hy;
        (void)y.download(hy);
        double l = 0;
        for (size_t i = 0; i < hy.size(); ++i)
            l += hy[i] * hg[i];
        return l;
    };

    std::vector<Param<double> *> params;
    layer.collectParams(params);
    for (Param<double> *p : params)
        (void)ops.fill(p->grad.data(), p->grad.size(), 0.0);
    loss();
    if (!layer.backward(x, g, &dx, batch).isOk())
        qFatal("backward failed");
    std::vector<double> analyticDx;
    (void)dx.download(analyticDx);

    GradCheckResult r;
    const double eps = 1e-5;
    for (size_t i = 0; i < inCount; i += std::max<size_t>(1, inCount / 97)) {
        const double saved = hx[i];
        hx[i] = saved + eps;
        (void)x.upload(hx);
        const double lp = loss();
        hx[i] = saved - eps;
        (void)x.upload(hx);
        const double lm = loss();
        hx[i] = saved;
        (void)x.upload(hx);
        r.maxInputError =
            std::max(r.maxInputError, relativeError((lp - lm) / (2 * eps), analyticDx[i]));
        ++r.checked;
    }
    for (Param<double> *p : params) {
        std::vector<double> hv, hgrad;
        (void)p->value.download(hv);
        (void)p->grad.download(hgrad);
        for (size_t i = 0; i < hv.size(); i += std::max<size_t>(1, hv.size() / 31)) {
            const double saved = hv[i];
            hv[i] = saved + eps;
            (void)p->value.upload(hv);
            const double lp = loss();
            hv[i] = saved - eps;
            (void)p->value.upload(hv);
            const double lm = loss();
            hv[i] = saved;
            (void)p->value.upload(hv);
            r.maxParamError =
                std::max(r.maxParamError, relativeError((lp - lm) / (2 * eps), hgrad[i]));
            ++r.checked;
        }
    }
    return r;
}

ForwardContext training(uint64_t key = 7)
{
    ForwardContext c;
    c.training = true;
    c.dropoutKey = key;
    return c;
}

constexpr double kTolerance = 1e-6;

} // namespace

class TestEngineGradCheck : public QObject
{
    Q_OBJECT

private:
    void check(Layer<double> &layer, const Shape &in, int batch, const ForwardContext &ctx,
               bool expectParams)
    {
        const GradCheckResult r = gradCheck(layer, in, batch, ctx, 42);
        QVERIFY(r.checked > 0);
        QVERIFY2(r.maxInputError < kTolerance,
                 qPrintable(QStringLiteral("input grad error %1").arg(r.maxInputError)));
        QVERIFY2(r.maxParamError < kTolerance,
                 qPrintable(QStringLiteral("param grad error %1").arg(r.maxParamError)));
        std::vector<Param<double> *> params;
        layer.collectParams(params);
        QCOMPARE(!params.empty(), expectParams);
    }

private Q_SLOTS:
    void linear()
    {
        Linear<double> l(7);
        check(l, Shape{{3, 2, 2}}, 4, training(), true);
    }
    void relu()
    {
        ActivationLayer<double> l(Activation::Relu);
        check(l, Shape{{10}}, 3, training(), false);
    }
    void gelu()
    {
        ActivationLayer<double> l(Activation::Gelu);
        check(l, Shape{{10}}, 3, training(), false);
    }
    void conv2dPadded()
    {
        Conv2d<double> l(Conv2dOptions{4, 3, 1, 1, true});
        check(l, Shape{{5, 6, 3}}, 2, training(), true);
    }
    void conv2dStridedNoBias()
    {
        Conv2d<double> l(Conv2dOptions{3, 3, 2, 1, false});
        check(l, Shape{{7, 5, 2}}, 2, training(), true);
    }
    void conv2dLargeKernelStride3()
    {
        Conv2d<double> l(Conv2dOptions{2, 5, 3, 2, true});
        check(l, Shape{{9, 8, 2}}, 2, training(), true);
    }
    void batchNormTraining()
    {
        BatchNorm<double> l;
        check(l, Shape{{3, 3, 4}}, 3, training(), true);
    }
    void batchNormReluFused()
    {
        // A chain folds the ReLU into the batch norm before it; its gradient must not change.
        Sequential<double> l;
        l.add(std::make_unique<BatchNorm<double>>());
        l.add(std::make_unique<ActivationLayer<double>>(Activation::Relu));
        check(l, Shape{{3, 3, 4}}, 3, training(), true);
    }
    void batchNorm1d()
    {
        BatchNorm<double> l;
        check(l, Shape{{6}}, 5, training(), true);
    }
    void batchNormInference()
    {
        BatchNorm<double> l;
        ForwardContext eval;
        // Inference is an affine map with the running statistics; its input gradient is not
        // what backward computes (that is the training-mode gradient), so only check that
        // running statistics are used: output equals gamma * x / sqrt(1 + eps) at init.
        static CpuOps<double> ops;
        Rng rng(1);
        QVERIFY(l.init(ops, Shape{{2}}, rng, "bn").isOk());
        Array<double> x(&ops), y(&ops);
        QVERIFY(x.upload({1.0, -2.0}).isOk());
        QVERIFY(l.forward(x, y, 1, eval).isOk());
        std::vector<double> hy;
        QVERIFY(y.download(hy).isOk());
        QVERIFY(std::abs(hy[0] - 1.0 / std::sqrt(1.0 + 1e-5)) < 1e-12);
        QVERIFY(std::abs(hy[1] + 2.0 / std::sqrt(1.0 + 1e-5)) < 1e-12);
    }
    void maxPool()
    {
        Pool2d<double> l(PoolMode::Max, 2, 2, 0);
        check(l, Shape{{6, 4, 3}}, 2, training(), false);
    }
    void maxPoolOverlappingPadded()
    {
        Pool2d<double> l(PoolMode::Max, 3, 2, 1);
        check(l, Shape{{7, 7, 2}}, 2, training(), false);
    }
    void avgPool()
    {
        Pool2d<double> l(PoolMode::Average, 3, 2, 1);
        check(l, Shape{{6, 5, 2}}, 2, training(), false);
    }
    void globalAvgPool()
    {
        GlobalAvgPool<double> l;
        check(l, Shape{{3, 4, 5}}, 2, training(), false);
    }
    void dropout()
    {
        Dropout<double> l(0.3f);
        check(l, Shape{{50}}, 2, training(), false);
    }
    void flatten()
    {
        Flatten<double> l;
        check(l, Shape{{2, 3, 4}}, 2, training(), false);
    }
    void residualIdentity()
    {
        ResidualBlock<double> l(3, 1);
        check(l, Shape{{5, 5, 3}}, 2, training(), true);
    }
    void residualProjection()
    {
        ResidualBlock<double> l(4, 2);
        check(l, Shape{{6, 6, 2}}, 2, training(), true);
    }

    void crossEntropyWithLabelSmoothing()
    {
        const int classes = 5;
        std::vector<double> logits = {0.3, -1.2, 2.0, 0.1, -0.4};
        std::vector<double> grad(classes);
        for (double smoothing : {0.0, 0.1}) {
            double loss = 0;
            crossEntropyRow(logits.data(), 2, classes, smoothing, 1.0, &loss, grad.data());
            const double eps = 1e-6;
            for (int c = 0; c < classes; ++c) {
                std::vector<double> p = logits, m = logits;
                p[size_t(c)] += eps;
                m[size_t(c)] -= eps;
                double lp = 0, lm = 0;
                crossEntropyRow(p.data(), 2, classes, smoothing, 1.0, &lp,
                                static_cast<double *>(nullptr));
                crossEntropyRow(m.data(), 2, classes, smoothing, 1.0, &lm,
                                static_cast<double *>(nullptr));
                QVERIFY(relativeError((lp - lm) / (2 * eps), grad[size_t(c)]) < 1e-7);
            }
        }
        // Against a hand-computed value: -log softmax(x)[label].
        double loss = 0;
        const int32_t predicted = crossEntropyRow(logits.data(), 2, classes, 0.0, 1.0, &loss,
                                                  static_cast<double *>(nullptr));
        double z = 0;
        for (double v : logits)
            z += std::exp(v);
        QVERIFY(std::abs(loss - (std::log(z) - 2.0)) < 1e-12);
        QCOMPARE(predicted, 2);
    }

    void adamwMatchesReference()
    {
        // One AdamW step against the formula of torch.optim.AdamW.
        double p = 0.5, m = 0, v = 0;
        const AdamHyper h{0.01f, 0.9f, 0.999f, 1e-8f, 0.1f, 1 - 0.9f, 1 - 0.999f};
        adamwUpdate(p, 0.2, m, v, h);
        // m_hat = g, v_hat = g^2 -> step = lr * (1 + wd * p)
        QVERIFY(std::abs(p - (0.5 - 0.01 * (0.2 / (0.2 + 1e-8) + 0.1 * 0.5))) < 1e-6);
    }

    void sgdNesterovMatchesReference()
    {
        double p = 1.0, buf = 0;
        const SgdHyper h{0.1f, 0.9f, 0.0f, true};
        sgdUpdate(p, 0.5, buf, h); // buf = 0.5; step = 0.5 + 0.9 * 0.5
        QVERIFY(std::abs(p - (1.0 - 0.1 * 0.95)) < 1e-7);
        sgdUpdate(p, 0.5, buf, h); // buf = 0.95; step = 0.5 + 0.855
        QVERIFY(std::abs(p - (1.0 - 0.1 * 0.95 - 0.1 * 1.355)) < 1e-6);
    }
};

QTEST_GUILESS_MAIN(TestEngineGradCheck)
#include "tst_engine_gradcheck.moc"
