// CUDA backend (float). Only this header is visible to C++ code; everything CUDA lives in the
// .cu files so the rest of the engine builds with a plain C++ compiler.
#pragma once

#include "backend/ops.h"

#include <memory>

namespace td {

// Checks for a usable device first (cudaGetDeviceCount answers "insufficient driver" or "no
// device" without creating anything), then selects `device` and creates the cuBLAS handle.
Status createCudaBackend(int device, std::unique_ptr<Ops<float>> &ops);

} // namespace td
