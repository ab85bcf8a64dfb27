// Max / average pooling on [H, W, C] inputs, and global average pooling to [C].
#pragma once

#include "layers/layer.h"

namespace td {

enum class PoolMode { Max, Average };

template <typename T> class Pool2d final : public Layer<T>
{
public:
    Pool2d(PoolMode mode, int kernel, int stride, int padding)
        : m_mode(mode), m_kernel(kernel), m_stride(stride), m_padding(padding)
    {
    }
    std::string kind() const override { return m_mode == PoolMode::Max ? "maxpool" : "avgpool"; }

    Status init(Ops<T> &ops, const Shape &input, Rng &, const std::string &prefix) override
    {
        if (!input.isImage())
            return {ErrorKind::Config,
                    prefix + ": pooling needs an image input, got " + input.str()};
        if (m_kernel <= 0 || m_stride <= 0 || m_padding < 0 || 2 * m_padding > m_kernel)
            return {ErrorKind::Config,
                    prefix + ": pooling needs kernel > 0, stride > 0, 0 <= padding <= kernel/2"};
        this->m_ops = &ops;
        this->m_in = input;
        m_geom =
            ConvGeometry{0,        input.dims[0], input.dims[1], input.dims[2], m_kernel, m_kernel,
                         m_stride, m_stride,      m_padding,     m_padding,     0,        0};
        m_geom.outH = convOutputSize(m_geom.height, m_kernel, m_stride, m_padding);
        m_geom.outW = convOutputSize(m_geom.width, m_kernel, m_stride, m_padding);
        if (m_geom.outH <= 0 || m_geom.outW <= 0)
            return {ErrorKind::Config,
                    prefix + ": pooling window larger than input " + input.str()};
        this->m_out = Shape{{m_geom.outH, m_geom.outW, m_geom.channels}};
        m_argmax.setMemory(&ops);
        return Status::ok();
    }

    Status forward(const Array<T> &x, Array<T> &y, int batch, const ForwardContext &) override
    {
        m_geom.batch = batch;
        const size_t n = size_t(m_geom.outPixels()) * m_geom.channels;
        TD_RETURN_IF_ERROR(y.resize(n));
        if (m_mode == PoolMode::Average)
            return this->m_ops->avgPoolForward(x.data(), m_geom, y.data());
        TD_RETURN_IF_ERROR(m_argmax.resize(n));
        return this->m_ops->maxPoolForward(x.data(), m_geom, y.data(), m_argmax.data());
    }

    Status backward(const Array<T> &, const Array<T> &dy, Array<T> *dx, int batch) override
    {
        if (!dx)
            return Status::ok();
        m_geom.batch = batch;
        TD_RETURN_IF_ERROR(dx->resize(size_t(m_geom.inputSize())));
        return this->m_ops->poolBackward(
            dy.data(), m_mode == PoolMode::Max ? m_argmax.data() : nullptr, m_geom, dx->data());
    }

private:
    PoolMode m_mode;
    int m_kernel, m_stride, m_padding;
    ConvGeometry m_geom{};
    Array<int32_t> m_argmax;
};

template <typename T> class GlobalAvgPool final : public Layer<T>
{
public:
    std::string kind() const override { return "global_avgpool"; }

    Status init(Ops<T> &ops, const Shape &input, Rng &, const std::string &prefix) override
    {
        if (!input.isImage())
            return {ErrorKind::Config, prefix + ": global_avgpool needs an image input"};
        this->m_ops = &ops;
        this->m_in = input;
        this->m_out = Shape{{input.dims[2]}};
        return Status::ok();
    }

    Status forward(const Array<T> &x, Array<T> &y, int batch, const ForwardContext &) override
    {
        TD_RETURN_IF_ERROR(y.resize(size_t(batch) * this->m_in.dims[2]));
        return this->m_ops->globalAvgPoolForward(x.data(), batch, pixels(), this->m_in.dims[2],
                                                 y.data());
    }

    Status backward(const Array<T> &, const Array<T> &dy, Array<T> *dx, int batch) override
    {
        if (!dx)
            return Status::ok();
        TD_RETURN_IF_ERROR(dx->resize(size_t(batch) * this->m_in.count()));
        return this->m_ops->globalAvgPoolBackward(dy.data(), batch, pixels(), this->m_in.dims[2],
                                                  dx->data());
    }

private:
    int pixels() const { return this->m_in.dims[0] * this->m_in.dims[1]; }
};

} // namespace td
