// Batch normalisation over channels (the last axis): BatchNorm2d for [H, W, C] inputs and
// BatchNorm1d for [features]. Training uses batch statistics; evaluation the running ones.
#pragma once

#include "layers/layer.h"

namespace td {

template <typename T> class BatchNorm final : public Layer<T>
{
public:
    explicit BatchNorm(float momentum = 0.1f, float eps = 1e-5f) : m_momentum(momentum), m_eps(eps)
    {
    }
    std::string kind() const override { return "batchnorm"; }

    Status init(Ops<T> &ops, const Shape &input, Rng &, const std::string &prefix) override
    {
        this->m_ops = &ops;
        this->m_in = this->m_out = input;
        m_channels = input.dims.empty() ? 1 : input.dims.back();
        const size_t c = size_t(m_channels);
        TD_RETURN_IF_ERROR(initParam(ops, m_gamma, prefix + ".weight", std::vector<T>(c, T(1)),
                                     false, {m_channels}));
        TD_RETURN_IF_ERROR(
            initParam(ops, m_beta, prefix + ".bias", std::vector<T>(c, T(0)), false, {m_channels}));
        m_runningMean.name = prefix + ".running_mean";
        m_runningVar.name = prefix + ".running_var";
        m_runningMean.value.setMemory(&ops);
        m_runningVar.value.setMemory(&ops);
        TD_RETURN_IF_ERROR(m_runningMean.value.upload(std::vector<T>(c, T(0))));
        TD_RETURN_IF_ERROR(m_runningVar.value.upload(std::vector<T>(c, T(1))));
        m_saveMean.setMemory(&ops);
        m_saveInvStd.setMemory(&ops);
        m_scratch.setMemory(&ops);
        m_reluScratch.setMemory(&ops);
        TD_RETURN_IF_ERROR(m_saveMean.resize(c));
        return m_saveInvStd.resize(c);
    }

    bool fuseFollowingRelu() override
    {
        m_fusedRelu = true;
        return true;
    }

    Status forward(const Array<T> &x, Array<T> &y, int batch, const ForwardContext &ctx) override
    {
        const int64_t rows = int64_t(batch) * (this->m_in.count() / m_channels);
        TD_RETURN_IF_ERROR(y.resize(size_t(rows) * m_channels));
        // With a fused ReLU the backward pass needs this output (ReLU's derivative); the owner
        // keeps it alive until then, as it does for every layer's input.
        m_output = &y;
        Ops<T> &ops = *this->m_ops;
        if (ctx.training)
            return m_fusedRelu
                       ? ops.batchNormReluForwardTrain(
                             x.data(), rows, m_channels, m_gamma.value.data(), m_beta.value.data(),
                             T(m_eps), T(m_momentum), m_runningMean.value.data(),
                             m_runningVar.value.data(), m_saveMean.data(), m_saveInvStd.data(),
                             y.data())
                       : ops.batchNormForwardTrain(x.data(), rows, m_channels, m_gamma.value.data(),
                                                   m_beta.value.data(), T(m_eps), T(m_momentum),
                                                   m_runningMean.value.data(),
                                                   m_runningVar.value.data(), m_saveMean.data(),
                                                   m_saveInvStd.data(), y.data());
        return m_fusedRelu
                   ? ops.batchNormReluForwardInfer(
                         x.data(), rows, m_channels, m_gamma.value.data(), m_beta.value.data(),
                         T(m_eps), m_runningMean.value.data(), m_runningVar.value.data(), y.data())
                   : ops.batchNormForwardInfer(
                         x.data(), rows, m_channels, m_gamma.value.data(), m_beta.value.data(),
                         T(m_eps), m_runningMean.value.data(), m_runningVar.value.data(), y.data());
    }

    Status backward(const Array<T> &x, const Array<T> &dy, Array<T> *dx, int batch) override
    {
        const int64_t rows = int64_t(batch) * (this->m_in.count() / m_channels);
        // The batch-norm input gradient is needed for the parameter gradients anyway; when the
        // caller wants no dx (first layer), compute it into scratch.
        Array<T> *target = dx ? dx : &m_scratch;
        TD_RETURN_IF_ERROR(target->resize(size_t(rows) * m_channels));
        if (!m_fusedRelu)
            return this->m_ops->batchNormBackward(
                dy.data(), x.data(), rows, m_channels, m_gamma.value.data(), m_saveMean.data(),
                m_saveInvStd.data(), target->data(), m_gamma.grad.data(), m_beta.grad.data());
        if (!m_output || m_output->size() != size_t(rows) * m_channels)
            return {ErrorKind::Config, "batchnorm: backward without a matching forward pass"};
        // Backends that fuse never touch the scratch, so on the CPU it stays unbacked memory.
        TD_RETURN_IF_ERROR(m_reluScratch.resize(size_t(rows) * m_channels));
        return this->m_ops->batchNormReluBackward(
            dy.data(), m_output->data(), x.data(), rows, m_channels, m_gamma.value.data(),
            m_saveMean.data(), m_saveInvStd.data(), m_reluScratch.data(), target->data(),
            m_gamma.grad.data(), m_beta.grad.data());
    }

    void collectParams(std::vector<Param<T> *> &out) override
    {
        out.push_back(&m_gamma);
        out.push_back(&m_beta);
    }
    void collectState(std::vector<StateBuffer<T> *> &out) override
    {
        out.push_back(&m_runningMean);
        out.push_back(&m_runningVar);
    }

private:
    float m_momentum;
    float m_eps;
    int m_channels = 0;
    Param<T> m_gamma;
    Param<T> m_beta;
    StateBuffer<T> m_runningMean;
    StateBuffer<T> m_runningVar;
    Array<T> m_saveMean;
    Array<T> m_saveInvStd;
    Array<T> m_scratch;
    bool m_fusedRelu = false;
    const Array<T> *m_output = nullptr;
    Array<T> m_reluScratch;
};

} // namespace td
