// 2-D convolution on NHWC input: im2col over the whole batch, then one GEMM. Weight stored
// [out, KH, KW, in] so that a row matches one im2col patch. On a backend with cuDNN the same
// convolution runs through cuDNN instead (no column buffers).
#pragma once

#include "backend/accelerator.h"
#include "layers/layer.h"

#include <type_traits>

namespace td {

struct Conv2dOptions
{
    int outChannels = 0;
    int kernel = 3;
    int stride = 1;
    int padding = 0;
    bool bias = true;
};

template <typename T> class Conv2d final : public Layer<T>
{
public:
    explicit Conv2d(const Conv2dOptions &o) : m_opt(o) {}
    std::string kind() const override { return "conv2d"; }

    Status init(Ops<T> &ops, const Shape &input, Rng &rng, const std::string &prefix) override
    {
        if (!input.isImage())
            return {ErrorKind::Config,
                    prefix + ": conv2d needs an image input [H, W, C], got " + input.str()};
        if (m_opt.outChannels <= 0 || m_opt.kernel <= 0 || m_opt.stride <= 0 || m_opt.padding < 0)
            return {ErrorKind::Config, prefix + ": conv2d needs out > 0, kernel > 0, stride > 0, "
                                                "padding >= 0"};
        this->m_ops = &ops;
        this->m_in = input;
        m_geom = ConvGeometry{0,
                              input.dims[0],
                              input.dims[1],
                              input.dims[2],
                              m_opt.kernel,
                              m_opt.kernel,
                              m_opt.stride,
                              m_opt.stride,
                              m_opt.padding,
                              m_opt.padding,
                              0,
                              0};
        m_geom.outH = convOutputSize(m_geom.height, m_opt.kernel, m_opt.stride, m_opt.padding);
        m_geom.outW = convOutputSize(m_geom.width, m_opt.kernel, m_opt.stride, m_opt.padding);
        if (m_geom.outH <= 0 || m_geom.outW <= 0)
            return {ErrorKind::Config,
                    prefix + ": conv2d kernel larger than its input " + input.str()};
        this->m_out = Shape{{m_geom.outH, m_geom.outW, m_opt.outChannels}};
        const int64_t patch = m_geom.patchSize();
        TD_RETURN_IF_ERROR(
            initParam(ops, m_weight, prefix + ".weight",
                      uniformInit<T>(size_t(patch) * m_opt.outChannels, patch, rng), true,
                      {m_opt.outChannels, m_opt.kernel, m_opt.kernel, input.dims[2]}));
        if (m_opt.bias)
            TD_RETURN_IF_ERROR(initParam(ops, m_biasParam, prefix + ".bias",
                                         uniformInit<T>(size_t(m_opt.outChannels), patch, rng),
                                         false, {m_opt.outChannels}));
        m_cols.setMemory(&ops);
        m_dcols.setMemory(&ops);
        m_cudnn = nullptr;
        if constexpr (std::is_same<T, float>::value) {
            AcceleratorOps *accel = accelerator(ops);
            if (accel && std::string(accel->convolutionPath()) == "cudnn")
                m_cudnn = accel;
        }
        return Status::ok();
    }

    Status forward(const Array<T> &x, Array<T> &y, int batch, const ForwardContext &) override
    {
        m_geom.batch = batch;
        const int64_t rows = m_geom.outPixels();
        const int64_t patch = m_geom.patchSize();
        TD_RETURN_IF_ERROR(y.resize(size_t(rows) * m_opt.outChannels));
        if constexpr (std::is_same<T, float>::value) {
            if (m_cudnn) {
                TD_RETURN_IF_ERROR(m_cudnn->convForward(x.data(), m_geom, m_opt.outChannels,
                                                        m_weight.value.data(), y.data()));
                if (m_opt.bias)
                    TD_RETURN_IF_ERROR(this->m_ops->addBias(y.data(), m_biasParam.value.data(),
                                                            rows, m_opt.outChannels));
                return Status::ok();
            }
        }
        TD_RETURN_IF_ERROR(m_cols.resize(size_t(rows * patch)));
        TD_RETURN_IF_ERROR(this->m_ops->im2col(x.data(), m_geom, m_cols.data()));
        TD_RETURN_IF_ERROR(this->m_ops->gemm(false, true, int(rows), m_opt.outChannels, int(patch),
                                             T(1), m_cols.data(), m_weight.value.data(), T(0),
                                             y.data()));
        if (m_opt.bias)
            TD_RETURN_IF_ERROR(
                this->m_ops->addBias(y.data(), m_biasParam.value.data(), rows, m_opt.outChannels));
        return Status::ok();
    }

    // The im2col path uses the columns saved by the forward pass of the same batch.
    Status backward(const Array<T> &x, const Array<T> &dy, Array<T> *dx, int batch) override
    {
        m_geom.batch = batch;
        const int64_t rows = m_geom.outPixels();
        const int64_t patch = m_geom.patchSize();
        if constexpr (std::is_same<T, float>::value) {
            if (m_cudnn) {
                TD_RETURN_IF_ERROR(m_cudnn->convBackwardFilter(
                    x.data(), dy.data(), m_geom, m_opt.outChannels, m_weight.grad.data()));
                if (m_opt.bias)
                    TD_RETURN_IF_ERROR(this->m_ops->biasGrad(m_biasParam.grad.data(), dy.data(),
                                                             rows, m_opt.outChannels));
                if (!dx)
                    return Status::ok();
                TD_RETURN_IF_ERROR(dx->resize(size_t(m_geom.inputSize())));
                return m_cudnn->convBackwardData(dy.data(), m_geom, m_opt.outChannels,
                                                 m_weight.value.data(), dx->data());
            }
        }
        (void)x;
        TD_RETURN_IF_ERROR(this->m_ops->gemm(true, false, m_opt.outChannels, int(patch), int(rows),
                                             T(1), dy.data(), m_cols.data(), T(1),
                                             m_weight.grad.data()));
        if (m_opt.bias)
            TD_RETURN_IF_ERROR(
                this->m_ops->biasGrad(m_biasParam.grad.data(), dy.data(), rows, m_opt.outChannels));
        if (!dx)
            return Status::ok();
        TD_RETURN_IF_ERROR(m_dcols.resize(size_t(rows * patch)));
        TD_RETURN_IF_ERROR(this->m_ops->gemm(false, false, int(rows), int(patch), m_opt.outChannels,
                                             T(1), dy.data(), m_weight.value.data(), T(0),
                                             m_dcols.data()));
        TD_RETURN_IF_ERROR(dx->resize(size_t(m_geom.inputSize())));
        return this->m_ops->col2im(m_dcols.data(), m_geom, dx->data());
    }

    void collectParams(std::vector<Param<T> *> &out) override
    {
        out.push_back(&m_weight);
        if (m_opt.bias)
            out.push_back(&m_biasParam);
    }

private:
    Conv2dOptions m_opt;
    ConvGeometry m_geom{};
    Param<T> m_weight;
    Param<T> m_biasParam;
    Array<T> m_cols;
    Array<T> m_dcols;
    AcceleratorOps *m_cudnn = nullptr; // set when convolutions go through cuDNN
};

} // namespace td
