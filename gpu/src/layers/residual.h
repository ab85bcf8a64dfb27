// Basic residual block (ResNet v1): relu(bn(conv3x3(relu(bn(conv3x3(x))))) + shortcut(x)),
// the shortcut being identity or, when the shape changes, conv1x1 + bn.
#pragma once

#include "layers/activation.h"
#include "layers/batchnorm2d.h"
#include "layers/conv2d.h"
#include "layers/sequential.h"

namespace td {

template <typename T> class ResidualBlock final : public Layer<T>
{
public:
    ResidualBlock(int outChannels, int stride) : m_outChannels(outChannels), m_stride(stride) {}
    std::string kind() const override { return "residual"; }

    Status init(Ops<T> &ops, const Shape &input, Rng &rng, const std::string &prefix) override
    {
        if (!input.isImage())
            return {ErrorKind::Config, prefix + ": residual block needs an image input"};
        this->m_ops = &ops;
        this->m_in = input;
        m_main.add(
            std::make_unique<Conv2d<T>>(Conv2dOptions{m_outChannels, 3, m_stride, 1, false}));
        m_main.add(std::make_unique<BatchNorm<T>>());
        m_main.add(std::make_unique<ActivationLayer<T>>(Activation::Relu));
        m_main.add(std::make_unique<Conv2d<T>>(Conv2dOptions{m_outChannels, 3, 1, 1, false}));
        m_main.add(std::make_unique<BatchNorm<T>>());
        if (m_stride != 1 || input.dims[2] != m_outChannels) {
            m_shortcut.add(
                std::make_unique<Conv2d<T>>(Conv2dOptions{m_outChannels, 1, m_stride, 0, false}));
            m_shortcut.add(std::make_unique<BatchNorm<T>>());
        }
        TD_RETURN_IF_ERROR(m_main.init(ops, input, rng, prefix + ".main"));
        TD_RETURN_IF_ERROR(m_shortcut.init(ops, input, rng, prefix + ".shortcut"));
        if (m_main.outputShape().dims != m_shortcut.outputShape().dims)
            return {ErrorKind::Config, prefix + ": residual shapes differ"};
        this->m_out = m_main.outputShape();
        for (Array<T> *a : {&m_shortOut, &m_sum, &m_dsum, &m_dxShort})
            a->setMemory(&ops);
        return Status::ok();
    }

    Status forward(const Array<T> &x, Array<T> &y, int batch, const ForwardContext &ctx) override
    {
        TD_RETURN_IF_ERROR(m_main.forward(x, m_sum, batch, ctx));
        TD_RETURN_IF_ERROR(m_shortcut.forward(x, m_shortOut, batch, ctx));
        TD_RETURN_IF_ERROR(this->m_ops->axpy(m_sum.data(), m_shortOut.data(), T(1), m_sum.size()));
        TD_RETURN_IF_ERROR(y.resize(m_sum.size()));
        return this->m_ops->activationForward(Activation::Relu, y.data(), m_sum.data(),
                                              m_sum.size());
    }

    Status backward(const Array<T> &x, const Array<T> &dy, Array<T> *dx, int batch) override
    {
        TD_RETURN_IF_ERROR(m_dsum.resize(m_sum.size()));
        TD_RETURN_IF_ERROR(this->m_ops->activationBackward(Activation::Relu, m_dsum.data(),
                                                           dy.data(), m_sum.data(), m_sum.size()));
        TD_RETURN_IF_ERROR(m_main.backward(x, m_dsum, dx, batch));
        TD_RETURN_IF_ERROR(m_shortcut.backward(x, m_dsum, dx ? &m_dxShort : nullptr, batch));
        if (dx)
            TD_RETURN_IF_ERROR(
                this->m_ops->axpy(dx->data(), m_dxShort.data(), T(1), m_dxShort.size()));
        return Status::ok();
    }

    void collectParams(std::vector<Param<T> *> &out) override
    {
        m_main.collectParams(out);
        m_shortcut.collectParams(out);
    }
    void collectState(std::vector<StateBuffer<T> *> &out) override
    {
        m_main.collectState(out);
        m_shortcut.collectState(out);
    }

private:
    int m_outChannels;
    int m_stride;
    Sequential<T> m_main;
    Sequential<T> m_shortcut;
    // m_sum holds the main path output plus the shortcut: the pre-activation ReLU needs.
    Array<T> m_shortOut, m_sum, m_dsum, m_dxShort;
};

} // namespace td
