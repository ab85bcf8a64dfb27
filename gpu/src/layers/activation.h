// ReLU / GELU layers (shape preserving).
#pragma once

#include "layers/layer.h"

namespace td {

template <typename T> class ActivationLayer final : public Layer<T>
{
public:
    explicit ActivationLayer(Activation a) : m_activation(a) {}
    std::string kind() const override { return m_activation == Activation::Relu ? "relu" : "gelu"; }

    Status init(Ops<T> &ops, const Shape &input, Rng &, const std::string &) override
    {
        this->m_ops = &ops;
        this->m_in = this->m_out = input;
        return Status::ok();
    }

    Status forward(const Array<T> &x, Array<T> &y, int batch, const ForwardContext &) override
    {
        const size_t n = size_t(batch) * this->m_in.count();
        TD_RETURN_IF_ERROR(y.resize(n));
        return this->m_ops->activationForward(m_activation, y.data(), x.data(), n);
    }

    Status backward(const Array<T> &x, const Array<T> &dy, Array<T> *dx, int batch) override
    {
        if (!dx)
            return Status::ok();
        const size_t n = size_t(batch) * this->m_in.count();
        TD_RETURN_IF_ERROR(dx->resize(n));
        return this->m_ops->activationBackward(m_activation, dx->data(), dy.data(), x.data(), n);
    }

private:
    Activation m_activation;
};

} // namespace td
