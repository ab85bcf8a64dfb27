// Grid-stride kernels over the shared TD_HD element functions (math/*.h): the CPU backend runs
// the same bodies, so CPU tests cover the arithmetic of every kernel here.
#pragma once

#include "common/rng.h"
#include "math/activations.h"
#include "math/batchnorm_math.h"
#include "math/conv_math.h"
#include "math/cross_entropy.h"
#include "math/mixed_precision.h"
#include "math/optimizer_math.h"
#include "math/pool_math.h"

#include <cstdint>

namespace td {
namespace kernels {

#define TD_GRID_STRIDE(i, n)                                                                       \
    for (int64_t i = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; i < int64_t(n);               \
         i += int64_t(blockDim.x) * gridDim.x)

__global__ void fill(float *p, size_t n, float v)
{
    TD_GRID_STRIDE(i, n) p[i] = v;
}

__global__ void addBias(float *y, const float *bias, int64_t rows, int cols)
{
    TD_GRID_STRIDE(i, rows * cols) y[i] += bias[i % cols];
}

// One thread per column: a fixed summation order, like the CPU.
__global__ void biasGrad(float *dbias, const float *dy, int64_t rows, int cols)
{
    TD_GRID_STRIDE(c, cols)
    {
        float s = 0;
        for (int64_t r = 0; r < rows; ++r)
            s += dy[r * cols + c];
        dbias[c] += s;
    }
}

__global__ void axpy(float *y, const float *x, float a, size_t n)
{
    TD_GRID_STRIDE(i, n) y[i] += a * x[i];
}

__global__ void scale(float *x, float a, size_t n)
{
    TD_GRID_STRIDE(i, n) x[i] *= a;
}

__global__ void activationForward(Activation a, float *y, const float *x, size_t n)
{
    TD_GRID_STRIDE(i, n) y[i] = td::activationForward(a, x[i]);
}

__global__ void activationBackward(Activation a, float *dx, const float *dy, const float *x,
                                   size_t n)
{
    TD_GRID_STRIDE(i, n) dx[i] = td::activationBackward(a, dy[i], x[i]);
}

__global__ void crossEntropy(const float *logits, const int32_t *labels, int rows, int classes,
                             float smoothing, float gradScale, float *losses, float *dlogits,
                             int32_t *predicted)
{
    TD_GRID_STRIDE(r, rows)
    {
        predicted[r] =
            crossEntropyRow(logits + r * classes, labels[r], classes, smoothing, gradScale,
                            &losses[r], dlogits ? dlogits + r * classes : nullptr);
    }
}

__global__ void im2col(const float *x, ConvGeometry g, float *cols)
{
    TD_GRID_STRIDE(i, g.outPixels() * g.patchSize()) cols[i] = im2colElement(x, g, i);
}

__global__ void col2im(const float *dcols, ConvGeometry g, float *dx)
{
    TD_GRID_STRIDE(j, g.inputSize()) dx[j] = col2imElement(dcols, g, j);
}

__global__ void maxPoolForward(const float *x, ConvGeometry g, float *y, int32_t *argmax)
{
    TD_GRID_STRIDE(o, g.outPixels() * g.channels) y[o] = maxPoolElement(x, g, o, &argmax[o]);
}

__global__ void avgPoolForward(const float *x, ConvGeometry g, float *y)
{
    TD_GRID_STRIDE(o, g.outPixels() * g.channels) y[o] = avgPoolElement(x, g, o);
}

__global__ void poolBackward(const float *dy, const int32_t *argmax, ConvGeometry g, float *dx)
{
    TD_GRID_STRIDE(j, g.inputSize()) dx[j] = poolBackwardElement(dy, argmax, g, j);
}

__global__ void globalAvgPoolForward(const float *x, int batch, int pixels, int channels, float *y)
{
    TD_GRID_STRIDE(i, int64_t(batch) * channels)
    {
        const int64_t b = i / channels, c = i % channels;
        float s = 0;
        for (int p = 0; p < pixels; ++p)
            s += x[(b * pixels + p) * channels + c];
        y[i] = s / float(pixels);
    }
}

__global__ void globalAvgPoolBackward(const float *dy, int batch, int pixels, int channels,
                                      float *dx)
{
    TD_GRID_STRIDE(i, int64_t(batch) * pixels * channels)
    {
        const int64_t c = i % channels, b = i / (int64_t(pixels) * channels);
        dx[i] = dy[b * channels + c] / float(pixels);
    }
}

__global__ void batchNormStats(const float *x, int64_t rows, int channels, float eps,
                               float momentum, float *runningMean, float *runningVar,
                               float *saveMean, float *saveInvStd)
{
    TD_GRID_STRIDE(c, channels)
    {
        float mean, var;
        batchNormChannelStats(x, rows, channels, int(c), &mean, &var);
        saveMean[c] = mean;
        saveInvStd[c] = 1.0f / sqrtf(var + eps);
        const float unbiased = rows > 1 ? var * float(rows) / float(rows - 1) : var;
        runningMean[c] = (1 - momentum) * runningMean[c] + momentum * mean;
        runningVar[c] = (1 - momentum) * runningVar[c] + momentum * unbiased;
    }
}

__global__ void batchNormApply(const float *x, int64_t rows, int channels, const float *gamma,
                               const float *beta, const float *mean, const float *invStd, float *y)
{
    TD_GRID_STRIDE(i, rows * channels)
    {
        const int64_t c = i % channels;
        y[i] = batchNormForwardElement(x[i], mean[c], invStd[c], gamma[c], beta[c]);
    }
}

__global__ void batchNormInvStd(const float *runningVar, int channels, float eps, float *invStd)
{
    TD_GRID_STRIDE(c, channels) invStd[c] = 1.0f / sqrtf(runningVar[c] + eps);
}

__global__ void batchNormGradSums(const float *dy, const float *x, int64_t rows, int channels,
                                  const float *mean, const float *invStd, float *sumDy,
                                  float *sumDyXhat, float *dgamma, float *dbeta)
{
    TD_GRID_STRIDE(c, channels)
    {
        batchNormChannelGradSums(dy, x, rows, channels, int(c), mean[c], invStd[c], &sumDy[c],
                                 &sumDyXhat[c]);
        dgamma[c] += sumDyXhat[c];
        dbeta[c] += sumDy[c];
    }
}

__global__ void batchNormBackward(const float *dy, const float *x, int64_t rows, int channels,
                                  const float *gamma, const float *mean, const float *invStd,
                                  const float *sumDy, const float *sumDyXhat, float *dx)
{
    TD_GRID_STRIDE(i, rows * channels)
    {
        const int64_t c = i % channels;
        dx[i] = batchNormBackwardElement(dy[i], x[i], mean[c], invStd[c], gamma[c], sumDy[c],
                                         sumDyXhat[c], rows);
    }
}

__global__ void dropout(const float *x, size_t n, float p, uint64_t key, float *y)
{
    TD_GRID_STRIDE(i, n) y[i] = x[i] * dropoutScale<float>(hashUniform(key, uint64_t(i)), p);
}

__global__ void adamw(float *param, const float *grad, float *m, float *v, size_t n, AdamHyper h)
{
    TD_GRID_STRIDE(i, n) adamwUpdate(param[i], grad[i], m[i], v[i], h);
}

__global__ void sgd(float *param, const float *grad, float *momentum, size_t n, SgdHyper h)
{
    TD_GRID_STRIDE(i, n) sgdUpdate(param[i], grad[i], momentum[i], h);
}

// GEMM operands rounded to 16 bits (stored as raw bits; cuBLAS reads them as __half or
// __nv_bfloat16, whose layout they are).
__global__ void toHalf(const float *x, size_t n, uint16_t *y)
{
    TD_GRID_STRIDE(i, n) y[i] = floatToHalfBits(x[i]);
}

__global__ void toBf16(const float *x, size_t n, uint16_t *y)
{
    TD_GRID_STRIDE(i, n) y[i] = floatToBf16Bits(x[i]);
}

// Every thread that saw an inf or NaN stores the same 1, so the race on *flag is benign.
__global__ void unscaleCheck(float *g, size_t n, float invScale, int *flag)
{
    bool bad = false;
    TD_GRID_STRIDE(i, n) g[i] = unscaleGradient(g[i], invScale, &bad);
    if (bad)
        *flag = 1;
}

__global__ void gatherRows(const float *src, const int32_t *rows, int n, int64_t rowSize,
                           float *dst)
{
    TD_GRID_STRIDE(i, int64_t(n) * rowSize)
    {
        dst[i] = src[int64_t(rows[i / rowSize]) * rowSize + i % rowSize];
    }
}

__global__ void gatherLabels(const int32_t *src, const int32_t *rows, int n, int32_t *dst)
{
    TD_GRID_STRIDE(i, n) dst[i] = src[rows[i]];
}

} // namespace kernels
} // namespace td
