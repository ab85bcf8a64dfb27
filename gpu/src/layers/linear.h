// Fully connected layer y = x W^T + b, W stored [out, in] as in PyTorch. Any input rank is
// accepted and read as a flat vector per sample.
#pragma once

#include "layers/layer.h"

namespace td {

template <typename T> class Linear final : public Layer<T>
{
public:
    explicit Linear(int outFeatures, bool bias = true) : m_outFeatures(outFeatures), m_bias(bias) {}
    std::string kind() const override { return "linear"; }

    Status init(Ops<T> &ops, const Shape &input, Rng &rng, const std::string &prefix) override
    {
        if (m_outFeatures <= 0)
            return {ErrorKind::Config, prefix + ": linear needs out > 0"};
        this->m_ops = &ops;
        this->m_in = input;
        this->m_out = Shape{{m_outFeatures}};
        m_inFeatures = int(input.count());
        TD_RETURN_IF_ERROR(
            initParam(ops, m_weight, prefix + ".weight",
                      uniformInit<T>(size_t(m_inFeatures) * m_outFeatures, m_inFeatures, rng), true,
                      {m_outFeatures, m_inFeatures}));
        if (m_bias)
            TD_RETURN_IF_ERROR(initParam(ops, m_biasParam, prefix + ".bias",
                                         uniformInit<T>(size_t(m_outFeatures), m_inFeatures, rng),
                                         false, {m_outFeatures}));
        return Status::ok();
    }

    Status forward(const Array<T> &x, Array<T> &y, int batch, const ForwardContext &) override
    {
        TD_RETURN_IF_ERROR(y.resize(size_t(batch) * m_outFeatures));
        TD_RETURN_IF_ERROR(this->m_ops->gemm(false, true, batch, m_outFeatures, m_inFeatures, T(1),
                                             x.data(), m_weight.value.data(), T(0), y.data()));
        if (m_bias)
            TD_RETURN_IF_ERROR(
                this->m_ops->addBias(y.data(), m_biasParam.value.data(), batch, m_outFeatures));
        return Status::ok();
    }

    Status backward(const Array<T> &x, const Array<T> &dy, Array<T> *dx, int batch) override
    {
        // dW[out, in] += dy^T x
        TD_RETURN_IF_ERROR(this->m_ops->gemm(true, false, m_outFeatures, m_inFeatures, batch, T(1),
                                             dy.data(), x.data(), T(1), m_weight.grad.data()));
        if (m_bias)
            TD_RETURN_IF_ERROR(
                this->m_ops->biasGrad(m_biasParam.grad.data(), dy.data(), batch, m_outFeatures));
        if (dx) {
            TD_RETURN_IF_ERROR(dx->resize(size_t(batch) * m_inFeatures));
            TD_RETURN_IF_ERROR(this->m_ops->gemm(false, false, batch, m_inFeatures, m_outFeatures,
                                                 T(1), dy.data(), m_weight.value.data(), T(0),
                                                 dx->data()));
        }
        return Status::ok();
    }

    void collectParams(std::vector<Param<T> *> &out) override
    {
        out.push_back(&m_weight);
        if (m_bias)
            out.push_back(&m_biasParam);
    }

private:
    int m_inFeatures = 0;
    int m_outFeatures;
    bool m_bias;
    Param<T> m_weight;
    Param<T> m_biasParam;
};

} // namespace td
