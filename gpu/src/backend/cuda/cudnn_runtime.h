// cuDNN loaded at run time (libcudnn.so.9, then .8): convolutions and batch norm for the CUDA
// backend when present, the built-in im2col + cuBLAS path and batch-norm kernels otherwise.
// Only the legacy descriptor API is used; it exists unchanged in cuDNN 8 and 9.
#pragma once

#include "backend/accelerator.h"

#include <cuda_runtime.h>

#include <array>
#include <map>
#include <memory>
#include <string>

namespace td {

struct CudnnApi;

class CudnnContext
{
public:
    // Loads cuDNN and creates a handle on `stream`. On failure `out` stays null and `why` says
    // why (missing library, incompatible version): callers fall back rather than fail.
    static void create(cudaStream_t stream, std::unique_ptr<CudnnContext> &out, std::string &why);
    ~CudnnContext();

    // Math mode for later convolutions: FP32 FMA only (no TF32, parity with the CPU) for fp32;
    // tensor cores for fp16 (down-conversion allowed) and bf16 (TF32).
    void setPrecision(Precision p);

    Status convForward(const float *x, const ConvGeometry &g, int outChannels, const float *w,
                       float *y);
    Status convBackwardFilter(const float *x, const float *dy, const ConvGeometry &g,
                              int outChannels, float *dw);
    Status convBackwardData(const float *dy, const ConvGeometry &g, int outChannels, const float *w,
                            float *dx);

    // Batch norm over [rows, channels] (rows as N of an N x C x 1 x 1 NHWC tensor): the same
    // contract as Ops::batchNorm*; saveInvStd is cuDNN's saved inverse variance 1/sqrt(var+eps).
    Status batchNormForwardTrain(const float *x, int64_t rows, int channels, const float *gamma,
                                 const float *beta, float eps, float momentum, float *runningMean,
                                 float *runningVar, float *saveMean, float *saveInvStd, float *y);
    Status batchNormForwardInfer(const float *x, int64_t rows, int channels, const float *gamma,
                                 const float *beta, float eps, const float *runningMean,
                                 const float *runningVar, float *y);
    Status batchNormBackward(const float *dy, const float *x, int64_t rows, int channels,
                             const float *gamma, const float *saveMean, const float *saveInvStd,
                             float *dx, float *dgamma, float *dbeta);
    // cuDNN's own limits on batch norm (rows fit an int; eps not below its minimum).
    bool batchNormSupported(int64_t rows, float eps) const;

private:
    struct ConvPlan;
    using ConvKey = std::array<int, 12>;

    CudnnContext() = default;
    Status plan(const ConvGeometry &g, int outChannels, ConvPlan **out);
    Status workspace(size_t bytes, void **out);
    Status bnDescriptors(int64_t rows, int channels);

    const CudnnApi *m_api = nullptr;
    void *m_handle = nullptr;
    int m_mathType = 3; // CUDNN_FMA_MATH
    std::map<ConvKey, std::unique_ptr<ConvPlan>> m_plans;
    void *m_workspace = nullptr;
    size_t m_workspaceSize = 0;
    void *m_bnData = nullptr;  // [rows, C] as NHWC N x C x 1 x 1
    void *m_bnParam = nullptr; // 1 x C x 1 x 1
    int64_t m_bnRows = -1;
    int m_bnChannels = -1;
    float m_bnEps = 1e-5f;
};

} // namespace td
