// CUDA implementation of Ops<float>: cuBLAS for GEMM (TF32 off, so results stay close to the
// CPU), grid-stride kernels from cuda_kernels.cuh for everything else. All work goes to one
// stream; errors from asynchronous kernels surface at the next checked call or synchronize().
#include "backend/cuda/cuda_backend.h"
#include "backend/cuda/cuda_check.cuh"
#include "backend/cuda/cuda_kernels.cuh"

#include <algorithm>
#include <vector>

namespace td {
namespace {

constexpr int kThreads = 256;

int blocksFor(int64_t n)
{
    // Grid-stride loops cover the rest; capping keeps launches cheap for huge tensors.
    return int(std::max<int64_t>(1, std::min<int64_t>((n + kThreads - 1) / kThreads, 65535)));
}

class CudaOps final : public Ops<float>
{
public:
    CudaOps(int device, cublasHandle_t blas, cudaStream_t stream)
        : m_device(device), m_blas(blas), m_stream(stream)
    {
    }
    ~CudaOps() override
    {
        cudaFree(m_scratch);
        cublasDestroy(m_blas);
        cudaStreamDestroy(m_stream);
    }

    const char *name() const override { return "cuda"; }

    Status allocBytes(void **p, size_t bytes) override
    {
        TD_CUDA_CHECK(cudaMalloc(p, std::max<size_t>(bytes, 4)));
        return Status::ok();
    }
    void freeBytes(void *p) override { cudaFree(p); }
    Status upload(void *dst, const void *src, size_t bytes) override
    {
        TD_CUDA_CHECK(cudaMemcpyAsync(dst, src, bytes, cudaMemcpyHostToDevice, m_stream));
        // The host buffer may be reused right after this call returns.
        TD_CUDA_CHECK(cudaStreamSynchronize(m_stream));
        return Status::ok();
    }
    Status download(void *dst, const void *src, size_t bytes) override
    {
        TD_CUDA_CHECK(cudaMemcpyAsync(dst, src, bytes, cudaMemcpyDeviceToHost, m_stream));
        TD_CUDA_CHECK(cudaStreamSynchronize(m_stream));
        return Status::ok();
    }
    Status copy(float *dst, const float *src, size_t n) override
    {
        TD_CUDA_CHECK(
            cudaMemcpyAsync(dst, src, n * sizeof(float), cudaMemcpyDeviceToDevice, m_stream));
        return Status::ok();
    }
    Status fill(float *p, size_t n, float value) override
    {
        kernels::fill<<<blocksFor(int64_t(n)), kThreads, 0, m_stream>>>(p, n, value);
        TD_CUDA_CHECK_LAUNCH();
        return Status::ok();
    }
    Status synchronize() override
    {
        TD_CUDA_CHECK(cudaStreamSynchronize(m_stream));
        return Status::ok();
    }

    // Row-major C = op(A) op(B) is column-major C^T = op(B)^T op(A)^T.
    Status gemm(bool transA, bool transB, int M, int N, int K, float alpha, const float *A,
                const float *B, float beta, float *C) override
    {
        TD_CUBLAS_CHECK(cublasSgemm(m_blas, transB ? CUBLAS_OP_T : CUBLAS_OP_N,
                                    transA ? CUBLAS_OP_T : CUBLAS_OP_N, N, M, K, &alpha, B,
                                    transB ? K : N, A, transA ? M : K, &beta, C, N));
        return Status::ok();
    }
    Status addBias(float *y, const float *bias, int64_t rows, int cols) override
    {
        kernels::addBias<<<blocksFor(rows * cols), kThreads, 0, m_stream>>>(y, bias, rows, cols);
        TD_CUDA_CHECK_LAUNCH();
        return Status::ok();
    }
    Status biasGrad(float *dbias, const float *dy, int64_t rows, int cols) override
    {
        kernels::biasGrad<<<blocksFor(cols), kThreads, 0, m_stream>>>(dbias, dy, rows, cols);
        TD_CUDA_CHECK_LAUNCH();
        return Status::ok();
    }
    Status axpy(float *y, const float *x, float a, size_t n) override
    {
        kernels::axpy<<<blocksFor(int64_t(n)), kThreads, 0, m_stream>>>(y, x, a, n);
        TD_CUDA_CHECK_LAUNCH();
        return Status::ok();
    }
    Status activationForward(Activation a, float *y, const float *x, size_t n) override
    {
        kernels::activationForward<<<blocksFor(int64_t(n)), kThreads, 0, m_stream>>>(a, y, x, n);
        TD_CUDA_CHECK_LAUNCH();
        return Status::ok();
    }
    Status activationBackward(Activation a, float *dx, const float *dy, const float *x,
                              size_t n) override
    {
        kernels::activationBackward<<<blocksFor(int64_t(n)), kThreads, 0, m_stream>>>(a, dx, dy, x,
                                                                                      n);
        TD_CUDA_CHECK_LAUNCH();
        return Status::ok();
    }
    Status crossEntropy(const float *logits, const int32_t *labels, int rows, int classes,
                        float smoothing, float gradScale, float *losses, float *dlogits,
                        int32_t *predicted) override
    {
        kernels::crossEntropy<<<blocksFor(rows), kThreads, 0, m_stream>>>(
            logits, labels, rows, classes, smoothing, gradScale, losses, dlogits, predicted);
        TD_CUDA_CHECK_LAUNCH();
        return Status::ok();
    }
    Status im2col(const float *x, const ConvGeometry &g, float *cols) override
    {
        kernels::im2col<<<blocksFor(g.outPixels() * g.patchSize()), kThreads, 0, m_stream>>>(x, g,
                                                                                             cols);
        TD_CUDA_CHECK_LAUNCH();
        return Status::ok();
    }
    Status col2im(const float *dcols, const ConvGeometry &g, float *dx) override
    {
        kernels::col2im<<<blocksFor(g.inputSize()), kThreads, 0, m_stream>>>(dcols, g, dx);
        TD_CUDA_CHECK_LAUNCH();
        return Status::ok();
    }
    Status maxPoolForward(const float *x, const ConvGeometry &g, float *y, int32_t *argmax) override
    {
        kernels::maxPoolForward<<<blocksFor(g.outPixels() * g.channels), kThreads, 0, m_stream>>>(
            x, g, y, argmax);
        TD_CUDA_CHECK_LAUNCH();
        return Status::ok();
    }
    Status avgPoolForward(const float *x, const ConvGeometry &g, float *y) override
    {
        kernels::avgPoolForward<<<blocksFor(g.outPixels() * g.channels), kThreads, 0, m_stream>>>(
            x, g, y);
        TD_CUDA_CHECK_LAUNCH();
        return Status::ok();
    }
    Status poolBackward(const float *dy, const int32_t *argmax, const ConvGeometry &g,
                        float *dx) override
    {
        kernels::poolBackward<<<blocksFor(g.inputSize()), kThreads, 0, m_stream>>>(dy, argmax, g,
                                                                                   dx);
        TD_CUDA_CHECK_LAUNCH();
        return Status::ok();
    }
    Status globalAvgPoolForward(const float *x, int batch, int pixels, int channels,
                                float *y) override
    {
        kernels::
            globalAvgPoolForward<<<blocksFor(int64_t(batch) * channels), kThreads, 0, m_stream>>>(
                x, batch, pixels, channels, y);
        TD_CUDA_CHECK_LAUNCH();
        return Status::ok();
    }
    Status globalAvgPoolBackward(const float *dy, int batch, int pixels, int channels,
                                 float *dx) override
    {
        kernels::globalAvgPoolBackward<<<blocksFor(int64_t(batch) * pixels * channels), kThreads, 0,
                                         m_stream>>>(dy, batch, pixels, channels, dx);
        TD_CUDA_CHECK_LAUNCH();
        return Status::ok();
    }
    Status batchNormForwardTrain(const float *x, int64_t rows, int channels, const float *gamma,
                                 const float *beta, float eps, float momentum, float *runningMean,
                                 float *runningVar, float *saveMean, float *saveInvStd,
                                 float *y) override
    {
        kernels::batchNormStats<<<blocksFor(channels), kThreads, 0, m_stream>>>(
            x, rows, channels, eps, momentum, runningMean, runningVar, saveMean, saveInvStd);
        TD_CUDA_CHECK_LAUNCH();
        kernels::batchNormApply<<<blocksFor(rows * channels), kThreads, 0, m_stream>>>(
            x, rows, channels, gamma, beta, saveMean, saveInvStd, y);
        TD_CUDA_CHECK_LAUNCH();
        return Status::ok();
    }
    Status batchNormForwardInfer(const float *x, int64_t rows, int channels, const float *gamma,
                                 const float *beta, float eps, const float *runningMean,
                                 const float *runningVar, float *y) override
    {
        float *invStd = nullptr;
        TD_RETURN_IF_ERROR(scratch(size_t(channels), &invStd));
        kernels::batchNormInvStd<<<blocksFor(channels), kThreads, 0, m_stream>>>(
            runningVar, channels, eps, invStd);
        TD_CUDA_CHECK_LAUNCH();
        kernels::batchNormApply<<<blocksFor(rows * channels), kThreads, 0, m_stream>>>(
            x, rows, channels, gamma, beta, runningMean, invStd, y);
        TD_CUDA_CHECK_LAUNCH();
        return Status::ok();
    }
    Status batchNormBackward(const float *dy, const float *x, int64_t rows, int channels,
                             const float *gamma, const float *saveMean, const float *saveInvStd,
                             float *dx, float *dgamma, float *dbeta) override
    {
        float *sums = nullptr;
        TD_RETURN_IF_ERROR(scratch(size_t(2 * channels), &sums));
        kernels::batchNormGradSums<<<blocksFor(channels), kThreads, 0, m_stream>>>(
            dy, x, rows, channels, saveMean, saveInvStd, sums, sums + channels, dgamma, dbeta);
        TD_CUDA_CHECK_LAUNCH();
        kernels::batchNormBackward<<<blocksFor(rows * channels), kThreads, 0, m_stream>>>(
            dy, x, rows, channels, gamma, saveMean, saveInvStd, sums, sums + channels, dx);
        TD_CUDA_CHECK_LAUNCH();
        return Status::ok();
    }
    Status dropoutForward(const float *x, size_t n, float p, uint64_t key, float *y) override
    {
        kernels::dropout<<<blocksFor(int64_t(n)), kThreads, 0, m_stream>>>(x, n, p, key, y);
        TD_CUDA_CHECK_LAUNCH();
        return Status::ok();
    }
    Status dropoutBackward(const float *dy, size_t n, float p, uint64_t key, float *dx) override
    {
        // The mask is a pure function of (key, index): the same kernel applies it to gradients.
        return dropoutForward(dy, n, p, key, dx);
    }
    Status adamwUpdate(float *param, const float *grad, float *m, float *v, size_t n,
                       const AdamHyper &h) override
    {
        kernels::adamw<<<blocksFor(int64_t(n)), kThreads, 0, m_stream>>>(param, grad, m, v, n, h);
        TD_CUDA_CHECK_LAUNCH();
        return Status::ok();
    }
    Status sgdUpdate(float *param, const float *grad, float *momentum, size_t n,
                     const SgdHyper &h) override
    {
        kernels::sgd<<<blocksFor(int64_t(n)), kThreads, 0, m_stream>>>(param, grad, momentum, n, h);
        TD_CUDA_CHECK_LAUNCH();
        return Status::ok();
    }
    Status sumSquares(const float *x, size_t n, double *result) override
    {
        // Rare (diagnostics): sum on the host in double, in index order like the CPU backend.
        std::vector<float> host(n);
        TD_RETURN_IF_ERROR(download(host.data(), x, n * sizeof(float)));
        double s = 0;
        for (float v : host)
            s += double(v) * double(v);
        *result = s;
        return Status::ok();
    }
    Status scale(float *x, float a, size_t n) override
    {
        kernels::scale<<<blocksFor(int64_t(n)), kThreads, 0, m_stream>>>(x, a, n);
        TD_CUDA_CHECK_LAUNCH();
        return Status::ok();
    }

private:
    // Small per-call workspace (batch-norm sums); grows, never shrinks.
    Status scratch(size_t floats, float **out)
    {
        if (floats > m_scratchSize) {
            cudaFree(m_scratch);
            m_scratch = nullptr;
            m_scratchSize = 0;
            TD_CUDA_CHECK(
                cudaMalloc(reinterpret_cast<void **>(&m_scratch), floats * sizeof(float)));
            m_scratchSize = floats;
        }
        *out = m_scratch;
        return Status::ok();
    }

    int m_device;
    cublasHandle_t m_blas;
    cudaStream_t m_stream;
    float *m_scratch = nullptr;
    size_t m_scratchSize = 0;
};

} // namespace

Status createCudaBackend(int device, std::unique_ptr<Ops<float>> &ops)
{
    int count = 0;
    const cudaError_t rc = cudaGetDeviceCount(&count);
    if (rc != cudaSuccess)
        return {ErrorKind::CudaDriver, std::string("no usable CUDA driver: ") +
                                           cudaGetErrorString(rc) +
                                           " (run `traindeck-engine doctor`)"};
    if (count == 0)
        return {ErrorKind::CudaDriver, "no CUDA device found"};
    if (device >= count)
        return {ErrorKind::Config, "cuda:" + std::to_string(device) + " requested but only " +
                                       std::to_string(count) + " device(s) present"};
    TD_CUDA_CHECK(cudaSetDevice(device));
    cudaStream_t stream = nullptr;
    TD_CUDA_CHECK(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking));
    cublasHandle_t blas = nullptr;
    const Status created = cublasStatus(cublasCreate(&blas), "cublasCreate", __FILE__, __LINE__);
    if (!created.isOk()) {
        cudaStreamDestroy(stream);
        return created;
    }
    ops = std::make_unique<CudaOps>(device, blas, stream);
    TD_CUBLAS_CHECK(cublasSetStream(blas, stream));
    // Plain FP32 math: TF32 would make parity with the CPU backend (and resume) drift.
    TD_CUBLAS_CHECK(cublasSetMathMode(blas, CUBLAS_DEFAULT_MATH));
    return Status::ok();
}

} // namespace td
