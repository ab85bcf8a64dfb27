// The CUDA-only paths against references: fp16/bf16 GEMMs (cublasGemmEx) against the CPU's
// FP32 GEMM within the rounding bound of 16-bit inputs, gradient unscale and overflow
// detection, cuDNN convolution and batch norm against the built-in im2col/kernels path, the
// on-device batch gather, and a 1-rank NCCL all-reduce. Prints "SKIP: no CUDA device" and
// exits 0 without a device; a missing cuDNN or NCCL library is reported and its checks skipped.
#include "backend/cpu/cpu_ops.h"
#include "backend/cuda/cuda_backend.h"
#include "layers/batchnorm2d.h"
#include "layers/conv2d.h"
#include "math/mixed_precision.h"

#include <cmath>
#include <cstdio>
#include <unistd.h>

using namespace td;

namespace {

int g_failures = 0;

void check(bool ok, const std::string &what)
{
    std::printf("%s %s\n", ok ? "PASS" : "FAIL", what.c_str());
    if (!ok)
        ++g_failures;
}

bool okOrReport(const Status &s, const std::string &what)
{
    if (!s.isOk())
        check(false, what + ": " + s.message());
    return s.isOk();
}

std::vector<float> randomVector(size_t n, uint64_t seed, double scale = 1.0)
{
    Rng rng(seed);
    std::vector<float> v(n);
    for (auto &x : v)
        x = float(rng.normal() * scale);
    return v;
}

// Reduced-precision GEMM: |gpu - cpu| <= 2 u sum_k |a_ik b_kj| (+ tiny), u the unit roundoff of
// the 16-bit inputs, FP32 accumulation; and not bit-identical to FP32 (the reduced path ran).
void gemmReduced(Ops<float> &gpu, AcceleratorOps &accel, Precision p, const char *name, double u)
{
    CpuOps<float> cpu;
    const int M = 37, N = 29, K = 211;
    for (int t = 0; t < 4; ++t) {
        const bool ta = t & 1, tb = t & 2;
        const std::vector<float> a = randomVector(size_t(M) * K, 11 + t),
                                 b = randomVector(size_t(K) * N, 23 + t);
        std::vector<float> ref(size_t(M) * N), bound(size_t(M) * N), absA(a), absB(b), out;
        for (auto &x : absA)
            x = std::abs(x);
        for (auto &x : absB)
            x = std::abs(x);
        (void)cpu.gemm(ta, tb, M, N, K, 1.0f, a.data(), b.data(), 0.0f, ref.data());
        (void)cpu.gemm(ta, tb, M, N, K, 1.0f, absA.data(), absB.data(), 0.0f, bound.data());
        Array<float> da(&gpu), db(&gpu), dc(&gpu);
        Status s = accel.setPrecision(p);
        s = s.isOk() ? da.upload(a) : s;
        s = s.isOk() ? db.upload(b) : s;
        s = s.isOk() ? dc.upload(std::vector<float>(size_t(M) * N, 0.0f)) : s;
        s = s.isOk() ? gpu.gemm(ta, tb, M, N, K, 1.0f, da.data(), db.data(), 0.0f, dc.data()) : s;
        s = s.isOk() ? dc.download(out) : s;
        (void)accel.setPrecision(Precision::Fp32);
        if (!okOrReport(s, std::string("gemm ") + name))
            return;
        double worst = 0;
        bool differs = false;
        for (size_t i = 0; i < out.size(); ++i) {
            worst = std::max(worst, std::abs(double(out[i]) - ref[i]) / (2 * u * bound[i] + 1e-6));
            differs = differs || out[i] != ref[i];
        }
        char what[128];
        std::snprintf(what, sizeof what, "gemm %s trans %d%d: error/bound %.3f, differs from fp32",
                      name, int(ta), int(tb), worst);
        check(worst <= 1.0 && differs, what);
    }
}

void lossScaling(Ops<float> &gpu, AcceleratorOps &accel)
{
    std::vector<float> g = randomVector(5000, 3, 1000.0), h = randomVector(77, 4), out;
    Array<float> dg(&gpu), dh(&gpu);
    bool finite = false;
    Status s = dg.upload(g);
    s = s.isOk() ? dh.upload(h) : s;
    float *bufs[2] = {dg.data(), dh.data()};
    const size_t sizes[2] = {g.size(), h.size()};
    s = s.isOk() ? accel.unscaleAndCheck(bufs, sizes, 2, 1.0f / 1024.0f, &finite) : s;
    s = s.isOk() ? dg.download(out) : s;
    if (!okOrReport(s, "unscale"))
        return;
    bool exact = true;
    for (size_t i = 0; i < g.size(); ++i)
        exact = exact && out[i] == g[i] / 1024.0f; // power-of-two scale: exact
    check(finite && exact, "unscale of finite gradients is exact and reports finite");
    h[40] = std::numeric_limits<float>::infinity();
    s = dh.upload(h);
    s = s.isOk() ? accel.unscaleAndCheck(bufs, sizes, 2, 1.0f, &finite) : s;
    if (okOrReport(s, "unscale inf"))
        check(!finite, "an inf gradient is detected");
    // An FP16 overflow inside a GEMM (inputs beyond 65504 round to inf) reaches the check.
    std::vector<float> big(64, 1e5f);
    Array<float> a(&gpu), c(&gpu);
    s = a.upload(big);
    s = s.isOk() ? c.resize(64) : s;
    s = s.isOk() ? accel.setPrecision(Precision::Fp16) : s;
    s = s.isOk() ? gpu.gemm(false, true, 8, 8, 8, 1.0f, a.data(), a.data(), 0.0f, c.data()) : s;
    (void)accel.setPrecision(Precision::Fp32);
    float *cb[1] = {c.data()};
    const size_t cs[1] = {64};
    s = s.isOk() ? accel.unscaleAndCheck(cb, cs, 1, 1.0f, &finite) : s;
    if (okOrReport(s, "fp16 overflow"))
        check(!finite, "an fp16 GEMM overflow is detected");
}

double maxRelDiff(const std::vector<float> &a, const std::vector<float> &b)
{
    if (a.size() != b.size())
        return 1e30;
    double worst = 0;
    for (size_t i = 0; i < a.size(); ++i)
        worst = std::max(worst, std::abs(double(a[i]) - b[i]) / (1e-3 + std::abs(double(b[i]))));
    return worst;
}

// One layer's forward and backward on the cuDNN backend and on the built-in CUDA path.
template <typename MakeLayer>
void compareCudnn(const char *what, Ops<float> &withCudnn, Ops<float> &builtIn, MakeLayer make,
                  const Shape &in, int batch, bool training)
{
    Ops<float> *backends[2] = {&withCudnn, &builtIn};
    std::vector<float> y[2], dx[2], g0[2];
    const std::vector<float> hx = randomVector(size_t(batch * in.count()), 99);
    for (int k = 0; k < 2; ++k) {
        auto layer = make();
        Rng rng(7);
        Array<float> x(backends[k]), out(backends[k]), g(backends[k]), d(backends[k]);
        ForwardContext ctx;
        ctx.training = training;
        Status s = layer->init(*backends[k], in, rng, "l");
        s = s.isOk() ? x.upload(hx) : s;
        s = s.isOk() ? layer->forward(x, out, batch, ctx) : s;
        s = s.isOk() ? g.upload(randomVector(out.size(), 5)) : s;
        s = s.isOk() && training ? layer->backward(x, g, &d, batch) : s;
        s = s.isOk() ? out.download(y[k]) : s;
        if (training) {
            std::vector<Param<float> *> params;
            layer->collectParams(params);
            s = s.isOk() ? d.download(dx[k]) : s;
            s = s.isOk() ? params[0]->grad.download(g0[k]) : s;
        }
        if (!okOrReport(s, what))
            return;
    }
    const double d =
        std::max({maxRelDiff(y[0], y[1]), maxRelDiff(dx[0], dx[1]), maxRelDiff(g0[0], g0[1])});
    char line[160];
    std::snprintf(line, sizeof line, "cudnn vs built-in %s: max rel diff %.3g", what, d);
    check(d <= 2e-3, line);
}

} // namespace

int main()
{
    std::unique_ptr<Ops<float>> gpu, plain;
    const Status s = createCudaBackend(0, gpu);
    if (!s.isOk()) {
        std::printf("SKIP: no CUDA device (%s)\n", s.message().c_str());
        return 0;
    }
    AcceleratorOps &accel = *accelerator(*gpu);
    gemmReduced(*gpu, accel, Precision::Fp16, "fp16", std::ldexp(1.0, -11));
    // bf16 runs on sm_80+; older GPUs must refuse it with a config error naming the reason.
    const Status bf = accel.setPrecision(Precision::Bf16);
    (void)accel.setPrecision(Precision::Fp32);
    if (bf.isOk())
        gemmReduced(*gpu, accel, Precision::Bf16, "bf16", std::ldexp(1.0, -8));
    else
        check(bf.kind() == ErrorKind::Config && bf.message().find("sm_80") != std::string::npos,
              "bf16 before sm_80 is a config error: " + bf.message());
    lossScaling(*gpu, accel);

    // On-device gather equals the host gather.
    {
        const std::vector<float> src = randomVector(50 * 6, 8);
        const std::vector<int32_t> labels = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3}, rows = {7, 0, 49, 7};
        std::vector<float> got;
        std::vector<int32_t> gotLabels;
        Array<float> dsrc(gpu.get()), ddst(gpu.get());
        Array<int32_t> drows(gpu.get()), dlab(gpu.get()), dlabOut(gpu.get());
        std::vector<int32_t> lab50(50);
        for (int i = 0; i < 50; ++i)
            lab50[size_t(i)] = labels[size_t(i % 10)];
        Status st = dsrc.upload(src);
        st = st.isOk() ? drows.upload(rows) : st;
        st = st.isOk() ? dlab.upload(lab50) : st;
        st = st.isOk() ? ddst.resize(4 * 6) : st;
        st = st.isOk() ? dlabOut.resize(4) : st;
        st = st.isOk() ? accel.gatherRows(dsrc.data(), drows.data(), 4, 6, ddst.data()) : st;
        st = st.isOk() ? accel.gatherLabels(dlab.data(), drows.data(), 4, dlabOut.data()) : st;
        st = st.isOk() ? ddst.download(got) : st;
        st = st.isOk() ? dlabOut.download(gotLabels) : st;
        bool same = okOrReport(st, "gather");
        for (int i = 0; same && i < 4; ++i) {
            same = gotLabels[size_t(i)] == lab50[size_t(rows[size_t(i)])];
            for (int k = 0; k < 6; ++k)
                same = same && got[size_t(i * 6 + k)] == src[size_t(rows[size_t(i)] * 6 + k)];
        }
        check(same, "gatherRows / gatherLabels");
    }

    // cuDNN against the built-in path of the same backend.
    if (std::string(accel.convolutionPath()) != "cudnn") {
        std::printf("NOTE: cuDNN not loaded, its checks are skipped\n");
    } else if (okOrReport(createCudaBackend(0, CudaBackendOptions{false}, plain), "no-cudnn")) {
        compareCudnn(
            "conv 3x3 pad1", *gpu, *plain,
            [] {
                return std::make_unique<Conv2d<float>>(Conv2dOptions{16, 3, 1, 1, true});
            },
            Shape{{12, 12, 3}}, 4, true);
        compareCudnn(
            "conv 5x5 stride2", *gpu, *plain,
            [] {
                return std::make_unique<Conv2d<float>>(Conv2dOptions{8, 5, 2, 2, false});
            },
            Shape{{13, 11, 4}}, 3, true);
        compareCudnn(
            "conv 1x1 stride2", *gpu, *plain,
            [] {
                return std::make_unique<Conv2d<float>>(Conv2dOptions{32, 1, 2, 0, false});
            },
            Shape{{28, 28, 16}}, 8, true);
        compareCudnn(
            "batchnorm train", *gpu, *plain, [] { return std::make_unique<BatchNorm<float>>(); },
            Shape{{6, 6, 8}}, 8, true);
        compareCudnn(
            "batchnorm infer", *gpu, *plain, [] { return std::make_unique<BatchNorm<float>>(); },
            Shape{{6, 6, 8}}, 8, false);
    }

    // NCCL with one rank: the sum over ranks is the input itself, on the comm stream.
    {
        DistSettings d;
        d.runId = "gputest-" + std::to_string(int(::getpid()));
        d.outDir = "/tmp";
        std::unique_ptr<Communicator> comm;
        const Status cs = createNcclCommunicator(d, *gpu, comm);
        if (!cs.isOk() && cs.message().find("libnccl.so.2 not found") != std::string::npos) {
            std::printf("NOTE: NCCL not found, its check is skipped\n");
        } else if (okOrReport(cs, "nccl init")) {
            const std::vector<float> v = randomVector(100000, 12);
            std::vector<float> out;
            Array<float> dv(gpu.get());
            double host[2] = {1.5, -2.0};
            Status st = dv.upload(v);
            st = st.isOk() ? comm->allReduceSum({{dv.data(), v.size()}}) : st;
            st = st.isOk() ? comm->finish() : st;
            st = st.isOk() ? gpu->scale(dv.data(), 2.0f, v.size()) : st; // ordered after finish
            st = st.isOk() ? dv.download(out) : st;
            st = st.isOk() ? comm->allReduceHost(host, 2) : st;
            bool same = okOrReport(st, "nccl all-reduce");
            for (size_t i = 0; same && i < v.size(); ++i)
                same = out[i] == 2.0f * v[i];
            check(same && host[0] == 1.5 && host[1] == -2.0, "nccl 1-rank all-reduce");
        }
    }

    std::printf("%s: %d failure(s)\n", g_failures ? "FAILED" : "PASSED", g_failures);
    return g_failures ? 1 : 0;
}
