// Base of all layers. A layer sees one batch at a time; per-sample shapes exclude the batch
// dimension ({H, W, C} for images in NHWC, {features} for vectors).
#pragma once

#include "common/array.h"
#include "common/rng.h"

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace td {

struct Shape
{
    std::vector<int> dims;
    int64_t count() const
    {
        int64_t n = 1;
        for (int d : dims)
            n *= d;
        return n;
    }
    bool isImage() const { return dims.size() == 3; }
    std::string str() const
    {
        std::string s = "[";
        for (size_t i = 0; i < dims.size(); ++i)
            s += (i ? "x" : "") + std::to_string(dims[i]);
        return s + "]";
    }
};

template <typename T> struct Param
{
    std::string name;
    Array<T> value;
    Array<T> grad;
    std::vector<int> shape;  // for export; row-major, e.g. [out, in] or [out, KH, KW, in]
    bool weightDecay = true; // biases and norm parameters are excluded, as is usual practice
};

// Non-trainable state that is part of the model (batch-norm running statistics).
template <typename T> struct StateBuffer
{
    std::string name;
    Array<T> value;
};

struct ForwardContext
{
    bool training = false;
    uint64_t dropoutKey = 0; // changes every step; layers mix in their own index
};

template <typename T> class Layer
{
public:
    virtual ~Layer() = default;
    virtual std::string kind() const = 0;

    // Checks the input shape, computes the output shape, allocates and initialises parameters.
    virtual Status init(Ops<T> &ops, const Shape &input, Rng &rng, const std::string &prefix) = 0;
    const Shape &outputShape() const { return m_out; }

    virtual Status forward(const Array<T> &x, Array<T> &y, int batch,
                           const ForwardContext &ctx) = 0;
    // Accumulates parameter gradients; writes dx unless it is null (first layer).
    virtual Status backward(const Array<T> &x, const Array<T> &dy, Array<T> *dx, int batch) = 0;

    // Asks the layer to also apply the ReLU that follows it (its output becomes that ReLU's
    // output, and backward receives that ReLU's output gradient). Returns false when the layer
    // cannot, and then nothing changes.
    virtual bool fuseFollowingRelu() { return false; }

    virtual void collectParams(std::vector<Param<T> *> &) {}
    virtual void collectState(std::vector<StateBuffer<T> *> &) {}

protected:
    Ops<T> *m_ops = nullptr;
    Shape m_in;
    Shape m_out;
};

// Allocates a parameter and its gradient and uploads the host initial values.
template <typename T>
Status initParam(Ops<T> &ops, Param<T> &p, const std::string &name, const std::vector<T> &host,
                 bool weightDecay, std::vector<int> shape)
{
    p.name = name;
    p.shape = std::move(shape);
    p.weightDecay = weightDecay;
    p.value.setMemory(&ops);
    p.grad.setMemory(&ops);
    TD_RETURN_IF_ERROR(p.value.upload(host));
    TD_RETURN_IF_ERROR(p.grad.resize(host.size()));
    return ops.fill(p.grad.data(), host.size(), T(0));
}

// PyTorch's default for Linear and Conv2d: uniform in +-1/sqrt(fan_in) (kaiming_uniform, a=sqrt 5).
template <typename T> std::vector<T> uniformInit(size_t n, int64_t fanIn, Rng &rng)
{
    const double bound = 1.0 / std::sqrt(double(fanIn));
    std::vector<T> v(n);
    for (auto &x : v)
        x = T((rng.uniform() * 2 - 1) * bound);
    return v;
}

} // namespace td
