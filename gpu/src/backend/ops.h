// The operations a backend provides. Layers are written once against this interface; the CPU
// backend (double and float) and the CUDA backend (float) implement it. Every pointer argument
// is memory of the backend that owns the call (host memory for CPU, device memory for CUDA).
// Tensors are row-major; images are NHWC.
#pragma once

#include "common/status.h"
#include "math/activations.h"
#include "math/conv_math.h"
#include "math/optimizer_math.h"

#include <cstddef>
#include <cstdint>

namespace td {

// Memory of one backend, independent of the element type so int32 buffers (labels, pooling
// indices) live beside float tensors.
class MemoryOps
{
public:
    virtual ~MemoryOps() = default;
    virtual const char *name() const = 0;
    // Reports kind oom when memory is exhausted.
    virtual Status allocBytes(void **p, size_t bytes) = 0;
    virtual void freeBytes(void *p) = 0;
    virtual Status upload(void *dst, const void *hostSrc, size_t bytes) = 0;
    virtual Status download(void *hostDst, const void *src, size_t bytes) = 0;
};

template <typename T> class Ops : public MemoryOps
{
public:
    using Scalar = T;

    virtual Status copy(T *dst, const T *src, size_t n) = 0;
    virtual Status fill(T *p, size_t n, T value) = 0;
    // Waits for queued work and reports asynchronous failures (no-op on CPU).
    virtual Status synchronize() = 0;

    // C[M,N] = alpha * op(A) * op(B) + beta * C, row-major; op transposes when requested.
    virtual Status gemm(bool transA, bool transB, int M, int N, int K, T alpha, const T *A,
                        const T *B, T beta, T *C) = 0;
    // y[r, c] += bias[c]
    virtual Status addBias(T *y, const T *bias, int64_t rows, int cols) = 0;
    // dbias[c] += sum over r of dy[r, c]
    virtual Status biasGrad(T *dbias, const T *dy, int64_t rows, int cols) = 0;
    // y += a * x (residual connections, gradient fan-in)
    virtual Status axpy(T *y, const T *x, T a, size_t n) = 0;

    virtual Status activationForward(Activation a, T *y, const T *x, size_t n) = 0;
    virtual Status activationBackward(Activation a, T *dx, const T *dy, const T *x, size_t n) = 0;

    // Per-sample loss, gradient of (loss * gradScale) and predicted class. dlogits may be null.
    virtual Status crossEntropy(const T *logits, const int32_t *labels, int rows, int classes,
                                T smoothing, T gradScale, T *losses, T *dlogits,
                                int32_t *predicted) = 0;

    virtual Status im2col(const T *x, const ConvGeometry &g, T *cols) = 0;
    virtual Status col2im(const T *dcols, const ConvGeometry &g, T *dx) = 0;
    virtual Status maxPoolForward(const T *x, const ConvGeometry &g, T *y, int32_t *argmax) = 0;
    virtual Status avgPoolForward(const T *x, const ConvGeometry &g, T *y) = 0;
    // argmax == null selects the average-pool gradient.
    virtual Status poolBackward(const T *dy, const int32_t *argmax, const ConvGeometry &g,
                                T *dx) = 0;
    // x [batch, pixels, channels] -> y [batch, channels]
    virtual Status globalAvgPoolForward(const T *x, int batch, int pixels, int channels, T *y) = 0;
    virtual Status globalAvgPoolBackward(const T *dy, int batch, int pixels, int channels,
                                         T *dx) = 0;

    // Training-mode batch norm over [rows, channels]; writes batch mean / inverse std and
    // updates the running statistics (momentum as in PyTorch, unbiased running variance).
    virtual Status batchNormForwardTrain(const T *x, int64_t rows, int channels, const T *gamma,
                                         const T *beta, T eps, T momentum, T *runningMean,
                                         T *runningVar, T *saveMean, T *saveInvStd, T *y) = 0;
    virtual Status batchNormForwardInfer(const T *x, int64_t rows, int channels, const T *gamma,
                                         const T *beta, T eps, const T *runningMean,
                                         const T *runningVar, T *y) = 0;
    // Accumulates dgamma, dbeta; writes dx.
    virtual Status batchNormBackward(const T *dy, const T *x, int64_t rows, int channels,
                                     const T *gamma, const T *saveMean, const T *saveInvStd, T *dx,
                                     T *dgamma, T *dbeta) = 0;

    // Batch norm followed by ReLU: y = relu(bn(x)). The CPU backend fuses the passes; the
    // defaults run the two ops one after the other, so every backend supports them.
    virtual Status batchNormReluForwardTrain(const T *x, int64_t rows, int channels, const T *gamma,
                                             const T *beta, T eps, T momentum, T *runningMean,
                                             T *runningVar, T *saveMean, T *saveInvStd, T *y)
    {
        TD_RETURN_IF_ERROR(batchNormForwardTrain(x, rows, channels, gamma, beta, eps, momentum,
                                                 runningMean, runningVar, saveMean, saveInvStd, y));
        return activationForward(Activation::Relu, y, y, size_t(rows) * size_t(channels));
    }
    virtual Status batchNormReluForwardInfer(const T *x, int64_t rows, int channels, const T *gamma,
                                             const T *beta, T eps, const T *runningMean,
                                             const T *runningVar, T *y)
    {
        TD_RETURN_IF_ERROR(
            batchNormForwardInfer(x, rows, channels, gamma, beta, eps, runningMean, runningVar, y));
        return activationForward(Activation::Relu, y, y, size_t(rows) * size_t(channels));
    }
    // Gradient through y = relu(bn(x)) (ReLU's derivative read from y, which is > 0 exactly
    // where bn(x) is). scratch holds rows * channels values for backends that do not fuse.
    virtual Status batchNormReluBackward(const T *dy, const T *y, const T *x, int64_t rows,
                                         int channels, const T *gamma, const T *saveMean,
                                         const T *saveInvStd, T *scratch, T *dx, T *dgamma,
                                         T *dbeta)
    {
        TD_RETURN_IF_ERROR(
            activationBackward(Activation::Relu, scratch, dy, y, size_t(rows) * size_t(channels)));
        return batchNormBackward(scratch, x, rows, channels, gamma, saveMean, saveInvStd, dx,
                                 dgamma, dbeta);
    }

    // y = x * mask where mask comes from hashUniform(key, i); dx uses the same mask.
    virtual Status dropoutForward(const T *x, size_t n, float p, uint64_t key, T *y) = 0;
    virtual Status dropoutBackward(const T *dy, size_t n, float p, uint64_t key, T *dx) = 0;

    virtual Status adamwUpdate(T *param, const T *grad, T *m, T *v, size_t n,
                               const AdamHyper &h) = 0;
    virtual Status sgdUpdate(T *param, const T *grad, T *momentum, size_t n, const SgdHyper &h) = 0;
    // sum of squares (gradient norm for clipping / NaN detection), result on the host
    virtual Status sumSquares(const T *x, size_t n, double *result) = 0;
    virtual Status scale(T *x, T a, size_t n) = 0;
};

} // namespace td
