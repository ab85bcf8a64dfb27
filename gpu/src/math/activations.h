// Element-wise activations and their derivatives, shared by the CPU loops and the CUDA kernels.
#pragma once

#include "common/hd.h"

#include <cmath>

namespace td {

enum class Activation { Relu, Gelu };

template <typename T> TD_HD T reluForward(T x)
{
    return x > T(0) ? x : T(0);
}

// Derivative taken as 0 at x == 0, matching PyTorch.
template <typename T> TD_HD T reluBackward(T dy, T x)
{
    return x > T(0) ? dy : T(0);
}

// GELU, tanh approximation (as in GPT-2 / llm.c): cheaper than erf and close enough for training.
template <typename T> TD_HD T geluForward(T x)
{
    const T c = T(0.7978845608028654); // sqrt(2 / pi)
    const T inner = c * (x + T(0.044715) * x * x * x);
    return T(0.5) * x * (T(1) + tanh(inner));
}

template <typename T> TD_HD T geluBackward(T dy, T x)
{
    const T c = T(0.7978845608028654);
    const T x3 = x * x * x;
    const T inner = c * (x + T(0.044715) * x3);
    const T t = tanh(inner);
    const T sech2 = T(1) - t * t;
    const T local = T(0.5) * (T(1) + t) + T(0.5) * x * sech2 * c * (T(1) + T(3 * 0.044715) * x * x);
    return dy * local;
}

template <typename T> TD_HD T activationForward(Activation a, T x)
{
    return a == Activation::Relu ? reluForward(x) : geluForward(x);
}

template <typename T> TD_HD T activationBackward(Activation a, T dy, T x)
{
    return a == Activation::Relu ? reluBackward(dy, x) : geluBackward(dy, x);
}

} // namespace td
