// One status check for every CUDA runtime and cuBLAS call: failures become a Status naming the
// call, file and line. Never exit(): the engine reports the error as a metrics line.
#pragma once

#include "common/status.h"

#include <cublas_v2.h>
#include <cuda_runtime.h>

#include <string>

namespace td {

inline Status cudaStatus(cudaError_t rc, const char *expr, const char *file, int line)
{
    if (rc == cudaSuccess)
        return Status::ok();
    const ErrorKind kind = rc == cudaErrorMemoryAllocation ? ErrorKind::Oom : ErrorKind::CudaDriver;
    return {kind, std::string(expr) + " failed: " + cudaGetErrorString(rc) + " (" + file + ":" +
                      std::to_string(line) + ")"};
}

inline Status cublasStatus(cublasStatus_t rc, const char *expr, const char *file, int line)
{
    if (rc == CUBLAS_STATUS_SUCCESS)
        return Status::ok();
    const ErrorKind kind =
        rc == CUBLAS_STATUS_ALLOC_FAILED ? ErrorKind::Oom : ErrorKind::CudaDriver;
    return {kind, std::string(expr) + " failed: cuBLAS status " + std::to_string(int(rc)) + " (" +
                      file + ":" + std::to_string(line) + ")"};
}

#define TD_CUDA_CHECK(expr) TD_RETURN_IF_ERROR(::td::cudaStatus((expr), #expr, __FILE__, __LINE__))
#define TD_CUBLAS_CHECK(expr)                                                                      \
    TD_RETURN_IF_ERROR(::td::cublasStatus((expr), #expr, __FILE__, __LINE__))
// Kernel launches report configuration errors through cudaGetLastError.
#define TD_CUDA_CHECK_LAUNCH() TD_CUDA_CHECK(cudaGetLastError())

} // namespace td
