// im2col / col2im for NHWC tensors. Convolution becomes one GEMM over the whole batch:
// cols [B*OH*OW, KH*KW*C] x weight^T [KH*KW*C, OC] -> output [B*OH*OW, OC], already NHWC.
// col2im is written as a gather (each input element sums what it fed) so it needs no atomics
// on the GPU and gives the same summation order on both backends.
#pragma once

#include "common/hd.h"

#include <cstdint>

namespace td {

struct ConvGeometry
{
    int batch, height, width, channels;
    int kernelH, kernelW, strideH, strideW, padH, padW;
    int outH, outW;

    TD_HD int64_t patchSize() const { return int64_t(kernelH) * kernelW * channels; }
    TD_HD int64_t outPixels() const { return int64_t(batch) * outH * outW; }
    TD_HD int64_t inputSize() const { return int64_t(batch) * height * width * channels; }
};

inline int convOutputSize(int in, int kernel, int stride, int pad)
{
    return (in + 2 * pad - kernel) / stride + 1;
}

template <typename T> TD_HD T im2colElement(const T *x, const ConvGeometry &g, int64_t i)
{
    const int64_t k = i % g.patchSize();
    const int64_t row = i / g.patchSize();
    const int ow = int(row % g.outW);
    const int oh = int((row / g.outW) % g.outH);
    const int b = int(row / (int64_t(g.outW) * g.outH));
    const int c = int(k % g.channels);
    const int kw = int((k / g.channels) % g.kernelW);
    const int kh = int(k / (int64_t(g.channels) * g.kernelW));
    const int ih = oh * g.strideH - g.padH + kh;
    const int iw = ow * g.strideW - g.padW + kw;
    if (ih < 0 || ih >= g.height || iw < 0 || iw >= g.width)
        return T(0);
    return x[((int64_t(b) * g.height + ih) * g.width + iw) * g.channels + c];
}

// Gradient of input element j (NHWC index) from the column gradients.
template <typename T> TD_HD T col2imElement(const T *dcols, const ConvGeometry &g, int64_t j)
{
    const int c = int(j % g.channels);
    const int iw = int((j / g.channels) % g.width);
    const int ih = int((j / (int64_t(g.channels) * g.width)) % g.height);
    const int b = int(j / (int64_t(g.channels) * g.width * g.height));
    T sum = T(0);
    for (int kh = 0; kh < g.kernelH; ++kh) {
        const int ohStrided = ih + g.padH - kh;
        if (ohStrided < 0 || ohStrided % g.strideH != 0)
            continue;
        const int oh = ohStrided / g.strideH;
        if (oh >= g.outH)
            continue;
        for (int kw = 0; kw < g.kernelW; ++kw) {
            const int owStrided = iw + g.padW - kw;
            if (owStrided < 0 || owStrided % g.strideW != 0)
                continue;
            const int ow = owStrided / g.strideW;
            if (ow >= g.outW)
                continue;
            const int64_t row = (int64_t(b) * g.outH + oh) * g.outW + ow;
            sum += dcols[row * g.patchSize() + (int64_t(kh) * g.kernelW + kw) * g.channels + c];
        }
    }
    return sum;
}

} // namespace td
