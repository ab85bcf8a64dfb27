// Per-parameter optimizer updates, shared by both backends.
#pragma once

#include "common/hd.h"

#include <cmath>

namespace td {

struct AdamHyper
{
    float lr;
    float beta1;
    float beta2;
    float eps;
    float weightDecay;     // decoupled (AdamW): p -= lr * wd * p
    float biasCorrection1; // 1 - beta1^t
    float biasCorrection2; // 1 - beta2^t
};

template <typename T> TD_HD void adamwUpdate(T &p, T g, T &m, T &v, const AdamHyper &h)
{
    m = T(h.beta1) * m + T(1 - h.beta1) * g;
    v = T(h.beta2) * v + T(1 - h.beta2) * g * g;
    const T mHat = m / T(h.biasCorrection1);
    const T vHat = v / T(h.biasCorrection2);
    p -= T(h.lr) * (mHat / (sqrt(vHat) + T(h.eps)) + T(h.weightDecay) * p);
}

struct SgdHyper
{
    float lr;
    float momentum;
    float weightDecay; // coupled (added to the gradient), as in torch.optim.SGD
    bool nesterov;
};

// torch.optim.SGD semantics: buf = mu * buf + g; step = nesterov ? g + mu * buf : buf.
template <typename T> TD_HD void sgdUpdate(T &p, T g, T &buf, const SgdHyper &h)
{
    g += T(h.weightDecay) * p;
    buf = T(h.momentum) * buf + g;
    const T step = h.nesterov ? g + T(h.momentum) * buf : buf;
    p -= T(h.lr) * step;
}

} // namespace td
