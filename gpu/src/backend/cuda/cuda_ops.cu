// CUDA implementation of Ops<float>: cuBLAS for GEMM (TF32 off, so results stay close to the
// CPU), cuDNN for convolution and batch norm when it loads, grid-stride kernels from
// cuda_kernels.cuh for everything else. All work goes to one stream; errors from asynchronous
// kernels surface at the next checked call or synchronize(). With fp16/bf16 precision the GEMM
// operands are rounded to 16 bits and multiplied by cublasGemmEx with FP32 accumulation.
#include "backend/cuda/cuda_backend.h"
#include "backend/cuda/cuda_check.cuh"
#include "backend/cuda/cuda_kernels.cuh"
#include "backend/cuda/cudnn_runtime.h"

#include <algorithm>
#include <unordered_set>
#include <vector>

namespace td {
namespace {

constexpr int kThreads = 256;

int blocksFor(int64_t n)
{
    // Grid-stride loops cover the rest; capping keeps launches cheap for huge tensors.
    return int(std::max<int64_t>(1, std::min<int64_t>((n + kThreads - 1) / kThreads, 65535)));
}

class CudaOps final : public Ops<float>, public AcceleratorOps
{
public:
    CudaOps(int device, cublasHandle_t blas, cudaStream_t stream)
        : m_device(device), m_blas(blas), m_stream(stream)
    {
    }
    ~CudaOps() override
    {
        m_cudnn.reset();
        cudaFree(m_scratch);
        cudaFree(m_half[0]);
        cudaFree(m_half[1]);
        cudaFree(m_flag);
        cublasDestroy(m_blas);
        cudaStreamDestroy(m_stream);
    }

    void attachCudnn(std::unique_ptr<CudnnContext> cudnn) { m_cudnn = std::move(cudnn); }
    cudaStream_t stream() const { return m_stream; }

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
        if (m_precision != Precision::Fp32)
            return gemmReduced(transA, transB, M, N, K, alpha, A, B, beta, C);
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
        // The backward pass must read the saved statistics the way they were written.
        m_cudnnSaved.erase(saveMean);
        if (m_cudnn && m_cudnn->batchNormSupported(rows, eps)) {
            m_cudnnSaved.insert(saveMean);
            return m_cudnn->batchNormForwardTrain(x, rows, channels, gamma, beta, eps, momentum,
                                                  runningMean, runningVar, saveMean, saveInvStd, y);
        }
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
        if (m_cudnn && m_cudnn->batchNormSupported(rows, eps))
            return m_cudnn->batchNormForwardInfer(x, rows, channels, gamma, beta, eps, runningMean,
                                                  runningVar, y);
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
        if (m_cudnn && m_cudnnSaved.count(saveMean))
            return m_cudnn->batchNormBackward(dy, x, rows, channels, gamma, saveMean, saveInvStd,
                                              dx, dgamma, dbeta);
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

    // AcceleratorOps
    Status setPrecision(Precision p) override
    {
        if (p == Precision::Bf16) {
            int major = 0, minor = 0;
            TD_CUDA_CHECK(
                cudaDeviceGetAttribute(&major, cudaDevAttrComputeCapabilityMajor, m_device));
            TD_CUDA_CHECK(
                cudaDeviceGetAttribute(&minor, cudaDevAttrComputeCapabilityMinor, m_device));
            if (major < 8)
                return {ErrorKind::Config,
                        "precision bf16 needs an Ampere or newer GPU (sm_80+); cuda:" +
                            std::to_string(m_device) + " is sm_" + std::to_string(major) +
                            std::to_string(minor) + ": use --precision fp16 or fp32"};
        }
        m_precision = p;
        if (m_cudnn)
            m_cudnn->setPrecision(p);
        return Status::ok();
    }
    Precision precision() const override { return m_precision; }
    Status unscaleAndCheck(float *const *buffers, const size_t *sizes, int count, float invScale,
                           bool *allFinite) override
    {
        if (!m_flag)
            TD_CUDA_CHECK(cudaMalloc(reinterpret_cast<void **>(&m_flag), sizeof(int)));
        TD_CUDA_CHECK(cudaMemsetAsync(m_flag, 0, sizeof(int), m_stream));
        for (int i = 0; i < count; ++i) {
            kernels::unscaleCheck<<<blocksFor(int64_t(sizes[i])), kThreads, 0, m_stream>>>(
                buffers[i], sizes[i], invScale, m_flag);
            TD_CUDA_CHECK_LAUNCH();
        }
        int flag = 0;
        TD_RETURN_IF_ERROR(download(&flag, m_flag, sizeof flag));
        *allFinite = flag == 0;
        return Status::ok();
    }
    const char *convolutionPath() const override { return m_cudnn ? "cudnn" : "im2col"; }
    const char *batchNormPath() const override { return m_cudnn ? "cudnn" : "native"; }
    Status convForward(const float *x, const ConvGeometry &g, int outChannels, const float *w,
                       float *y) override
    {
        if (!m_cudnn)
            return {ErrorKind::Config, "convForward without cuDNN"};
        return m_cudnn->convForward(x, g, outChannels, w, y);
    }
    Status convBackwardFilter(const float *x, const float *dy, const ConvGeometry &g,
                              int outChannels, float *dw) override
    {
        if (!m_cudnn)
            return {ErrorKind::Config, "convBackwardFilter without cuDNN"};
        return m_cudnn->convBackwardFilter(x, dy, g, outChannels, dw);
    }
    Status convBackwardData(const float *dy, const ConvGeometry &g, int outChannels, const float *w,
                            float *dx) override
    {
        if (!m_cudnn)
            return {ErrorKind::Config, "convBackwardData without cuDNN"};
        return m_cudnn->convBackwardData(dy, g, outChannels, w, dx);
    }
    Status allocPinned(void **p, size_t bytes) override
    {
        TD_CUDA_CHECK(cudaMallocHost(p, std::max<size_t>(bytes, 4)));
        return Status::ok();
    }
    void freePinned(void *p) override { cudaFreeHost(p); }
    Status gatherRows(const float *src, const int32_t *rows, int n, int64_t rowSize,
                      float *dst) override
    {
        kernels::gatherRows<<<blocksFor(int64_t(n) * rowSize), kThreads, 0, m_stream>>>(
            src, rows, n, rowSize, dst);
        TD_CUDA_CHECK_LAUNCH();
        return Status::ok();
    }
    Status gatherLabels(const int32_t *src, const int32_t *rows, int n, int32_t *dst) override
    {
        kernels::gatherLabels<<<blocksFor(n), kThreads, 0, m_stream>>>(src, rows, n, dst);
        TD_CUDA_CHECK_LAUNCH();
        return Status::ok();
    }

private:
    // Rounds a GEMM operand to 16 bits into scratch buffer `which`.
    Status toReduced(const float *x, size_t n, int which, const uint16_t **out)
    {
        if (n > m_halfSize[which]) {
            cudaFree(m_half[which]);
            m_half[which] = nullptr;
            m_halfSize[which] = 0;
            TD_CUDA_CHECK(
                cudaMalloc(reinterpret_cast<void **>(&m_half[which]), n * sizeof(uint16_t)));
            m_halfSize[which] = n;
        }
        if (m_precision == Precision::Bf16)
            kernels::toBf16<<<blocksFor(int64_t(n)), kThreads, 0, m_stream>>>(x, n, m_half[which]);
        else
            kernels::toHalf<<<blocksFor(int64_t(n)), kThreads, 0, m_stream>>>(x, n, m_half[which]);
        TD_CUDA_CHECK_LAUNCH();
        *out = m_half[which];
        return Status::ok();
    }

    Status gemmReduced(bool transA, bool transB, int M, int N, int K, float alpha, const float *A,
                       const float *B, float beta, float *C)
    {
        const uint16_t *a = nullptr, *b = nullptr;
        TD_RETURN_IF_ERROR(toReduced(A, size_t(M) * size_t(K), 0, &a));
        TD_RETURN_IF_ERROR(toReduced(B, size_t(K) * size_t(N), 1, &b));
        const cudaDataType_t type = m_precision == Precision::Bf16 ? CUDA_R_16BF : CUDA_R_16F;
        TD_CUBLAS_CHECK(cublasGemmEx(m_blas, transB ? CUBLAS_OP_T : CUBLAS_OP_N,
                                     transA ? CUBLAS_OP_T : CUBLAS_OP_N, N, M, K, &alpha, b, type,
                                     transB ? K : N, a, type, transA ? M : K, &beta, C, CUDA_R_32F,
                                     N, CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT));
        return Status::ok();
    }

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
    Precision m_precision = Precision::Fp32;
    uint16_t *m_half[2] = {nullptr, nullptr};
    size_t m_halfSize[2] = {0, 0};
    int *m_flag = nullptr;
    std::unique_ptr<CudnnContext> m_cudnn;
    std::unordered_set<const float *> m_cudnnSaved; // saveMean buffers written by cuDNN
};

} // namespace

Status createCudaBackend(int device, std::unique_ptr<Ops<float>> &ops)
{
    return createCudaBackend(device, CudaBackendOptions{}, ops);
}

void *cudaBackendStream(Ops<float> &ops)
{
    CudaOps *cuda = dynamic_cast<CudaOps *>(&ops);
    return cuda ? static_cast<void *>(cuda->stream()) : nullptr;
}

Status createCudaBackend(int device, const CudaBackendOptions &options,
                         std::unique_ptr<Ops<float>> &ops)
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
    auto cuda = std::make_unique<CudaOps>(device, blas, stream);
    TD_CUBLAS_CHECK(cublasSetStream(blas, stream));
    // Plain FP32 math: TF32 would make parity with the CPU backend (and resume) drift.
    TD_CUBLAS_CHECK(cublasSetMathMode(blas, CUBLAS_DEFAULT_MATH));
    if (options.cudnn) {
        // A missing or unusable cuDNN is not an error: the built-in kernels take over and the
        // `start` line says which path runs.
        std::unique_ptr<CudnnContext> cudnn;
        std::string why;
        CudnnContext::create(stream, cudnn, why);
        cuda->attachCudnn(std::move(cudnn));
    }
    ops = std::move(cuda);
    return Status::ok();
}

} // namespace td
