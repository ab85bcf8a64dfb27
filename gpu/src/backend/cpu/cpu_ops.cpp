#include "backend/cpu/cpu_ops.h"

#include "backend/cpu/cpu_image_kernels.h"
#include "common/rng.h"
#include "math/cross_entropy.h"

#include <cblas.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>

namespace td {
namespace {

void blasGemm(bool ta, bool tb, int M, int N, int K, float alpha, const float *A, int lda,
              const float *B, int ldb, float beta, float *C, int ldc)
{
    cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, M, N,
                K, alpha, A, lda, B, ldb, beta, C, ldc);
}

void blasGemm(bool ta, bool tb, int M, int N, int K, double alpha, const double *A, int lda,
              const double *B, int ldb, double beta, double *C, int ldc)
{
    cblas_dgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, M, N,
                K, alpha, A, lda, B, ldb, beta, C, ldc);
}

// Below this many multiply-adds a GEMM runs on one thread: waking the pool costs more.
constexpr int64_t kParallelGemmMacs = int64_t(1) << 20;
// Element-wise loops split only when each thread gets at least this many elements.
constexpr int64_t kMinElementsPerThread = 16384;

template <typename F> void forEachElement(size_t n, F &&f)
{
    parallelFor(int64_t(n), kMinElementsPerThread, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i)
            f(size_t(i));
    });
}

} // namespace

template <typename T> Status CpuOps<T>::allocBytes(void **p, size_t bytes)
{
    // 64-byte alignment keeps OpenBLAS on its fast paths.
    const size_t rounded = (bytes + 63) / 64 * 64;
    *p = std::aligned_alloc(64, rounded ? rounded : 64);
    if (!*p)
        return {ErrorKind::Oom,
                "out of host memory allocating " + std::to_string(bytes) + " bytes"};
    return Status::ok();
}

template <typename T> void CpuOps<T>::freeBytes(void *p)
{
    std::free(p);
}

template <typename T> Status CpuOps<T>::upload(void *dst, const void *hostSrc, size_t bytes)
{
    if (bytes)
        std::memcpy(dst, hostSrc, bytes);
    return Status::ok();
}

template <typename T> Status CpuOps<T>::download(void *hostDst, const void *src, size_t bytes)
{
    if (bytes)
        std::memcpy(hostDst, src, bytes);
    return Status::ok();
}

template <typename T> Status CpuOps<T>::copy(T *dst, const T *src, size_t n)
{
    if (n)
        std::memcpy(dst, src, n * sizeof(T));
    return Status::ok();
}

template <typename T> Status CpuOps<T>::fill(T *p, size_t n, T value)
{
    forEachElement(n, [&](size_t i) { p[i] = value; });
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::gemm(bool transA, bool transB, int M, int N, int K, T alpha, const T *A,
                       const T *B, T beta, T *C)
{
    const int lda = transA ? M : K, ldb = transB ? K : N, ldc = N;
    const int threads = cpuThreads();
    if (threads <= 1 || int64_t(M) * N * K < kParallelGemmMacs || (M < 2 && N < 2)) {
        blasGemm(transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
        return Status::ok();
    }
    // Each thread computes a slice of C's rows (or columns, when C is wide) over the full K, so
    // every element is the same single-threaded dot product whatever the thread count.
    const bool splitRows = M >= N;
    const int extent = splitRows ? M : N;
    const int parts = std::min(threads, extent);
    runCpuParts(parts, [&](int p) {
        const int begin = int(int64_t(extent) * p / parts);
        const int end = int(int64_t(extent) * (p + 1) / parts);
        if (begin >= end)
            return;
        if (splitRows) {
            const T *a = transA ? A + begin : A + int64_t(begin) * lda;
            blasGemm(transA, transB, end - begin, N, K, alpha, a, lda, B, ldb, beta,
                     C + int64_t(begin) * ldc, ldc);
        } else {
            const T *b = transB ? B + int64_t(begin) * ldb : B + begin;
            blasGemm(transA, transB, M, end - begin, K, alpha, A, lda, b, ldb, beta, C + begin,
                     ldc);
        }
    });
    return Status::ok();
}

template <typename T> Status CpuOps<T>::addBias(T *y, const T *bias, int64_t rows, int cols)
{
    cpu::forEachRow(rows, kMinElementsPerThread / std::max(1, cols) + 1, [&](int64_t r) {
        T *row = y + r * cols;
        for (int c = 0; c < cols; ++c)
            row[c] += bias[c];
    });
    return Status::ok();
}

template <typename T> Status CpuOps<T>::biasGrad(T *dbias, const T *dy, int64_t rows, int cols)
{
    for (int64_t r = 0; r < rows; ++r) {
        const T *row = dy + r * cols;
        for (int c = 0; c < cols; ++c)
            dbias[c] += row[c];
    }
    return Status::ok();
}

template <typename T> Status CpuOps<T>::axpy(T *y, const T *x, T a, size_t n)
{
    forEachElement(n, [&](size_t i) { y[i] += a * x[i]; });
    return Status::ok();
}

template <typename T> Status CpuOps<T>::activationForward(Activation a, T *y, const T *x, size_t n)
{
    parallelFor(int64_t(n), kMinElementsPerThread, [&](int64_t begin, int64_t end) {
        if (a == Activation::Relu) {
            for (int64_t i = begin; i < end; ++i)
                y[i] = reluForward(x[i]);
        } else {
            for (int64_t i = begin; i < end; ++i)
                y[i] = geluForward(x[i]);
        }
    });
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::activationBackward(Activation a, T *dx, const T *dy, const T *x, size_t n)
{
    parallelFor(int64_t(n), kMinElementsPerThread, [&](int64_t begin, int64_t end) {
        if (a == Activation::Relu) {
            for (int64_t i = begin; i < end; ++i)
                dx[i] = reluBackward(dy[i], x[i]);
        } else {
            for (int64_t i = begin; i < end; ++i)
                dx[i] = geluBackward(dy[i], x[i]);
        }
    });
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::crossEntropy(const T *logits, const int32_t *labels, int rows, int classes,
                               T smoothing, T gradScale, T *losses, T *dlogits, int32_t *predicted)
{
    for (int r = 0; r < rows; ++r) {
        predicted[r] =
            crossEntropyRow(logits + int64_t(r) * classes, labels[r], classes, smoothing, gradScale,
                            &losses[r], dlogits ? dlogits + int64_t(r) * classes : nullptr);
    }
    return Status::ok();
}

template <typename T> Status CpuOps<T>::im2col(const T *x, const ConvGeometry &g, T *cols)
{
    const int64_t in = int64_t(g.height) * g.width * g.channels;
    const int64_t out = int64_t(g.outH) * g.outW * g.patchSize();
    cpu::forEachSample(g.batch, [&](int b) { cpu::im2colSample(x + b * in, g, cols + b * out); });
    return Status::ok();
}

template <typename T> Status CpuOps<T>::col2im(const T *dcols, const ConvGeometry &g, T *dx)
{
    const int64_t in = int64_t(g.height) * g.width * g.channels;
    const int64_t out = int64_t(g.outH) * g.outW * g.patchSize();
    cpu::forEachSample(g.batch, [&](int b) { cpu::col2imSample(dcols + b * out, g, dx + b * in); });
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::maxPoolForward(const T *x, const ConvGeometry &g, T *y, int32_t *argmax)
{
    const int64_t in = int64_t(g.height) * g.width * g.channels;
    const int64_t out = int64_t(g.outH) * g.outW * g.channels;
    cpu::forEachSample(
        g.batch, [&](int b) { cpu::maxPoolSample(x + b * in, g, y + b * out, argmax + b * out); });
    return Status::ok();
}

template <typename T> Status CpuOps<T>::avgPoolForward(const T *x, const ConvGeometry &g, T *y)
{
    const int64_t in = int64_t(g.height) * g.width * g.channels;
    const int64_t out = int64_t(g.outH) * g.outW * g.channels;
    cpu::forEachSample(g.batch, [&](int b) { cpu::avgPoolSample(x + b * in, g, y + b * out); });
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::poolBackward(const T *dy, const int32_t *argmax, const ConvGeometry &g, T *dx)
{
    const int64_t in = int64_t(g.height) * g.width * g.channels;
    const int64_t out = int64_t(g.outH) * g.outW * g.channels;
    cpu::forEachSample(g.batch, [&](int b) {
        cpu::poolBackwardSample(dy + b * out, argmax ? argmax + b * out : nullptr, g, dx + b * in);
    });
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::globalAvgPoolForward(const T *x, int batch, int pixels, int channels, T *y)
{
    cpu::forEachSample(batch, [&](int b) {
        T *out = y + int64_t(b) * channels;
        for (int c = 0; c < channels; ++c)
            out[c] = T(0);
        for (int p = 0; p < pixels; ++p) {
            const T *row = x + (int64_t(b) * pixels + p) * channels;
            for (int c = 0; c < channels; ++c)
                out[c] += row[c];
        }
        for (int c = 0; c < channels; ++c)
            out[c] /= T(pixels);
    });
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::globalAvgPoolBackward(const T *dy, int batch, int pixels, int channels, T *dx)
{
    cpu::forEachSample(batch, [&](int b) {
        const T *g = dy + int64_t(b) * channels;
        for (int p = 0; p < pixels; ++p) {
            T *row = dx + (int64_t(b) * pixels + p) * channels;
            for (int c = 0; c < channels; ++c)
                row[c] = g[c] / T(pixels);
        }
    });
    return Status::ok();
}

template <typename T>
void CpuOps<T>::normForwardTrain(const T *x, int64_t rows, int channels, const T *gamma,
                                 const T *beta, T eps, T momentum, T *runningMean, T *runningVar,
                                 T *saveMean, T *saveInvStd, T *y, bool relu)
{
    // Two passes (mean, then squared deviations) as in batchNormChannelStats, for stability.
    m_sums.resize(size_t(channels));
    double *sums = m_sums.data();
    cpu::channelSums(rows, channels, m_partial, sums, [&](int64_t r, double *acc) {
        const T *row = x + r * channels;
        for (int c = 0; c < channels; ++c)
            acc[c] += double(row[c]);
    });
    m_means.resize(size_t(channels));
    for (int c = 0; c < channels; ++c)
        m_means[size_t(c)] = sums[c] / double(rows);
    const double *mean = m_means.data();
    cpu::channelSums(rows, channels, m_partial, sums, [&](int64_t r, double *acc) {
        const T *row = x + r * channels;
        for (int c = 0; c < channels; ++c) {
            const double d = double(row[c]) - mean[c];
            acc[c] += d * d;
        }
    });
    for (int c = 0; c < channels; ++c) {
        const T m = T(mean[c]);
        const T var = T(sums[c] / double(rows));
        saveMean[c] = m;
        saveInvStd[c] = T(1) / std::sqrt(var + eps);
        const T unbiased = rows > 1 ? var * T(rows) / T(rows - 1) : var;
        runningMean[c] = (T(1) - momentum) * runningMean[c] + momentum * m;
        runningVar[c] = (T(1) - momentum) * runningVar[c] + momentum * unbiased;
    }
    cpu::forEachRow(rows, kMinElementsPerThread / channels + 1, [&](int64_t r) {
        const T *in = x + r * channels;
        T *out = y + r * channels;
        for (int c = 0; c < channels; ++c) {
            const T v =
                batchNormForwardElement(in[c], saveMean[c], saveInvStd[c], gamma[c], beta[c]);
            out[c] = relu ? reluForward(v) : v;
        }
    });
}

template <typename T>
void CpuOps<T>::normForwardInfer(const T *x, int64_t rows, int channels, const T *gamma,
                                 const T *beta, T eps, const T *runningMean, const T *runningVar,
                                 T *y, bool relu)
{
    m_invStd.resize(size_t(channels));
    T *invStd = m_invStd.data();
    for (int c = 0; c < channels; ++c)
        invStd[c] = T(1) / std::sqrt(runningVar[c] + eps);
    cpu::forEachRow(rows, kMinElementsPerThread / channels + 1, [&](int64_t r) {
        const T *in = x + r * channels;
        T *out = y + r * channels;
        for (int c = 0; c < channels; ++c) {
            const T v =
                batchNormForwardElement(in[c], runningMean[c], invStd[c], gamma[c], beta[c]);
            out[c] = relu ? reluForward(v) : v;
        }
    });
}

template <typename T>
void CpuOps<T>::normBackward(const T *dy, const T *reluOut, const T *x, int64_t rows, int channels,
                             const T *gamma, const T *saveMean, const T *saveInvStd, T *dx,
                             T *dgamma, T *dbeta)
{
    // sum(dy) and sum(dy * xhat) per channel in one pass (the accumulator row holds both),
    // then the formula of batchNormBackwardElement with its per-channel factors computed once.
    m_sums.resize(size_t(2 * channels));
    double *sumDy = m_sums.data();
    double *sumDyXhat = sumDy + channels;
    cpu::channelSums(rows, 2 * channels, m_partial, sumDy, [&](int64_t r, double *acc) {
        const T *g = dy + r * channels;
        const T *in = x + r * channels;
        const T *out = reluOut ? reluOut + r * channels : nullptr;
        for (int c = 0; c < channels; ++c) {
            const double gd = out ? double(reluBackward(g[c], out[c])) : double(g[c]);
            acc[c] += gd;
            acc[channels + c] += gd * (double(in[c]) - double(saveMean[c])) * double(saveInvStd[c]);
        }
    });
    m_factors.resize(size_t(3 * channels));
    T *scale = m_factors.data();
    T *meanDy = scale + channels;
    T *meanDyXhat = meanDy + channels;
    const T n = T(rows);
    for (int c = 0; c < channels; ++c) {
        dgamma[c] += T(sumDyXhat[c]);
        dbeta[c] += T(sumDy[c]);
        scale[c] = gamma[c] * saveInvStd[c];
        meanDy[c] = T(sumDy[c]) / n;
        meanDyXhat[c] = T(sumDyXhat[c]) / n;
    }
    cpu::forEachRow(rows, kMinElementsPerThread / channels + 1, [&](int64_t r) {
        const T *g = dy + r * channels;
        const T *in = x + r * channels;
        const T *out = reluOut ? reluOut + r * channels : nullptr;
        T *d = dx + r * channels;
        for (int c = 0; c < channels; ++c) {
            const T grad = out ? reluBackward(g[c], out[c]) : g[c];
            const T xhat = (in[c] - saveMean[c]) * saveInvStd[c];
            d[c] = scale[c] * (grad - meanDy[c] - xhat * meanDyXhat[c]);
        }
    });
}

template <typename T>
Status CpuOps<T>::batchNormForwardTrain(const T *x, int64_t rows, int channels, const T *gamma,
                                        const T *beta, T eps, T momentum, T *runningMean,
                                        T *runningVar, T *saveMean, T *saveInvStd, T *y)
{
    normForwardTrain(x, rows, channels, gamma, beta, eps, momentum, runningMean, runningVar,
                     saveMean, saveInvStd, y, false);
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::batchNormReluForwardTrain(const T *x, int64_t rows, int channels, const T *gamma,
                                            const T *beta, T eps, T momentum, T *runningMean,
                                            T *runningVar, T *saveMean, T *saveInvStd, T *y)
{
    normForwardTrain(x, rows, channels, gamma, beta, eps, momentum, runningMean, runningVar,
                     saveMean, saveInvStd, y, true);
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::batchNormForwardInfer(const T *x, int64_t rows, int channels, const T *gamma,
                                        const T *beta, T eps, const T *runningMean,
                                        const T *runningVar, T *y)
{
    normForwardInfer(x, rows, channels, gamma, beta, eps, runningMean, runningVar, y, false);
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::batchNormReluForwardInfer(const T *x, int64_t rows, int channels, const T *gamma,
                                            const T *beta, T eps, const T *runningMean,
                                            const T *runningVar, T *y)
{
    normForwardInfer(x, rows, channels, gamma, beta, eps, runningMean, runningVar, y, true);
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::batchNormBackward(const T *dy, const T *x, int64_t rows, int channels,
                                    const T *gamma, const T *saveMean, const T *saveInvStd, T *dx,
                                    T *dgamma, T *dbeta)
{
    normBackward(dy, nullptr, x, rows, channels, gamma, saveMean, saveInvStd, dx, dgamma, dbeta);
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::batchNormReluBackward(const T *dy, const T *y, const T *x, int64_t rows,
                                        int channels, const T *gamma, const T *saveMean,
                                        const T *saveInvStd, T *, T *dx, T *dgamma, T *dbeta)
{
    normBackward(dy, y, x, rows, channels, gamma, saveMean, saveInvStd, dx, dgamma, dbeta);
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::dropoutForward(const T *x, size_t n, float p, uint64_t key, T *y)
{
    forEachElement(n, [&](size_t i) { y[i] = x[i] * dropoutScale<T>(hashUniform(key, i), p); });
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::dropoutBackward(const T *dy, size_t n, float p, uint64_t key, T *dx)
{
    forEachElement(n, [&](size_t i) { dx[i] = dy[i] * dropoutScale<T>(hashUniform(key, i), p); });
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::adamwUpdate(T *param, const T *grad, T *m, T *v, size_t n, const AdamHyper &h)
{
    forEachElement(n, [&](size_t i) { td::adamwUpdate(param[i], grad[i], m[i], v[i], h); });
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::sgdUpdate(T *param, const T *grad, T *momentum, size_t n, const SgdHyper &h)
{
    forEachElement(n, [&](size_t i) { td::sgdUpdate(param[i], grad[i], momentum[i], h); });
    return Status::ok();
}

template <typename T> Status CpuOps<T>::sumSquares(const T *x, size_t n, double *result)
{
    double s = 0;
    for (size_t i = 0; i < n; ++i)
        s += double(x[i]) * double(x[i]);
    *result = s;
    return Status::ok();
}

template <typename T> Status CpuOps<T>::scale(T *x, T a, size_t n)
{
    forEachElement(n, [&](size_t i) { x[i] *= a; });
    return Status::ok();
}

template class CpuOps<float>;
template class CpuOps<double>;

} // namespace td
