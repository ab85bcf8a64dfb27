// Every layer (and so every op) on the CUDA backend against the CPU backend: same weights,
// same input, forward output, input gradient and parameter gradients within tolerances, plus
// the loss head and optimizer updates. Prints "SKIP: no CUDA device" and exits 0 without one.
#include "backend/cpu/cpu_ops.h"
#include "backend/cuda/cuda_backend.h"
#include "layers/activation.h"
#include "layers/batchnorm2d.h"
#include "layers/conv2d.h"
#include "layers/dropout.h"
#include "layers/flatten.h"
#include "layers/linear.h"
#include "layers/pool.h"
#include "layers/residual.h"

#include <cmath>
#include <cstdio>
#include <functional>
#include <type_traits>

using namespace td;

static_assert(!std::is_abstract<CpuOps<float>>::value, "CPU backend must implement every op");

namespace {

int g_failures = 0;

double maxRelDiff(const std::vector<float> &a, const std::vector<float> &b)
{
    if (a.size() != b.size())
        return 1e30;
    double worst = 0;
    for (size_t i = 0; i < a.size(); ++i)
        worst = std::max(worst, std::abs(double(a[i]) - b[i]) / (1e-3 + std::abs(double(b[i]))));
    return worst;
}

void expectClose(const char *what, const std::string &tensor, const std::vector<float> &gpu,
                 const std::vector<float> &cpu, double tol)
{
    const double d = maxRelDiff(gpu, cpu);
    const bool ok = d <= tol;
    std::printf("%s %-24s %-16s max rel diff %.3g\n", ok ? "PASS" : "FAIL", what, tensor.c_str(),
                d);
    if (!ok)
        ++g_failures;
}

using LayerFactory = std::function<std::unique_ptr<Layer<float>>()>;

void compareLayer(const char *what, Ops<float> &gpu, const LayerFactory &make, const Shape &in,
                  int batch, double tol)
{
    static CpuOps<float> cpu;
    Ops<float> *backends[2] = {&gpu, &cpu};
    std::vector<float> y[2], dx[2];
    std::vector<std::vector<float>> grads[2];
    Rng data(99);
    std::vector<float> hx(size_t(batch * in.count()));
    for (auto &v : hx)
        v = float(data.normal());
    for (int b = 0; b < 2; ++b) {
        Ops<float> &ops = *backends[b];
        auto layer = make();
        Rng rng(7);
        if (!layer->init(ops, in, rng, "l").isOk()) {
            std::printf("FAIL %s init\n", what);
            ++g_failures;
            return;
        }
        Array<float> x(&ops), out(&ops), g(&ops), d(&ops);
        ForwardContext ctx;
        ctx.training = true;
        ctx.dropoutKey = 1234;
        Status s = x.upload(hx);
        if (s.isOk())
            s = layer->forward(x, out, batch, ctx);
        std::vector<float> hg(out.size());
        Rng gr(5);
        for (auto &v : hg)
            v = float(gr.normal());
        if (s.isOk())
            s = g.upload(hg);
        if (s.isOk())
            s = layer->backward(x, g, &d, batch);
        if (s.isOk())
            s = out.download(y[b]);
        if (s.isOk())
            s = d.download(dx[b]);
        std::vector<Param<float> *> params;
        layer->collectParams(params);
        for (Param<float> *p : params) {
            std::vector<float> h;
            if (s.isOk())
                s = p->grad.download(h);
            grads[b].push_back(h);
        }
        if (!s.isOk()) {
            std::printf("FAIL %s on %s: %s\n", what, ops.name(), s.message().c_str());
            ++g_failures;
            return;
        }
    }
    expectClose(what, "output", y[0], y[1], tol);
    expectClose(what, "input grad", dx[0], dx[1], tol);
    for (size_t i = 0; i < grads[0].size(); ++i)
        expectClose(what, "param grad " + std::to_string(i), grads[0][i], grads[1][i], tol);
}

} // namespace

int main()
{
    std::unique_ptr<Ops<float>> gpu;
    const Status s = createCudaBackend(0, gpu);
    if (!s.isOk()) {
        std::printf("SKIP: no CUDA device (%s)\n", s.message().c_str());
        return 0;
    }
    const double tol = 1e-3; // FP32 both sides, TF32 off; summation order differs in GEMM
    compareLayer(
        "linear", *gpu, [] { return std::make_unique<Linear<float>>(33); }, Shape{{70}}, 16, tol);
    compareLayer(
        "relu", *gpu, [] { return std::make_unique<ActivationLayer<float>>(Activation::Relu); },
        Shape{{50}}, 8, tol);
    compareLayer(
        "gelu", *gpu, [] { return std::make_unique<ActivationLayer<float>>(Activation::Gelu); },
        Shape{{50}}, 8, tol);
    compareLayer(
        "conv2d 3x3 pad1", *gpu,
        [] {
            return std::make_unique<Conv2d<float>>(Conv2dOptions{16, 3, 1, 1, true});
        },
        Shape{{12, 12, 3}}, 4, tol);
    compareLayer(
        "conv2d 5x5 stride2", *gpu,
        [] {
            return std::make_unique<Conv2d<float>>(Conv2dOptions{8, 5, 2, 2, false});
        },
        Shape{{13, 11, 4}}, 3, tol);
    compareLayer(
        "batchnorm", *gpu, [] { return std::make_unique<BatchNorm<float>>(); }, Shape{{6, 6, 8}}, 8,
        tol);
    compareLayer(
        "maxpool", *gpu, [] { return std::make_unique<Pool2d<float>>(PoolMode::Max, 2, 2, 0); },
        Shape{{8, 8, 4}}, 4, tol);
    compareLayer(
        "avgpool", *gpu, [] { return std::make_unique<Pool2d<float>>(PoolMode::Average, 3, 2, 1); },
        Shape{{9, 9, 4}}, 4, tol);
    compareLayer(
        "global avgpool", *gpu, [] { return std::make_unique<GlobalAvgPool<float>>(); },
        Shape{{5, 5, 6}}, 4, tol);
    compareLayer(
        "dropout", *gpu, [] { return std::make_unique<Dropout<float>>(0.4f); }, Shape{{100}}, 4,
        0.0);
    compareLayer(
        "flatten", *gpu, [] { return std::make_unique<Flatten<float>>(); }, Shape{{3, 3, 2}}, 4,
        0.0);
    compareLayer(
        "residual", *gpu, [] { return std::make_unique<ResidualBlock<float>>(8, 2); },
        Shape{{8, 8, 4}}, 4, 5e-3);

    // Loss head and optimizer updates, op by op.
    CpuOps<float> cpu;
    Rng rng(3);
    const int rows = 37, classes = 10;
    std::vector<float> logits(size_t(rows * classes)), param(1000), grad(1000);
    std::vector<int32_t> labels(static_cast<size_t>(rows));
    for (auto &v : logits)
        v = float(rng.normal() * 3);
    for (auto &l : labels)
        l = int32_t(rng.below(classes));
    for (auto &v : param)
        v = float(rng.normal());
    for (auto &v : grad)
        v = float(rng.normal());
    std::vector<float> loss[2], dlogits[2], updated[2];
    Ops<float> *backends[2] = {gpu.get(), &cpu};
    for (int b = 0; b < 2; ++b) {
        Ops<float> &ops = *backends[b];
        Array<float> l(&ops), losses(&ops), dl(&ops), p(&ops), g(&ops), m(&ops), v(&ops);
        Array<int32_t> lab(&ops), pred(&ops);
        Status st = l.upload(logits);
        st = st.isOk() ? lab.upload(labels) : st;
        st = st.isOk() ? losses.resize(rows) : st;
        st = st.isOk() ? dl.resize(logits.size()) : st;
        st = st.isOk() ? pred.resize(rows) : st;
        st = st.isOk() ? ops.crossEntropy(l.data(), lab.data(), rows, classes, 0.1f, 1.0f / rows,
                                          losses.data(), dl.data(), pred.data())
                       : st;
        st = st.isOk() ? losses.download(loss[b]) : st;
        st = st.isOk() ? dl.download(dlogits[b]) : st;
        st = st.isOk() ? p.upload(param) : st;
        st = st.isOk() ? g.upload(grad) : st;
        st = st.isOk() ? m.upload(std::vector<float>(param.size(), 0.f)) : st;
        st = st.isOk() ? v.upload(std::vector<float>(param.size(), 0.f)) : st;
        const AdamHyper h{1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f, 0.1f, 0.001f};
        for (int i = 0; i < 3 && st.isOk(); ++i)
            st = ops.adamwUpdate(p.data(), g.data(), m.data(), v.data(), param.size(), h);
        const SgdHyper sh{0.1f, 0.9f, 1e-4f, true};
        for (int i = 0; i < 3 && st.isOk(); ++i)
            st = ops.sgdUpdate(p.data(), g.data(), m.data(), param.size(), sh);
        st = st.isOk() ? p.download(updated[b]) : st;
        if (!st.isOk()) {
            std::printf("FAIL loss/optimizer on %s: %s\n", ops.name(), st.message().c_str());
            ++g_failures;
        }
    }
    expectClose("cross entropy", "loss", loss[0], loss[1], 1e-5);
    expectClose("cross entropy", "dlogits", dlogits[0], dlogits[1], 1e-5);
    expectClose("adamw+sgd", "params", updated[0], updated[1], 1e-5);

    std::printf("%s: %d failure(s)\n", g_failures ? "FAILED" : "PASSED", g_failures);
    return g_failures ? 1 : 0;
}
