// Convolution, pooling and batch-norm loops of the CPU backend. They compute what the element
// functions in math/ compute (those stay the CUDA kernels' bodies), but walk contiguous NHWC
// channel rows with the index arithmetic hoisted out of the inner loops: the element forms take
// a division and a remainder per element, which made these ops cost several times the GEMMs.
//
// Gradients that several outputs feed (col2im, pooling) are scattered per sample instead of
// gathered; a sample's additions always happen in the same order, so results stay
// deterministic. Batch-norm reductions sum fixed blocks of rows (independent of the thread
// count) and combine the blocks in order.
#pragma once

#include "backend/cpu/cpu_parallel.h"
#include "math/batchnorm_math.h"
#include "math/conv_math.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

namespace td::cpu {

// Columns of kernel row kh for output column ow that fall inside the image: [begin, end).
struct KernelSpan
{
    int begin, end;
};

inline KernelSpan kernelColumns(const ConvGeometry &g, int iw0)
{
    return {iw0 < 0 ? -iw0 : 0, iw0 + g.kernelW > g.width ? g.width - iw0 : g.kernelW};
}

// One sample: x [H, W, C] -> cols [OH * OW, KH * KW * C]. The kw neighbours of an input pixel
// are adjacent in NHWC, so each kernel row is one contiguous run of up to KW * C values.
template <typename T>
void im2colSample(const T *__restrict x, const ConvGeometry &g, T *__restrict cols)
{
    const int c = g.channels;
    const int rowLen = g.kernelW * c;
    if (rowLen < 16) {
        // Runs this short (a first layer on one-channel images) would cost a library call
        // each; fill each column position across a whole output row instead.
        const int64_t patch = g.patchSize();
        for (int oh = 0; oh < g.outH; ++oh) {
            T *rowOut = cols + int64_t(oh) * g.outW * patch;
            for (int kh = 0; kh < g.kernelH; ++kh) {
                const int ih = oh * g.strideH - g.padH + kh;
                const bool rowInside = ih >= 0 && ih < g.height;
                for (int kw = 0; kw < g.kernelW; ++kw) {
                    for (int ci = 0; ci < c; ++ci) {
                        T *dst = rowOut + (int64_t(kh) * g.kernelW + kw) * c + ci;
                        for (int ow = 0; ow < g.outW; ++ow) {
                            const int iw = ow * g.strideW - g.padW + kw;
                            const bool inside = rowInside && iw >= 0 && iw < g.width;
                            dst[ow * patch] =
                                inside ? x[(int64_t(ih) * g.width + iw) * c + ci] : T(0);
                        }
                    }
                }
            }
        }
        return;
    }
    T *dst = cols;
    for (int oh = 0; oh < g.outH; ++oh) {
        for (int ow = 0; ow < g.outW; ++ow) {
            const int iw0 = ow * g.strideW - g.padW;
            const KernelSpan span = kernelColumns(g, iw0);
            for (int kh = 0; kh < g.kernelH; ++kh, dst += rowLen) {
                const int ih = oh * g.strideH - g.padH + kh;
                if (ih < 0 || ih >= g.height || span.begin >= span.end) {
                    std::memset(dst, 0, sizeof(T) * size_t(rowLen));
                    continue;
                }
                // Offsets, not pointers: iw0 may lie left of the image.
                const int64_t base = (int64_t(ih) * g.width + iw0) * c;
                if (span.begin > 0)
                    std::memset(dst, 0, sizeof(T) * size_t(span.begin * c));
                std::memcpy(dst + span.begin * c, x + base + span.begin * c,
                            sizeof(T) * size_t((span.end - span.begin) * c));
                if (span.end < g.kernelW)
                    std::memset(dst + span.end * c, 0, sizeof(T) * size_t(rowLen - span.end * c));
            }
        }
    }
}

// One sample: dx [H, W, C] = sum of the column gradients each input element fed.
template <typename T>
void col2imSample(const T *__restrict dcols, const ConvGeometry &g, T *__restrict dx)
{
    const int c = g.channels;
    const int rowLen = g.kernelW * c;
    const int64_t sampleSize = int64_t(g.height) * g.width * c;
    for (int64_t i = 0; i < sampleSize; ++i)
        dx[i] = T(0);
    const T *src = dcols;
    for (int oh = 0; oh < g.outH; ++oh) {
        for (int ow = 0; ow < g.outW; ++ow) {
            const int iw0 = ow * g.strideW - g.padW;
            const KernelSpan span = kernelColumns(g, iw0);
            for (int kh = 0; kh < g.kernelH; ++kh, src += rowLen) {
                const int ih = oh * g.strideH - g.padH + kh;
                if (ih < 0 || ih >= g.height)
                    continue;
                const int64_t base = (int64_t(ih) * g.width + iw0) * c;
                for (int i = span.begin * c; i < span.end * c; ++i)
                    dx[base + i] += src[i];
            }
        }
    }
}

// One sample of max pooling. argmax holds the winner's index inside the sample (-1 when the
// window lies in the padding); ties keep the first element, as maxPoolElement does. The update
// is written without branches so it vectorises over channels.
template <typename T>
void maxPoolSample(const T *__restrict x, const ConvGeometry &g, T *__restrict y,
                   int32_t *__restrict argmax)
{
    const int c = g.channels;
    for (int oh = 0; oh < g.outH; ++oh) {
        for (int ow = 0; ow < g.outW; ++ow, y += c, argmax += c) {
            bool first = true;
            for (int kh = 0; kh < g.kernelH; ++kh) {
                const int ih = oh * g.strideH - g.padH + kh;
                if (ih < 0 || ih >= g.height)
                    continue;
                for (int kw = 0; kw < g.kernelW; ++kw) {
                    const int iw = ow * g.strideW - g.padW + kw;
                    if (iw < 0 || iw >= g.width)
                        continue;
                    const int32_t base = int32_t((ih * g.width + iw) * c);
                    const T *src = x + base;
                    if (first) {
                        for (int k = 0; k < c; ++k) {
                            y[k] = src[k];
                            argmax[k] = base + k;
                        }
                        first = false;
                        continue;
                    }
                    for (int k = 0; k < c; ++k) {
                        // Mask arithmetic rather than a second select: GCC vectorises this.
                        const T v = src[k], current = y[k];
                        const int32_t better = -int32_t(v > current);
                        y[k] = v > current ? v : current;
                        argmax[k] = (argmax[k] & ~better) | ((base + k) & better);
                    }
                }
            }
            if (first) {
                for (int k = 0; k < c; ++k) {
                    y[k] = T(0);
                    argmax[k] = -1;
                }
            }
        }
    }
}

// One sample of average pooling (padding counts as zeros, divided by the full window).
template <typename T> void avgPoolSample(const T *x, const ConvGeometry &g, T *y)
{
    const int c = g.channels;
    const T window = T(g.kernelH * g.kernelW);
    for (int oh = 0; oh < g.outH; ++oh) {
        for (int ow = 0; ow < g.outW; ++ow, y += c) {
            for (int k = 0; k < c; ++k)
                y[k] = T(0);
            for (int kh = 0; kh < g.kernelH; ++kh) {
                const int ih = oh * g.strideH - g.padH + kh;
                if (ih < 0 || ih >= g.height)
                    continue;
                for (int kw = 0; kw < g.kernelW; ++kw) {
                    const int iw = ow * g.strideW - g.padW + kw;
                    if (iw < 0 || iw >= g.width)
                        continue;
                    const T *src = x + (int64_t(ih) * g.width + iw) * c;
                    for (int k = 0; k < c; ++k)
                        y[k] += src[k];
                }
            }
            for (int k = 0; k < c; ++k)
                y[k] /= window;
        }
    }
}

// One sample of the pooling gradient: max (argmax != null) or average.
template <typename T>
void poolBackwardSample(const T *__restrict dy, const int32_t *__restrict argmax,
                        const ConvGeometry &g, T *__restrict dx)
{
    const int c = g.channels;
    const int64_t sampleSize = int64_t(g.height) * g.width * c;
    const bool tiles = g.strideH == g.kernelH && g.strideW == g.kernelW && g.padH == 0 &&
                       g.padW == 0 && g.outH * g.strideH == g.height &&
                       g.outW * g.strideW == g.width;
    if (argmax && tiles) {
        // Windows tile the input: each input element has exactly one window, so one write
        // pass replaces clearing and scattering.
        for (int oh = 0; oh < g.outH; ++oh) {
            for (int ow = 0; ow < g.outW; ++ow, dy += c, argmax += c) {
                for (int kh = 0; kh < g.kernelH; ++kh) {
                    const int ih = oh * g.strideH + kh;
                    for (int kw = 0; kw < g.kernelW; ++kw) {
                        const int32_t base = int32_t((ih * g.width + ow * g.strideW + kw) * c);
                        T *dst = dx + base;
                        for (int k = 0; k < c; ++k) {
                            const T grad = dy[k]; // loaded unconditionally: the loop vectorises
                            dst[k] = argmax[k] == base + k ? grad : T(0);
                        }
                    }
                }
            }
        }
        return;
    }
    for (int64_t i = 0; i < sampleSize; ++i)
        dx[i] = T(0);
    const int64_t outCount = int64_t(g.outH) * g.outW * c;
    if (argmax) {
        for (int64_t o = 0; o < outCount; ++o)
            if (argmax[o] >= 0)
                dx[argmax[o]] += dy[o];
        return;
    }
    const T window = T(g.kernelH * g.kernelW);
    for (int oh = 0; oh < g.outH; ++oh) {
        for (int ow = 0; ow < g.outW; ++ow, dy += c) {
            for (int kh = 0; kh < g.kernelH; ++kh) {
                const int ih = oh * g.strideH - g.padH + kh;
                if (ih < 0 || ih >= g.height)
                    continue;
                for (int kw = 0; kw < g.kernelW; ++kw) {
                    const int iw = ow * g.strideW - g.padW + kw;
                    if (iw < 0 || iw >= g.width)
                        continue;
                    T *dst = dx + (int64_t(ih) * g.width + iw) * c;
                    for (int k = 0; k < c; ++k)
                        dst[k] += dy[k] / window;
                }
            }
        }
    }
}

// Runs perSample(b) for every sample of the batch on the pool.
template <typename F> void forEachSample(int batch, F &&perSample)
{
    parallelFor(batch, 1, [&](int64_t begin, int64_t end) {
        for (int64_t b = begin; b < end; ++b)
            perSample(int(b));
    });
}

// Rows per batch-norm reduction block: the partial sums of a block do not depend on the thread
// count, so neither does the result.
constexpr int64_t kNormBlockRows = 512;

// Per-channel sums over rows, in double: out[c] = sum_r f(r, c). partial is scratch.
template <typename F>
void channelSums(int64_t rows, int channels, std::vector<double> &partial, double *out, F &&f)
{
    const int64_t blocks = (rows + kNormBlockRows - 1) / kNormBlockRows;
    partial.assign(size_t(blocks * channels), 0.0);
    parallelFor(blocks, 1, [&](int64_t begin, int64_t end) {
        for (int64_t blk = begin; blk < end; ++blk) {
            double *acc = partial.data() + blk * channels;
            const int64_t rEnd = std::min(rows, (blk + 1) * kNormBlockRows);
            for (int64_t r = blk * kNormBlockRows; r < rEnd; ++r)
                f(r, acc);
        }
    });
    for (int c = 0; c < channels; ++c)
        out[c] = 0;
    for (int64_t blk = 0; blk < blocks; ++blk)
        for (int c = 0; c < channels; ++c)
            out[c] += partial[size_t(blk * channels + c)];
}

// Applies f(r) to every row on the pool, in ranges of at least minRows rows.
template <typename F> void forEachRow(int64_t rows, int64_t minRows, F &&f)
{
    parallelFor(rows, minRows, [&](int64_t begin, int64_t end) {
        for (int64_t r = begin; r < end; ++r)
            f(r);
    });
}

} // namespace td::cpu
