// Max / average pooling on NHWC tensors. Backward passes are gathers over the windows that
// contain an input element, so no atomics are needed and both backends sum in the same order.
// Average pooling divides by the full window (padding counts as zeros, PyTorch's default).
#pragma once

#include "math/conv_math.h"

namespace td {

// Pooling reuses ConvGeometry: channels in == channels out, no weights.
template <typename T>
TD_HD T maxPoolElement(const T *x, const ConvGeometry &g, int64_t o, int32_t *argmaxOut)
{
    const int c = int(o % g.channels);
    const int ow = int((o / g.channels) % g.outW);
    const int oh = int((o / (int64_t(g.channels) * g.outW)) % g.outH);
    const int b = int(o / (int64_t(g.channels) * g.outW * g.outH));
    T best = T(0);
    int32_t bestIndex = -1;
    for (int kh = 0; kh < g.kernelH; ++kh) {
        const int ih = oh * g.strideH - g.padH + kh;
        if (ih < 0 || ih >= g.height)
            continue;
        for (int kw = 0; kw < g.kernelW; ++kw) {
            const int iw = ow * g.strideW - g.padW + kw;
            if (iw < 0 || iw >= g.width)
                continue;
            const int32_t index = int32_t((ih * g.width + iw) * g.channels + c);
            const T v = x[int64_t(b) * g.height * g.width * g.channels + index];
            if (bestIndex < 0 || v > best) {
                best = v;
                bestIndex = index;
            }
        }
    }
    *argmaxOut = bestIndex; // position inside the sample, so it fits 32 bits
    return best;
}

template <typename T> TD_HD T avgPoolElement(const T *x, const ConvGeometry &g, int64_t o)
{
    const int c = int(o % g.channels);
    const int ow = int((o / g.channels) % g.outW);
    const int oh = int((o / (int64_t(g.channels) * g.outW)) % g.outH);
    const int b = int(o / (int64_t(g.channels) * g.outW * g.outH));
    T sum = T(0);
    for (int kh = 0; kh < g.kernelH; ++kh) {
        const int ih = oh * g.strideH - g.padH + kh;
        if (ih < 0 || ih >= g.height)
            continue;
        for (int kw = 0; kw < g.kernelW; ++kw) {
            const int iw = ow * g.strideW - g.padW + kw;
            if (iw < 0 || iw >= g.width)
                continue;
            sum += x[((int64_t(b) * g.height + ih) * g.width + iw) * g.channels + c];
        }
    }
    return sum / T(g.kernelH * g.kernelW);
}

// Gradient of input element j for max (argmax != null) or average pooling.
template <typename T>
TD_HD T poolBackwardElement(const T *dy, const int32_t *argmax, const ConvGeometry &g, int64_t j)
{
    const int c = int(j % g.channels);
    const int iw = int((j / g.channels) % g.width);
    const int ih = int((j / (int64_t(g.channels) * g.width)) % g.height);
    const int b = int(j / (int64_t(g.channels) * g.width * g.height));
    const int32_t inSample = int32_t((ih * g.width + iw) * g.channels + c);
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
            const int64_t o = ((int64_t(b) * g.outH + oh) * g.outW + ow) * g.channels + c;
            if (argmax) {
                if (argmax[o] == inSample)
                    sum += dy[o];
            } else {
                sum += dy[o] / T(g.kernelH * g.kernelW);
            }
        }
    }
    return sum;
}

} // namespace td
