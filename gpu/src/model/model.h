// A classifier: a layer chain plus the softmax cross-entropy head.
#pragma once

#include "model/layer_factory.h"

namespace td {

struct BatchLoss
{
    double lossSum = 0; // sum over samples, in sample order (deterministic)
    int correct = 0;
};

template <typename T> class Model
{
public:
    Status build(Ops<T> &ops, const JsonValue &architecture, const Shape &input, int classes,
                 uint64_t seed)
    {
        m_ops = &ops;
        m_classes = classes;
        TD_RETURN_IF_ERROR(buildLayers(architecture, m_net));
        Rng rng(seed);
        TD_RETURN_IF_ERROR(m_net.init(ops, input, rng, ""));
        if (m_net.outputShape().count() != classes)
            return {ErrorKind::Config, "the last layer must output " + std::to_string(classes) +
                                           " values (one per class), it outputs " +
                                           m_net.outputShape().str()};
        m_params.clear();
        m_state.clear();
        m_net.collectParams(m_params);
        m_net.collectState(m_state);
        for (Array<T> *a : {&m_logits, &m_dlogits, &m_losses})
            a->setMemory(&ops);
        m_predicted.setMemory(&ops);
        return Status::ok();
    }

    Status forward(const Array<T> &x, int batch, const ForwardContext &ctx)
    {
        return m_net.forward(x, m_logits, batch, ctx);
    }

    // Loss of the last forward pass; with gradScale != 0 also the backward pass, accumulating
    // (gradScale * d loss_i / d params) summed over samples into the parameter gradients.
    Status lossAndBackward(const Array<T> &x, const Array<int32_t> &labels,
                           const std::vector<int32_t> &hostLabels, int batch, T smoothing,
                           T gradScale, BatchLoss &result)
    {
        const bool train = gradScale != T(0);
        TD_RETURN_IF_ERROR(m_losses.resize(size_t(batch)));
        TD_RETURN_IF_ERROR(m_predicted.resize(size_t(batch)));
        if (train)
            TD_RETURN_IF_ERROR(m_dlogits.resize(size_t(batch) * m_classes));
        TD_RETURN_IF_ERROR(m_ops->crossEntropy(
            m_logits.data(), labels.data(), batch, m_classes, smoothing, gradScale, m_losses.data(),
            train ? m_dlogits.data() : nullptr, m_predicted.data()));
        TD_RETURN_IF_ERROR(m_losses.download(m_hostLosses));
        TD_RETURN_IF_ERROR(m_predicted.download(m_hostPredicted));
        result = BatchLoss{};
        for (int i = 0; i < batch; ++i) {
            result.lossSum += double(m_hostLosses[size_t(i)]);
            result.correct += m_hostPredicted[size_t(i)] == hostLabels[size_t(i)] ? 1 : 0;
        }
        if (train)
            TD_RETURN_IF_ERROR(m_net.backward(x, m_dlogits, nullptr, batch));
        return Status::ok();
    }

    Status zeroGrad()
    {
        for (Param<T> *p : m_params)
            TD_RETURN_IF_ERROR(m_ops->fill(p->grad.data(), p->grad.size(), T(0)));
        return Status::ok();
    }

    const std::vector<Param<T> *> &params() const { return m_params; }
    const std::vector<StateBuffer<T> *> &state() const { return m_state; }
    int64_t paramCount() const
    {
        int64_t n = 0;
        for (const Param<T> *p : m_params)
            n += int64_t(p->value.size());
        return n;
    }
    const Array<T> &logits() const { return m_logits; }
    int classes() const { return m_classes; }
    Sequential<T> &net() { return m_net; }

private:
    Ops<T> *m_ops = nullptr;
    int m_classes = 0;
    Sequential<T> m_net;
    std::vector<Param<T> *> m_params;
    std::vector<StateBuffer<T> *> m_state;
    Array<T> m_logits, m_dlogits, m_losses;
    Array<int32_t> m_predicted;
    std::vector<T> m_hostLosses;
    std::vector<int32_t> m_hostPredicted;
};

} // namespace td
