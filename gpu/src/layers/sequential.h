// A chain of layers; itself a layer so residual blocks can nest chains.
#pragma once

#include "layers/layer.h"

#include <functional>
#include <memory>

namespace td {

template <typename T> class Sequential final : public Layer<T>
{
public:
    std::string kind() const override { return "sequential"; }

    void add(std::unique_ptr<Layer<T>> layer) { m_layers.push_back(std::move(layer)); }
    size_t layerCount() const { return m_layers.size(); }
    Layer<T> &layer(size_t i) { return *m_layers[i]; }
    // Called with the child's index right after each child's backward pass, when that child's
    // parameter gradients are final: data-parallel training starts their all-reduce there,
    // while the children before it are still being differentiated.
    void setBackwardHook(std::function<Status(size_t)> hook) { m_backwardHook = std::move(hook); }

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
        // A ReLU right after a layer that can apply it itself (batch norm) is folded into that
        // layer: one pass over the activations instead of two, forward and backward.
        m_absorbed.assign(m_layers.size(), false);
        for (size_t i = 0; i + 1 < m_layers.size(); ++i) {
            if (m_layers[i + 1]->kind() == "relu" && m_layers[i]->fuseFollowingRelu()) {
                m_absorbed[i + 1] = true;
                ++i;
            }
        }
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
            if (m_absorbed[i])
                continue;
            // A layer that absorbed the next one writes where that one would have.
            const size_t last = i + 1 < m_layers.size() && m_absorbed[i + 1] ? i + 1 : i;
            const Array<T> &in = i == 0 ? x : m_acts[i - 1];
            Array<T> &out = last + 1 == m_layers.size() ? y : m_acts[last];
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
        // Gradients ping-pong between two buffers: each layer reads what the previous one
        // wrote and writes the other buffer.
        const Array<T> *gradOut = &dy;
        int slot = 0;
        for (size_t i = m_layers.size(); i-- > 0;) {
            if (m_absorbed[i])
                continue;
            const Array<T> &in = i == 0 ? x : m_acts[i - 1];
            Array<T> *gradIn = i == 0 ? dx : &m_grads[slot];
            slot ^= 1;
            TD_RETURN_IF_ERROR(m_layers[i]->backward(in, *gradOut, gradIn, batch));
            if (m_backwardHook)
                TD_RETURN_IF_ERROR(m_backwardHook(i));
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
    std::vector<bool> m_absorbed; // layers applied by the layer before them
    std::vector<Array<T>> m_acts;
    Array<T> m_grads[2];
    std::function<Status(size_t)> m_backwardHook;
};

} // namespace td
