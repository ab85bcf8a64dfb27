// Inverted dropout. The mask is a hash of (step key, layer, element), so it is never stored,
// is the same on both backends, and replays exactly after a resume.
#pragma once

#include "layers/layer.h"

namespace td {

template <typename T> class Dropout final : public Layer<T>
{
public:
    explicit Dropout(float p) : m_p(p) {}
    std::string kind() const override { return "dropout"; }

    Status init(Ops<T> &ops, const Shape &input, Rng &rng, const std::string &prefix) override
    {
        if (!(m_p >= 0.0f && m_p < 1.0f))
            return {ErrorKind::Config, prefix + ": dropout p must be in [0, 1)"};
        this->m_ops = &ops;
        this->m_in = this->m_out = input;
        m_layerSalt = rng.next();
        return Status::ok();
    }

    Status forward(const Array<T> &x, Array<T> &y, int batch, const ForwardContext &ctx) override
    {
        const size_t n = size_t(batch) * this->m_in.count();
        TD_RETURN_IF_ERROR(y.resize(n));
        m_active = ctx.training && m_p > 0.0f;
        if (!m_active)
            return this->m_ops->copy(y.data(), x.data(), n);
        m_key = mix64(ctx.dropoutKey ^ m_layerSalt);
        return this->m_ops->dropoutForward(x.data(), n, m_p, m_key, y.data());
    }

    Status backward(const Array<T> &, const Array<T> &dy, Array<T> *dx, int batch) override
    {
        if (!dx)
            return Status::ok();
        const size_t n = size_t(batch) * this->m_in.count();
        TD_RETURN_IF_ERROR(dx->resize(n));
        if (!m_active)
            return this->m_ops->copy(dx->data(), dy.data(), n);
        return this->m_ops->dropoutBackward(dy.data(), n, m_p, m_key, dx->data());
    }

private:
    float m_p;
    uint64_t m_layerSalt = 0;
    uint64_t m_key = 0;
    bool m_active = false;
};

} // namespace td
