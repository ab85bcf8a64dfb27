// A chain of layers; itself a layer so residual blocks can nest chains.
#pragma once

#include "layers/layer.h"

#include <memory>

namespace td {

template <typename T> class Sequential final : public Layer<T>
{
public:
    std::string kind() const override { return "sequential"; }

    void add(std::unique_ptr<Layer<T>> layer) { m_layers.push_back(std::move(layer)); }
    size_t layerCount() const { return m_layers.size(); }
    Layer<T> &layer(size_t i) { return *m_layers[i]; }

    Status init(Ops<T> &ops, const Shape &input, Rng &rng, const std::string &prefix) override
    {
        this->m_ops = &ops;
        this->m_in = input;
        Shape shape = input;
        for (size_t i = 0; i < m_layers.size(); ++i) {
            const std::string name =
                prefix.empty() ? std::to_string(i) : prefix + "." + std::to_string(i);
            TD_RETURN_IF_ERROR(m_layers[i]->init(ops, shape, rng, name));
            shape = m_layers[i]->outputShape();
        }
        this->m_out = shape;
        m_acts.clear();
        for (size_t i = 0; i + 1 < m_layers.size(); ++i)
            m_acts.emplace_back(&ops);
        m_grads[0].setMemory(&ops);
        m_grads[1].setMemory(&ops);
        return Status::ok();
    }

    Status forward(const Array<T> &x, Array<T> &y, int batch, const ForwardContext &ctx) override
    {
        if (m_layers.empty()) {
            TD_RETURN_IF_ERROR(y.resize(x.size()));
            return this->m_ops->copy(y.data(), x.data(), x.size());
        }
        for (size_t i = 0; i < m_layers.size(); ++i) {
            const Array<T> &in = i == 0 ? x : m_acts[i - 1];
            Array<T> &out = i + 1 == m_layers.size() ? y : m_acts[i];
            TD_RETURN_IF_ERROR(m_layers[i]->forward(in, out, batch, ctx));
        }
        return Status::ok();
    }

    Status backward(const Array<T> &x, const Array<T> &dy, Array<T> *dx, int batch) override
    {
        if (m_layers.empty()) {
            if (!dx)
                return Status::ok();
            TD_RETURN_IF_ERROR(dx->resize(dy.size()));
            return this->m_ops->copy(dx->data(), dy.data(), dy.size());
        }
        // Gradients ping-pong between two buffers: layer i reads what layer i+1 wrote.
        const Array<T> *gradOut = &dy;
        for (size_t i = m_layers.size(); i-- > 0;) {
            const Array<T> &in = i == 0 ? x : m_acts[i - 1];
            Array<T> *gradIn = i == 0 ? dx : &m_grads[i % 2];
            TD_RETURN_IF_ERROR(m_layers[i]->backward(in, *gradOut, gradIn, batch));
            gradOut = gradIn;
        }
        return Status::ok();
    }

    void collectParams(std::vector<Param<T> *> &out) override
    {
        for (auto &l : m_layers)
            l->collectParams(out);
    }
    void collectState(std::vector<StateBuffer<T> *> &out) override
    {
        for (auto &l : m_layers)
            l->collectState(out);
    }

private:
    std::vector<std::unique_ptr<Layer<T>>> m_layers;
    std::vector<Array<T>> m_acts;
    Array<T> m_grads[2];
};

} // namespace td
