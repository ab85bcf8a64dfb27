#include "backend/cpu/cpu_ops.h"

#include "common/rng.h"
#include "math/batchnorm_math.h"
#include "math/cross_entropy.h"
#include "math/pool_math.h"

#include <cblas.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>

extern "C" void openblas_set_num_threads(int);

namespace td {

void setCpuThreads(int threads)
{
    openblas_set_num_threads(threads > 0 ? threads : 1);
}

namespace {

void blasGemm(bool ta, bool tb, int M, int N, int K, float alpha, const float *A, const float *B,
              float beta, float *C)
{
    cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, M, N,
                K, alpha, A, ta ? M : K, B, tb ? K : N, beta, C, N);
}

void blasGemm(bool ta, bool tb, int M, int N, int K, double alpha, const double *A, const double *B,
              double beta, double *C)
{
    cblas_dgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, M, N,
                K, alpha, A, ta ? M : K, B, tb ? K : N, beta, C, N);
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
    for (size_t i = 0; i < n; ++i)
        p[i] = value;
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::gemm(bool transA, bool transB, int M, int N, int K, T alpha, const T *A,
                       const T *B, T beta, T *C)
{
    blasGemm(transA, transB, M, N, K, alpha, A, B, beta, C);
    return Status::ok();
}

template <typename T> Status CpuOps<T>::addBias(T *y, const T *bias, int64_t rows, int cols)
{
    for (int64_t r = 0; r < rows; ++r) {
        T *row = y + r * cols;
        for (int c = 0; c < cols; ++c)
            row[c] += bias[c];
    }
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
    for (size_t i = 0; i < n; ++i)
        y[i] += a * x[i];
    return Status::ok();
}

template <typename T> Status CpuOps<T>::activationForward(Activation a, T *y, const T *x, size_t n)
{
    if (a == Activation::Relu) {
        for (size_t i = 0; i < n; ++i)
            y[i] = reluForward(x[i]);
    } else {
        for (size_t i = 0; i < n; ++i)
            y[i] = geluForward(x[i]);
    }
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::activationBackward(Activation a, T *dx, const T *dy, const T *x, size_t n)
{
    if (a == Activation::Relu) {
        for (size_t i = 0; i < n; ++i)
            dx[i] = reluBackward(dy[i], x[i]);
    } else {
        for (size_t i = 0; i < n; ++i)
            dx[i] = geluBackward(dy[i], x[i]);
    }
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
    // Same result as im2colElement per index, but walks rows so the inner loop is a contiguous
    // copy of C channels: the element form is 3-4x slower on the CPU.
    const int64_t patch = g.patchSize();
    for (int b = 0; b < g.batch; ++b) {
        for (int oh = 0; oh < g.outH; ++oh) {
            for (int ow = 0; ow < g.outW; ++ow) {
                T *dst = cols + ((int64_t(b) * g.outH + oh) * g.outW + ow) * patch;
                for (int kh = 0; kh < g.kernelH; ++kh) {
                    const int ih = oh * g.strideH - g.padH + kh;
                    for (int kw = 0; kw < g.kernelW; ++kw, dst += g.channels) {
                        const int iw = ow * g.strideW - g.padW + kw;
                        if (ih < 0 || ih >= g.height || iw < 0 || iw >= g.width) {
                            std::memset(dst, 0, sizeof(T) * g.channels);
                            continue;
                        }
                        std::memcpy(dst,
                                    x + ((int64_t(b) * g.height + ih) * g.width + iw) * g.channels,
                                    sizeof(T) * g.channels);
                    }
                }
            }
        }
    }
    return Status::ok();
}

template <typename T> Status CpuOps<T>::col2im(const T *dcols, const ConvGeometry &g, T *dx)
{
    const int64_t n = g.inputSize();
    for (int64_t j = 0; j < n; ++j)
        dx[j] = col2imElement(dcols, g, j);
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::maxPoolForward(const T *x, const ConvGeometry &g, T *y, int32_t *argmax)
{
    const int64_t n = g.outPixels() * g.channels;
    for (int64_t o = 0; o < n; ++o)
        y[o] = maxPoolElement(x, g, o, &argmax[o]);
    return Status::ok();
}

template <typename T> Status CpuOps<T>::avgPoolForward(const T *x, const ConvGeometry &g, T *y)
{
    const int64_t n = g.outPixels() * g.channels;
    for (int64_t o = 0; o < n; ++o)
        y[o] = avgPoolElement(x, g, o);
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::poolBackward(const T *dy, const int32_t *argmax, const ConvGeometry &g, T *dx)
{
    const int64_t n = g.inputSize();
    for (int64_t j = 0; j < n; ++j)
        dx[j] = poolBackwardElement(dy, argmax, g, j);
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::globalAvgPoolForward(const T *x, int batch, int pixels, int channels, T *y)
{
    for (int b = 0; b < batch; ++b) {
        for (int c = 0; c < channels; ++c) {
            T sum = T(0);
            for (int p = 0; p < pixels; ++p)
                sum += x[(int64_t(b) * pixels + p) * channels + c];
            y[int64_t(b) * channels + c] = sum / T(pixels);
        }
    }
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::globalAvgPoolBackward(const T *dy, int batch, int pixels, int channels, T *dx)
{
    for (int b = 0; b < batch; ++b)
        for (int p = 0; p < pixels; ++p)
            for (int c = 0; c < channels; ++c)
                dx[(int64_t(b) * pixels + p) * channels + c] =
                    dy[int64_t(b) * channels + c] / T(pixels);
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::batchNormForwardTrain(const T *x, int64_t rows, int channels, const T *gamma,
                                        const T *beta, T eps, T momentum, T *runningMean,
                                        T *runningVar, T *saveMean, T *saveInvStd, T *y)
{
    for (int c = 0; c < channels; ++c) {
        T mean, var;
        batchNormChannelStats(x, rows, channels, c, &mean, &var);
        saveMean[c] = mean;
        saveInvStd[c] = T(1) / std::sqrt(var + eps);
        const T unbiased = rows > 1 ? var * T(rows) / T(rows - 1) : var;
        runningMean[c] = (T(1) - momentum) * runningMean[c] + momentum * mean;
        runningVar[c] = (T(1) - momentum) * runningVar[c] + momentum * unbiased;
    }
    for (int64_t r = 0; r < rows; ++r)
        for (int c = 0; c < channels; ++c)
            y[r * channels + c] = batchNormForwardElement(x[r * channels + c], saveMean[c],
                                                          saveInvStd[c], gamma[c], beta[c]);
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::batchNormForwardInfer(const T *x, int64_t rows, int channels, const T *gamma,
                                        const T *beta, T eps, const T *runningMean,
                                        const T *runningVar, T *y)
{
    for (int64_t r = 0; r < rows; ++r)
        for (int c = 0; c < channels; ++c)
            y[r * channels + c] =
                batchNormForwardElement(x[r * channels + c], runningMean[c],
                                        T(1) / std::sqrt(runningVar[c] + eps), gamma[c], beta[c]);
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::batchNormBackward(const T *dy, const T *x, int64_t rows, int channels,
                                    const T *gamma, const T *saveMean, const T *saveInvStd, T *dx,
                                    T *dgamma, T *dbeta)
{
    for (int c = 0; c < channels; ++c) {
        T sumDy, sumDyXhat;
        batchNormChannelGradSums(dy, x, rows, channels, c, saveMean[c], saveInvStd[c], &sumDy,
                                 &sumDyXhat);
        dgamma[c] += sumDyXhat;
        dbeta[c] += sumDy;
        for (int64_t r = 0; r < rows; ++r)
            dx[r * channels + c] =
                batchNormBackwardElement(dy[r * channels + c], x[r * channels + c], saveMean[c],
                                         saveInvStd[c], gamma[c], sumDy, sumDyXhat, rows);
    }
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::dropoutForward(const T *x, size_t n, float p, uint64_t key, T *y)
{
    for (size_t i = 0; i < n; ++i)
        y[i] = x[i] * dropoutScale<T>(hashUniform(key, i), p);
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::dropoutBackward(const T *dy, size_t n, float p, uint64_t key, T *dx)
{
    for (size_t i = 0; i < n; ++i)
        dx[i] = dy[i] * dropoutScale<T>(hashUniform(key, i), p);
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::adamwUpdate(T *param, const T *grad, T *m, T *v, size_t n, const AdamHyper &h)
{
    for (size_t i = 0; i < n; ++i)
        td::adamwUpdate(param[i], grad[i], m[i], v[i], h);
    return Status::ok();
}

template <typename T>
Status CpuOps<T>::sgdUpdate(T *param, const T *grad, T *momentum, size_t n, const SgdHyper &h)
{
    for (size_t i = 0; i < n; ++i)
        td::sgdUpdate(param[i], grad[i], momentum[i], h);
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
    for (size_t i = 0; i < n; ++i)
        x[i] *= a;
    return Status::ok();
}

template class CpuOps<float>;
template class CpuOps<double>;

} // namespace td
