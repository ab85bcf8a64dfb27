// Flatten [H, W, C] to [H*W*C]. The data is already contiguous, so this is a copy; it exists so
// configs can say where the image part of a network ends.
#pragma once

#include "layers/layer.h"

namespace td {

template <typename T> class Flatten final : public Layer<T>
{
public:
    std::string kind() const override { return "flatten"; }

    Status init(Ops<T> &ops, const Shape &input, Rng &, const std::string &) override
    {
        this->m_ops = &ops;
        this->m_in = input;
        this->m_out = Shape{{int(input.count())}};
        return Status::ok();
    }

    Status forward(const Array<T> &x, Array<T> &y, int batch, const ForwardContext &) override
    {
        const size_t n = size_t(batch) * this->m_in.count();
        TD_RETURN_IF_ERROR(y.resize(n));
        return this->m_ops->copy(y.data(), x.data(), n);
    }

    Status backward(const Array<T> &, const Array<T> &dy, Array<T> *dx, int batch) override
    {
        if (!dx)
            return Status::ok();
        const size_t n = size_t(batch) * this->m_in.count();
        TD_RETURN_IF_ERROR(dx->resize(n));
        return this->m_ops->copy(dx->data(), dy.data(), n);
    }
};

} // namespace td
