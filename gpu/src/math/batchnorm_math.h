// Batch normalisation over the channel (last) axis of a [rows, channels] view of an NHWC tensor.
// Per-channel reductions loop over rows inside one call, so the CUDA kernel is one thread per
// channel running the same loop (and the same summation order) as the CPU.
#pragma once

#include "common/hd.h"

#include <cmath>
#include <cstdint>

namespace td {

// Biased batch variance (used for normalisation), accumulated in double for stability.
template <typename T>
TD_HD void batchNormChannelStats(const T *x, int64_t rows, int channels, int c, T *mean, T *var)
{
    double sum = 0;
    for (int64_t r = 0; r < rows; ++r)
        sum += double(x[r * channels + c]);
    const double m = sum / double(rows);
    double sq = 0;
    for (int64_t r = 0; r < rows; ++r) {
        const double d = double(x[r * channels + c]) - m;
        sq += d * d;
    }
    *mean = T(m);
    *var = T(sq / double(rows));
}

// Sums needed by the backward pass: sum(dy) and sum(dy * xhat) per channel.
template <typename T>
TD_HD void batchNormChannelGradSums(const T *dy, const T *x, int64_t rows, int channels, int c,
                                    T mean, T invStd, T *sumDy, T *sumDyXhat)
{
    double s1 = 0, s2 = 0;
    for (int64_t r = 0; r < rows; ++r) {
        const double g = double(dy[r * channels + c]);
        s1 += g;
        s2 += g * (double(x[r * channels + c]) - double(mean)) * double(invStd);
    }
    *sumDy = T(s1);
    *sumDyXhat = T(s2);
}

template <typename T> TD_HD T batchNormForwardElement(T x, T mean, T invStd, T gamma, T beta)
{
    return (x - mean) * invStd * gamma + beta;
}

template <typename T>
TD_HD T batchNormBackwardElement(T dy, T x, T mean, T invStd, T gamma, T sumDy, T sumDyXhat,
                                 int64_t rows)
{
    const T xhat = (x - mean) * invStd;
    const T n = T(rows);
    return gamma * invStd * (dy - sumDy / n - xhat * sumDyXhat / n);
}

// Inverted dropout: keep with probability 1 - p and scale by 1 / (1 - p).
template <typename T> TD_HD T dropoutScale(float u, float p)
{
    return u < p ? T(0) : T(1) / T(1 - p);
}

} // namespace td
