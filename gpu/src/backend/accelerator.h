// Capabilities only an accelerator backend has: reduced-precision GEMMs, loss-scale support,
// cuDNN convolutions, pinned host memory and on-device batch gathering. The CUDA backend
// implements this next to Ops<float>; code asks for it with accelerator(ops) and takes the
// generic path when it gets null (the CPU backend).
#pragma once

#include "backend/ops.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace td {

enum class Precision { Fp32, Fp16, Bf16 };

// "fp32" | "fp16" | "bf16"; false for anything else.
inline bool parsePrecision(const std::string &text, Precision &out)
{
    if (text == "fp32")
        out = Precision::Fp32;
    else if (text == "fp16")
        out = Precision::Fp16;
    else if (text == "bf16")
        out = Precision::Bf16;
    else
        return false;
    return true;
}

class AcceleratorOps
{
public:
    virtual ~AcceleratorOps() = default;

    // GEMM inputs are rounded to `p` and multiplied with FP32 accumulation into FP32 outputs;
    // weights, activations and optimizer state stay FP32 (master copies). Config error when
    // the device cannot do it (bf16 before sm_80).
    virtual Status setPrecision(Precision p) = 0;
    virtual Precision precision() const = 0;
    // grads *= invScale for every buffer; *allFinite tells whether no value was inf or NaN
    // (before scaling). Blocks until the answer is on the host.
    virtual Status unscaleAndCheck(float *const *buffers, const size_t *sizes, int count,
                                   float invScale, bool *allFinite) = 0;

    // "cudnn" when convolutions go through cuDNN, "im2col" otherwise; same for batch norm
    // ("cudnn" | "native").
    virtual const char *convolutionPath() const = 0;
    virtual const char *batchNormPath() const = 0;
    // cuDNN convolutions, NHWC, cross-correlation as im2col computes it; weight [oc, kh, kw, c].
    // y = conv(x); dw += dconv/dw; dx = dconv/dx. Only valid when convolutionPath() == "cudnn".
    virtual Status convForward(const float *x, const ConvGeometry &g, int outChannels,
                               const float *w, float *y) = 0;
    virtual Status convBackwardFilter(const float *x, const float *dy, const ConvGeometry &g,
                                      int outChannels, float *dw) = 0;
    virtual Status convBackwardData(const float *dy, const ConvGeometry &g, int outChannels,
                                    const float *w, float *dx) = 0;

    // Page-locked host memory: copies from it run at full bus speed.
    virtual Status allocPinned(void **p, size_t bytes) = 0;
    virtual void freePinned(void *p) = 0;
    // dst[i] = src[rows[i]] for rows of rowSize elements (device memory throughout).
    virtual Status gatherRows(const float *src, const int32_t *rows, int n, int64_t rowSize,
                              float *dst) = 0;
    virtual Status gatherLabels(const int32_t *src, const int32_t *rows, int n, int32_t *dst) = 0;
};

inline AcceleratorOps *accelerator(MemoryOps &ops)
{
    return dynamic_cast<AcceleratorOps *>(&ops);
}

} // namespace td
