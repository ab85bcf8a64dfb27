// Softmax cross-entropy with label smoothing, one row (sample) at a time. The CPU backend calls
// crossEntropyRow per sample; the CUDA kernel runs one thread per row on the same function.
#pragma once

#include "common/hd.h"

#include <cmath>
#include <cstdint>

namespace td {

// logits: C values of one sample. Writes the loss of this sample, the gradient of
// (loss * gradScale) with respect to the logits, and returns the arg-max class.
// Smoothed target: (1 - s) on the label plus s / C everywhere.
template <typename T>
TD_HD int32_t crossEntropyRow(const T *logits, int32_t label, int classes, T smoothing, T gradScale,
                              T *loss, T *dlogits)
{
    T maxv = logits[0];
    int32_t argmax = 0;
    for (int c = 1; c < classes; ++c) {
        if (logits[c] > maxv) {
            maxv = logits[c];
            argmax = c;
        }
    }
    T sum = T(0);
    for (int c = 0; c < classes; ++c)
        sum += exp(logits[c] - maxv);
    const T logSum = log(sum) + maxv;
    const T offTarget = smoothing / T(classes);
    const T onTarget = T(1) - smoothing + offTarget;
    T l = T(0);
    for (int c = 0; c < classes; ++c) {
        const T target = c == label ? onTarget : offTarget;
        const T logp = logits[c] - logSum;
        l -= target * logp;
        if (dlogits)
            dlogits[c] = (exp(logp) - target) * gradScale;
    }
    *loss = l;
    return argmax;
}

} // namespace td
