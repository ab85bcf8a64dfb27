// CPU backend: OpenBLAS for GEMM, direct loops over NHWC rows for the rest, both split over
// the backend's thread pool (cpu_parallel.h). Instantiated for float (training) and double
// (finite-difference gradient checks). One instance serves one thread at a time: it keeps
// reduction scratch between calls so a training step allocates nothing.
#pragma once

#include "backend/cpu/cpu_parallel.h"
#include "backend/ops.h"

#include <vector>

namespace td {

template <typename T> class CpuOps final : public Ops<T>
{
public:
    const char *name() const override { return "cpu"; }
    Status allocBytes(void **p, size_t bytes) override;
    void freeBytes(void *p) override;
    Status upload(void *dst, const void *hostSrc, size_t bytes) override;
    Status download(void *hostDst, const void *src, size_t bytes) override;
    Status copy(T *dst, const T *src, size_t n) override;
    Status fill(T *p, size_t n, T value) override;
    Status synchronize() override { return Status::ok(); }
    Status gemm(bool transA, bool transB, int M, int N, int K, T alpha, const T *A, const T *B,
                T beta, T *C) override;
    Status addBias(T *y, const T *bias, int64_t rows, int cols) override;
    Status biasGrad(T *dbias, const T *dy, int64_t rows, int cols) override;
    Status axpy(T *y, const T *x, T a, size_t n) override;
    Status activationForward(Activation a, T *y, const T *x, size_t n) override;
    Status activationBackward(Activation a, T *dx, const T *dy, const T *x, size_t n) override;
    Status crossEntropy(const T *logits, const int32_t *labels, int rows, int classes, T smoothing,
                        T gradScale, T *losses, T *dlogits, int32_t *predicted) override;
    Status im2col(const T *x, const ConvGeometry &g, T *cols) override;
    Status col2im(const T *dcols, const ConvGeometry &g, T *dx) override;
    Status maxPoolForward(const T *x, const ConvGeometry &g, T *y, int32_t *argmax) override;
    Status avgPoolForward(const T *x, const ConvGeometry &g, T *y) override;
    Status poolBackward(const T *dy, const int32_t *argmax, const ConvGeometry &g, T *dx) override;
    Status globalAvgPoolForward(const T *x, int batch, int pixels, int channels, T *y) override;
    Status globalAvgPoolBackward(const T *dy, int batch, int pixels, int channels, T *dx) override;
    Status batchNormForwardTrain(const T *x, int64_t rows, int channels, const T *gamma,
                                 const T *beta, T eps, T momentum, T *runningMean, T *runningVar,
                                 T *saveMean, T *saveInvStd, T *y) override;
    Status batchNormForwardInfer(const T *x, int64_t rows, int channels, const T *gamma,
                                 const T *beta, T eps, const T *runningMean, const T *runningVar,
                                 T *y) override;
    Status batchNormBackward(const T *dy, const T *x, int64_t rows, int channels, const T *gamma,
                             const T *saveMean, const T *saveInvStd, T *dx, T *dgamma,
                             T *dbeta) override;
    Status batchNormReluForwardTrain(const T *x, int64_t rows, int channels, const T *gamma,
                                     const T *beta, T eps, T momentum, T *runningMean,
                                     T *runningVar, T *saveMean, T *saveInvStd, T *y) override;
    Status batchNormReluForwardInfer(const T *x, int64_t rows, int channels, const T *gamma,
                                     const T *beta, T eps, const T *runningMean,
                                     const T *runningVar, T *y) override;
    Status batchNormReluBackward(const T *dy, const T *y, const T *x, int64_t rows, int channels,
                                 const T *gamma, const T *saveMean, const T *saveInvStd, T *scratch,
                                 T *dx, T *dgamma, T *dbeta) override;
    Status dropoutForward(const T *x, size_t n, float p, uint64_t key, T *y) override;
    Status dropoutBackward(const T *dy, size_t n, float p, uint64_t key, T *dx) override;
    Status adamwUpdate(T *param, const T *grad, T *m, T *v, size_t n, const AdamHyper &h) override;
    Status sgdUpdate(T *param, const T *grad, T *momentum, size_t n, const SgdHyper &h) override;
    Status sumSquares(const T *x, size_t n, double *result) override;
    Status scale(T *x, T a, size_t n) override;

private:
    // y = normalised x, then ReLU when relu is set.
    void normForwardTrain(const T *x, int64_t rows, int channels, const T *gamma, const T *beta,
                          T eps, T momentum, T *runningMean, T *runningVar, T *saveMean,
                          T *saveInvStd, T *y, bool relu);
    void normForwardInfer(const T *x, int64_t rows, int channels, const T *gamma, const T *beta,
                          T eps, const T *runningMean, const T *runningVar, T *y, bool relu);
    // With reluOut set, dy is masked by reluOut > 0 first.
    void normBackward(const T *dy, const T *reluOut, const T *x, int64_t rows, int channels,
                      const T *gamma, const T *saveMean, const T *saveInvStd, T *dx, T *dgamma,
                      T *dbeta);

    std::vector<double> m_partial; // per-block partial sums of batch-norm reductions
    std::vector<double> m_sums;
    std::vector<double> m_means;
    std::vector<T> m_invStd;
    std::vector<T> m_factors;
};

extern template class CpuOps<float>;
extern template class CpuOps<double>;

} // namespace td
