// CUDA backend (float). Only this header is visible to C++ code; everything CUDA lives in the
// .cu files so the rest of the engine builds with a plain C++ compiler.
#pragma once

#include "backend/accelerator.h"
#include "dist/communicator.h"

#include <memory>

namespace td {

struct CudaBackendOptions
{
    bool cudnn = true; // use cuDNN when it loads (TRAINDECK_CUDNN=0 also turns it off)
};

// Checks for a usable device first (cudaGetDeviceCount answers "insufficient driver" or "no
// device" without creating anything), then selects `device` and creates the cuBLAS handle.
Status createCudaBackend(int device, std::unique_ptr<Ops<float>> &ops);
Status createCudaBackend(int device, const CudaBackendOptions &options,
                         std::unique_ptr<Ops<float>> &ops);

// The backend's cudaStream_t (null when `ops` is not the CUDA backend).
void *cudaBackendStream(Ops<float> &ops);

// NCCL communicator on the CUDA backend's device and stream (nccl_communicator.cpp).
Status createNcclCommunicator(const DistSettings &settings, Ops<float> &ops,
                              std::unique_ptr<Communicator> &out);

} // namespace td
